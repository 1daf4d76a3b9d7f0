package dev.shareguard.cli.frontend;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.AnnotationMemberDeclaration;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.CompactConstructorDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.EnumConstantDeclaration;
import com.github.javaparser.ast.body.EnumDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.InitializerDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.RecordDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.NormalAnnotationExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.SingleMemberAnnotationExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.AssertStmt;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.BreakStmt;
import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.stmt.ContinueStmt;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.EmptyStmt;
import com.github.javaparser.ast.stmt.ExplicitConstructorInvocationStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.LabeledStmt;
import com.github.javaparser.ast.stmt.LocalClassDeclarationStmt;
import com.github.javaparser.ast.stmt.LocalRecordDeclarationStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.SwitchEntry;
import com.github.javaparser.ast.stmt.SwitchStmt;
import com.github.javaparser.ast.stmt.SynchronizedStmt;
import com.github.javaparser.ast.stmt.ThrowStmt;
import com.github.javaparser.ast.stmt.TryStmt;
import com.github.javaparser.ast.stmt.WhileStmt;
import com.github.javaparser.ast.stmt.YieldStmt;
import com.github.javaparser.ast.type.ReferenceType;
import com.github.javaparser.ast.type.Type;
import com.github.javaparser.ast.type.UnionType;
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
 * Lowers one parsed file into a {@link SourceFile}: classes, members and statements here,
 * expressions in {@link ExpressionLowering}. One instance per file, on one thread.
 */
final class FileLowering {
  final TypeSystem ts;
  final TypeResolver tr;
  final UnitContext unit;
  final Map<Node, String> ids;
  final ExpressionLowering exprs;

  /** The current lexical scope; lowering pushes and pops it. */
  Scope scope;

  /** Expected types of the values of the switch expressions being lowered, innermost first. */
  final Deque<TypeRef> yieldTargets = new ArrayDeque<>();

  private final List<ClassEntry> classes = new ArrayList<>();

  /** A lowered class; the file's list is in textual order of where classes are declared. */
  private record ClassEntry(Pos pos, ClassDecl decl) {}

  FileLowering(TypeSystem ts, UnitContext unit, Map<Node, String> ids) {
    this.ts = ts;
    this.tr = new TypeResolver(ts);
    this.unit = unit;
    this.ids = ids;
    this.exprs = new ExpressionLowering(this);
    this.scope = Scope.unit(unit);
  }

  /** Lowers the file whose top-level classes are {@code topLevel} (already resolved). */
  SourceFile lower(String path, List<TypeDeclaration<?>> declarations) {
    for (TypeDeclaration<?> td : declarations) {
      ProjectClass pc = unit.topLevel.get(td.getNameAsString());
      if (pc != null && pc.node() == td) {
        lowerClass(pc);
      }
    }
    classes.sort(Comparator.comparing(ClassEntry::pos));
    List<ClassDecl> out = new ArrayList<>();
    for (ClassEntry e : classes) {
      out.add(e.decl());
    }
    return new SourceFile(path, unit.packageName, out);
  }

  /** Number of classes lowered so far: a trial lowering rolls back to it. */
  int mark() {
    return classes.size();
  }

  void rollback(int mark) {
    while (classes.size() > mark) {
      classes.remove(classes.size() - 1);
    }
  }

  // ---------------------------------------------------------------- classes

