package dev.shareguard.core.engine;

import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.Stmt;
import java.util.List;
import java.util.function.Consumer;

/**
 * Visits every expression of a statement tree in source order, including those nested in lambda
 * bodies, but not the bodies of local or anonymous classes (those are classes of their own).
 *
 * <p>Several passes of the engine walk every body of the program with it, so it allocates nothing
 * per node (indexed loops over the IR's lists, no capturing lambdas) and tests the commonest node
 * kinds first; the order of the visit does not depend on that.
 */
public final class IrWalker {
  private IrWalker() {}

  private static final Consumer<Stmt> NO_STMT = x -> {};

  public static void forEachExpr(Stmt s, Consumer<Expr> f) {
    walk(s, NO_STMT, f);
  }

  /**
   * Visits every statement of a statement tree (itself included) in source order, not those in
   * lambda bodies or local and anonymous classes.
   */
  public static void forEachStmt(Stmt s, Consumer<Stmt> f) {
    walk(s, f, null);
  }

  /** Whether {@code e} is the literal {@code true}. */
  public static boolean isTrueLiteral(Expr e) {
    return e instanceof Expr.Literal l && l.text().equals("true");
  }

  /**
   * What expression {@code e} stores into: the target of an assignment ({@code x = v}, {@code x
   * += v}) or the operand of an increment or decrement ({@code x++}); null for any other
   * expression.
   */
  public static Expr writtenTarget(Expr e) {
    if (e instanceof Expr.Assign a) {
      return a.target();
    }
    return e instanceof Expr.Unary u && u.writes() ? u.operand() : null;
  }

  /**
   * The one value local {@code name} of {@code body} is ever given: its initializer, when it is
   * declared once and never assigned after; else null.
   */
  public static Expr onlyValueOf(Stmt body, String name) {
    Expr[] init = {null};
    int[] decls = {0};
    forEachStmt(body, st -> {
      if (st instanceof Stmt.LocalVar v && v.name().equals(name)) {
        decls[0]++;
        init[0] = v.init();
      }
    });
    return decls[0] == 1 && !assignsLocal(body, name) ? init[0] : null;
  }

  /** Whether {@code s} stores into the local (or parameter) {@code name} anywhere. */
  public static boolean assignsLocal(Stmt s, String name) {
    boolean[] stored = {false};
    forEachExpr(s, e -> {
      Expr target = writtenTarget(e);
      stored[0] |= target instanceof Expr.LocalRef r && r.name().equals(name);
    });
    return stored[0];
  }

  /** Whether statement {@code s} always leaves its method: it ends in a {@code return} or {@code throw}. */
  public static boolean leaves(Stmt s) {
    if (s instanceof Stmt.Block b) {
      return !b.stmts().isEmpty() && leaves(b.stmts().get(b.stmts().size() - 1));
    }
    return s instanceof Stmt.Return || s instanceof Stmt.Throw;
  }

  /** Whether {@code e} is the {@code null} literal. */
  public static boolean isNullLiteral(Expr e) {
    return e instanceof Expr.Literal l && l.text().equals("null");
  }

  /**
   * The expression condition {@code cond} compares with {@code null} by {@code op} ({@code ==} or
   * {@code !=}, {@code null} on either side), or null when it is no such comparison.
   */
  public static Expr nullCompared(Expr cond, String op) {
    if (cond instanceof Expr.Binary b && b.op().equals(op)) {
      if (isNullLiteral(b.right())) {
        return b.left();
      }
      if (isNullLiteral(b.left())) {
        return b.right();
      }
    }
    return null;
  }

  /**
   * The expressions a body returns, one per {@code return} statement of its own (not of lambdas
   * or local classes in it); null for a bare {@code return;}.
   */
  public static java.util.List<Expr> returned(Stmt body) {
    java.util.List<Expr> out = new java.util.ArrayList<>();
    forEachStmt(body, st -> {
      if (st instanceof Stmt.Return r) {
        out.add(r.expr());
      }
    });
    return out;
  }

  /** Whether {@code e} (by identity) is evaluated for its effect alone: a statement of its own. */
  public static boolean isDiscarded(Stmt root, Expr e) {
    boolean[] found = {false};
    forEachStmt(root, x -> found[0] |= x instanceof Stmt.ExprStmt es && es.expr() == e);
    return found[0];
  }

