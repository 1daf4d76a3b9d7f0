package dev.shareguard.core.engine;

import dev.shareguard.core.engine.BodyResult.Point;
import java.util.Set;
import java.util.TreeSet;

/**
 * The identities of locks and Netty event loops as the walk records them: a {@link LockId}
 * ({@link #lockKey}) held with its {@link LockMode} ({@link Holding}), an {@link EventLoop}
 * ({@link #loopKey}) the code surely runs on.
 */
public final class LockKeys {
  private final FrameBinding binding;

  LockKeys(FrameBinding binding) {
    this.binding = binding;
  }

  private AbsVal resolve(AbsVal v, Frame f, ProgramIndex.Body body) {
    return binding.resolve(v, f, body);
  }

  /** The exclusive locks the body surely let go of before a point (no mode). */
  Set<LockId> passedAt(Point at, Frame f, ProgramIndex.Body body) {
    if (at.passed().isEmpty()) {
      return Set.of();
    }
    Set<LockId> out = new TreeSet<>();
    for (AbsVal lock : at.passed()) {
      AbsVal v = resolve(lock, f, body);
      if (!(v instanceof AbsVal.OnLoop)) {
        out.add(lockKey(v));
      }
    }
    return out;
  }

  /**
   * The locks held at a point, with their modes, and the event loops it is known to run on (see
   * {@link #loopKey}): those flow into callees like locks.
   */
  Set<Held> locksAt(Point at, Frame f, ProgramIndex.Body body) {
    if (at.locks().isEmpty()) {
      // Nothing taken in the body before this point: the caller's set, which no one changes (a
      // frame's sets are read, hashed and compared by content only). Most points hold no lock.
      return f.held();
    }
    Set<Held> out = new TreeSet<>(f.held());
    for (HeldLock h : at.locks()) {
      AbsVal lock = resolve(h.lock(), f, body);
      if (lock instanceof AbsVal.OnLoop on) {
        EventLoop loop = loopKey(on.loop());
        if (loop != null) {
          out.add(loop);
        }
        continue;
      }
      out.add(new Holding(lockKey(lock), h.readOnly() ? LockMode.SHARED : LockMode.EXCLUSIVE));
    }
    return out;
  }

  /**
   * The event loop a value is, or null when the engine cannot name it: named like a lock on that
   * value ({@code AbstractChannel.eventLoop}'s field, {@code this} of {@code NioEventLoop}).
   * A field names one loop per object, as the engine names a field's other values: two channels'
   * loops are told apart only as far as the two channels' own fields are (static state is kept
   * apart by {@link ConflictFinder}). A value it cannot name ({@code ctx.executor()}) is no loop,
   * so nothing is ordered by it.
   */
  static EventLoop loopKey(AbsVal loop) {
    LockId key = lockKey(loop);
    return key.equals(LockId.UNNAMED) ? null : new EventLoop(key);
  }

  /** A lock's identity; locks the engine cannot name share one, so they count as common. */
  public static LockId lockKey(AbsVal v) {
    if (v instanceof AbsVal.This t) {
      return new LockId.InstanceMonitor(t.classId());
    }
    if (v instanceof AbsVal.Static s) {
      return new LockId.ClassMonitor(s.classId());
    }
    if (v instanceof AbsVal.Field fd) {
      AbsVal root = LocationKeys.rootOf(fd);
      if (root instanceof AbsVal.This || root instanceof AbsVal.Static) {
        return new LockId.FieldValue(fd.owner(), fd.field());
      }
      if (root instanceof AbsVal.Alloc a) {
        return new LockId.LocalObject(a.site(), fd.field());
      }
    }
    if (v instanceof AbsVal.OnceGate g && g.flag() instanceof AbsVal.Field fd
        && lockKey(fd) instanceof LockId.FieldValue flag) {
      return new LockId.Gate(flag.owner(), flag.field(), g.from(), g.to());
    }
    if (v instanceof AbsVal.Alloc a) {
      return new LockId.LocalObject(a.site(), null);
    }
    if (v instanceof AbsVal.Anon a) {
      return new LockId.LocalObject(a.site(), null);
    }
    return LockId.UNNAMED;
  }
}
