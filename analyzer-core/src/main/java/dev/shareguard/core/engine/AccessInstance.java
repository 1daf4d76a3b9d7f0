package dev.shareguard.core.engine;

import dev.shareguard.core.engine.BodyResult.RawAccess;
import java.util.Set;

/**
 * One access in one thread context: where it is ({@code body}, {@code raw}), which abstract
 * location it touches ({@code key}), the locks surely held, with their modes ({@link Holding}), the
 * tasks it is ordered with by happens-before ({@code excluded}), in a constructor the tasks
 * already running ({@code live}), and the Netty event loops it surely runs on ({@code loops}: code
 * where {@code loop.inEventLoop()} is true). {@code thisClass}: the subclass
 * the body's {@code this} is known to be on this path (an inherited method run on an NIO socket),
 * or null. {@code path}: how the walk reached the body from its entry or task root (see {@link
 * CallPath}), one representative path when several lead there. {@code passed}: the exclusive
 * locks the access's own body surely held and let go before it.
 */
public record AccessInstance(
    ProgramIndex.Body body,
    RawAccess raw,
    Ctx ctx,
    Location key,
    AbsVal target,
    Set<Holding> locks,
    Set<Mark> excluded,
    Set<Mark> live,
    Set<EventLoop> loops,
    String thisClass,
    CallPath path,
    Set<LockId> passed) {

  /** Where the access is, for findings. */
  public dev.shareguard.core.finding.Location location() {
    return new dev.shareguard.core.finding.Location(
        body.file().path(), raw.at().pos().line(), raw.at().pos().column());
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
