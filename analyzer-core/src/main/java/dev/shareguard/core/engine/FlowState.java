package dev.shareguard.core.engine;

import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The state of one body at a program point. Immutable; every update returns a new state.
 *
 * <pre>
 * env     local -> AbsVal     join: equal values stay, different ones become Unknown
 * locks   must-hold set       join: intersection           (top = nothing held)
 * spawned may-started tasks   join: union                  (indices of the body's spawn sites)
 * joined  must-finished tasks join: finished or never started on every path (a task a path
 *                                  did not start is not running there: a loop that ran no
 *                                  pass, then a wait for all, leaves none running)
 * passed  must-released locks join: intersection           (exclusive locks this body held and
 *                                                          let go earlier on every path)
 * reentry lock -> extra holds join: minimum                (a lock taken again while held, as
 *                                                          a nested synchronized block on the
 *                                                          same monitor does: its release keeps
 *                                                          the outer hold)
 * </pre>
 *
 * Together they answer, for an access here: which locks surely guard it, and which of this body's
 * tasks may be running alongside it (started and not yet waited for).
 */
public final class FlowState {
  private final Map<String, AbsVal> env;
  private final Set<HeldLock> locks;
  private final Set<Integer> spawned;
  private final Set<Integer> joined;
  private final Set<AbsVal> passed;
  private final Map<AbsVal, Integer> reentry;
  /** Computed on first use: most states are compared once, many never. */
  private int hash;

  public FlowState(
      Map<String, AbsVal> env, Set<HeldLock> locks, Set<Integer> spawned, Set<Integer> joined) {
    this(env, locks, spawned, joined, Set.of(), Map.of());
  }

  private FlowState(Map<String, AbsVal> env, Set<HeldLock> locks, Set<Integer> spawned,
      Set<Integer> joined, Set<AbsVal> passed, Map<AbsVal, Integer> reentry) {
    this.env = Collections.unmodifiableMap(env);
    this.locks = Collections.unmodifiableSet(locks);
    this.spawned = Collections.unmodifiableSet(spawned);
    this.joined = Collections.unmodifiableSet(joined);
    this.passed = Collections.unmodifiableSet(passed);
    this.reentry = Collections.unmodifiableMap(reentry);
  }

  public Map<String, AbsVal> env() {
    return env;
  }

  public Set<HeldLock> locks() {
    return locks;
  }

  public Set<Integer> spawned() {
    return spawned;
  }

  public Set<Integer> joined() {
    return joined;
  }

  /**
   * Exclusive locks this body surely held and released before this point: a read here comes after
   * everything published under them before the release.
   */
  public Set<AbsVal> passed() {
    return passed;
  }

  /** Lock {@code lock} was held exclusively and let go (or a helper that takes it returned). */
  public FlowState pass(AbsVal lock) {
    if (passed.contains(lock)) {
      return this;
    }
    Set<AbsVal> p = new HashSet<>(passed);
    p.add(lock);
    return new FlowState(env, locks, spawned, joined, p, reentry);
  }

  public AbsVal local(String name) {
    return env.get(name);
  }

  public FlowState withLocal(String name, AbsVal v) {
    if (v.equals(env.get(name))) {
      return this;
    }
    Map<String, AbsVal> e = new HashMap<>(env);
    e.put(name, v);
    return new FlowState(e, locks, spawned, joined, passed, reentry);
  }

  /** Every local bound to {@code from} now holds {@code to} (a fresh object escaped to a field). */
  public FlowState rebind(AbsVal from, AbsVal to) {
    if (!env.containsValue(from)) {
      return this;
    }
    Map<String, AbsVal> e = new HashMap<>(env);
    e.replaceAll((k, v) -> v.equals(from) ? to : v);
    return new FlowState(e, locks, spawned, joined, passed, reentry);
  }

  /**
   * Lock {@code l} is taken. Taken again while held (monitors and {@code ReentrantLock}s are
   * reentrant), it counts one more hold, which the matching release gives back.
   */
  public FlowState acquire(HeldLock l) {
    if (locks.contains(l)) {
      Map<AbsVal, Integer> r = new HashMap<>(reentry);
      r.merge(l.lock(), 1, Integer::sum);
      return new FlowState(env, locks, spawned, joined, passed, r);
    }
    Set<HeldLock> s = new HashSet<>(locks);
    s.add(l);
    return new FlowState(env, s, spawned, joined, passed, reentry);
  }

  /** Lock {@code lock} is let go: one hold of a lock taken several times, else the lock. */
  public FlowState release(AbsVal lock) {
    Integer extra = reentry.get(lock);
    if (extra != null) {
      Map<AbsVal, Integer> r = new HashMap<>(reentry);
      if (extra == 1) {
        r.remove(lock);
      } else {
        r.put(lock, extra - 1);
      }
      return new FlowState(env, locks, spawned, joined, passed, r);
    }
    Set<HeldLock> s = new HashSet<>(locks);
    s.removeIf(h -> h.lock().equals(lock));
    Set<AbsVal> p = passed;
    if (locks.contains(new HeldLock(lock, false)) && !passed.contains(lock)) {
      p = new HashSet<>(passed);
      p.add(lock);
    }
    return new FlowState(env, s, spawned, joined, p, reentry);
  }

  public FlowState spawn(int index) {
    if (spawned.contains(index)) {
      return this;
    }
    Set<Integer> s = new HashSet<>(spawned);
    s.add(index);
    return new FlowState(env, locks, s, joined, passed, reentry);
  }

  public FlowState join(Set<Integer> indices) {
    Set<Integer> s = new HashSet<>(joined);
    s.addAll(indices);
    return new FlowState(env, locks, spawned, s, passed, reentry);
  }

  /**
   * The least upper bound of two states (see the class comment). When {@code o} adds nothing to
   * this state (the usual case once a loop has reached its fixpoint), this state itself, unchanged.
   */
  public FlowState joinWith(FlowState o) {
    if (this == o || subsumes(o)) {
      return this;
    }
    Map<String, AbsVal> e = new HashMap<>();
    for (Map.Entry<String, AbsVal> x : env.entrySet()) {
      AbsVal other = o.env.get(x.getKey());
      e.put(x.getKey(), other == null ? x.getValue() : joinValue(x.getValue(), other));
    }
    for (Map.Entry<String, AbsVal> x : o.env.entrySet()) {
      e.putIfAbsent(x.getKey(), x.getValue());
    }
    Set<HeldLock> l = new HashSet<>(locks);
    l.retainAll(o.locks);
    Set<Integer> s = new HashSet<>(spawned);
    s.addAll(o.spawned);
    Set<Integer> j = new HashSet<>();
    for (Integer x : joined) {
      if (o.finished(x)) {
        j.add(x);
      }
    }
    for (Integer x : o.joined) {
      if (finished(x)) {
        j.add(x);
      }
    }
    Set<AbsVal> p = new HashSet<>(passed);
    p.retainAll(o.passed);
    Map<AbsVal, Integer> r = new HashMap<>();
    for (Map.Entry<AbsVal, Integer> x : reentry.entrySet()) {
      Integer other = o.reentry.get(x.getKey());
      if (other != null) {
        r.put(x.getKey(), Math.min(other, x.getValue()));
      }
    }
    return new FlowState(e, l, s, j, p, r);
  }

  /**
   * A local's value after two paths meet: the value both give it, else nothing known. A flag
   * that says a lock is held where it is true ({@link AbsVal.LockAttempt}) still says so when the
   * other path left it {@code false} ({@code boolean locked = false; try { lock.lock(); locked =
   * true; … } catch (…) { if (!locked) lock.lock(); … }}): where it is true, it came from the
   * first path.
   */
  private static AbsVal joinValue(AbsVal a, AbsVal b) {
    if (a.equals(b)) {
      return a;
    }
    if (a instanceof AbsVal.LockAttempt && AbsVal.FALSE.equals(b)) {
      return a;
    }
    if (b instanceof AbsVal.LockAttempt && AbsVal.FALSE.equals(a)) {
      return b;
    }
    return AbsVal.UNKNOWN;
  }

  /** Whether the join with {@code o} equals this state: {@code o} adds nothing in any part. */
  private boolean subsumes(FlowState o) {
    if (!env.keySet().containsAll(o.env.keySet())) {
      return false;
    }
    for (Map.Entry<String, AbsVal> x : env.entrySet()) {
      AbsVal other = o.env.get(x.getKey());
      if (other != null && !joinValue(x.getValue(), other).equals(x.getValue())) {
        return false;
      }
    }
    for (Map.Entry<AbsVal, Integer> x : reentry.entrySet()) {
      Integer other = o.reentry.get(x.getKey());
      if (other == null || other < x.getValue()) {
        return false;
      }
    }
    if (!o.locks.containsAll(locks) || !spawned.containsAll(o.spawned)
        || !o.passed.containsAll(passed)) {
      return false;
    }
    for (Integer x : joined) {
      if (!o.finished(x)) {
        return false;
      }
    }
    for (Integer x : o.joined) {
      if (!joined.contains(x) && finished(x)) {
        return false;
      }
    }
    return true;
  }

  /** Whether task {@code x} of this body is not running here: waited for, or never started. */
  private boolean finished(Integer x) {
    return joined.contains(x) || !spawned.contains(x);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    return o instanceof FlowState f
        && hashCode() == f.hashCode()
        && env.equals(f.env)
        && locks.equals(f.locks)
        && spawned.equals(f.spawned)
        && joined.equals(f.joined)
        && passed.equals(f.passed)
        && reentry.equals(f.reentry);
  }

  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0) {
      h = Objects.hash(env, locks, spawned, joined, passed, reentry);
      hash = h == 0 ? 1 : h;
    }
    return hash;
  }
}
