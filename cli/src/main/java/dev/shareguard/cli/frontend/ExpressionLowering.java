package dev.shareguard.cli.frontend;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.EnumConstantDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.ArrayCreationExpr;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.CharLiteralExpr;
import com.github.javaparser.ast.expr.ClassExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.DoubleLiteralExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.InstanceOfExpr;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.LiteralExpr;
import com.github.javaparser.ast.expr.LongLiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.PatternExpr;
import com.github.javaparser.ast.expr.RecordPatternExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.SuperExpr;
import com.github.javaparser.ast.expr.SwitchExpr;
import com.github.javaparser.ast.expr.TextBlockLiteralExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.TypeExpr;
import com.github.javaparser.ast.expr.TypePatternExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.Type;
import dev.shareguard.cli.frontend.TypeSystem.FieldHit;
import dev.shareguard.cli.frontend.TypeSystem.FunctionType;
import dev.shareguard.cli.frontend.TypeSystem.MethodHit;
import dev.shareguard.cli.frontend.TypeSystem.Visited;
import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.MethodDecl;
import dev.shareguard.core.ir.MethodTarget;
import dev.shareguard.core.ir.Param;
import dev.shareguard.core.ir.Pos;
import dev.shareguard.core.ir.Stmt;
import dev.shareguard.core.ir.TypeRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lowers expressions, computing each one's static type, resolving names (locals shadow fields,
 * fields of enclosing classes get an explicit {@code ThisRef}, static members and imports get no
 * receiver), and resolving calls (overloads by arity and known argument types, type arguments of
 * the receiver substituted into return types, method type variables inferred from arguments and
 * lambda results where simple).
 */
final class ExpressionLowering {
  /** The name javac gives the pseudo-class that declares array members. */
  private static final String ARRAY_CLASS = "Array";

  private final FileLowering f;
  private final TypeSystem ts;

  ExpressionLowering(FileLowering f) {
    this.f = f;
    this.ts = f.ts;
  }

  /** A dotted prefix that is not a variable or type (yet): a package, or an unknown field. */
  private record PackageName(String name, Pos pos, boolean maybeField) {}

  // ---------------------------------------------------------------- dispatch

  /** Lowers {@code e}; {@code expected} is the target type where the context gives one. */
  Expr expr(Expression e, TypeRef expected) {
    Pos pos = Positions.of(e);
    if (e instanceof NameExpr n) {
      return asValue(name(n));
    } else if (e instanceof MethodCallExpr mc) {
      return call(mc, expected);
    } else if (e instanceof FieldAccessExpr fa) {
      return asValue(fieldAccess(fa));
    } else if (e instanceof LiteralExpr lit) {
      return literal(lit, pos);
    } else if (e instanceof BinaryExpr b) {
      Expr l = expr(b.getLeft(), null);
      Expr r = expr(b.getRight(), null);
      String op = b.getOperator().asString();
      return new Expr.Binary(pos, binaryType(op, l.type(), r.type()), op, l, r);
    } else if (e instanceof AssignExpr a) {
      Expr target = expr(a.getTarget(), null);
      String op = a.getOperator().asString();
      Expr value =
          a.getValue() instanceof ArrayInitializerExpr ai
              ? arrayInitializer(ai, target.type())
              : expr(a.getValue(), op.equals("=") ? target.type() : null);
      return new Expr.Assign(pos, target.type(), target, op, value);
    } else if (e instanceof UnaryExpr u) {
      return unary(u, pos);
    } else if (e instanceof ObjectCreationExpr oc) {
      return creation(oc, expected);
    } else if (e instanceof ThisExpr t) {
      return thisRef(t, pos);
    } else if (e instanceof EnclosedExpr p) {
      return expr(p.getInner(), expected);
    } else if (e instanceof CastExpr c) {
      TypeRef t = f.tr.resolve(c.getType(), f.scope);
      return new Expr.Cast(pos, t, expr(c.getExpression(), t));
    } else if (e instanceof ConditionalExpr c) {
      Expr cond = expr(c.getCondition(), TypeSystem.BOOLEAN);
      Expr a = expr(c.getThenExpr(), expected);
      Expr b = expr(c.getElseExpr(), expected);
      return new Expr.Conditional(pos, conditionalType(a.type(), b.type(), expected), cond, a, b);
    } else if (e instanceof LambdaExpr l) {
      return lambda(l, expected);
    } else if (e instanceof MethodReferenceExpr m) {
      return methodRef(m, expected);
    } else if (e instanceof ArrayAccessExpr a) {
      Expr array = expr(a.getName(), null);
      Expr index = expr(a.getIndex(), TypeSystem.INT);
      TypeRef t = array.type().isArray() ? array.type().elementType() : TypeRef.UNKNOWN;
      return new Expr.ArrayAccess(pos, t, array, index);
    } else if (e instanceof ArrayCreationExpr a) {
      return arrayCreation(a, pos);
    } else if (e instanceof ArrayInitializerExpr a) {
      return arrayInitializer(a, expected);
    } else if (e instanceof InstanceOfExpr i) {
      return instanceOf(i, pos);
    } else if (e instanceof ClassExpr c) {
      TypeRef of = f.tr.resolve(c.getType(), f.scope);
      TypeRef boxed = of.arrayDims() == 0 ? TypeSystem.box(of) : of;
      return new Expr.ClassLiteral(pos, TypeRef.of("java.lang.Class", boxed), of);
    } else if (e instanceof SwitchExpr s) {
      return switchExpr(s, pos, expected);
    } else if (e instanceof SuperExpr s) {
      return superRef(s, pos);
    }
    // Anything else (a type or pattern in an odd place): keep its sub-expressions.
    return opaque(e, pos, e.getClass().getSimpleName());
  }

  /** An {@link Expr.Opaque} holding the lowered direct sub-expressions of {@code e}. */
  private Expr opaque(Node e, Pos pos, String what) {
    List<Expr> parts = new ArrayList<>();
    for (Node child : e.getChildNodes()) {
      if (child instanceof Expression ce
          && !(child instanceof PatternExpr)
          && !(child instanceof TypeExpr)) {
        parts.add(expr(ce, null));
      }
    }
    return new Expr.Opaque(pos, TypeRef.UNKNOWN, what, parts);
  }

  private Expr literal(LiteralExpr lit, Pos pos) {
    String text = f.unit.source.text(lit);
    TypeRef t;
    if (lit instanceof StringLiteralExpr || lit instanceof TextBlockLiteralExpr) {
      t = TypeSystem.STRING;
    } else if (lit instanceof IntegerLiteralExpr) {
      t = TypeSystem.INT;
    } else if (lit instanceof LongLiteralExpr) {
      t = TypeRef.primitive("long");
    } else if (lit instanceof BooleanLiteralExpr) {
      t = TypeSystem.BOOLEAN;
    } else if (lit instanceof CharLiteralExpr) {
      t = TypeRef.primitive("char");
    } else if (lit instanceof DoubleLiteralExpr) {
      // A float literal ends in f or F (a hex float ends in its exponent's digits otherwise).
      t = TypeRef.primitive(text.endsWith("f") || text.endsWith("F") ? "float" : "double");
    } else {
      t = TypeRef.UNKNOWN; // null
    }
    return new Expr.Literal(pos, t, text);
  }

  // ---------------------------------------------------------------- names and fields

  /** Converts what a name denotes to a value expression. */
  private Expr asValue(Object denoted) {
    if (denoted instanceof Expr e) {
      return e;
    } else if (denoted instanceof PackageName p) {
      return packageAsValue(p);
    }
    // A type where a value is expected (only a scope may be a type): unresolved static access.
    TypeRef t = (TypeRef) denoted;
    return new Expr.Opaque(Pos.UNKNOWN, TypeRef.UNKNOWN, "type " + t, List.of());
  }

  /** A simple name: a local, a field (of an enclosing class or statically imported), or a type. */
  private Object name(NameExpr n) {
    String name = n.getNameAsString();
    Pos pos = Positions.of(n);
    Expr v = variable(name, pos);
    if (v != null) {
      return v;
    }
    TypeRef t = f.scope.resolveTypeName(name, ts);
    if (t != null) {
      return t;
    }
    if (Character.isUpperCase(name.charAt(0))) {
      return TypeRef.unresolved(name);
    }
    return new PackageName(name, pos, true);
  }