  /** Lowers class {@code pc} and, in textual order, its members and nested classes. */
  void lowerClass(ProjectClass pc) {
    Scope saved = scope;
    scope = pc.bodyScope();
    List<FieldDecl> fields = new ArrayList<>();
    List<MethodDecl> methods = new ArrayList<>();
    Node node = pc.node();
    if (node instanceof EnumDeclaration e) {
      for (EnumConstantDeclaration c : e.getEntries()) {
        fields.add(enumConstant(pc, c));
      }
    }
    if (node instanceof RecordDeclaration r) {
      for (Parameter p : r.getParameters()) {
        fields.add(
            new FieldDecl(
                Positions.of(p.getName()),
                p.getNameAsString(),
                pc.fieldFor(p).type(),
                EnumSet.of(Modifier.PRIVATE, Modifier.FINAL),
                annotations(p.getAnnotations()),
                null));
      }
    }
    for (BodyDeclaration<?> m : pc.members()) {
      member(pc, m, fields, methods);
    }
    scope = saved;

    List<Annotation> annotations = List.of();
    Pos pos;
    String simpleName = pc.simpleName();
    if (node instanceof TypeDeclaration<?> td) {
      annotations = annotations(td.getAnnotations());
      if (unit.source.docSaysNotThreadSafe(td)) {
        annotations = new ArrayList<>(annotations);
        annotations.add(Annotation.of(DocContract.NOT_THREAD_SAFE));
      }
      pos = Positions.of(td.getName());
    } else if (node instanceof EnumConstantDeclaration c) {
      pos = Positions.of(c.getName());
    } else {
      pos = Positions.of(unit.source.newKeyword((ObjectCreationExpr) node));
    }
    ProjectClass enclosing = pc.enclosing();
    classes.add(
        new ClassEntry(
            pos,
            new ClassDecl(
                pos,
                pc.name(),
                simpleName,
                pc.kind(),
                pc.modifiers(),
                annotations,
                pc.declaredSuperclass(),
                pc.declaredInterfaces(),
                enclosing == null ? null : enclosing.name(),
                fields,
                methods)));
  }

  private void member(
      ProjectClass pc, BodyDeclaration<?> m, List<FieldDecl> fields, List<MethodDecl> methods) {
    Node container = pc.node();
    if (m instanceof FieldDeclaration fd) {
      Set<Modifier> mods = Modifiers.ofField(fd.getModifiers(), container);
      List<Annotation> anns = annotations(fd.getAnnotations());
      for (VariableDeclarator v : fd.getVariables()) {
        FieldModel fm = pc.fieldFor(v);
        TypeRef type = fm == null ? tr.resolve(v.getType(), scope) : fm.type();
        Expr init = null;
        if (v.getInitializer().isPresent()) {
          Scope saved = scope;
          scope = scope.method(List.of(), mods.contains(Modifier.STATIC), null);
          init = initializer(v.getInitializer().get(), type);
          scope = saved;
        }
        fields.add(
            new FieldDecl(Positions.of(v.getName()), v.getNameAsString(), type, mods, anns, init));
      }
    } else if (m instanceof MethodDeclaration md) {
      methods.add(method(pc, md));
    } else if (m instanceof ConstructorDeclaration cd) {
      methods.add(constructor(pc, cd));
    } else if (m instanceof CompactConstructorDeclaration cc) {
      methods.add(compactConstructor(pc, cc));
    } else if (m instanceof InitializerDeclaration init) {
      boolean isStatic = init.isStatic();
      Scope saved = scope;
      scope = scope.method(List.of(), isStatic, TypeRef.VOID);
      Stmt.Block body = block(init.getBody());
      scope = saved;
      methods.add(
          new MethodDecl(
              Positions.of(init),
              isStatic ? MethodDecl.STATIC_INIT : MethodDecl.INSTANCE_INIT,
              List.of(),
              TypeRef.VOID,
              isStatic ? EnumSet.of(Modifier.STATIC) : EnumSet.noneOf(Modifier.class),
              List.of(),
              false,
              body));
    } else if (m instanceof AnnotationMemberDeclaration am) {
      MethodModel mm = pc.methodFor(am);
      methods.add(
          new MethodDecl(
              Positions.of(am.getName()),
              am.getNameAsString(),
              List.of(),
              mm == null ? tr.resolve(am.getType(), scope) : mm.returnType(),
              Modifiers.ofMethod(am.getModifiers(), container, false),
              annotations(am.getAnnotations()),
              false,
              null));
    } else if (m instanceof TypeDeclaration<?> td) {
      ProjectClass member = pc.memberTypes().get(td.getNameAsString());
      if (member != null && member.node() == td) {
        lowerClass(member);
      }
    }
  }

