package dev.shareguard.core.engine;

import dev.shareguard.core.engine.BodyResult.Point;
import java.util.Set;
import java.util.TreeSet;

/**
 * The identities of locks and Netty event loops as the walk records them: a lock key ({@link
 * #lockKey}) with its mode ({@code :R} shared, {@code :W} exclusive) when held, a loop key
 * ({@link #loopKey}) for an event loop the code surely runs on.
 */
public final class LockKeys {
  private final FrameBinding binding;

  LockKeys(FrameBinding binding) {
    this.binding = binding;
  }

  private AbsVal resolve(AbsVal v, Frame f, ProgramIndex.Body body) {
    return binding.resolve(v, f, body);
  }

  /** The exclusive locks the body surely let go of before a point, as lock keys (no mode). */
  Set<String> passedAt(Point at, Frame f, ProgramIndex.Body body) {
    if (at.passed().isEmpty()) {
      return Set.of();
    }
    Set<String> out = new TreeSet<>();
    for (AbsVal lock : at.passed()) {
      AbsVal v = resolve(lock, f, body);
      if (!(v instanceof AbsVal.OnLoop)) {
        out.add(lockKey(v));
      }
    }
    return out;
  }

  /**
   * The locks held at a point, and the event loops it is known to run on (as {@link #loopKey}s,
   * which carry no {@code :R}/{@code :W}): those flow into callees like locks.
   */
  Set<String> locksAt(Point at, Frame f, ProgramIndex.Body body) {
    Set<String> out = new TreeSet<>(f.held());
    for (HeldLock h : at.locks()) {
      AbsVal lock = resolve(h.lock(), f, body);
      if (lock instanceof AbsVal.OnLoop on) {
        String loop = loopKey(on.loop());
        if (loop != null) {
          out.add(loop);
        }
        continue;
      }
      out.add(lockKey(lock) + (h.readOnly() ? ":R" : ":W"));
    }
    return out;
  }

  /** Prefix of the identity of a Netty event loop (see {@link #loopKey}). */
  static final String LOOP = "loop ";

  /** The executor of a task handed to a Netty event loop the engine cannot name. */
  static final String UNKNOWN_LOOP = LOOP + "?";

  /**
   * The identity of the event loop a value is, or null when the engine cannot name it: the same
   * key as a lock on that value ({@code field:AbstractChannel.eventLoop}, {@code this:NioEventLoop}).
   * A field names one loop per object, as the engine names a field's other values: two channels'
   * loops are told apart only as far as the two channels' own fields are (static state is kept
   * apart by {@link ConflictFinder}). A value it cannot name ({@code ctx.executor()}) is no loop,
   * so nothing is ordered by it.
   */
  static String loopKey(AbsVal loop) {
    String key = lockKey(loop);
    return key.equals("?") ? null : LOOP + key;
  }

  /** A lock's identity; locks the engine cannot name share one key, so they count as common. */
  public static String lockKey(AbsVal v) {
    if (v instanceof AbsVal.This t) {
      return "this:" + t.classId();
    }
    if (v instanceof AbsVal.Static s) {
      return "class:" + s.classId();
    }
    if (v instanceof AbsVal.Field fd) {
      AbsVal root = LocationKeys.rootOf(fd);
      if (root instanceof AbsVal.This || root instanceof AbsVal.Static) {
        return "field:" + fd.owner() + "." + fd.field();
      }
      if (root instanceof AbsVal.Alloc a) {
        return "alloc:" + a.site() + "." + fd.field();
      }
    }
    if (v instanceof AbsVal.Alloc a) {
      return "alloc:" + a.site();
    }
    if (v instanceof AbsVal.Anon a) {
      return "alloc:" + a.site();
    }
    return "?";
  }
}
