package dev.shareguard.core.engine;

import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.Pos;
import dev.shareguard.core.model.LibraryModels;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A hand-off through a {@code CountDownLatch} (SPEC §2 orderings): a thread's actions before
 * {@code latch.countDown()} happen-before the actions of a thread after {@code latch.await()}
 * returns. So a write made before its own body counts down a latch field, and a read made after
 * its own body awaited the same latch field, are ordered: the reader waits for the writer.
 */
final class LatchHandOffs {
  /**
   * Each body's latch calls, found once: the pairing asks about every write-read pair of a
   * location, and a walk of the body per question made it the pairing's largest cost. Kept for
   * the pairing's life (one entry per body that holds an access of a paired location).
   */
  private final Map<ProgramIndex.Body, List<Signal>> signals = new IdentityHashMap<>();

  /** Whether {@code a} and {@code b}, one a write and one a read, are ordered by one latch. */
  boolean ordered(AccessInstance a, AccessInstance b) {
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
   * A call on a latch field: {@code countDown} when it signals the latch after the access, else
   * {@code await}-like (it waits for it before the access); a call may be both.
   */
  private record Signal(Pos pos, LatchField field, boolean countDown, boolean await) {}

  /**
   * The latch field on which {@code a}'s own body counts down after the access ({@code
   * countDownAfter}) or awaits before it; null when there is none, or more than one.
   */
  private LatchField latchCalled(AccessInstance a, boolean countDownAfter) {
    ProgramIndex.Body body = a.body();
    if (body == null || body.block() == null) {
      return null;
    }
    Pos at = a.raw().at().pos();
    LatchField found = null;
    boolean several = false;
    for (Signal s : signals.computeIfAbsent(body, LatchHandOffs::signalsIn)) {
      if ((countDownAfter ? s.countDown() && s.pos().compareTo(at) > 0
          : s.await() && s.pos().compareTo(at) < 0)) {
        several |= found != null && !found.equals(s.field());
        found = s.field();
      }
    }
    return several ? null : found;
  }

  /** The calls on latch fields in {@code body}'s block, lambdas included, in walk order. */
  private static List<Signal> signalsIn(ProgramIndex.Body body) {
    List<Signal> out = new ArrayList<>();
    IrWalker.forEachExpr(body.block(), e -> {
      if (e instanceof Expr.Call c && c.receiver() instanceof Expr.FieldAccess f
          && c.receiver().type() != null) {
        String type = c.receiver().type().name();
        boolean countDown = LibraryModels.isLatchSignal(type, c.target().name(), true);
        boolean await = LibraryModels.isLatchSignal(type, c.target().name(), false);
        if (countDown || await) {
          out.add(new Signal(c.pos(), new LatchField(f.ownerClass(), f.name()), countDown, await));
        }
      }
    });
    return out.isEmpty() ? List.of() : out;
  }
}
