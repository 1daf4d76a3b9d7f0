package dev.shareguard.core.engine;

import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.Stmt;

/**
 * Whether a plain store into a field ({@code f = v}) is decided on shared state: computed from
 * the field's old value ({@code f = f + 1}), made after the same body read the field ({@code if
 * (f == null) f = …}), or made under a condition that reads a field ({@code if (now > last +
 * 1000) { tokens = …; last = now; }}). Two threads deciding on the same old state both act on
 * it, so such a store loses an update; a store decided on nothing shared only replaces a value.
 */
final class StoreDecisions {
  private StoreDecisions() {}

  static boolean decidedOnSharedState(ProgramIndex.Body body, Expr.Assign store) {
    if (!(store.target() instanceof Expr.FieldAccess target) || body == null
        || body.block() == null) {
      return false;
    }
    boolean[] found = {readsField(store.value(), target.name())};
    IrWalker.forEachExpr(body.block(), e -> {
      if (!found[0] && e != target && e instanceof Expr.FieldAccess f
          && f.name().equals(target.name()) && f.pos().compareTo(store.pos()) < 0) {
        found[0] = true;
      }
    });
    IrWalker.forEachStmt(body.block(), st -> {
      if (found[0]) {
        return;
      }
      if (st instanceof Stmt.If i && readsField(i.cond(), null)) {
        found[0] = contains(i.then(), store) || (i.orElse() != null && contains(i.orElse(), store));
      } else if (st instanceof Stmt.While w && readsField(w.cond(), null)) {
        found[0] = contains(w.body(), store);
      }
    });
    return found[0];
  }

  /**
   * Whether read {@code a} of a field's value is the check of a check-then-act: its own body
   * later stores the field decided on shared state ({@link #decidedOnSharedState}) or updates it
   * in place ({@code n++}, {@code n += d}).
   */
  static boolean readDecidesAStore(AccessInstance a) {
    if (!(a.raw().expr() instanceof Expr.FieldAccess read) || a.body() == null
        || a.body().block() == null) {
      return false;
    }
    boolean[] found = {false};
    IrWalker.forEachExpr(a.body().block(), e -> {
      if (found[0] || e.pos().compareTo(read.pos()) < 0) {
        return;
      }
      if (e instanceof Expr.Assign as && as.target() instanceof Expr.FieldAccess f
          && f.name().equals(read.name())) {
        found[0] = !as.op().equals("=") || decidedOnSharedState(a.body(), as);
      } else if (e instanceof Expr.Unary u && u.operand() instanceof Expr.FieldAccess f
          && f.name().equals(read.name()) && (u.op().contains("++") || u.op().contains("--"))) {
        found[0] = true;
      }
    });
    return found[0];
  }

  /** Whether {@code e} reads field {@code name}, or any field when {@code name} is null. */
  private static boolean readsField(Expr e, String name) {
    boolean[] found = {false};
    IrWalker.forEachExpr(e, x -> found[0] |= x instanceof Expr.FieldAccess f
        && (name == null || f.name().equals(name)));
    return found[0];
  }

  private static boolean contains(Stmt s, Expr e) {
    boolean[] found = {false};
    IrWalker.forEachExpr(s, x -> found[0] |= x == e);
    return found[0];
  }

  /**
   * Whether read {@code a} of a field's value or of a container's element count decides whether a
   * loop goes on: it is in a loop's condition ({@code while (queue.size() < n)}), or in a method
   * called from one ({@code while (!isReady())}), the call being the last step of its path.
   */
  static boolean polledInALoop(
      AccessInstance a, java.util.function.Function<String, ProgramIndex.Body> bodies) {
    if (a.isWrite()
        || (a.raw().slot() != BodyResult.Slot.CELL && !RaceConfidence.readsOnlyTheCount(a))) {
      return false;
    }
    if (inLoopCondition(a.body().block(), x -> x == a.raw().expr())) {
      return true;
    }
    CallPath last = a.path();
    if (last == null || last.via() != CallPath.Via.CALLS) {
      return false;
    }
    ProgramIndex.Body caller = bodies.apply(last.fromBody());
    return caller != null
        && inLoopCondition(caller.block(), x -> x instanceof Expr.Call c && c.pos().equals(last.at()));
  }

  private static boolean inLoopCondition(Stmt block, java.util.function.Predicate<Expr> wanted) {
    if (block == null) {
      return false;
    }
    boolean[] found = {false};
    IrWalker.forEachStmt(block, st -> {
      Expr cond = st instanceof Stmt.While w ? w.cond()
          : st instanceof Stmt.DoWhile d ? d.cond()
          : st instanceof Stmt.For f ? f.cond() : null;
      if (!found[0] && cond != null) {
        IrWalker.forEachExpr(cond, x -> found[0] |= wanted.test(x));
      }
    });
    return found[0];
  }
}
