package dev.shareguard.core.engine;

import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.Stmt;
import java.util.function.Consumer;

/**
 * Visits every expression of a statement tree in source order, including those nested in lambda
 * bodies, but not the bodies of local or anonymous classes (those are classes of their own).
 */
public final class IrWalker {
  private IrWalker() {}

  public static void forEachExpr(Stmt s, Consumer<Expr> f) {
    walk(s, x -> {}, f);
  }

  /**
   * Visits every statement of a statement tree (itself included) in source order, not those in
   * lambda bodies or local and anonymous classes.
   */
  public static void forEachStmt(Stmt s, Consumer<Stmt> f) {
    walk(s, f, e -> {});
  }

  /** Whether {@code e} (by identity) is evaluated for its effect alone: a statement of its own. */
  public static boolean isDiscarded(Stmt root, Expr e) {
    boolean[] found = {false};
    forEachStmt(root, x -> found[0] |= x instanceof Stmt.ExprStmt es && es.expr() == e);
    return found[0];
  }

  private static void walk(Stmt s, Consumer<Stmt> st, Consumer<Expr> f) {
    if (s == null) {
      return;
    }
    st.accept(s);
    if (s instanceof Stmt.Block b) {
      b.stmts().forEach(x -> walk(x, st, f));
    } else if (s instanceof Stmt.ExprStmt e) {
      forEachExpr(e.expr(), f);
    } else if (s instanceof Stmt.LocalVar v) {
      forEachExpr(v.init(), f);
    } else if (s instanceof Stmt.If i) {
      forEachExpr(i.cond(), f);
      walk(i.then(), st, f);
      walk(i.orElse(), st, f);
    } else if (s instanceof Stmt.While w) {
      forEachExpr(w.cond(), f);
      walk(w.body(), st, f);
    } else if (s instanceof Stmt.DoWhile d) {
      walk(d.body(), st, f);
      forEachExpr(d.cond(), f);
    } else if (s instanceof Stmt.For fo) {
      fo.init().forEach(x -> walk(x, st, f));
      forEachExpr(fo.cond(), f);
      fo.update().forEach(x -> forEachExpr(x, f));
      walk(fo.body(), st, f);
    } else if (s instanceof Stmt.ForEach fe) {
      forEachExpr(fe.iterable(), f);
      walk(fe.body(), st, f);
    } else if (s instanceof Stmt.Try t) {
      t.resources().forEach(x -> walk(x, st, f));
      walk(t.body(), st, f);
      t.catches().forEach(c -> walk(c.body(), st, f));
      walk(t.finallyBlock(), st, f);
    } else if (s instanceof Stmt.Synchronized y) {
      forEachExpr(y.monitor(), f);
      walk(y.body(), st, f);
    } else if (s instanceof Stmt.Return r) {
      forEachExpr(r.expr(), f);
    } else if (s instanceof Stmt.Throw t) {
      forEachExpr(t.expr(), f);
    } else if (s instanceof Stmt.Yield y) {
      forEachExpr(y.expr(), f);
    } else if (s instanceof Stmt.Labeled l) {
      walk(l.body(), st, f);
    } else if (s instanceof Stmt.Switch sw) {
      forEachExpr(sw.selector(), f);
      sw.cases().forEach(c -> cases(c, st, f));
    } else if (s instanceof Stmt.Assert a) {
      forEachExpr(a.cond(), f);
      forEachExpr(a.message(), f);
    }
  }

  private static void cases(Stmt.SwitchCase c, Consumer<Stmt> st, Consumer<Expr> f) {
    c.labels().forEach(l -> forEachExpr(l, f));
    c.body().forEach(b -> walk(b, st, f));
  }

  public static void forEachExpr(Expr e, Consumer<Expr> f) {
    if (e == null) {
      return;
    }
    f.accept(e);
    if (e instanceof Expr.FieldAccess x) {
      forEachExpr(x.receiver(), f);
    } else if (e instanceof Expr.ArrayAccess x) {
      forEachExpr(x.array(), f);
      forEachExpr(x.index(), f);
    } else if (e instanceof Expr.Call x) {
      forEachExpr(x.receiver(), f);
      x.args().forEach(a -> forEachExpr(a, f));
    } else if (e instanceof Expr.New x) {
      forEachExpr(x.outer(), f);
      x.args().forEach(a -> forEachExpr(a, f));
    } else if (e instanceof Expr.NewArray x) {
      x.dimensions().forEach(a -> forEachExpr(a, f));
      x.initializers().forEach(a -> forEachExpr(a, f));
    } else if (e instanceof Expr.Lambda x) {
      walk(x.body(), st -> {}, f);
    } else if (e instanceof Expr.MethodRef x) {
      forEachExpr(x.receiver(), f);
    } else if (e instanceof Expr.Assign x) {
      forEachExpr(x.target(), f);
      forEachExpr(x.value(), f);
    } else if (e instanceof Expr.Unary x) {
      forEachExpr(x.operand(), f);
    } else if (e instanceof Expr.Binary x) {
      forEachExpr(x.left(), f);
      forEachExpr(x.right(), f);
    } else if (e instanceof Expr.Conditional x) {
      forEachExpr(x.condition(), f);
      forEachExpr(x.whenTrue(), f);
      forEachExpr(x.whenFalse(), f);
    } else if (e instanceof Expr.Cast x) {
      forEachExpr(x.expr(), f);
    } else if (e instanceof Expr.InstanceOf x) {
      forEachExpr(x.expr(), f);
    } else if (e instanceof Expr.SwitchExpr x) {
      forEachExpr(x.selector(), f);
      x.cases().forEach(c -> cases(c, st -> {}, f));
    } else if (e instanceof Expr.Opaque x) {
      x.parts().forEach(a -> forEachExpr(a, f));
    }
  }
}