  /** Statements to {@code st}; expressions to {@code f}, or nowhere when {@code f} is null. */
  private static void walk(Stmt s, Consumer<Stmt> st, Consumer<Expr> f) {
    if (s == null) {
      return;
    }
    st.accept(s);
    if (s instanceof Stmt.Block b) {
      walkAll(b.stmts(), st, f);
    } else if (s instanceof Stmt.ExprStmt e) {
      expr(e.expr(), f);
    } else if (s instanceof Stmt.LocalVar v) {
      expr(v.init(), f);
    } else if (s instanceof Stmt.If i) {
      expr(i.cond(), f);
      walk(i.then(), st, f);
      walk(i.orElse(), st, f);
    } else if (s instanceof Stmt.Return r) {
      expr(r.expr(), f);
    } else if (s instanceof Stmt.While w) {
      expr(w.cond(), f);
      walk(w.body(), st, f);
    } else if (s instanceof Stmt.DoWhile d) {
      walk(d.body(), st, f);
      expr(d.cond(), f);
    } else if (s instanceof Stmt.For fo) {
      walkAll(fo.init(), st, f);
      expr(fo.cond(), f);
      exprs(fo.update(), f);
      walk(fo.body(), st, f);
    } else if (s instanceof Stmt.ForEach fe) {
      expr(fe.iterable(), f);
      walk(fe.body(), st, f);
    } else if (s instanceof Stmt.Try t) {
      walkAll(t.resources(), st, f);
      walk(t.body(), st, f);
      List<Stmt.Catch> catches = t.catches();
      for (int i = 0, n = catches.size(); i < n; i++) {
        walk(catches.get(i).body(), st, f);
      }
      walk(t.finallyBlock(), st, f);
    } else if (s instanceof Stmt.Synchronized y) {
      expr(y.monitor(), f);
      walk(y.body(), st, f);
    } else if (s instanceof Stmt.Throw t) {
      expr(t.expr(), f);
    } else if (s instanceof Stmt.Yield y) {
      expr(y.expr(), f);
    } else if (s instanceof Stmt.Labeled l) {
      walk(l.body(), st, f);
    } else if (s instanceof Stmt.Switch sw) {
      expr(sw.selector(), f);
      cases(sw.cases(), st, f);
    } else if (s instanceof Stmt.Assert a) {
      expr(a.cond(), f);
      expr(a.message(), f);
    }
  }

  private static void walkAll(List<? extends Stmt> stmts, Consumer<Stmt> st, Consumer<Expr> f) {
    for (int i = 0, n = stmts.size(); i < n; i++) {
      walk(stmts.get(i), st, f);
    }
  }

  private static void cases(List<Stmt.SwitchCase> cases, Consumer<Stmt> st, Consumer<Expr> f) {
    for (int i = 0, n = cases.size(); i < n; i++) {
      Stmt.SwitchCase c = cases.get(i);
      exprs(c.labels(), f);
      walkAll(c.body(), st, f);
    }
  }

  private static void expr(Expr e, Consumer<Expr> f) {
    if (f != null) {
      forEachExpr(e, f);
    }
  }

  private static void exprs(List<Expr> es, Consumer<Expr> f) {
    if (f != null) {
      for (int i = 0, n = es.size(); i < n; i++) {
        forEachExpr(es.get(i), f);
      }
    }
  }

  public static void forEachExpr(Expr e, Consumer<Expr> f) {
    if (e == null) {
      return;
    }
    f.accept(e);
    if (e instanceof Expr.LocalRef || e instanceof Expr.Literal || e instanceof Expr.ThisRef) {
      return;
    }
    if (e instanceof Expr.Call x) {
      forEachExpr(x.receiver(), f);
      exprs(x.args(), f);
    } else if (e instanceof Expr.FieldAccess x) {
      forEachExpr(x.receiver(), f);
    } else if (e instanceof Expr.Assign x) {
      forEachExpr(x.target(), f);
      forEachExpr(x.value(), f);
    } else if (e instanceof Expr.Binary x) {
      forEachExpr(x.left(), f);
      forEachExpr(x.right(), f);
    } else if (e instanceof Expr.Unary x) {
      forEachExpr(x.operand(), f);
    } else if (e instanceof Expr.New x) {
      forEachExpr(x.outer(), f);
      exprs(x.args(), f);
    } else if (e instanceof Expr.ArrayAccess x) {
      forEachExpr(x.array(), f);
      forEachExpr(x.index(), f);
    } else if (e instanceof Expr.Cast x) {
      forEachExpr(x.expr(), f);
    } else if (e instanceof Expr.Lambda x) {
      walk(x.body(), NO_STMT, f);
    } else if (e instanceof Expr.MethodRef x) {
      forEachExpr(x.receiver(), f);
    } else if (e instanceof Expr.Conditional x) {
      forEachExpr(x.condition(), f);
      forEachExpr(x.whenTrue(), f);
      forEachExpr(x.whenFalse(), f);
    } else if (e instanceof Expr.InstanceOf x) {
      forEachExpr(x.expr(), f);
    } else if (e instanceof Expr.NewArray x) {
      exprs(x.dimensions(), f);
      exprs(x.initializers(), f);
    } else if (e instanceof Expr.SwitchExpr x) {
      forEachExpr(x.selector(), f);
      cases(x.cases(), NO_STMT, f);
    } else if (e instanceof Expr.Opaque x) {
      exprs(x.parts(), f);
    }
  }