  /** The local or field {@code name} visible here, or null. */
  Expr variable(String name, Pos pos) {
    for (Scope s = f.scope; s != null; s = s.parent) {
      switch (s.kind) {
        case BLOCK, METHOD, LAMBDA -> {
          TypeRef t = s.local(name);
          if (t != null) {
            return new Expr.LocalRef(pos, t, name);
          }
        }
        case CLASS -> {
          FieldHit h = ts.findField(s.cls.asType(), name);
          if (h != null) {
            return fieldOfThis(s.cls, h, name, pos);
          }
        }
        case UNIT -> {
          return staticImportField(name, pos);
        }
        default -> {
          // A class header declares no variables.
        }
      }
    }
    return null;
  }

  private Expr staticImportField(String name, Pos pos) {
    for (String owner : f.unit.staticImportOwners(name)) {
      FieldHit h = ts.findField(TypeRef.of(owner), name);
      if (h != null && h.field().isStatic()) {
        return new Expr.FieldAccess(pos, h.type(), null, h.field().owner(), name, true);
      }
    }
    for (String owner : f.unit.staticOnDemandOwners()) {
      FieldHit h = ts.findField(TypeRef.of(owner), name);
      if (h != null && h.field().isStatic()) {
        return new Expr.FieldAccess(pos, h.type(), null, h.field().owner(), name, true);
      }
    }
    return null;
  }

  /** An unqualified field of {@code frame}: explicit {@code ThisRef}, or no receiver if static. */
  private Expr fieldOfThis(ProjectClass frame, FieldHit h, String name, Pos pos) {
    if (h.field().isStatic()) {
      return new Expr.FieldAccess(pos, h.type(), null, h.field().owner(), name, true);
    }
    Expr self = new Expr.ThisRef(pos, thisType(frame), frame.name(), false);
    return new Expr.FieldAccess(pos, h.type(), self, h.field().owner(), name, false);
  }

  /**
   * A name found nowhere: most likely a field inherited from a supertype outside the project, so a
   * field of the innermost enclosing class whose hierarchy is not fully known; with no such class,
   * an unresolved static field.
   */
  private Expr unresolvedName(String name, Pos pos) {
    ProjectClass c = incompleteEnclosingClass();
    if (c != null) {
      Expr self = new Expr.ThisRef(pos, thisType(c), c.name(), false);
      return new Expr.FieldAccess(pos, TypeRef.UNKNOWN, self, null, name, false);
    }
    return new Expr.FieldAccess(pos, TypeRef.UNKNOWN, null, null, name, true);
  }

  private ProjectClass incompleteEnclosingClass() {
    for (Scope s = f.scope; s != null; s = s.parent) {
      if (s.kind == Scope.Kind.CLASS && !ts.hierarchy(s.cls.asType()).complete) {
        return s.cls;
      }
    }
    return null;
  }

  private Expr packageAsValue(PackageName p) {
    String[] segments = p.name().split("\\.");
    Expr cur = unresolvedName(segments[0], p.pos());
    for (int i = 1; i < segments.length; i++) {
      cur = new Expr.FieldAccess(p.pos(), TypeRef.UNKNOWN, cur, null, segments[i], false);
    }
    return cur;
  }

  /** {@code scope.name}: a field of a value, a static field or member type of a type, a package. */
  private Object fieldAccess(FieldAccessExpr fa) {
    Pos pos = Positions.of(fa);
    String name = fa.getNameAsString();
    Object scope = scopeOf(fa.getScope());
    if (scope instanceof Expr v) {
      return fieldOf(v, name, pos);
    } else if (scope instanceof TypeRef t) {
      if (t.kind() == TypeRef.Kind.CLASS) {
        FieldHit h = ts.findField(t, name);
        if (h != null) {
          return new Expr.FieldAccess(pos, h.type(), null, h.field().owner(), name, true);
        }
        String member = ts.findMemberType(t, name);
        if (member != null) {
          return TypeRef.of(member);
        }
      } else if (t.kind() == TypeRef.Kind.UNRESOLVED
          && Character.isUpperCase(name.charAt(0))
          && !name.equals(name.toUpperCase(java.util.Locale.ROOT))) {
        return TypeRef.unresolved(t.name() + "." + name);
      }
      return new Expr.FieldAccess(pos, TypeRef.UNKNOWN, null, null, name, true);
    } else {
      PackageName p = (PackageName) scope;
      String q = p.name() + "." + name;
      if (ts.nameableModel(q) != null) {
        return TypeRef.of(q);
      }
      if (Character.isUpperCase(name.charAt(0)) && !p.maybeField()) {
        return TypeRef.unresolved(q);
      }
      if (Character.isUpperCase(name.charAt(0)) && ts.isKnownPackage(p.name())) {
        return TypeRef.unresolved(q);
      }
      return new PackageName(q, p.pos(), p.maybeField());
    }
  }

  /** What the scope of a field access or call denotes: a value, a type or a package. */
  private Object scopeOf(Expression scope) {
    if (scope instanceof NameExpr n) {
      Object r = name(n);
      if (r instanceof PackageName p && incompleteEnclosingClass() == null) {
        return new PackageName(p.name(), p.pos(), false);
      }
      return r;
    } else if (scope instanceof FieldAccessExpr fa) {
      return fieldAccess(fa);
    } else if (scope instanceof TypeExpr te) {
      return f.tr.resolve(te.getType(), f.scope);
    }
    return expr(scope, null);
  }

  /** Field {@code name} of value {@code receiver}. */
  private Expr fieldOf(Expr receiver, String name, Pos pos) {
    TypeRef t = receiver.type();
    if (t.isArray() && name.equals("length")) {
      // As javac has it: a field of the array with no declaring class.
      return new Expr.FieldAccess(pos, TypeSystem.INT, receiver, null, name, false);
    }
    FieldHit h = ts.findField(lookupType(t), name);
    if (h == null) {
      return new Expr.FieldAccess(pos, TypeRef.UNKNOWN, receiver, null, name, false);
    }
    if (h.field().isStatic()) {
      return new Expr.FieldAccess(pos, h.type(), null, h.field().owner(), name, true);
    }
    return new Expr.FieldAccess(pos, h.type(), receiver, h.field().owner(), name, false);
  }

  /** The type whose members a receiver of type {@code t} has: a type variable's bound. */
  private TypeRef lookupType(TypeRef t) {
    if (t.kind() == TypeRef.Kind.TYPEVAR && t.arrayDims() == 0) {
      TypeRef bound = f.scope.typeVarBound(t.name());
      return bound == null ? TypeSystem.OBJECT_TYPE : lookupType(bound);
    }
    return t;
  }

  /** The value of a constant for an annotation element, or null. */
  Object constantValue(Expression e) {
    Object denoted = e instanceof NameExpr n ? name(n) : fieldAccess((FieldAccessExpr) e);
    if (denoted instanceof Expr.FieldAccess fa && fa.ownerClass() != null) {
      ClassModel owner = ts.model(fa.ownerClass());
      FieldModel fm = owner == null ? null : owner.field(fa.name());
      return fm == null ? null : fm.constantValue();
    }
    return null;
  }

  private Expr thisRef(ThisExpr t, Pos pos) {
    if (t.getTypeName().isEmpty()) {
      ProjectClass c = f.scope.enclosingClass();
      return c == null
          ? new Expr.ThisRef(pos, TypeRef.UNKNOWN, "?", false)
          : new Expr.ThisRef(pos, thisType(c), c.name(), false);
    }
    ProjectClass c = namedEnclosing(t.getTypeName().get().asString());
    return c == null
        ? new Expr.ThisRef(pos, TypeRef.UNKNOWN, t.getTypeName().get().asString(), false)
        : new Expr.ThisRef(pos, thisType(c), c.name(), false);
  }

  /**
   * The type of {@code this} in class {@code c}: the class with its type variables; for an
   * anonymous class, the type written after {@code new} (what both front ends can name).
   */
  static TypeRef thisType(ProjectClass c) {
    return c.kind() == dev.shareguard.core.ir.ClassDecl.Kind.ANONYMOUS
        ? c.anonymousBase()
        : c.asType();
  }

  /** The enclosing class named {@code name} (simple or qualified), for {@code Outer.this}. */
  private ProjectClass namedEnclosing(String name) {
    for (Scope s = f.scope; s != null; s = s.parent) {
      if (s.kind == Scope.Kind.CLASS
          && (s.cls.simpleName().equals(name) || s.cls.name().equals(name))) {
        return s.cls;
      }
    }
    return null;
  }