  private FieldDecl enumConstant(ProjectClass pc, EnumConstantDeclaration c) {
    TypeRef type = TypeRef.of(pc.name());
    Scope saved = scope;
    scope = scope.method(List.of(), true, null);
    Pos pos = Positions.of(c.getName());
    Expr init = exprs.enumConstantCreation(pc, c, type, pos);
    scope = saved;
    return new FieldDecl(
        pos,
        c.getNameAsString(),
        type,
        EnumSet.of(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL),
        annotations(c.getAnnotations()),
        init);
  }

  /** A variable initializer: an array initializer takes the declared type. */
  Expr initializer(Expression init, TypeRef declared) {
    if (init instanceof ArrayInitializerExpr a) {
      return exprs.arrayInitializer(a, declared);
    }
    return exprs.expr(init, declared);
  }

  private MethodDecl method(ProjectClass pc, MethodDeclaration md) {
    MethodModel mm = pc.methodFor(md);
    List<TypeParam> tps = mm == null ? List.of() : mm.typeParams();
    TypeRef returnType = mm == null ? tr.resolve(md.getType(), scope) : mm.returnType();
    Scope saved = scope;
    scope = scope.method(tps, md.isStatic(), returnType);
    List<Param> params = params(md.getParameters(), mm);
    Stmt.Block body = md.getBody().map(this::block).orElse(null);
    scope = saved;
    return new MethodDecl(
        Positions.of(md.getName()),
        md.getNameAsString(),
        params,
        returnType,
        Modifiers.ofMethod(md.getModifiers(), pc.node(), md.getBody().isPresent()),
        annotations(md.getAnnotations()),
        mm != null && mm.varargs(),
        body);
  }

  private MethodDecl constructor(ProjectClass pc, ConstructorDeclaration cd) {
    MethodModel mm = pc.methodFor(cd);
    Scope saved = scope;
    scope = scope.method(mm == null ? List.of() : mm.typeParams(), false, TypeRef.VOID);
    List<Param> params = params(cd.getParameters(), mm);
    Stmt.Block body = block(cd.getBody());
    scope = saved;
    return new MethodDecl(
        Positions.of(cd.getName()),
        MethodDecl.CONSTRUCTOR,
        params,
        TypeRef.VOID,
        Modifiers.ofConstructor(cd.getModifiers(), pc.node()),
        annotations(cd.getAnnotations()),
        mm != null && mm.varargs(),
        body);
  }

  /** A compact canonical constructor takes the record components as its parameters. */
  private MethodDecl compactConstructor(ProjectClass pc, CompactConstructorDeclaration cc) {
    RecordDeclaration r = (RecordDeclaration) pc.node();
    MethodModel mm = pc.methodFor(cc);
    Scope saved = scope;
    scope = scope.method(List.of(), false, TypeRef.VOID);
    List<Param> params = new ArrayList<>();
    for (int i = 0; i < r.getParameters().size(); i++) {
      Parameter p = r.getParameters().get(i);
      TypeRef t = mm == null ? tr.resolve(p.getType(), scope) : mm.paramTypes().get(i);
      // As javac has it: the implicit parameters carry the components' annotations.
      params.add(new Param(p.getNameAsString(), t, annotations(p.getAnnotations())));
      scope.declare(p.getNameAsString(), t);
    }
    Stmt.Block body = block(cc.getBody());
    scope = saved;
    return new MethodDecl(
        Positions.of(cc.getName()),
        MethodDecl.CONSTRUCTOR,
        params,
        TypeRef.VOID,
        Modifiers.of(cc.getModifiers()),
        annotations(cc.getAnnotations()),
        false,
        body);
  }