  /**
   * The statements directly inside {@code s}, in source order (not those of lambdas or classes);
   * a list made for the asking, for passes that need a statement's children rather than a walk.
   */
  public static List<Stmt> childStatements(Stmt s) {
    List<Stmt> out = new java.util.ArrayList<>();
    if (s instanceof Stmt.Block b) {
      out.addAll(b.stmts());
    } else if (s instanceof Stmt.If i) {
      out.add(i.then());
      out.add(i.orElse());
    } else if (s instanceof Stmt.While w) {
      out.add(w.body());
    } else if (s instanceof Stmt.DoWhile d) {
      out.add(d.body());
    } else if (s instanceof Stmt.For f) {
      out.addAll(f.init());
      out.add(f.body());
    } else if (s instanceof Stmt.ForEach f) {
      out.add(f.body());
    } else if (s instanceof Stmt.Try t) {
      out.addAll(t.resources());
      out.add(t.body());
      t.catches().forEach(c -> out.add(c.body()));
      out.add(t.finallyBlock());
    } else if (s instanceof Stmt.Synchronized y) {
      out.add(y.body());
    } else if (s instanceof Stmt.Labeled l) {
      out.add(l.body());
    } else if (s instanceof Stmt.Switch sw) {
      sw.cases().forEach(c -> out.addAll(c.body()));
    }
    out.removeIf(x -> x == null);
    return out;
  }

  /**
   * The expressions directly inside {@code e} (a lambda's body excepted), a list made for the
   * asking like {@link #childStatements}; {@link #forEachExpr} visits the same children.
   */
  public static List<Expr> childExpressions(Expr e) {
    List<Expr> out = new java.util.ArrayList<>();
    if (e instanceof Expr.Call c) {
      out.add(c.receiver());
      out.addAll(c.args());
    } else if (e instanceof Expr.FieldAccess f) {
      out.add(f.receiver());
    } else if (e instanceof Expr.Assign a) {
      out.add(a.target());
      out.add(a.value());
    } else if (e instanceof Expr.Binary b) {
      out.add(b.left());
      out.add(b.right());
    } else if (e instanceof Expr.Unary u) {
      out.add(u.operand());
    } else if (e instanceof Expr.New n) {
      out.add(n.outer());
      out.addAll(n.args());
    } else if (e instanceof Expr.NewArray n) {
      if (n.dimensions() != null) {
        out.addAll(n.dimensions());
      }
      if (n.initializers() != null) {
        out.addAll(n.initializers());
      }
    } else if (e instanceof Expr.ArrayAccess a) {
      out.add(a.array());
      out.add(a.index());
    } else if (e instanceof Expr.Cast c) {
      out.add(c.expr());
    } else if (e instanceof Expr.InstanceOf i) {
      out.add(i.expr());
    } else if (e instanceof Expr.MethodRef m) {
      out.add(m.receiver());
    } else if (e instanceof Expr.Opaque o) {
      out.addAll(o.parts());
    } else if (e instanceof Expr.SwitchExpr sw) {
      out.add(sw.selector());
    }
    out.removeIf(x -> x == null);
    return out;
  }

  /** The expressions a statement evaluates itself (not those of the statements inside it). */
  public static List<Expr> ownExpressions(Stmt s) {
    List<Expr> out = new java.util.ArrayList<>();
    if (s instanceof Stmt.ExprStmt x) {
      out.add(x.expr());
    } else if (s instanceof Stmt.LocalVar v) {
      out.add(v.init());
    } else if (s instanceof Stmt.Return r) {
      out.add(r.expr());
    } else if (s instanceof Stmt.Throw t) {
      out.add(t.expr());
    } else if (s instanceof Stmt.Yield y) {
      out.add(y.expr());
    } else if (s instanceof Stmt.While w) {
      out.add(w.cond());
    } else if (s instanceof Stmt.DoWhile d) {
      out.add(d.cond());
    } else if (s instanceof Stmt.For f) {
      out.add(f.cond());
      out.addAll(f.update());
    } else if (s instanceof Stmt.ForEach f) {
      out.add(f.iterable());
    } else if (s instanceof Stmt.Switch sw) {
      out.add(sw.selector());
    } else if (s instanceof Stmt.Synchronized y) {
      out.add(y.monitor());
    }
    out.removeIf(x -> x == null);
    return out;
  }

  /**
   * Visits every expression of {@code s} that runs where it is written: not those inside lambda
   * bodies, which run when (and where) the lambda is called.
   */
  public static void forEachExprOutsideLambdas(Stmt s, Consumer<Expr> f) {
    forEachExpr(s, outsideLambdas(f));
  }

  /** {@link #forEachExprOutsideLambdas(Stmt, Consumer)} for an expression. */
  public static void forEachExprOutsideLambdas(Expr e, Consumer<Expr> f) {
    forEachExpr(e, outsideLambdas(f));
  }

  /** {@code f}, for a pre-order visit, skipping what lambda bodies hold. */
  private static Consumer<Expr> outsideLambdas(Consumer<Expr> f) {
    java.util.Set<Expr> deferred =
        java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    return x -> {
      if (x instanceof Expr.Lambda l) {
        forEachExpr(l.body(), deferred::add);
      }
      if (!deferred.contains(x)) {
        f.accept(x);
      }
    };
  }
}