  /**
   * {@code super} (or {@code Outer.super}, {@code Iface.super}) as a receiver: a {@code ThisRef}
   * with {@code isSuper}, typed as the superclass (or the named interface).
   */
  private Expr.ThisRef superRef(SuperExpr s, Pos pos) {
    ProjectClass c = f.scope.enclosingClass();
    if (s.getTypeName().isPresent()) {
      String name = s.getTypeName().get().asString();
      ProjectClass outer = namedEnclosing(name);
      if (outer != null) {
        c = outer;
      } else if (c != null) {
        TypeRef iface = f.tr.resolveName(List.of(name.split("\\.")), f.scope);
        if (iface != null) {
          for (TypeRef i : c.interfaces()) {
            if (i.name().equals(iface.name())) {
              return new Expr.ThisRef(pos, i, c.name(), true);
            }
          }
          return new Expr.ThisRef(pos, iface, c.name(), true);
        }
      }
    }
    if (c == null) {
      return new Expr.ThisRef(pos, TypeRef.UNKNOWN, "?", true);
    }
    TypeRef sup = c.superclass();
    return new Expr.ThisRef(pos, sup == null ? TypeSystem.OBJECT_TYPE : sup, c.name(), true);
  }

  // ---------------------------------------------------------------- operators

  private Expr unary(UnaryExpr u, Pos pos) {
    Expr operand = expr(u.getExpression(), null);
    String op;
    TypeRef t = operand.type();
    switch (u.getOperator()) {
      case PREFIX_INCREMENT -> op = "++x";
      case PREFIX_DECREMENT -> op = "--x";
      case POSTFIX_INCREMENT -> op = "x++";
      case POSTFIX_DECREMENT -> op = "x--";
      case LOGICAL_COMPLEMENT -> {
        op = "!";
        t = TypeSystem.BOOLEAN;
      }
      default -> {
        op = u.getOperator().asString();
        t = unaryPromotion(t);
      }
    }
    return new Expr.Unary(pos, t, op, operand);
  }

  private static final Set<String> NUMERIC =
      Set.of("byte", "short", "char", "int", "long", "float", "double");

  private static TypeRef unaryPromotion(TypeRef t) {
    TypeRef u = TypeSystem.unbox(t);
    if (!u.isPrimitive() || !NUMERIC.contains(u.name())) {
      return TypeSystem.isKnown(t) ? t : TypeRef.UNKNOWN;
    }
    return switch (u.name()) {
      case "byte", "short", "char" -> TypeSystem.INT;
      default -> u;
    };
  }

  /** Binary numeric promotion (JLS 5.6), or null when an operand is not numeric. */
  private static TypeRef numericPromotion(TypeRef a, TypeRef b) {
    TypeRef x = TypeSystem.unbox(a);
    TypeRef y = TypeSystem.unbox(b);
    if (!x.isPrimitive()
        || !y.isPrimitive()
        || !NUMERIC.contains(x.name())
        || !NUMERIC.contains(y.name())) {
      return null;
    }
    for (String w : List.of("double", "float", "long")) {
      if (x.name().equals(w) || y.name().equals(w)) {
        return TypeRef.primitive(w);
      }
    }
    return TypeSystem.INT;
  }

  private static TypeRef binaryType(String op, TypeRef l, TypeRef r) {
    switch (op) {
      case "==", "!=", "<", ">", "<=", ">=", "&&", "||":
        return TypeSystem.BOOLEAN;
      case "+":
        if (isString(l) || isString(r)) {
          return TypeSystem.STRING;
        }
        break;
      case "<<", ">>", ">>>":
        return unaryPromotion(l);
      case "&", "|", "^":
        if (TypeSystem.unbox(l).equals(TypeSystem.BOOLEAN)
            && TypeSystem.unbox(r).equals(TypeSystem.BOOLEAN)) {
          return TypeSystem.BOOLEAN;
        }
        break;
      default:
        break;
    }
    TypeRef n = numericPromotion(l, r);
    return n == null ? TypeRef.UNKNOWN : n;
  }

  private static boolean isString(TypeRef t) {
    return t.isResolvedClass() && t.name().equals("java.lang.String");
  }

  /**
   * JLS 15.25: a conditional of two booleans or two numbers has its standalone type; any other (a
   * reference conditional) in a context with a target type has the target type.
   */
  private static TypeRef conditionalType(TypeRef a, TypeRef b, TypeRef expected) {
    boolean bools =
        TypeSystem.unbox(a).equals(TypeSystem.BOOLEAN)
            && TypeSystem.unbox(b).equals(TypeSystem.BOOLEAN);
    boolean numbers = numericPromotion(a, b) != null;
    if (!bools
        && !numbers
        && expected != null
        && TypeSystem.isKnown(expected)
        && !expected.isPrimitive()) {
      return expected;
    }
    if (a.equals(b)) {
      return a;
    }
    if (a.kind() == TypeRef.Kind.UNKNOWN && TypeSystem.isKnown(b)) {
      return TypeSystem.box(b);
    }
    if (b.kind() == TypeRef.Kind.UNKNOWN && TypeSystem.isKnown(a)) {
      return TypeSystem.box(a);
    }
    TypeRef n = numericPromotion(a, b);
    if (n != null && (a.isPrimitive() || b.isPrimitive())) {
      return n;
    }
    if (TypeSystem.unbox(a).equals(TypeSystem.BOOLEAN)
        && TypeSystem.unbox(b).equals(TypeSystem.BOOLEAN)) {
      return TypeSystem.BOOLEAN;
    }
    if (expected != null && TypeSystem.isKnown(expected)) {
      return expected;
    }
    return a.erasure().equals(b.erasure()) ? a : TypeRef.UNKNOWN;
  }

  private Expr instanceOf(InstanceOfExpr i, Pos pos) {
    Expr e = expr(i.getExpression(), null);
    TypeRef tested = f.tr.resolve(i.getType(), f.scope);
    String binding = null;
    if (i.getPattern().isPresent()) {
      PatternExpr p = i.getPattern().get();
      if (p instanceof TypePatternExpr tp) {
        binding = tp.getNameAsString();
        f.scope.declare(binding, f.tr.resolve(tp.getType(), f.scope));
      } else {
        declarePatternBindings(p);
      }
    }
    return new Expr.InstanceOf(pos, TypeSystem.BOOLEAN, e, tested, binding);
  }

  /** Declares the variables a (record) pattern binds in the current scope. */
  private void declarePatternBindings(Node p) {
    if (p instanceof TypePatternExpr tp) {
      TypeRef t = tp.getType().isVarType() ? TypeRef.UNKNOWN : f.tr.resolve(tp.getType(), f.scope);
      f.scope.declare(tp.getNameAsString(), t);
    } else if (p instanceof RecordPatternExpr rp) {
      rp.getPatternList().forEach(this::declarePatternBindings);
    }
  }

  /** A case label: an enum constant by simple name, a pattern, or a constant expression. */
  Expr caseLabel(Expression label, Expr selector) {
    Pos pos = Positions.of(label);
    if (label instanceof NameExpr n) {
      ClassModel m = ts.model(selector.type());
      if (m != null && m.isEnum()) {
        FieldHit h = ts.findField(selector.type(), n.getNameAsString());
        String owner = h == null ? m.name() : h.field().owner();
        return new Expr.FieldAccess(
            pos, TypeRef.of(m.name()), null, owner, n.getNameAsString(), true);
      }
    }
    if (label instanceof PatternExpr p) {
      declarePatternBindings(p);
      return new Expr.Opaque(pos, TypeRef.UNKNOWN, "pattern", List.of());
    }
    return expr(label, selector.type());
  }

  // ---------------------------------------------------------------- arrays

  private Expr arrayCreation(ArrayCreationExpr a, Pos pos) {
    TypeRef element = f.tr.resolve(a.getElementType(), f.scope);
    TypeRef type = element.arrayOf(a.getLevels().size());
    List<Expr> dims = new ArrayList<>();
    a.getLevels().forEach(l -> l.getDimension().ifPresent(d -> dims.add(expr(d, TypeSystem.INT))));
    List<Expr> inits = List.of();
    if (a.getInitializer().isPresent()) {
      inits = arrayInitializer(a.getInitializer().get(), type).initializers();
    }
    return new Expr.NewArray(pos, type, dims, inits);
  }

  /** {@code {a, b}}: elements take the component type of {@code declared}. */
  Expr.NewArray arrayInitializer(ArrayInitializerExpr a, TypeRef declared) {
    TypeRef type = declared == null ? TypeRef.UNKNOWN : declared;
    TypeRef component = type.isArray() ? type.elementType() : null;
    List<Expr> inits = new ArrayList<>();
    for (Expression v : a.getValues()) {
      inits.add(
          v instanceof ArrayInitializerExpr nested
              ? arrayInitializer(nested, component)
              : expr(v, component));
    }
    return new Expr.NewArray(Positions.of(a), type, List.of(), inits);
  }

  // ---------------------------------------------------------------- switch expressions

