package dev.shareguard.errorprone;

import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.Types;
import com.sun.tools.javac.tree.JCTree;
import com.sun.tools.javac.tree.JCTree.JCAnnotation;
import com.sun.tools.javac.tree.JCTree.JCAssign;
import com.sun.tools.javac.tree.JCTree.JCBlock;
import com.sun.tools.javac.tree.JCTree.JCClassDecl;
import com.sun.tools.javac.tree.JCTree.JCCompilationUnit;
import com.sun.tools.javac.tree.JCTree.JCExpression;
import com.sun.tools.javac.tree.JCTree.JCIdent;
import com.sun.tools.javac.tree.JCTree.JCLiteral;
import com.sun.tools.javac.tree.JCTree.JCMethodDecl;
import com.sun.tools.javac.tree.JCTree.JCModifiers;
import com.sun.tools.javac.tree.JCTree.JCNewArray;
import com.sun.tools.javac.tree.JCTree.JCNewClass;
import com.sun.tools.javac.tree.JCTree.JCVariableDecl;
import com.sun.tools.javac.tree.TreeInfo;
import dev.shareguard.core.ir.Annotation;
import dev.shareguard.core.ir.ClassDecl;
import dev.shareguard.core.ir.DocContract;
import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.FieldDecl;
import dev.shareguard.core.ir.MethodDecl;
import dev.shareguard.core.ir.Modifier;
import dev.shareguard.core.ir.Param;
import dev.shareguard.core.ir.Pos;
import dev.shareguard.core.ir.SourceFile;
import dev.shareguard.core.ir.Stmt;
import dev.shareguard.core.ir.TypeRef;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lowers one attributed compilation unit: classes and their members here, statement and expression
 * bodies in {@link StatementLowering} and {@link ExpressionLowering}.
 *
 * <p>Only what is written in source is lowered: javac's default, anonymous and record constructors,
 * the {@code super()} calls it inserts and other generated members are skipped.
 *
 * <p>Modifiers are the written ones plus those the language implies (the flags javac puts on the
 * symbols), the same rules as the CLI front end: members of interfaces and annotation types are
 * {@code public} (fields also {@code static final}, member types {@code static}, body-less methods
 * that are not static, default or private {@code abstract}); nested and local enums, records,
 * interfaces and annotation types are {@code static}; records are {@code final}; enum constants are
 * {@code public static final}; enum constructors {@code private}; record components are {@code
 * private final} fields. Anonymous classes have none.
 */
final class UnitLowering {
  /** A class whose body is being lowered, for resolving implicit {@code this}. */
  record Scope(ClassSymbol sym, String id, TypeRef type) {}

  final Types types;
  final Positions positions;
  final ClassIds ids;
  final TypeLowering typeLowering;
  final ExpressionLowering expressions;
  final StatementLowering statements;

  /** Enclosing classes, innermost first. */
  final Deque<Scope> scopes = new ArrayDeque<>();

  private final JCCompilationUnit unit;
  private final String path;
  private final List<ClassDecl> classes = new ArrayList<>();

  /**
   * The unit's text, or null if it could not be read. A string: javac hands out a buffer, whose
   * characters are slow to read one by one while cold.
   */
  private final String source;

  UnitLowering(JCCompilationUnit unit, Types types, CharSequence source, String path) {
    this.unit = unit;
    this.types = types;
    this.path = path;
    this.source = source == null ? null : source.toString();
    this.positions = new Positions(this.source, unit.getLineMap(), unit.endPositions);
    this.ids = ClassIds.assign(unit);
    this.typeLowering = new TypeLowering(types, ids, positions);
    this.expressions = new ExpressionLowering(this);
    this.statements = new StatementLowering(this);
  }

  SourceFile lower() {
    for (JCTree def : unit.defs) {
      if (def instanceof JCClassDecl) {
        lowerClass((JCClassDecl) def, null, null, false);
      }
    }
    List<ClassDecl> sorted = new ArrayList<>(classes);
    sorted.sort(Comparator.comparing(ClassDecl::pos));
    String pkg = unit.getPackageName() == null ? "" : unit.getPackageName().toString();
    return new SourceFile(path, pkg, sorted);
  }