  /** Parameters of the current method, declared in its scope. */
  private List<Param> params(NodeList<Parameter> ps, MethodModel mm) {
    List<Param> out = new ArrayList<>();
    for (int i = 0; i < ps.size(); i++) {
      Parameter p = ps.get(i);
      TypeRef t;
      if (mm != null && i < mm.paramTypes().size()) {
        t = mm.paramTypes().get(i);
      } else {
        t = tr.resolve(p.getType(), scope);
        if (p.isVarArgs() && t.kind() != TypeRef.Kind.UNKNOWN) {
          t = t.arrayOf(1);
        }
      }
      out.add(new Param(p.getNameAsString(), t, annotations(p.getAnnotations())));
      scope.declare(p.getNameAsString(), t);
    }
    return out;
  }

  // ---------------------------------------------------------------- annotations

  List<Annotation> annotations(NodeList<AnnotationExpr> anns) {
    if (anns.isEmpty()) {
      return List.of();
    }
    List<Annotation> out = new ArrayList<>();
    for (AnnotationExpr a : anns) {
      out.add(annotation(a));
    }
    return out;
  }

  private Annotation annotation(AnnotationExpr a) {
    List<String> segments = List.of(a.getNameAsString().split("\\."));
    TypeRef t = tr.resolveName(segments, scope);
    String name = t != null && t.kind() == TypeRef.Kind.CLASS ? t.name() : a.getNameAsString();
    Map<String, List<String>> values = new LinkedHashMap<>();
    if (a instanceof SingleMemberAnnotationExpr s) {
      strings(s.getMemberValue()).ifPresent(v -> values.put("value", v));
    } else if (a instanceof NormalAnnotationExpr n) {
      n.getPairs()
          .forEach(p -> strings(p.getValue()).ifPresent(v -> values.put(p.getNameAsString(), v)));
    }
    return new Annotation(name, values);
  }

  /** The strings of an element value: one constant or an array of them; empty if none. */
  private java.util.Optional<List<String>> strings(Expression value) {
    List<String> out = new ArrayList<>();
    if (value instanceof ArrayInitializerExpr arr) {
      for (Expression e : arr.getValues()) {
        Object v = ConstantFolder.fold(e, exprs::constantValue);
        if (v instanceof String s) {
          out.add(s);
        }
      }
    } else {
      Object v = ConstantFolder.fold(value, exprs::constantValue);
      if (v instanceof String s) {
        out.add(s);
      }
    }
    return out.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(out);
  }

  // ---------------------------------------------------------------- statements

  Stmt.Block block(BlockStmt b) {
    Scope saved = scope;
    scope = scope.block();
    List<Stmt> out = new ArrayList<>();
    for (Statement s : b.getStatements()) {
      stmt(s, out);
    }
    scope = saved;
    return new Stmt.Block(Positions.of(b), out);
  }

  /** A statement in a position that takes exactly one (a loop or {@code if} body). */
  private Stmt single(Statement s) {
    List<Stmt> out = new ArrayList<>();
    Scope saved = scope;
    scope = scope.block();
    stmt(s, out);
    scope = saved;
    if (out.size() == 1) {
      return out.get(0);
    }
    return out.isEmpty() ? new Stmt.Empty(Positions.of(s)) : new Stmt.Block(Positions.of(s), out);
  }

