package dev.shareguard.core.engine;

import dev.shareguard.core.ir.MethodTarget;
import java.util.List;

/**
 * What the engine knows a value to be: where it lives (an access path rooted at {@code this}, a
 * static, a parameter or captured local), or that it is fresh, a task, a handle on a task, a view
 * of a container or a view of a read/write lock. Values are immutable and compare by content.
 *
 * <p>Paths made inside a body are relative to that body's frame ({@link Param}, {@link Captured},
 * {@link This}); the thread walker rewrites them into the caller's frame at each call.
 */
public sealed interface AbsVal {

  /**
   * The value an access path starts from: {@code v} less its fields, container elements and
   * views ({@code this} for {@code this.a.b[*]}), or {@link #UNKNOWN} for a path too long to be
   * real.
   */
  static AbsVal root(AbsVal v) {
    int guard = 0;
    while (guard++ < 64) {
      if (v instanceof Field f) {
        v = f.base();
      } else if (v instanceof Elem e) {
        v = e.base();
      } else if (v instanceof View w) {
        v = w.backing();
      } else {
        return v;
      }
    }
    return UNKNOWN;
  }

  /** Nothing known: accesses through it have no location. */
  record Unknown() implements AbsVal {}

  AbsVal UNKNOWN = new Unknown();

  /** The instance of {@code classId} the code runs on (an abstract, shared instance). */
  record This(String classId) implements AbsVal {}

  /** The class itself, as the root of its static fields. */
  record Static(String classId) implements AbsVal {}

  /** A parameter of the current body, bound by the caller. */
  record Param(String name) implements AbsVal {}

  /** A local of an enclosing body captured by a lambda or anonymous class. */
  record Captured(String name) implements AbsVal {}

  /** The value held in field {@code field} (declared in {@code owner}) of {@code base}. */
  record Field(AbsVal base, String owner, String field) implements AbsVal {}

  /** A value held inside container {@code base} ({@code map.get(k)}, an element). */
  record Elem(AbsVal base) implements AbsVal {}

  /**
   * A fresh object from allocation site {@code site} (a body and position), of class {@code
   * type}; {@code loops} are the loops enclosing the allocation (per-iteration objects).
   * {@code synchronizedWrapper}: made by {@code Collections.synchronized*}, whose single calls are
   * safe but whose traversal needs its monitor.
   */
  record Alloc(AllocSite site, String type, List<Integer> loops, boolean threadSafe,
      boolean immutable, boolean singleThreadExecutor, boolean accessOrdered,
      boolean synchronizedWrapper) implements AbsVal {}

  /** A lambda created in body {@code creatorBody}. */
  record Closure(String lambdaId, String creatorBody) implements AbsVal {}

  /** An anonymous class instance created in body {@code creatorBody}. */
  record Anon(String classId, String creatorBody, AllocSite site) implements AbsVal {}

  /** A method reference, bound to {@code receiver} (null for static or unbound references). */
  record MethodRefVal(AbsVal receiver, MethodTarget target, String qualifierType)
      implements AbsVal {}

  /** A handle (Future, Thread) on the task started at spawn {@code index} of the current body. */
  record Handle(int index) implements AbsVal {}

  /** A live view (keySet, values, iterator, subList…) of container {@code backing}. */
  record View(AbsVal backing) implements AbsVal {}

  /** The boolean result of {@code lock.tryLock(…)}: true means {@code lock} is now held. */
  record LockAttempt(AbsVal lock) implements AbsVal {}

  /**
   * The current thread is event loop {@code loop} (see {@code LibraryModels.isEventExecutor}):
   * held like a lock from where {@code loop.inEventLoop()} is known true on. It excludes nothing
   * by itself; the thread walker turns it into the loop an access runs on.
   */
  record OnLoop(AbsVal loop) implements AbsVal {}

  /**
   * The turn of the one caller that won the change of atomic {@code flag} from constant {@code
   * from} to constant {@code to} with {@code compareAndSet}: code that runs when it is won runs
   * once, never beside another run of itself. Held (inside {@link OnLoop}) like a serial
   * context, not a lock.
   */
  record OnceGate(AbsVal flag, String from, String to) implements AbsVal {}

  /** The read or write lock of read/write lock {@code lock}. */
  record LockView(AbsVal lock, boolean read) implements AbsVal {}

  /**
   * A lambda, anonymous object or method reference with its captured locals and enclosing
   * instances already resolved in the frame that created it, so it can be run anywhere.
   */
  record Bound(AbsVal code, java.util.Map<String, AbsVal> captured,
      java.util.Map<String, AbsVal> thisOf) implements AbsVal {}
}