  /**
   * Lowers a class declaration and (through its members) every class nested in it, adding them to
   * the file's class list. {@code anonymousPos} is the position of an anonymous class ({@code new},
   * or the enum constant), null for named and local classes; {@code enclosingId} is the lexically
   * enclosing class, null for top-level classes; {@code inInterface} tells a member of an interface
   * or annotation type.
   */
  String lowerClass(JCClassDecl tree, String enclosingId, Pos anonymousPos, boolean inInterface) {
    String id = ids.idOf(tree);
    boolean anonymous = tree.name.isEmpty();
    ClassDecl.Kind kind = classKind(tree, anonymous);
    Pos pos = anonymous ? anonymousPos : positions.at(positions.classNameOffset(tree));
    TypeRef superclass = null;
    List<TypeRef> interfaces = new ArrayList<>();
    if (anonymous) {
      Type supertype = tree.sym == null ? null : typeLowering.anonymousSupertype(tree.sym.type);
      if (supertype != null && supertype.tsym != null && supertype.tsym.isInterface()) {
        interfaces.add(typeLowering.lower(supertype));
      } else if (supertype != null) {
        superclass = typeLowering.lower(supertype);
      }
    } else {
      if (tree.extending != null) {
        superclass = typeLowering.lowerDeclared(tree.extending.type, tree.extending);
      }
      for (JCExpression i : tree.implementing) {
        interfaces.add(typeLowering.lowerDeclared(i.type, i));
      }
    }
    TypeRef selfType =
        tree.sym == null
            ? TypeRef.unresolved(tree.name.toString())
            : typeLowering.lower(tree.sym.type);
    scopes.push(new Scope(tree.sym, id, selfType));
    List<FieldDecl> fields = new ArrayList<>();
    List<MethodDecl> methods = new ArrayList<>();
    boolean interfaceLike = (tree.mods.flags & Flags.INTERFACE) != 0;
    try {
      for (JCTree def : tree.defs) {
        if (def instanceof JCVariableDecl) {
          fields.add(lowerField((JCVariableDecl) def, tree, interfaceLike));
        } else if (def instanceof JCMethodDecl) {
          JCMethodDecl m = (JCMethodDecl) def;
          if (!isGenerated(m)) {
            methods.add(lowerMethod(m, kind, interfaceLike));
          }
        } else if (def instanceof JCBlock) {
          methods.add(lowerInitializer((JCBlock) def));
        } else if (def instanceof JCClassDecl) {
          lowerClass((JCClassDecl) def, id, null, interfaceLike);
        }
      }
    } finally {
      scopes.pop();
    }
    Set<Modifier> modifiers = Set.of();
    if (!anonymous) {
      modifiers = modifiers(tree.mods, ModifierTarget.CLASS);
      boolean implicitlyStatic =
          kind == ClassDecl.Kind.ENUM
              || kind == ClassDecl.Kind.RECORD
              || kind == ClassDecl.Kind.INTERFACE
              || kind == ClassDecl.Kind.ANNOTATION;
      if (enclosingId != null && implicitlyStatic) {
        modifiers.add(Modifier.STATIC);
      }
      if (kind == ClassDecl.Kind.RECORD) {
        modifiers.add(Modifier.FINAL);
      }
      if (inInterface) {
        modifiers.add(Modifier.PUBLIC);
        modifiers.add(Modifier.STATIC);
      }
    }
    classes.add(
        new ClassDecl(
            pos,
            id,
            tree.name.toString(),
            kind,
            modifiers,
            classAnnotations(tree, anonymous),
            superclass,
            interfaces,
            enclosingId,
            fields,
            methods));
    return id;
  }

  /**
   * The class's annotations, plus {@link DocContract#NOT_THREAD_SAFE} when its doc comment says it
   * is not thread-safe (read from the source text: javac keeps doc comments only for some runs).
   */
  private List<Annotation> classAnnotations(JCClassDecl tree, boolean anonymous) {
    List<Annotation> out = annotations(tree.mods);
    if (!anonymous && source != null
        && DocContract.saysNotThreadSafe(source, TreeInfo.getStartPos(tree))) {
      out = new ArrayList<>(out);
      out.add(Annotation.of(DocContract.NOT_THREAD_SAFE));
    }
    return out;
  }

  private ClassDecl.Kind classKind(JCClassDecl tree, boolean anonymous) {
    if (anonymous) {
      return ClassDecl.Kind.ANONYMOUS;
    }
    switch (tree.getKind()) {
      case INTERFACE:
        return ClassDecl.Kind.INTERFACE;
      case ENUM:
        return ClassDecl.Kind.ENUM;
      case ANNOTATION_TYPE:
        return ClassDecl.Kind.ANNOTATION;
      default:
        if ((tree.mods.flags & Flags.RECORD) != 0 || "RECORD".equals(tree.getKind().name())) {
          return ClassDecl.Kind.RECORD;
        }
        // Local records, enums and interfaces keep their own kind (they are implicitly static);
        // only a local plain class is LOCAL.
        return ids.isLocal(tree) ? ClassDecl.Kind.LOCAL : ClassDecl.Kind.CLASS;
    }
  }

