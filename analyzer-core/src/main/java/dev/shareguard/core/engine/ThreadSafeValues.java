package dev.shareguard.core.engine;

import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.Stmt;
import dev.shareguard.core.model.LibraryModels;

/** Expressions that make thread-safe containers, as the models tell them. */
final class ThreadSafeValues {
  private ThreadSafeValues() {}

  /**
   * Whether {@code v} makes a thread-safe container: made as one, by a thread-safe factory or a
   * static factory declared to return one, or by the creating function of a {@code
   * computeIfAbsent} that makes one.
   */
  static boolean makes(Expr v, LibraryModels models) {
    if (v instanceof Expr.New n) {
      return models.isThreadSafeContainer(n.type().name());
    }
    if (v instanceof Expr.Call c && c.receiver() == null && c.target().owner() != null) {
      return models.isThreadSafeFactory(c.target().owner(), c.target().name())
          || models.isSetFromMapFactory(c.target().owner(), c.target().name())
              && c.args().size() == 1 && makes(c.args().get(0), models)
          || c.type() != null && models.isThreadSafeContainer(c.type().name());
    }
    if (v instanceof Expr.Call c && c.receiver() != null && !isComputeIfAbsent(c)) {
      // An instance factory or a builder's last step, judged by what it returns.
      return models.isThreadSafeContainer(models.staticType(c));
    }
    if (v instanceof Expr.Call c && isComputeIfAbsent(c)
        && c.args().get(1) instanceof Expr.Lambda l
        && l.body().stmts().size() == 1
        && l.body().stmts().get(0) instanceof Stmt.Return r) {
      return makes(r.expr(), models);
    }
    return false;
  }

  private static boolean isComputeIfAbsent(Expr.Call c) {
    return c.target().name().equals("computeIfAbsent") && c.args().size() == 2;
  }

  /**
   * Whether a {@code Collections.synchronized*} call wraps a new thread-safe container: iterating
   * the wrapper then needs no lock either (the container's own iterators are weakly consistent).
   */
  static boolean wraps(Expr.Call wrapper, LibraryModels models) {
    return wrapper.args().size() == 1 && wrapper.args().get(0) instanceof Expr.New inner
        && models.isThreadSafeContainer(inner.type().name());
  }
}