  private Expr switchExpr(SwitchExpr s, Pos pos, TypeRef expected) {
    Expr selector = expr(s.getSelector(), null);
    f.yieldTargets.push(expected == null ? TypeRef.UNKNOWN : expected);
    List<Stmt.SwitchCase> cases;
    try {
      cases = f.cases(s.getEntries(), selector, true);
    } finally {
      f.yieldTargets.pop();
    }
    TypeRef type = expected;
    if (type == null || !TypeSystem.isKnown(type)) {
      type = TypeRef.UNKNOWN;
      for (Stmt.SwitchCase c : cases) {
        for (Stmt st : c.body()) {
          TypeRef y = yieldType(st);
          if (y != null && TypeSystem.isKnown(y)) {
            type = y;
            break;
          }
        }
        if (TypeSystem.isKnown(type)) {
          break;
        }
      }
    }
    return new Expr.SwitchExpr(pos, type, selector, cases);
  }

  private static TypeRef yieldType(Stmt s) {
    if (s instanceof Stmt.Yield y) {
      return y.expr().type();
    } else if (s instanceof Stmt.Block b) {
      for (Stmt x : b.stmts()) {
        TypeRef t = yieldType(x);
        if (t != null) {
          return t;
        }
      }
    }
    return null;
  }

  // ---------------------------------------------------------------- lambdas and method refs

  private Expr lambda(LambdaExpr l, TypeRef expected) {
    Pos pos = Positions.of(l);
    String id = f.ids.getOrDefault(l, "?lambda");
    FunctionType fn = expected == null ? null : ts.functionType(expected);
    TypeRef type = fn == null ? TypeRef.UNKNOWN : expected;
    Scope saved = f.scope;
    f.scope = f.scope.lambda(fn == null ? null : fn.returnType());
    List<Param> params = new ArrayList<>();
    NodeList<Parameter> ps = l.getParameters();
    for (int i = 0; i < ps.size(); i++) {
      Parameter p = ps.get(i);
      TypeRef t;
      if (p.getType().isUnknownType() || p.getType().isVarType()) {
        t = fn != null && i < fn.params().size() ? fn.params().get(i) : TypeRef.UNKNOWN;
      } else {
        t = f.tr.resolve(p.getType(), f.scope);
        if (p.isVarArgs()) {
          t = t.arrayOf(1);
        }
      }
      params.add(new Param(p.getNameAsString(), t, f.annotations(p.getAnnotations())));
      f.scope.declare(p.getNameAsString(), t);
    }
    Stmt.Block body;
    if (l.getBody() instanceof ExpressionStmt es) {
      Expression e = es.getExpression();
      TypeRef target = fn == null || fn.returnType().equals(TypeRef.VOID) ? null : fn.returnType();
      Expr value = expr(e, target);
      Pos p = Positions.of(e);
      body = new Stmt.Block(p, List.of(new Stmt.Return(p, value)));
    } else {
      body = f.block((BlockStmt) l.getBody());
    }
    f.scope = saved;
    return new Expr.Lambda(pos, type, id, params, body);
  }

  /** The type of what a lowered lambda returns: its first {@code return} with a value. */
  private static TypeRef resultType(Expr e) {
    if (e instanceof Expr.Lambda l) {
      TypeRef t = returnType(l.body());
      return t == null ? TypeRef.VOID : t;
    } else if (e instanceof Expr.MethodRef m) {
      return m.target().returnType();
    }
    return e.type();
  }

  private static TypeRef returnType(Stmt s) {
    if (s instanceof Stmt.Return r) {
      return r.expr() == null ? null : r.expr().type();
    }
    List<Stmt> children = new ArrayList<>();
    if (s instanceof Stmt.Block b) {
      children.addAll(b.stmts());
    } else if (s instanceof Stmt.If i) {
      children.add(i.then());
      if (i.orElse() != null) {
        children.add(i.orElse());
      }
    } else if (s instanceof Stmt.While w) {
      children.add(w.body());
    } else if (s instanceof Stmt.DoWhile d) {
      children.add(d.body());
    } else if (s instanceof Stmt.For fo) {
      children.add(fo.body());
    } else if (s instanceof Stmt.ForEach fe) {
      children.add(fe.body());
    } else if (s instanceof Stmt.Try t) {
      children.add(t.body());
      t.catches().forEach(c -> children.add(c.body()));
      if (t.finallyBlock() != null) {
        children.add(t.finallyBlock());
      }
    } else if (s instanceof Stmt.Synchronized y) {
      children.add(y.body());
    } else if (s instanceof Stmt.Labeled l) {
      children.add(l.body());
    } else if (s instanceof Stmt.Switch sw) {
      sw.cases().forEach(c -> children.addAll(c.body()));
    }
    for (Stmt c : children) {
      TypeRef t = returnType(c);
      if (t != null) {
        return t;
      }
    }
    return null;
  }

  /**
   * {@code recv::m}, {@code Type::m}, {@code Type::new}, {@code super::m}. The target is chosen by
   * the arity the functional interface implies when it is known, else when the name alone decides.
   */
  private Expr methodRef(MethodReferenceExpr m, TypeRef expected) {
    Pos pos = Positions.of(m);
    FunctionType fn = expected == null ? null : ts.functionType(expected);
    TypeRef type = fn == null ? TypeRef.UNKNOWN : expected;
    String name = m.getIdentifier();
    Expression sc = m.getScope();
    Expr receiver = null;
    TypeRef qualifier;
    Object named = sc instanceof TypeExpr te ? typeExprAsName(te) : null;
    if (named instanceof Expr value) {
      receiver = value;
      qualifier = value.type();
    } else if (sc instanceof TypeExpr te) {
      qualifier = f.tr.resolve(te.getType(), f.scope);
    } else if (sc instanceof SuperExpr s) {
      receiver = superRef(s, Positions.of(s));
      qualifier = receiver.type();
    } else {
      Object denoted = scopeOf(sc);
      if (denoted instanceof TypeRef t) {
        qualifier = t;
      } else {
        receiver = asValue(denoted);
        qualifier = receiver.type();
      }
    }
    int samArity = fn == null ? -1 : fn.params().size();
    MethodTarget target;
    if (name.equals("new")) {
      target = constructorRef(qualifier, samArity);
    } else {
      target = methodRefTarget(lookupType(qualifier), name, samArity, receiver != null);
    }
    return new Expr.MethodRef(pos, type, receiver, qualifier, target);
  }

  /**
   * JavaParser parses the qualifier of {@code names::add} as a type even when it names a variable
   * (it cannot tell them apart); a plain dotted name whose first part is a variable is a value.
   */
  private Object typeExprAsName(TypeExpr te) {
    if (!(te.getType() instanceof ClassOrInterfaceType c)) {
      return null;
    }
    List<ClassOrInterfaceType> parts = new ArrayList<>();
    for (ClassOrInterfaceType s = c; s != null; s = s.getScope().orElse(null)) {
      if (s.getTypeArguments().isPresent()) {
        return null;
      }
      parts.add(0, s);
    }
    Expr cur = variable(parts.get(0).getNameAsString(), Positions.of(parts.get(0)));
    if (cur == null) {
      return null;
    }
    for (int i = 1; i < parts.size(); i++) {
      cur = fieldOf(cur, parts.get(i).getNameAsString(), Positions.of(c));
    }
    return cur;
  }

  private MethodTarget constructorRef(TypeRef qualifier, int samArity) {
    if (qualifier.isArray()) {
      return new MethodTarget(
          ARRAY_CLASS,
          MethodDecl.CONSTRUCTOR,
          List.of(TypeSystem.INT),
          1,
          qualifier,
          false,
          false,
          true);
    }
    ClassModel model = ts.model(qualifier);
    if (model == null) {
      return qualifier.kind() == TypeRef.Kind.CLASS
          ? new MethodTarget(
              qualifier.name(),
              MethodDecl.CONSTRUCTOR,
              List.of(),
              Math.max(samArity, 0),
              qualifier,
              false,
              false,
              true)
          : MethodTarget.unresolved(MethodDecl.CONSTRUCTOR, Math.max(samArity, 0));
    }
    List<MethodModel> ctors = model.constructors();
    MethodModel pick = null;
    for (MethodModel c : ctors) {
      if (samArity < 0 ? ctors.size() == 1 : c.arity() == samArity) {
        pick = c;
        break;
      }
    }
    if (pick == null) {
      return new MethodTarget(
          model.name(),
          MethodDecl.CONSTRUCTOR,
          List.of(),
          Math.max(samArity, 0),
          qualifier,
          false,
          false,
          true);
    }
    return new MethodTarget(
        model.name(),
        MethodDecl.CONSTRUCTOR,
        pick.erasedParamTypes(),
        pick.arity(),
        qualifier,
        false,
        pick.varargs(),
        true);
  }

