package dev.shareguard.core.engine;

import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.Pos;
import dev.shareguard.core.model.LibraryModels;

/**
 * A hand-off through a {@code CountDownLatch} (SPEC §2 orderings): a thread's actions before
 * {@code latch.countDown()} happen-before the actions of a thread after {@code latch.await()}
 * returns. So a write made before its own body counts down a latch field, and a read made after
 * its own body awaited the same latch field, are ordered: the reader waits for the writer.
 */
final class LatchHandOffs {
  private LatchHandOffs() {}

  /** Whether {@code a} and {@code b}, one a write and one a read, are ordered by one latch. */
  static boolean ordered(AccessInstance a, AccessInstance b) {
    if (a.isWrite() == b.isWrite()) {
      return false;
    }
    AccessInstance write = a.isWrite() ? a : b;
    AccessInstance read = a.isWrite() ? b : a;
    LatchField latch = latchCalled(write, true);
    return latch != null && latch.equals(latchCalled(read, false));
  }

  /** A latch held in field {@code owner.name}. */
  private record LatchField(String owner, String name) {}

  /**
   * The latch field on which {@code a}'s own body counts down after the access ({@code
   * countDownAfter}) or awaits before it; null when there is none, or more than one.
   */
  private static LatchField latchCalled(AccessInstance a, boolean countDownAfter) {
    ProgramIndex.Body body = a.body();
    if (body == null || body.block() == null) {
      return null;
    }
    Pos at = a.raw().at().pos();
    LatchField[] found = {null};
    boolean[] several = {false};
    IrWalker.forEachExpr(body.block(), e -> {
      if (e instanceof Expr.Call c && c.receiver() instanceof Expr.FieldAccess f
          && c.receiver().type() != null
          && LibraryModels.isLatchSignal(c.receiver().type().name(), c.target().name(),
              countDownAfter)
          && (countDownAfter ? c.pos().compareTo(at) > 0 : c.pos().compareTo(at) < 0)) {
        LatchField key = new LatchField(f.ownerClass(), f.name());
        several[0] |= found[0] != null && !found[0].equals(key);
        found[0] = key;
      }
    });
    return several[0] ? null : found[0];
  }
}