  /** Members javac added rather than the programmer: default and anonymous constructors etc. */
  private static boolean isGenerated(JCMethodDecl m) {
    long flags = m.mods.flags | (m.sym == null ? 0 : m.sym.flags());
    return (flags & (Flags.GENERATEDCONSTR | Flags.ANONCONSTR | Flags.SYNTHETIC)) != 0
        || ((flags & Flags.GENERATED_MEMBER) != 0 && (flags & Flags.RECORD) != 0);
  }

  private FieldDecl lowerField(JCVariableDecl v, JCClassDecl owner, boolean inInterface) {
    Pos pos = positions.at(v.pos);
    long flags = v.mods.flags;
    Set<Modifier> modifiers;
    TypeRef type;
    Expr init;
    if ((flags & Flags.ENUM) != 0) {
      modifiers = EnumSet.of(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL);
      type =
          v.sym == null
              ? TypeRef.unresolved(owner.name.toString())
              : typeLowering.lower(v.sym.type);
      init =
          v.init instanceof JCNewClass ? expressions.enumConstant((JCNewClass) v.init, pos) : null;
    } else {
      if ((flags & Flags.RECORD) != 0) {
        modifiers = EnumSet.of(Modifier.PRIVATE, Modifier.FINAL);
      } else {
        modifiers = modifiers(v.mods, ModifierTarget.FIELD);
        if (inInterface) {
          modifiers.addAll(EnumSet.of(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL));
        }
      }
      type = typeLowering.lowerDeclared(v.sym == null ? v.type : v.sym.type, v.vartype);
      init = v.init == null ? null : expressions.lower(v.init);
    }
    return new FieldDecl(pos, v.name.toString(), type, modifiers, annotations(v.mods), init);
  }

  private MethodDecl lowerMethod(JCMethodDecl m, ClassDecl.Kind ownerKind, boolean inInterface) {
    boolean constructor = m.name.toString().equals("<init>");
    List<Param> params = new ArrayList<>();
    for (JCVariableDecl p : m.params) {
      params.add(param(p));
    }
    TypeRef returnType =
        constructor || m.restype == null
            ? TypeRef.VOID
            : typeLowering.lowerDeclared(m.restype.type, m.restype);
    boolean varargs =
        (m.sym != null && (m.sym.flags() & Flags.VARARGS) != 0)
            || (!m.params.isEmpty() && (m.params.last().mods.flags & Flags.VARARGS) != 0);
    Stmt.Block body = m.body == null ? null : statements.lowerBlock(m.body);
    Set<Modifier> modifiers = modifiers(m.mods, ModifierTarget.METHOD);
    if (inInterface) {
      if (!modifiers.contains(Modifier.PRIVATE)) {
        modifiers.add(Modifier.PUBLIC);
      }
      if (m.body == null
          && !modifiers.contains(Modifier.STATIC)
          && !modifiers.contains(Modifier.DEFAULT)
          && !modifiers.contains(Modifier.PRIVATE)) {
        modifiers.add(Modifier.ABSTRACT);
      }
    }
    if (constructor && ownerKind == ClassDecl.Kind.ENUM) {
      modifiers.add(Modifier.PRIVATE);
    }
    return new MethodDecl(
        positions.at(m.pos),
        constructor ? MethodDecl.CONSTRUCTOR : m.name.toString(),
        params,
        returnType,
        modifiers,
        annotations(m.mods),
        varargs,
        body);
  }

  /**
   * An initializer block as a method. Its position is where the block starts ({@code static} for a
   * static block); its body block is positioned at the opening brace.
   */
  private MethodDecl lowerInitializer(JCBlock block) {
    boolean isStatic = (block.flags & Flags.STATIC) != 0;
    Pos pos = positions.start(block);
    Pos bodyPos = positions.at(positions.find('{', TreeInfo.getStartPos(block)));
    Stmt.Block body = new Stmt.Block(bodyPos, statements.lowerStatements(block.stats, block));
    return new MethodDecl(
        pos,
        isStatic ? MethodDecl.STATIC_INIT : MethodDecl.INSTANCE_INIT,
        List.of(),
        TypeRef.VOID,
        isStatic ? EnumSet.of(Modifier.STATIC) : Set.of(),
        List.of(),
        false,
        body);
  }

  /** A method, lambda or catch parameter. */
  Param param(JCVariableDecl p) {
    Type t = p.sym == null ? p.type : p.sym.type;
    TypeRef type =
        p.vartype == null || p.vartype.pos < 0
            ? typeLowering.lower(t)
            : typeLowering.lowerDeclared(t, p.vartype);
    return new Param(p.name.toString(), type, annotations(p.mods));
  }

  /** Which declaration a modifier set belongs to: the same flag bits mean different things. */
  enum ModifierTarget {
    CLASS,
    FIELD,
    METHOD
  }