  private MethodTarget methodRefTarget(
      TypeRef qualifier, String name, int samArity, boolean bound) {
    List<MethodHit> hits = ts.findMethods(qualifier, name);
    MethodHit pick = null;
    if (samArity >= 0) {
      for (MethodHit h : hits) {
        MethodModel mm = h.method();
        boolean fits =
            bound || mm.isStatic()
                ? mm.arity() == samArity || (mm.varargs() && samArity >= mm.arity() - 1)
                : mm.arity() == samArity - 1;
        if (fits) {
          pick = h;
          break;
        }
      }
    } else if (hits.size() == 1) {
      pick = hits.get(0);
    }
    if (pick == null) {
      boolean known =
          qualifier.kind() == TypeRef.Kind.CLASS
              && (ts.model(qualifier) == null
                  || !ts.hierarchy(qualifier).complete
                  || !ts.model(qualifier).isProject());
      return known
          ? new MethodTarget(
              qualifier.name(),
              name,
              List.of(),
              Math.max(samArity, 0),
              TypeRef.UNKNOWN,
              false,
              false,
              true)
          : MethodTarget.unresolved(name, Math.max(samArity, 0));
    }
    MethodModel mm = pick.method();
    TypeRef ret = methodTypeVarsUnknown(ts.memberType(mm.returnType(), pick.site(), Map.of()), mm);
    return new MethodTarget(
        mm.owner(),
        name,
        mm.erasedParamTypes(),
        mm.arity(),
        ret,
        mm.isStatic(),
        mm.varargs(),
        true);
  }

  /** Replaces a method's own (uninferred) type variables by UNKNOWN. */
  private static TypeRef methodTypeVarsUnknown(TypeRef t, MethodModel m) {
    if (m.typeParams().isEmpty()) {
      return t;
    }
    Map<String, TypeRef> unknown = new HashMap<>();
    for (TypeParam p : m.typeParams()) {
      unknown.put(p.name(), TypeRef.UNKNOWN);
    }
    return TypeSystem.subst(t, unknown);
  }

  // ---------------------------------------------------------------- calls

  /** What overload resolution settled: the method (null if none), lowered args, return type. */
  private record Resolution(
      MethodHit chosen, List<Expr> args, TypeRef returnType, Pending pending) {}

  /**
   * A generic call whose result type still has type variables inference could not bind from its
   * arguments: an enclosing call binds them from the parameter the call is passed to, as javac
   * infers a generic method call in argument position ({@code map.getOrDefault(k, List.of())}).
   */
  private record Pending(TypeRef declaredReturn, Map<String, TypeRef> bound, Set<String> vars) {}

  /** Calls still open to inference from their target, by identity. */
  private final Map<Expr, Pending> pending = new java.util.IdentityHashMap<>();

  /** {@code e} with its type refined by target type {@code expected}, if it is pending. */
  private Expr refine(Expr e, TypeRef expected) {
    Pending p = pending.remove(e);
    if (p == null || !(e instanceof Expr.Call c) || !TypeSystem.isKnown(expected)) {
      return e;
    }
    Map<String, TypeRef> bind = new HashMap<>(p.bound());
    unify(p.declaredReturn(), expected, p.vars(), bind);
    TypeRef ret = unknownVars(TypeSystem.subst(p.declaredReturn(), bind), p.vars());
    if (ret.equals(c.type())) {
      return e;
    }
    MethodTarget t = c.target();
    MethodTarget target =
        new MethodTarget(
            t.owner(),
            t.name(),
            t.paramTypes(),
            t.arity(),
            ret,
            t.isStatic(),
            t.varargs(),
            t.resolved());
    return new Expr.Call(c.pos(), ret, c.receiver(), target, c.args());
  }

  private Expr call(MethodCallExpr mc, TypeRef expected) {
    Pos pos = Positions.of(mc);
    String name = mc.getNameAsString();
    NodeList<Expression> args = mc.getArguments();
    List<TypeRef> typeArgs = new ArrayList<>();
    mc.getTypeArguments().ifPresent(ta -> ta.forEach(t -> typeArgs.add(f.tr.resolve(t, f.scope))));

    Expr receiver = null;
    TypeRef searchType = null;
    ProjectClass frame = null;
    boolean staticOnly = false;
    if (mc.getScope().isEmpty()) {
      for (Scope s = f.scope; s != null && frame == null; s = s.parent) {
        if (s.kind == Scope.Kind.CLASS && ts.hasMethodNamed(s.cls.asType(), name)) {
          frame = s.cls;
        }
      }
      if (frame != null) {
        searchType = frame.asType();
      } else {
        searchType = staticImportOwner(name);
        staticOnly = true;
        if (searchType == null) {
          Expr implicit = implicitReceiverOfUnknown(pos);
          return new Expr.Call(
              pos,
              TypeRef.UNKNOWN,
              implicit,
              MethodTarget.unresolved(name, args.size()),
              lowerPlain(args));
        }
      }
    } else {
      Expression sc = mc.getScope().get();
      if (sc instanceof SuperExpr s) {
        receiver = superRef(s, Positions.of(s));
        searchType = receiver.type();
      } else {
        Object denoted = scopeOf(sc);
        if (denoted instanceof TypeRef t) {
          staticOnly = true;
          searchType = t;
        } else if (denoted instanceof PackageName p && !p.maybeField()) {
          staticOnly = true;
          searchType = TypeRef.unresolved(p.name());
        } else {
          receiver = asValue(denoted);
          searchType = receiver.type();
        }
      }
    }

    TypeRef lookup = lookupType(searchType);
    List<MethodHit> hits =
        lookup.kind() == TypeRef.Kind.CLASS ? ts.findMethods(lookup, name) : List.of();
    if (staticOnly && hits.stream().anyMatch(h -> h.method().isStatic())) {
      hits = hits.stream().filter(h -> h.method().isStatic()).toList();
    }
    Resolution r = resolve(hits, args, typeArgs, expected, Map.of());
    MethodTarget target;
    if (r.chosen() != null) {
      MethodModel m = r.chosen().method();
      TypeRef ret = r.returnType();
      if (lookup.isArray() && name.equals("clone") && args.isEmpty()) {
        ret = lookup;
      }
      // javac declares an array's clone() in its pseudo-class Array.
      String owner =
          lookup.isArray() && name.equals("clone") && args.isEmpty() ? ARRAY_CLASS : m.owner();
      target =
          new MethodTarget(
              owner, name, m.erasedParamTypes(), args.size(), ret, m.isStatic(), m.varargs(), true);
      if (m.isStatic()) {
        receiver = null;
      } else if (receiver == null && frame != null) {
        receiver = new Expr.ThisRef(pos, thisType(frame), frame.name(), false);
      }
    } else {
      target = unmatched(lookup, name, args.size(), staticOnly);
      if (receiver == null && frame != null) {
        receiver = new Expr.ThisRef(pos, thisType(frame), frame.name(), false);
      }
    }
    Expr.Call call = new Expr.Call(pos, target.returnType(), receiver, target, r.args());
    if (r.pending() != null) {
      pending.put(call, r.pending());
    }
    return call;
  }

  /**
   * A call whose method was not found: a library method when the receiver's class is known but not
   * (entirely) the project's (the engine matches those on receiver type, name and arity); otherwise
   * unresolved.
   */
  private MethodTarget unmatched(TypeRef lookup, String name, int arity, boolean isStatic) {
    if (lookup.kind() == TypeRef.Kind.CLASS && lookup.arrayDims() == 0) {
      ClassModel m = ts.model(lookup);
      if (m == null || !m.isProject() || !ts.hierarchy(lookup).complete) {
        return new MethodTarget(
            lookup.name(), name, List.of(), arity, TypeRef.UNKNOWN, isStatic, false, true);
      }
    }
    return MethodTarget.unresolved(name, arity);
  }

  /** The class a static import brings method {@code name} from, or null. */
  private TypeRef staticImportOwner(String name) {
    for (String owner : f.unit.staticImportOwners(name)) {
      if (ts.model(owner) == null || ts.hasMethodNamed(TypeRef.of(owner), name)) {
        return TypeRef.of(owner);
      }
    }
    for (String owner : f.unit.staticOnDemandOwners()) {
      if (ts.model(owner) != null && ts.hasMethodNamed(TypeRef.of(owner), name)) {
        return TypeRef.of(owner);
      }
    }
    return null;
  }