  void stmt(Statement s, List<Stmt> out) {
    Pos pos = Positions.of(s);
    if (s instanceof ExpressionStmt es) {
      Expression e = es.getExpression();
      if (e instanceof VariableDeclarationExpr vde) {
        localVars(vde, out);
      } else {
        out.add(new Stmt.ExprStmt(pos, exprs.expr(e, null)));
      }
    } else if (s instanceof BlockStmt b) {
      out.add(block(b));
    } else if (s instanceof IfStmt i) {
      Expr cond = exprs.expr(i.getCondition(), TypeSystem.BOOLEAN);
      Stmt then = single(i.getThenStmt());
      Stmt orElse = i.getElseStmt().map(this::single).orElse(null);
      out.add(new Stmt.If(pos, cond, then, orElse));
    } else if (s instanceof ReturnStmt r) {
      Scope fn = scope.function();
      TypeRef target = fn == null ? null : fn.returnTarget;
      out.add(new Stmt.Return(pos, r.getExpression().map(e -> exprs.expr(e, target)).orElse(null)));
    } else if (s instanceof ForEachStmt fe) {
      out.add(forEach(fe, pos));
    } else if (s instanceof ForStmt f) {
      out.add(forLoop(f, pos));
    } else if (s instanceof WhileStmt w) {
      Expr cond = exprs.expr(w.getCondition(), TypeSystem.BOOLEAN);
      out.add(new Stmt.While(pos, cond, single(w.getBody())));
    } else if (s instanceof DoStmt d) {
      Stmt body = single(d.getBody());
      out.add(new Stmt.DoWhile(pos, body, exprs.expr(d.getCondition(), TypeSystem.BOOLEAN)));
    } else if (s instanceof TryStmt t) {
      out.add(tryStmt(t, pos));
    } else if (s instanceof SynchronizedStmt sy) {
      Expr monitor = exprs.expr(sy.getExpression(), null);
      out.add(new Stmt.Synchronized(pos, monitor, block(sy.getBody())));
    } else if (s instanceof ThrowStmt t) {
      out.add(new Stmt.Throw(pos, exprs.expr(t.getExpression(), null)));
    } else if (s instanceof BreakStmt b) {
      out.add(new Stmt.Break(pos, b.getLabel().map(l -> l.asString()).orElse(null)));
    } else if (s instanceof ContinueStmt c) {
      out.add(new Stmt.Continue(pos, c.getLabel().map(l -> l.asString()).orElse(null)));
    } else if (s instanceof YieldStmt y) {
      TypeRef target = yieldTargets.isEmpty() ? null : yieldTargets.peek();
      out.add(new Stmt.Yield(pos, exprs.expr(y.getExpression(), target)));
    } else if (s instanceof LabeledStmt l) {
      out.add(new Stmt.Labeled(pos, l.getLabel().asString(), single(l.getStatement())));
    } else if (s instanceof SwitchStmt sw) {
      Expr selector = exprs.expr(sw.getSelector(), null);
      out.add(new Stmt.Switch(pos, selector, cases(sw.getEntries(), selector, false)));
    } else if (s instanceof LocalClassDeclarationStmt lc) {
      out.add(localClass(lc.getClassDeclaration()));
    } else if (s instanceof LocalRecordDeclarationStmt lr) {
      out.add(localClass(lr.getRecordDeclaration()));
    } else if (s instanceof AssertStmt a) {
      Expr cond = exprs.expr(a.getCheck(), TypeSystem.BOOLEAN);
      Expr message = a.getMessage().map(m -> exprs.expr(m, null)).orElse(null);
      out.add(new Stmt.Assert(pos, cond, message));
    } else if (s instanceof ExplicitConstructorInvocationStmt eci) {
      explicitConstructorCall(eci, pos, out);
    } else if (s instanceof EmptyStmt) {
      out.add(new Stmt.Empty(pos));
    } else {
      // UnparsableStmt never reaches lowering: files with parse problems are skipped.
      out.add(new Stmt.Empty(pos));
    }
  }

  /** One {@link Stmt.LocalVar} per declared variable, each declared after its initializer. */
  void localVars(VariableDeclarationExpr vde, List<Stmt> out) {
    List<Annotation> anns = annotations(vde.getAnnotations());
    for (VariableDeclarator v : vde.getVariables()) {
      out.add(localVar(v, anns));
    }
  }

