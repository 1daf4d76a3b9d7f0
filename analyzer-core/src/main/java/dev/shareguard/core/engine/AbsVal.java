package dev.shareguard.core.engine;

import dev.shareguard.core.ir.MethodTarget;
import java.util.List;
import java.util.Objects;

/**
 * What the engine knows a value to be: where it lives (an access path rooted at {@code this}, a
 * static, a parameter or captured local), or that it is fresh, a task, a handle on a task, a view
 * of a container or a view of a read/write lock. Values are immutable and compare by content.
 *
 * <p>Paths made inside a body are relative to that body's frame ({@link Param}, {@link Captured},
 * {@link This}); the thread walker rewrites them into the caller's frame at each call.
 *
 * <p>Its records, and the other values the thread walk hashes (locks, marks, locations, sites,
 * positions, types), write out {@code equals} and {@code hashCode}: the generated ones go through
 * method handles, which run slowly until the JIT has compiled them, and a compiler plugin's run is
 * mostly cold (see bench/RESULTS.md, "Plugin overhead, session 18", for the measurement). They
 * compute what the generated ones do, the same hash included, so no hash-ordered collection
 * changes order ({@code WrittenOutEqualityTest} compares them with the JDK's own).
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
  record Unknown() implements AbsVal {
    @Override
    public boolean equals(Object o) {
      return o instanceof Unknown;
    }

    @Override
    public int hashCode() {
      return 0;
    }
  }

  AbsVal UNKNOWN = new Unknown();

  /** The instance of {@code classId} the code runs on (an abstract, shared instance). */
  record This(String classId) implements AbsVal {
    @Override
    public boolean equals(Object o) {
      return o == this || o instanceof This v && Objects.equals(classId, v.classId);
    }

    @Override
    public int hashCode() {
      return Objects.hashCode(classId);
    }
  }

  /** The class itself, as the root of its static fields. */
  record Static(String classId) implements AbsVal {
    @Override
    public boolean equals(Object o) {
      return o == this || o instanceof Static v && Objects.equals(classId, v.classId);
    }

    @Override
    public int hashCode() {
      return Objects.hashCode(classId);
    }
  }

  /** A parameter of the current body, bound by the caller. */
  record Param(String name) implements AbsVal {
    @Override
    public boolean equals(Object o) {
      return o == this || o instanceof Param v && Objects.equals(name, v.name);
    }

    @Override
    public int hashCode() {
      return Objects.hashCode(name);
    }
  }

  /**
   * A boolean constant a call passes for a parameter ({@code current(false)}): the callee's code
   * that needs the other value never runs in that call ({@link ParamConditions}). Only frames
   * hold it; a body's own values never do.
   */
  record Constant(boolean value) implements AbsVal {
    @Override
    public boolean equals(Object o) {
      return o == this || o instanceof Constant v && value == v.value;
    }

    @Override
    public int hashCode() {
      return Boolean.hashCode(value);
    }
  }

  /** The constants {@code true} and {@code false}. */
  AbsVal TRUE = new Constant(true);
  AbsVal FALSE = new Constant(false);

  /** A local of an enclosing body captured by a lambda or anonymous class. */
  record Captured(String name) implements AbsVal {
    @Override
    public boolean equals(Object o) {
      return o == this || o instanceof Captured v && Objects.equals(name, v.name);
    }

    @Override
    public int hashCode() {
      return Objects.hashCode(name);
    }
  }

  /** The value held in field {@code field} (declared in {@code owner}) of {@code base}. */
  record Field(AbsVal base, String owner, String field) implements AbsVal {
    @Override
    public boolean equals(Object o) {
      return o == this
          || o instanceof Field v
              && Objects.equals(base, v.base)
              && Objects.equals(owner, v.owner)
              && Objects.equals(field, v.field);
    }

    @Override
    public int hashCode() {
      int h = Objects.hashCode(base);
      h = 31 * h + Objects.hashCode(owner);
      h = 31 * h + Objects.hashCode(field);
      return h;
    }
  }

  /** A value held inside container {@code base} ({@code map.get(k)}, an element). */
  record Elem(AbsVal base) implements AbsVal {
    @Override
    public boolean equals(Object o) {
      return o == this || o instanceof Elem v && Objects.equals(base, v.base);
    }

    @Override
    public int hashCode() {
      return Objects.hashCode(base);
    }
  }

  /**
   * A fresh object from allocation site {@code site} (a body and position), of class {@code
   * type}; {@code loops} are the loops enclosing the allocation (per-iteration objects).
   * {@code synchronizedWrapper}: made by {@code Collections.synchronized*}, whose single calls are
   * safe but whose traversal needs its monitor.
   */
  record Alloc(AllocSite site, String type, List<Integer> loops, boolean threadSafe,
      boolean immutable, boolean singleThreadExecutor, boolean accessOrdered,
      boolean synchronizedWrapper) implements AbsVal {
    @Override
    public boolean equals(Object o) {
      return o == this
          || o instanceof Alloc v
              && Objects.equals(site, v.site)
              && Objects.equals(type, v.type)
              && Objects.equals(loops, v.loops)
              && threadSafe == v.threadSafe
              && immutable == v.immutable
              && singleThreadExecutor == v.singleThreadExecutor
              && accessOrdered == v.accessOrdered
              && synchronizedWrapper == v.synchronizedWrapper;
    }

    @Override
    public int hashCode() {
      int h = Objects.hashCode(site);
      h = 31 * h + Objects.hashCode(type);
      h = 31 * h + Objects.hashCode(loops);
      h = 31 * h + Boolean.hashCode(threadSafe);
      h = 31 * h + Boolean.hashCode(immutable);
      h = 31 * h + Boolean.hashCode(singleThreadExecutor);
      h = 31 * h + Boolean.hashCode(accessOrdered);
      h = 31 * h + Boolean.hashCode(synchronizedWrapper);
      return h;
    }
  }

  /** A lambda created in body {@code creatorBody}. */
  record Closure(String lambdaId, String creatorBody) implements AbsVal {
    @Override
    public boolean equals(Object o) {
      return o == this
          || o instanceof Closure v
              && Objects.equals(lambdaId, v.lambdaId)
              && Objects.equals(creatorBody, v.creatorBody);
    }

    @Override
    public int hashCode() {
      int h = Objects.hashCode(lambdaId);
      h = 31 * h + Objects.hashCode(creatorBody);
      return h;
    }
  }

  /** An anonymous class instance created in body {@code creatorBody}. */
  record Anon(String classId, String creatorBody, AllocSite site) implements AbsVal {
    @Override
    public boolean equals(Object o) {
      return o == this
          || o instanceof Anon v
              && Objects.equals(classId, v.classId)
              && Objects.equals(creatorBody, v.creatorBody)
              && Objects.equals(site, v.site);
    }

    @Override
    public int hashCode() {
      int h = Objects.hashCode(classId);
      h = 31 * h + Objects.hashCode(creatorBody);
      h = 31 * h + Objects.hashCode(site);
      return h;
    }
  }

  /** A method reference, bound to {@code receiver} (null for static or unbound references). */
  record MethodRefVal(AbsVal receiver, MethodTarget target, String qualifierType)
      implements AbsVal {
    @Override
    public boolean equals(Object o) {
      return o == this
          || o instanceof MethodRefVal v
              && Objects.equals(receiver, v.receiver)
              && Objects.equals(target, v.target)
              && Objects.equals(qualifierType, v.qualifierType);
    }

    @Override
    public int hashCode() {
      int h = Objects.hashCode(receiver);
      h = 31 * h + Objects.hashCode(target);
      h = 31 * h + Objects.hashCode(qualifierType);
      return h;
    }
  }

  /** A handle (Future, Thread) on the task started at spawn {@code index} of the current body. */
  record Handle(int index) implements AbsVal {
    @Override
    public boolean equals(Object o) {
      return o == this || o instanceof Handle v && index == v.index;
    }

    @Override
    public int hashCode() {
      return index;
    }
  }

  /** A live view (keySet, values, iterator, subList…) of container {@code backing}. */
  record View(AbsVal backing) implements AbsVal {
    @Override
    public boolean equals(Object o) {
      return o == this || o instanceof View v && Objects.equals(backing, v.backing);
    }

    @Override
    public int hashCode() {
      return Objects.hashCode(backing);
    }
  }

  /** The boolean result of {@code lock.tryLock(…)}: true means {@code lock} is now held. */
  record LockAttempt(AbsVal lock) implements AbsVal {
    @Override
    public boolean equals(Object o) {
      return o == this || o instanceof LockAttempt v && Objects.equals(lock, v.lock);
    }

    @Override
    public int hashCode() {
      return Objects.hashCode(lock);
    }
  }

  /**
   * The current thread is event loop {@code loop} (see {@code LibraryModels.isEventExecutor}):
   * held like a lock from where {@code loop.inEventLoop()} is known true on. It excludes nothing
   * by itself; the thread walker turns it into the loop an access runs on.
   */
  record OnLoop(AbsVal loop) implements AbsVal {
    @Override
    public boolean equals(Object o) {
      return o == this || o instanceof OnLoop v && Objects.equals(loop, v.loop);
    }

    @Override
    public int hashCode() {
      return Objects.hashCode(loop);
    }
  }

  /**
   * The turn of the one caller that won the change of atomic {@code flag} from constant {@code
   * from} to constant {@code to} with {@code compareAndSet}: code that runs when it is won runs
   * once, never beside another run of itself. Held (inside {@link OnLoop}) like a serial
   * context, not a lock.
   */
  record OnceGate(AbsVal flag, String from, String to) implements AbsVal {
    @Override
    public boolean equals(Object o) {
      return o == this
          || o instanceof OnceGate v
              && Objects.equals(flag, v.flag)
              && Objects.equals(from, v.from)
              && Objects.equals(to, v.to);
    }

    @Override
    public int hashCode() {
      int h = Objects.hashCode(flag);
      h = 31 * h + Objects.hashCode(from);
      h = 31 * h + Objects.hashCode(to);
      return h;
    }
  }

  /** The read or write lock of read/write lock {@code lock}. */
  record LockView(AbsVal lock, boolean read) implements AbsVal {
    @Override
    public boolean equals(Object o) {
      return o == this || o instanceof LockView v && Objects.equals(lock, v.lock) && read == v.read;
    }

    @Override
    public int hashCode() {
      int h = Objects.hashCode(lock);
      h = 31 * h + Boolean.hashCode(read);
      return h;
    }
  }

  /**
   * A lambda, anonymous object or method reference with its captured locals and enclosing
   * instances already resolved in the frame that created it, so it can be run anywhere.
   */
  record Bound(AbsVal code, java.util.Map<String, AbsVal> captured,
      java.util.Map<String, AbsVal> thisOf) implements AbsVal {
    @Override
    public boolean equals(Object o) {
      return o == this
          || o instanceof Bound v
              && Objects.equals(code, v.code)
              && Objects.equals(captured, v.captured)
              && Objects.equals(thisOf, v.thisOf);
    }

    @Override
    public int hashCode() {
      int h = Objects.hashCode(code);
      h = 31 * h + Objects.hashCode(captured);
      h = 31 * h + Objects.hashCode(thisOf);
      return h;
    }
  }
}