  /**
   * The receiver of an unqualified call found nowhere: the innermost enclosing class whose
   * hierarchy is not fully known (the method is likely inherited from outside the project), else
   * the innermost enclosing class, as javac lowers an unresolved call.
   */
  private Expr implicitReceiverOfUnknown(Pos pos) {
    ProjectClass c = incompleteEnclosingClass();
    if (c == null) {
      c = f.scope.enclosingClass();
    }
    return c == null ? null : new Expr.ThisRef(pos, thisType(c), c.name(), false);
  }

  private List<Expr> lowerPlain(NodeList<Expression> args) {
    List<Expr> out = new ArrayList<>();
    for (Expression a : args) {
      out.add(expr(a, null));
    }
    return out;
  }

  /** {@code this(...)} / {@code super(...)} in a constructor. */
  Expr.Call constructorCall(Pos pos, Expr.ThisRef self, TypeRef owner, NodeList<Expression> args) {
    ClassModel model = owner == null ? null : ts.model(owner);
    if (model == null) {
      MethodTarget t =
          owner != null && owner.kind() == TypeRef.Kind.CLASS
              ? new MethodTarget(
                  owner.name(),
                  MethodDecl.CONSTRUCTOR,
                  List.of(),
                  args.size(),
                  TypeRef.VOID,
                  false,
                  false,
                  true)
              : MethodTarget.unresolved(MethodDecl.CONSTRUCTOR, args.size());
      return new Expr.Call(pos, TypeRef.VOID, self, t, lowerPlain(args));
    }
    Visited site = new Visited(model, owner, TypeSystem.substitution(model, owner) == null);
    List<MethodHit> hits = new ArrayList<>();
    for (MethodModel c : model.constructors()) {
      hits.add(new MethodHit(c, site));
    }
    Resolution r = resolve(hits, args, List.of(), null, Map.of());
    MethodTarget t =
        r.chosen() == null
            ? new MethodTarget(
                model.name(),
                MethodDecl.CONSTRUCTOR,
                List.of(),
                args.size(),
                TypeRef.VOID,
                false,
                false,
                true)
            : new MethodTarget(
                model.name(),
                MethodDecl.CONSTRUCTOR,
                r.chosen().method().erasedParamTypes(),
                args.size(),
                TypeRef.VOID,
                false,
                r.chosen().method().varargs(),
                true);
    return new Expr.Call(pos, TypeRef.VOID, self, t, r.args());
  }

  /**
   * Overload resolution and argument lowering. Arguments whose type depends on the target (lambdas,
   * method references, diamonds) are lowered after the method is chosen, with the parameter type as
   * their target. Phases as in JLS 15.12.2: strict, then loose (boxing), then varargs; unknown
   * argument types are compatible with anything.
   *
   * @param extraVars type variables to infer besides the method's (a diamond's class variables)
   */
  private Resolution resolve(
      List<MethodHit> hits,
      NodeList<Expression> args,
      List<TypeRef> typeArgs,
      TypeRef expected,
      Map<String, TypeRef> extraVars) {
    int n = args.size();
    Expr[] lowered = new Expr[n];
    for (int i = 0; i < n; i++) {
      if (!isPoly(args.get(i))) {
        lowered[i] = expr(args.get(i), null);
      }
    }
    MethodHit chosen = select(hits, args, lowered);
    if (chosen == null) {
      for (int i = 0; i < n; i++) {
        if (lowered[i] == null) {
          lowered[i] = expr(args.get(i), null);
        }
      }
      return new Resolution(null, List.of(lowered), TypeRef.UNKNOWN, null);
    }
    MethodModel m = chosen.method();
    Set<String> vars = new HashSet<>(extraVars.keySet());
    m.typeParams().forEach(p -> vars.add(p.name()));
    Map<String, TypeRef> classSubst = new HashMap<>(TypeSystem.siteSubstitution(chosen.site()));
    classSubst.keySet().removeAll(vars);
    // A raw receiver erases instance members; a static method does not depend on the receiver.
    boolean raw =
        !m.isStatic() && chosen.site().raw() && !chosen.site().model().typeParams().isEmpty();
    Map<String, TypeRef> bind = new HashMap<>();
    if (typeArgs.size() == m.typeParams().size()) {
      for (int i = 0; i < typeArgs.size(); i++) {
        bind.put(m.typeParams().get(i).name(), typeArgs.get(i));
      }
    }
    for (int i = 0; i < n; i++) {
      if (lowered[i] != null && !raw && !pending.containsKey(lowered[i])) {
        unify(TypeSystem.subst(paramType(m, i, n), classSubst), lowered[i].type(), vars, bind);
      }
    }
    if (expected != null && !raw && TypeSystem.isKnown(expected)) {
      TypeRef ret =
          m.name().equals(MethodDecl.CONSTRUCTOR)
              ? chosen.site().type()
              : TypeSystem.subst(m.returnType(), classSubst);
      unify(ret, expected, vars, bind);
    }
    if (!raw) {
      // Generic calls passed as arguments take their type from the parameter, then bind ours.
      for (int i = 0; i < n; i++) {
        if (lowered[i] != null && pending.containsKey(lowered[i])) {
          Map<String, TypeRef> all = new HashMap<>(classSubst);
          all.putAll(bind);
          TypeRef formal = TypeSystem.subst(paramType(m, i, n), classSubst);
          lowered[i] = refine(lowered[i], unknownVars(TypeSystem.subst(formal, bind), vars));
          unify(formal, lowered[i].type(), vars, bind);
        }
      }
    }
    for (int i = 0; i < n; i++) {
      if (lowered[i] != null) {
        continue;
      }
      TypeRef p =
          raw
              ? ts.erase(paramType(m, i, n), Map.of())
              : TypeSystem.subst(paramType(m, i, n), classSubst);
      lowered[i] = expr(args.get(i), unknownVars(TypeSystem.subst(p, bind), vars));
      FunctionType kept = ts.functionType(TypeSystem.subst(p, bind));
      if (kept != null) {
        Expr arg = lowered[i];
        if (arg instanceof Expr.MethodRef ref
            && ref.receiver() == null
            && !kept.params().isEmpty()
            && ref.target().resolved()
            && !ref.target().isStatic()
            && !ref.target().name().equals(MethodDecl.CONSTRUCTOR)) {
          // An unbound reference Type::method takes its receiver as the first parameter.
          unify(kept.params().get(0), ref.qualifierType(), vars, bind);
        }
        unify(kept.returnType(), resultType(arg), vars, bind);
        lowered[i] = retarget(lowered[i], unknownVars(TypeSystem.subst(p, bind), vars));
      }
    }
    TypeRef ret;
    Pending open = null;
    if (raw) {
      ret = ts.erase(m.returnType(), TypeSystem.bounds(chosen.site().model().typeParams()));
    } else {
      Map<String, TypeRef> all = new HashMap<>(classSubst);
      all.putAll(bind);
      TypeRef declared = TypeSystem.subst(m.returnType(), all);
      ret = unknownVars(declared, vars);
      if (!ret.equals(declared)) {
        open = new Pending(TypeSystem.subst(m.returnType(), classSubst), bind, vars);
      }
    }
    return new Resolution(chosen, List.of(lowered), ret, open);
  }

  /**
   * A lambda or method reference typed with its functional interface once inference has bound more
   * of it (javac types it with the inferred interface).
   */
  private Expr retarget(Expr e, TypeRef type) {
    if (e instanceof Expr.Lambda l && !l.type().equals(type) && ts.functionType(type) != null) {
      return new Expr.Lambda(l.pos(), type, l.id(), l.params(), l.body());
    } else if (e instanceof Expr.MethodRef r
        && !r.type().equals(type)
        && ts.functionType(type) != null) {
      return new Expr.MethodRef(r.pos(), type, r.receiver(), r.qualifierType(), r.target());
    }
    return e;
  }

  /** Replaces the inference variables {@code vars} left in {@code t} by UNKNOWN. */
  private static TypeRef unknownVars(TypeRef t, Set<String> vars) {
    if (vars.isEmpty()) {
      return t;
    }
    Map<String, TypeRef> unknown = new HashMap<>();
    for (String v : vars) {
      unknown.put(v, TypeRef.UNKNOWN);
    }
    return TypeSystem.subst(t, unknown);
  }

  /** The declared type of parameter {@code i} of {@code m} for a call with {@code n} args. */
  private static TypeRef paramType(MethodModel m, int i, int n) {
    List<TypeRef> ps = m.paramTypes();
    if (ps.isEmpty()) {
      return TypeRef.UNKNOWN;
    }
    if (m.varargs() && i >= ps.size() - 1) {
      TypeRef last = ps.get(ps.size() - 1);
      boolean spread = n != ps.size() || i > ps.size() - 1;
      return spread && last.isArray() ? last.elementType() : last;
    }
    return i < ps.size() ? ps.get(i) : TypeRef.UNKNOWN;
  }