  private Stmt.LocalVar localVar(VariableDeclarator v, List<Annotation> annotations) {
    Type declared = v.getType();
    Expr init = null;
    TypeRef type;
    if (declared.isVarType()) {
      init = v.getInitializer().map(e -> exprs.expr(e, null)).orElse(null);
      type = init == null ? TypeRef.UNKNOWN : init.type();
    } else {
      type = tr.resolve(declared, scope);
      if (v.getInitializer().isPresent()) {
        init = initializer(v.getInitializer().get(), type);
      }
    }
    scope.declare(v.getNameAsString(), type);
    return new Stmt.LocalVar(
        Positions.of(v.getName()), v.getNameAsString(), type, init, annotations);
  }

  private Stmt forEach(ForEachStmt fe, Pos pos) {
    Expr iterable = exprs.expr(fe.getIterable(), null);
    Scope saved = scope;
    scope = scope.block();
    VariableDeclarator v = fe.getVariableDeclarator();
    TypeRef type =
        v.getType().isVarType() ? elementType(iterable.type()) : tr.resolve(v.getType(), scope);
    scope.declare(v.getNameAsString(), type);
    Stmt body = single(fe.getBody());
    scope = saved;
    return new Stmt.ForEach(pos, v.getNameAsString(), type, iterable, body);
  }

  /** The element type of an array or {@code Iterable}, or UNKNOWN. */
  TypeRef elementType(TypeRef iterable) {
    if (iterable.isArray()) {
      return iterable.elementType();
    }
    TypeRef it = ts.asSuper(iterable, "java.lang.Iterable");
    return it == null ? TypeRef.UNKNOWN : it.arg(0);
  }

  private Stmt forLoop(ForStmt f, Pos pos) {
    Scope saved = scope;
    scope = scope.block();
    List<Stmt> init = new ArrayList<>();
    for (Expression e : f.getInitialization()) {
      if (e instanceof VariableDeclarationExpr vde) {
        localVars(vde, init);
      } else {
        init.add(new Stmt.ExprStmt(Positions.of(e), exprs.expr(e, null)));
      }
    }
    Expr cond = f.getCompare().map(c -> exprs.expr(c, TypeSystem.BOOLEAN)).orElse(null);
    List<Expr> update = new ArrayList<>();
    for (Expression e : f.getUpdate()) {
      update.add(exprs.expr(e, null));
    }
    Stmt body = single(f.getBody());
    scope = saved;
    return new Stmt.For(pos, init, cond, update, body);
  }

  private Stmt tryStmt(TryStmt t, Pos pos) {
    Scope saved = scope;
    scope = scope.block();
    List<Stmt> resources = new ArrayList<>();
    for (Expression r : t.getResources()) {
      if (r instanceof VariableDeclarationExpr vde) {
        localVars(vde, resources);
      } else {
        resources.add(new Stmt.ExprStmt(Positions.of(r), exprs.expr(r, null)));
      }
    }
    Stmt.Block body = block(t.getTryBlock());
    scope = saved;
    List<Stmt.Catch> catches = new ArrayList<>();
    for (CatchClause cc : t.getCatchClauses()) {
      Parameter p = cc.getParameter();
      List<TypeRef> types = new ArrayList<>();
      if (p.getType() instanceof UnionType u) {
        for (ReferenceType rt : u.getElements()) {
          types.add(tr.resolve(rt, scope));
        }
      } else {
        types.add(tr.resolve(p.getType(), scope));
      }
      scope = scope.block();
      scope.declare(p.getNameAsString(), types.size() == 1 ? types.get(0) : ts.lub(types));
      Stmt.Block cb = block(cc.getBody());
      scope = saved;
      catches.add(new Stmt.Catch(Positions.of(cc), p.getNameAsString(), types, cb));
    }
    Stmt.Block fin = t.getFinallyBlock().map(this::block).orElse(null);
    return new Stmt.Try(pos, resources, body, catches, fin);
  }

