package dev.shareguard.core.engine;

import dev.shareguard.core.engine.BodyResult.RawAccess;
import java.util.Set;

/**
 * The engine's one access fact: one access in one thread context. It says what was touched
 * ({@code key}, a typed {@link Location}, and {@code target}, the abstract value on the walk's
 * path), how ({@code raw}: read or write, the field's own cell or a container's contents, and the
 * operation in the user's terms, {@link #op()}), how the touched state is shared ({@code
 * sharing}, which decides the rules that judge it), under which holding ({@code locks}, with
 * their modes; {@code passed}: the exclusive locks its own body surely held and let go before it;
 * {@code loops}: the Netty event loops it surely runs on, code where {@code loop.inEventLoop()}
 * is true), and in which context ({@code ctx}; {@code excluded}: the tasks it is ordered with by
 * happens-before; {@code live}: in a constructor, the tasks already running). {@code body} and
 * {@code raw} say where it is; {@code thisClass} is the subclass the body's {@code this} is known
 * to be on this path (an inherited method run on an NIO socket), or null; {@code path} is how the
 * walk reached the body from its entry or task root (see {@link CallPath}), one representative
 * path when several lead there.
 *
 * <p>Equality is record equality over all parts; the engine compares facts by identity where it
 * keeps sets of them (a record hash would walk the whole expression tree), and one fact is made
 * per access and walk context. Ordering: the walk records facts in the order it meets them, which
 * depends only on the program (never on hash order); every selection of them ({@code
 * facts.AnalysisFacts}) keeps that order, and the race finder sorts by file and position before it
 * pairs.
 */
public record AccessInstance(
    ProgramIndex.Body body,
    RawAccess raw,
    Ctx ctx,
    Location key,
    Sharing sharing,
    AbsVal target,
    Set<Holding> locks,
    Set<Mark> excluded,
    Set<Mark> live,
    Set<EventLoop> loops,
    String thisClass,
    CallPath path,
    Set<LockId> passed) {

  /**
   * How the touched state is shared, which decides the rules that judge an access. Each access has
   * exactly one; the first that applies, in this order, wins: a published snapshot's contents, a
   * value held in a thread-safe map, a synchronized wrapper's contents, a thread-safe container's
   * contents, plain shareable state.
   */
  public enum Sharing {
    /** The contents of a collection published as a snapshot ({@link Location.Snapshot}). */
    SNAPSHOT,
    /** A value held in a thread-safe map, or one field of it ({@link Location.MapValue}). */
    MAP_VALUE,
    /** The contents of a {@code Collections.synchronized*} wrapper: each single call is safe. */
    SYNCHRONIZED_WRAPPER,
    /** The contents of another thread-safe container: each single call is safe. */
    THREAD_SAFE,
    /** Shareable state that is not thread-safe by itself: what the race rules pair. */
    PLAIN;

    /** Whether the state is a thread-safe container's contents (a synchronized wrapper's too). */
    public boolean threadSafeContainer() {
      return this == SYNCHRONIZED_WRAPPER || this == THREAD_SAFE;
    }
  }

  /**
   * Whether the access surely runs on some event loop (one thread per loop): code where a
   * loop's {@code inEventLoop()} is true, or a task or callback run on a loop.
   */
  public boolean onSomeEventLoop() {
    return loops.stream().anyMatch(EventLoop::isThreadLoop)
        || Ctx.serialExecutor(ctx) instanceof EventLoop;
  }

  /** Where the access is, for findings. */
  public dev.shareguard.core.finding.Location location() {
    return new dev.shareguard.core.finding.Location(
        body.file().path(), raw.at().pos().line(), raw.at().pos().column());
  }

  /**
   * The operation in the user's terms: the container method called ({@code put}, {@code get},
   * {@code iterator}, …), {@code Owner.method} for a static call that changes its argument
   * ({@code Collections.sort}), {@code copy} for a copy made of the container, {@code iteration}
   * for a for-each, {@code read} or {@code write} for a field's cell or an array element.
   */
  public String op() {
    return raw.what();
  }

  /** The accessing expression. */
  public dev.shareguard.core.ir.Expr expr() {
    return raw.expr();
  }

  /** Where the accessing expression starts. */
  public dev.shareguard.core.ir.Pos pos() {
    return raw.at().pos();
  }

  /** The container's static type (erased), or null for a field's cell and unknown types. */
  public String receiverType() {
    return raw.receiverType();
  }

  /** For a {@code put} or {@code putIfAbsent}, the abstract value put in; else null. */
  public AbsVal stored() {
    return raw.stored();
  }

  /** Whether the access touches a field's own cell (not a container's contents). */
  public boolean isCell() {
    return raw.slot() == BodyResult.Slot.CELL;
  }

  /** Whether this access reads or writes an element of an array ({@code a[i]}, {@code a[i] = v}). */
  public boolean isArrayElement() {
    return ArrayElements.indexOf(this) != null;
  }

  public boolean isWrite() {
    return raw.kind() == BodyResult.AccessKind.WRITE;
  }

  /** Holds a lock that excludes every other holder (a monitor, a Lock, a write lock). */
  public boolean holdsExclusiveLock() {
    for (Holding l : locks) {
      if (l.exclusive()) {
        return true;
      }
    }
    return false;
  }

  /** Holds some read lock and no exclusive lock: other readers may be inside at the same time. */
  public boolean holdsOnlyReadLocks() {
    return !locks.isEmpty() && !holdsExclusiveLock();
  }
}