  /** Binds inference variables in {@code formal} from {@code actual} (first binding wins). */
  private void unify(TypeRef formal, TypeRef actual, Set<String> vars, Map<String, TypeRef> bind) {
    if (formal == null || actual == null || !TypeSystem.isKnown(actual)) {
      return;
    }
    if (formal.kind() == TypeRef.Kind.TYPEVAR && vars.contains(formal.name())) {
      if (actual.arrayDims() >= formal.arrayDims()
          && !bind.containsKey(formal.name())
          && !actual.equals(TypeRef.VOID)) {
        TypeRef a =
            new TypeRef(
                actual.kind(),
                actual.name(),
                actual.args(),
                actual.arrayDims() - formal.arrayDims());
        bind.put(formal.name(), a.arrayDims() == 0 ? TypeSystem.box(a) : a);
      }
      return;
    }
    if (formal.arrayDims() > 0 && actual.arrayDims() > 0) {
      unify(formal.elementType(), actual.elementType(), vars, bind);
      return;
    }
    if (formal.kind() == TypeRef.Kind.CLASS
        && !formal.args().isEmpty()
        && actual.kind() == TypeRef.Kind.CLASS) {
      TypeRef sup = ts.asSuper(actual, formal.name());
      if (sup != null && sup.args().size() == formal.args().size()) {
        for (int i = 0; i < formal.args().size(); i++) {
          unify(formal.args().get(i), sup.args().get(i), vars, bind);
        }
      }
    }
  }

  private static boolean isPoly(Expression e) {
    if (e instanceof LambdaExpr || e instanceof MethodReferenceExpr) {
      return true;
    } else if (e instanceof ObjectCreationExpr oc) {
      return oc.getType().isUsingDiamondOperator();
    } else if (e instanceof EnclosedExpr p) {
      return isPoly(p.getInner());
    } else if (e instanceof ConditionalExpr c) {
      return isPoly(c.getThenExpr()) || isPoly(c.getElseExpr());
    }
    return false;
  }

  /** Chooses among {@code hits} for the arguments; null when none fits. */
  private MethodHit select(List<MethodHit> hits, NodeList<Expression> args, Expr[] lowered) {
    if (hits.isEmpty()) {
      return null;
    }
    int n = args.size();
    for (int phase = 1; phase <= 3; phase++) {
      List<MethodHit> ok = new ArrayList<>();
      for (MethodHit h : hits) {
        if (applicable(h.method(), args, lowered, phase)) {
          ok.add(h);
        }
      }
      if (!ok.isEmpty()) {
        return mostSpecific(ok, args, n);
      }
    }
    return null;
  }