  /**
   * Switch cases. Statement groups share one scope (a local declared under one label is visible
   * under the next); each arrow case has its own. In a switch expression an arrow case with an
   * expression yields it, as javac's tree has it.
   */
  List<Stmt.SwitchCase> cases(NodeList<SwitchEntry> entries, Expr selector, boolean isExpr) {
    Scope saved = scope;
    scope = scope.block();
    List<Stmt.SwitchCase> out = new ArrayList<>();
    for (SwitchEntry e : entries) {
      boolean arrow = e.getType() != SwitchEntry.Type.STATEMENT_GROUP;
      Scope groupScope = scope;
      if (arrow) {
        scope = scope.block();
      }
      List<Expr> labels = new ArrayList<>();
      for (Expression l : e.getLabels()) {
        labels.add(exprs.caseLabel(l, selector));
      }
      e.getGuard()
          .ifPresent(
              g ->
                  labels.add(
                      new Expr.Opaque(
                          Positions.of(g),
                          TypeSystem.BOOLEAN,
                          "guard",
                          List.of(exprs.expr(g, TypeSystem.BOOLEAN)))));
      List<Stmt> body = new ArrayList<>();
      if (isExpr
          && e.getType() == SwitchEntry.Type.EXPRESSION
          && e.getStatements().size() == 1
          && e.getStatements().get(0) instanceof ExpressionStmt es) {
        TypeRef target = yieldTargets.isEmpty() ? null : yieldTargets.peek();
        body.add(new Stmt.Yield(Positions.of(es), exprs.expr(es.getExpression(), target)));
      } else {
        for (Statement st : e.getStatements()) {
          stmt(st, body);
        }
      }
      scope = groupScope;
      out.add(new Stmt.SwitchCase(Positions.of(e), labels, e.isDefault(), arrow, body));
    }
    scope = saved;
    return out;
  }

  /** A local class declaration; like the class itself, it sits at the class name. */
  private Stmt localClass(TypeDeclaration<?> td) {
    String id = ids.get(td);
    ProjectClass pc = ProjectClass.declared(td, id, scope.enclosingClass(), unit, tr, ids);
    scope.declareLocalClass(td.getNameAsString(), pc);
    prepareLocal(pc, scope);
    lowerClass(pc);
    return new Stmt.LocalClass(Positions.of(td.getName()), id);
  }

  /** Makes a local or anonymous class known, links it and resolves its members. */
  void prepareLocal(ProjectClass pc, Scope declaredIn) {
    pc.declaredIn(declaredIn);
    register(pc);
    link(pc);
    resolve(pc);
  }

  private void register(ProjectClass pc) {
    ts.addLocal(pc);
    pc.memberTypes().values().forEach(this::register);
  }

  private static void link(ProjectClass pc) {
    pc.link();
    pc.memberTypes().values().forEach(FileLowering::link);
  }

  private static void resolve(ProjectClass pc) {
    pc.resolveMembers();
    pc.memberTypes().values().forEach(FileLowering::resolve);
  }

  /**
   * {@code this(...)} and {@code super(...)}: a call of {@code <init>} on {@code this} (with {@code
   * isSuper} for the superclass constructor). A qualifying outer instance is evaluated first.
   */
  private void explicitConstructorCall(
      ExplicitConstructorInvocationStmt eci, Pos pos, List<Stmt> out) {
    ProjectClass c = scope.enclosingClass();
    if (eci.getExpression().isPresent()) {
      Expression outer = eci.getExpression().get();
      out.add(new Stmt.ExprStmt(Positions.of(outer), exprs.expr(outer, null)));
    }
    TypeRef target = eci.isThis() ? c.asType() : c.superclass();
    // As javac types the identifier: `this` has the class's type, `super` in a constructor call
    // none.
    Expr.ThisRef self =
        new Expr.ThisRef(pos, eci.isThis() ? c.asType() : TypeRef.UNKNOWN, c.name(), !eci.isThis());
    Expr.Call call = exprs.constructorCall(pos, self, target, eci.getArguments());
    out.add(new Stmt.ExprStmt(pos, call));
  }
}