  /**
   * The modifiers written on a declaration (a mutable set). Taken from the source text when it is
   * known, because javac adds implied flags to some trees; the tree's flags are the fallback.
   */
  Set<Modifier> modifiers(JCModifiers mods, ModifierTarget target) {
    Set<String> written = positions.writtenModifiers(mods);
    Set<Modifier> out = EnumSet.noneOf(Modifier.class);
    long f = mods == null ? 0 : mods.flags;
    add(out, written, f, Flags.PUBLIC, Modifier.PUBLIC);
    add(out, written, f, Flags.PROTECTED, Modifier.PROTECTED);
    add(out, written, f, Flags.PRIVATE, Modifier.PRIVATE);
    add(out, written, f, Flags.STATIC, Modifier.STATIC);
    add(out, written, f, Flags.FINAL, Modifier.FINAL);
    if (target != ModifierTarget.FIELD) {
      add(out, written, f, Flags.ABSTRACT, Modifier.ABSTRACT);
    }
    if (target == ModifierTarget.FIELD) {
      add(out, written, f, Flags.VOLATILE, Modifier.VOLATILE);
      add(out, written, f, Flags.TRANSIENT, Modifier.TRANSIENT);
    }
    if (target == ModifierTarget.METHOD) {
      add(out, written, f, Flags.SYNCHRONIZED, Modifier.SYNCHRONIZED);
      add(out, written, f, Flags.NATIVE, Modifier.NATIVE);
      add(out, written, f, Flags.DEFAULT, Modifier.DEFAULT);
    }
    return out;
  }

  private static void add(
      Set<Modifier> out, Set<String> written, long flags, long flag, Modifier m) {
    boolean present =
        written == null
            ? (flags & flag) != 0
            : written.contains(m.name().toLowerCase(java.util.Locale.ROOT));
    if (present) {
      out.add(m);
    }
  }

  List<Annotation> annotations(JCModifiers mods) {
    List<Annotation> out = new ArrayList<>();
    if (mods != null) {
      for (JCAnnotation a : mods.annotations) {
        out.add(annotation(a));
      }
    }
    return out;
  }

  /**
   * An annotation with its string-valued elements. Element values are compile-time constants, so a
   * constant reference ({@code @GuardedBy(LOCK_NAME)}) is kept by its value.
   */
  private Annotation annotation(JCAnnotation a) {
    Type t = a.annotationType.type;
    String name =
        t == null || t.isErroneous() || t.tsym == null
            ? positions.sourceText(a.annotationType)
            : typeLowering.className(t.tsym);
    Map<String, List<String>> values = new LinkedHashMap<>();
    for (JCExpression arg : a.args) {
      String key = "value";
      JCExpression value = arg;
      if (arg instanceof JCAssign) {
        JCAssign assign = (JCAssign) arg;
        key =
            assign.lhs instanceof JCIdent
                ? ((JCIdent) assign.lhs).name.toString()
                : assign.lhs.toString();
        value = assign.rhs;
      }
      List<String> strings = strings(value);
      if (strings != null) {
        values.put(key, strings);
      }
    }
    return new Annotation(name, values);
  }

  /** The strings of a string or string-array element value, or null when it holds no strings. */
  private static List<String> strings(JCExpression value) {
    if (value instanceof JCNewArray) {
      JCNewArray array = (JCNewArray) value;
      List<String> out = new ArrayList<>();
      for (JCExpression e : array.elems) {
        String s = string(e);
        if (s == null) {
          return null;
        }
        out.add(s);
      }
      boolean stringArray =
          !out.isEmpty()
              || (array.type != null
                  && array.type.getKind() == javax.lang.model.type.TypeKind.ARRAY
                  && ((Type.ArrayType) array.type).elemtype.tsym != null
                  && ((Type.ArrayType) array.type)
                      .elemtype
                      .tsym
                      .getQualifiedName()
                      .contentEquals("java.lang.String"));
      return stringArray ? out : null;
    }
    String s = string(value);
    return s == null ? null : List.of(s);
  }

  private static String string(JCExpression e) {
    if (e != null && e.type != null && e.type.constValue() instanceof String) {
      return (String) e.type.constValue();
    }
    if (e instanceof JCLiteral && ((JCLiteral) e).getValue() instanceof String) {
      return (String) ((JCLiteral) e).getValue();
    }
    return null;
  }

  /** The innermost class being lowered. */
  Scope currentScope() {
    return scopes.peek();
  }

  /** The scope of {@code sym} if it is a lexically enclosing class, else null. */
  Scope scopeOf(Symbol sym) {
    for (Scope s : scopes) {
      if (s.sym() != null && s.sym() == sym) {
        return s;
      }
    }
    return null;
  }
}