  private boolean applicable(MethodModel m, NodeList<Expression> args, Expr[] lowered, int phase) {
    int n = args.size();
    int arity = m.arity();
    if (phase < 3 ? arity != n : !(m.varargs() && n >= arity - 1)) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      TypeRef formal = phase < 3 ? m.erasedParamTypes().get(i) : erasedVarargParam(m, i);
      if (lowered[i] == null) {
        if (!shapeFits(args.get(i), phase < 3 ? m.paramTypes().get(i) : paramType(m, i, n))) {
          return false;
        }
        continue;
      }
      TypeRef actual = lowered[i].type();
      if (actual.kind() == TypeRef.Kind.UNKNOWN
          && lowered[i] instanceof Expr.Literal lit
          && lit.text().equals("null")
          && formal.isPrimitive()) {
        return false;
      }
      if (Boolean.FALSE.equals(ts.assignable(actual, formal, phase > 1))) {
        return false;
      }
    }
    return true;
  }

  private static TypeRef erasedVarargParam(MethodModel m, int i) {
    List<TypeRef> ps = m.erasedParamTypes();
    if (i < ps.size() - 1) {
      return ps.get(i);
    }
    TypeRef last = ps.get(ps.size() - 1);
    return last.isArray() ? last.elementType() : last;
  }

  /** Whether a lambda or method reference may target parameter type {@code formal}. */
  private boolean shapeFits(Expression arg, TypeRef formal) {
    Expression e = arg;
    while (e instanceof EnclosedExpr p) {
      e = p.getInner();
    }
    if (!(e instanceof LambdaExpr l)) {
      return true;
    }
    if (formal.kind() == TypeRef.Kind.TYPEVAR) {
      return false;
    }
    ClassModel model = ts.model(formal);
    if (model == null) {
      return formal.kind() != TypeRef.Kind.PRIMITIVE;
    }
    FunctionType fn = ts.functionType(TypeRef.of(formal.name()));
    if (fn == null) {
      fn = ts.functionType(formal);
    }
    if (fn == null || fn.params().size() != l.getParameters().size()) {
      return false;
    }
    boolean voidSam = fn.returnType().equals(TypeRef.VOID);
    LambdaShape shape = shape(l);
    return voidSam ? shape.voidCompatible : shape.valueCompatible;
  }

  private record LambdaShape(boolean voidCompatible, boolean valueCompatible) {}

  private static final Set<UnaryExpr.Operator> INC_DEC =
      Set.of(
          UnaryExpr.Operator.PREFIX_INCREMENT,
          UnaryExpr.Operator.PREFIX_DECREMENT,
          UnaryExpr.Operator.POSTFIX_INCREMENT,
          UnaryExpr.Operator.POSTFIX_DECREMENT);

  /** JLS 15.27.2: what a lambda body can be compatible with, from its syntax alone. */
  private static LambdaShape shape(LambdaExpr l) {
    if (l.getBody() instanceof ExpressionStmt es) {
      Expression e = es.getExpression();
      while (e instanceof EnclosedExpr p) {
        e = p.getInner();
      }
      boolean statementExpr =
          e instanceof MethodCallExpr
              || e instanceof AssignExpr
              || e instanceof ObjectCreationExpr
              || (e instanceof UnaryExpr u && INC_DEC.contains(u.getOperator()));
      return new LambdaShape(statementExpr, true);
    }
    boolean value = false;
    boolean bare = false;
    for (ReturnStmt r :
        ((BlockStmt) l.getBody())
            .findAll(ReturnStmt.class, com.github.javaparser.ast.Node.TreeTraversal.PREORDER)) {
      if (enclosingFunction(r) != l) {
        continue;
      }
      if (r.getExpression().isPresent()) {
        value = true;
      } else {
        bare = true;
      }
    }
    return new LambdaShape(!value, value || !bare && !completesNormally((BlockStmt) l.getBody()));
  }

  private static boolean completesNormally(BlockStmt b) {
    if (b.getStatements().isEmpty()) {
      return true;
    }
    var last = b.getStatements().getLast().orElseThrow();
    return !(last.isThrowStmt() || last.isReturnStmt());
  }

  private static Node enclosingFunction(Node n) {
    for (Node p = n.getParentNode().orElse(null); p != null; p = p.getParentNode().orElse(null)) {
      if (p instanceof LambdaExpr || p instanceof BodyDeclaration<?>) {
        return p;
      }
    }
    return null;
  }

  /**
   * The most specific of several applicable methods (JLS 15.12.2.5, on erased parameter types).
   * Between functional interfaces for a lambda whose body is a method call, the call's type
   * decides: a void call only fits a void function type, a value call prefers a value one.
   */
  private MethodHit mostSpecific(List<MethodHit> ok, NodeList<Expression> args, int n) {
    if (ok.size() == 1) {
      return ok.get(0);
    }
    List<MethodHit> best = new ArrayList<>();
    for (MethodHit a : ok) {
      boolean all = true;
      for (MethodHit b : ok) {
        if (a != b && !moreSpecific(a.method(), b.method(), n)) {
          all = false;
          break;
        }
      }
      if (all) {
        best.add(a);
      }
    }
    List<MethodHit> pool = best.isEmpty() ? ok : best;
    if (pool.size() > 1) {
      MethodHit byLambda = byLambdaResult(pool, args, n);
      if (byLambda != null) {
        return byLambda;
      }
    }
    return pool.get(0);
  }

  private boolean moreSpecific(MethodModel a, MethodModel b, int n) {
    for (int i = 0; i < n; i++) {
      TypeRef pa = erasedVarargParam(a, Math.min(i, a.arity() - 1));
      TypeRef pb = erasedVarargParam(b, Math.min(i, b.arity() - 1));
      if (a.arity() == n && !a.varargs()) {
        pa = a.erasedParamTypes().get(i);
      }
      if (b.arity() == n && !b.varargs()) {
        pb = b.erasedParamTypes().get(i);
      }
      if (pa.equals(pb)) {
        continue;
      }
      Boolean sub = ts.assignable(pa, pb, false);
      if (!Boolean.TRUE.equals(sub)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Among overloads that differ in taking a void or a value function type for a lambda argument,
   * picks by what the lambda returns; lowers the lambda on trial and rolls back its side effects.
   */
  private MethodHit byLambdaResult(List<MethodHit> pool, NodeList<Expression> args, int n) {
    for (int i = 0; i < n; i++) {
      Expression a = args.get(i);
      while (a instanceof EnclosedExpr p) {
        a = p.getInner();
      }
      if (!(a instanceof LambdaExpr l) || !(l.getBody() instanceof ExpressionStmt)) {
        continue;
      }
      MethodHit voidOne = null;
      MethodHit valueOne = null;
      for (MethodHit h : pool) {
        FunctionType fn = ts.functionType(paramType(h.method(), i, n));
        if (fn == null) {
          continue;
        }
        if (fn.returnType().equals(TypeRef.VOID)) {
          voidOne = voidOne == null ? h : voidOne;
        } else {
          valueOne = valueOne == null ? h : valueOne;
        }
      }
      if (voidOne == null || valueOne == null) {
        continue;
      }
      int mark = f.mark();
      Scope saved = f.scope;
      Expr trial =
          expr(
              l,
              TypeSystem.subst(
                  paramType(valueOne.method(), i, n),
                  TypeSystem.siteSubstitution(valueOne.site())));
      f.scope = saved;
      f.rollback(mark);
      return TypeRef.VOID.equals(resultType(trial)) ? voidOne : valueOne;
    }
    return null;
  }

  // ---------------------------------------------------------------- instance creation

  private Expr creation(ObjectCreationExpr oc, TypeRef expected) {
    Pos pos = Positions.of(oc);
    Expr outer = oc.getScope().map(s -> expr(s, null)).orElse(null);
    ClassOrInterfaceType written = oc.getType();
    TypeRef type;
    if (outer != null && TypeSystem.isKnown(outer.type())) {
      String member = ts.findMemberType(lookupType(outer.type()), written.getNameAsString());
      type =
          member == null
              ? TypeRef.unresolved(written.getNameAsString())
              : withArgs(TypeRef.of(member), written);
    } else {
      type = f.tr.resolveClassType(written, f.scope);
    }
    boolean diamond = written.isUsingDiamondOperator();
    ClassModel model = ts.model(type);
    List<Expr> args;
    String ctorOwner = type.kind() == TypeRef.Kind.CLASS ? type.name() : null;
    MethodModel chosen = null;
    if (model == null) {
      args = lowerPlain(oc.getArguments());
    } else if (model.isInterface()) {
      // Only an anonymous class implements an interface; it runs Object's constructor.
      args = lowerPlain(oc.getArguments());
      ctorOwner = TypeSystem.OBJECT;
      if (diamond) {
        type = inferDiamond(model, expected, Map.of());
      }
    } else {
      Map<String, TypeRef> classVars = new HashMap<>();
      TypeRef siteType = type;
      if (diamond) {
        for (TypeParam p : model.typeParams()) {
          classVars.put(p.name(), TypeRef.typeVar(p.name()));
        }
        siteType = model.asType();
      }
      Visited site = new Visited(model, siteType, TypeSystem.substitution(model, siteType) == null);
      List<MethodHit> hits = new ArrayList<>();
      for (MethodModel c : model.constructors()) {
        hits.add(new MethodHit(c, site));
      }
      Resolution r =
          resolve(hits, oc.getArguments(), List.of(), diamond ? expected : null, classVars);
      args = r.args();
      if (diamond) {
        type = inferDiamond(model, expected, inferredClassVars(model, r, oc.getArguments()));
      }
      ctorOwner = model.name();
      chosen = r.chosen() == null ? null : r.chosen().method();
    }
    String anonId = null;
    if (oc.getAnonymousClassBody().isPresent()) {
      anonId = f.ids.getOrDefault(oc, "?anonymous");
      anonymousClass(oc, anonId, type);
    }
    return new Expr.New(
        pos, type, outer, args, anonId, constructorTarget(ctorOwner, chosen, args.size(), type));
  }

  /**
   * The constructor a {@code new} runs; like javac's, its return type is the created type. With no
   * owner (the type is unresolved) the target is unresolved; with an owner but no matching
   * constructor (a library class) it is resolved without parameter types.
   */
  private static MethodTarget constructorTarget(
      String owner, MethodModel chosen, int arity, TypeRef type) {
    if (owner == null) {
      return MethodTarget.unresolved(MethodDecl.CONSTRUCTOR, arity);
    }
    return chosen == null
        ? new MethodTarget(
            owner, MethodDecl.CONSTRUCTOR, List.of(), arity, type, false, false, true)
        : new MethodTarget(
            owner,
            MethodDecl.CONSTRUCTOR,
            chosen.erasedParamTypes(),
            arity,
            type,
            false,
            chosen.varargs(),
            true);
  }

  private TypeRef withArgs(TypeRef base, ClassOrInterfaceType written) {
    if (written.getTypeArguments().isEmpty() || written.getTypeArguments().get().isEmpty()) {
      return base;
    }
    List<TypeRef> args = new ArrayList<>();
    for (Type a : written.getTypeArguments().get()) {
      args.add(f.tr.resolve(a, f.scope));
    }
    return TypeRef.of(base.name(), args);
  }

  /** Class type variables a diamond's constructor arguments determine. */
  private Map<String, TypeRef> inferredClassVars(
      ClassModel model, Resolution r, NodeList<Expression> args) {
    Map<String, TypeRef> bind = new HashMap<>();
    if (r.chosen() == null) {
      return bind;
    }
    Set<String> vars = new HashSet<>();
    model.typeParams().forEach(p -> vars.add(p.name()));
    for (int i = 0; i < args.size(); i++) {
      unify(paramType(r.chosen().method(), i, args.size()), r.args().get(i).type(), vars, bind);
    }
    return bind;
  }

  /** The type of {@code new C<>(...)}: arguments from the constructor args, else the target. */
  private TypeRef inferDiamond(ClassModel model, TypeRef expected, Map<String, TypeRef> fromArgs) {
    Map<String, TypeRef> bind = new HashMap<>(fromArgs);
    if (expected != null && TypeSystem.isKnown(expected) && expected.kind() == TypeRef.Kind.CLASS) {
      Set<String> vars = new HashSet<>();
      model.typeParams().forEach(p -> vars.add(p.name()));
      TypeRef asTarget = ts.asSuper(model.asType(), expected.name());
      if (asTarget != null) {
        unify(asTarget, expected, vars, bind);
      }
    }
    List<TypeRef> args = new ArrayList<>();
    for (TypeParam p : model.typeParams()) {
      args.add(bind.getOrDefault(p.name(), TypeRef.UNKNOWN));
    }
    return TypeRef.of(model.name(), args);
  }

  /** Builds, registers and lowers the anonymous class of {@code oc}. */
  private void anonymousClass(ObjectCreationExpr oc, String id, TypeRef base) {
    List<BodyDeclaration<?>> body = new ArrayList<>(oc.getAnonymousClassBody().get());
    ProjectClass pc =
        ProjectClass.anonymous(oc, id, body, base, f.scope.enclosingClass(), f.unit, f.tr, f.ids);
    f.prepareLocal(pc, f.scope);
    f.lowerClass(pc);
  }

  /** The {@code new} that creates an enum constant, with its body's anonymous class if any. */
  Expr enumConstantCreation(
      ProjectClass enumClass, EnumConstantDeclaration c, TypeRef type, Pos pos) {
    Visited site = new Visited(enumClass, type, false);
    List<MethodHit> hits = new ArrayList<>();
    for (MethodModel k : enumClass.constructors()) {
      hits.add(new MethodHit(k, site));
    }
    Resolution r = resolve(hits, c.getArguments(), List.of(), null, Map.of());
    MethodTarget ctor =
        constructorTarget(
            enumClass.name(),
            r.chosen() == null ? null : r.chosen().method(),
            c.getArguments().size(),
            type);
    String anonId = null;
    if (f.unit.source.hasBody(c)) {
      anonId = f.ids.getOrDefault(c, "?anonymous");
      ProjectClass pc =
          ProjectClass.anonymous(
              c, anonId, new ArrayList<>(c.getClassBody()), type, enumClass, f.unit, f.tr, f.ids);
      f.prepareLocal(pc, enumClass.bodyScope());
      f.lowerClass(pc);
    }
    return new Expr.New(pos, type, null, r.args(), anonId, ctor);
  }
}
