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
    if (s == null) {
      return;
    }
    if (s instanceof Stmt.Block b) {
      b.stmts().forEach(x -> forEachExpr(x, f));
    } else if (s instanceof Stmt.ExprStmt e) {
      forEachExpr(e.expr(), f);
    } else if (s instanceof Stmt.LocalVar v) {
      forEachExpr(v.init(), f);
    } else if (s instanceof Stmt.If i) {
      forEachExpr(i.cond(), f);
      forEachExpr(i.then(), f);
      forEachExpr(i.orElse(), f);
    } else if (s instanceof Stmt.While w) {
      forEachExpr(w.cond(), f);
      forEachExpr(w.body(), f);
    } else if (s instanceof Stmt.DoWhile d) {
      forEachExpr(d.body(), f);
      forEachExpr(d.cond(), f);
    } else if (s instanceof Stmt.For fo) {
      fo.init().forEach(x -> forEachExpr(x, f));
      forEachExpr(fo.cond(), f);
      fo.update().forEach(x -> forEachExpr(x, f));
      forEachExpr(fo.body(), f);
    } else if (s instanceof Stmt.ForEach fe) {
      forEachExpr(fe.iterable(), f);
      forEachExpr(fe.body(), f);
    } else if (s instanceof Stmt.Try t) {
      t.resources().forEach(x -> forEachExpr(x, f));
      forEachExpr(t.body(), f);
      t.catches().forEach(c -> forEachExpr(c.body(), f));
      forEachExpr(t.finallyBlock(), f);
    } else if (s instanceof Stmt.Synchronized y) {
      forEachExpr(y.monitor(), f);
      forEachExpr(y.body(), f);
    } else if (s instanceof Stmt.Return r) {
      forEachExpr(r.expr(), f);
    } else if (s instanceof Stmt.Throw t) {
      forEachExpr(t.expr(), f);
    } else if (s instanceof Stmt.Yield y) {
      forEachExpr(y.expr(), f);
    } else if (s instanceof Stmt.Labeled l) {
      forEachExpr(l.body(), f);
    } else if (s instanceof Stmt.Switch sw) {
      forEachExpr(sw.selector(), f);
      sw.cases().forEach(c -> cases(c, f));
    } else if (s instanceof Stmt.Assert a) {
      forEachExpr(a.cond(), f);
      forEachExpr(a.message(), f);
    }
  }

  private static void cases(Stmt.SwitchCase c, Consumer<Expr> f) {
    c.labels().forEach(l -> forEachExpr(l, f));
    c.body().forEach(b -> forEachExpr(b, f));
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
      forEachExpr(x.body(), f);
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
      x.cases().forEach(c -> cases(c, f));
    } else if (e instanceof Expr.Opaque x) {
      x.parts().forEach(a -> forEachExpr(a, f));
    }
  }
}
