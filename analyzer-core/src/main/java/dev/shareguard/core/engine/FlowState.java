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
 * joined  must-finished tasks join: intersection
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
  /** Computed on first use: most states are compared once, many never. */
  private int hash;

  public FlowState(
      Map<String, AbsVal> env, Set<HeldLock> locks, Set<Integer> spawned, Set<Integer> joined) {
    this.env = Collections.unmodifiableMap(env);
    this.locks = Collections.unmodifiableSet(locks);
    this.spawned = Collections.unmodifiableSet(spawned);
    this.joined = Collections.unmodifiableSet(joined);
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

  public AbsVal local(String name) {
    return env.get(name);
  }

  public FlowState withLocal(String name, AbsVal v) {
    if (v.equals(env.get(name))) {
      return this;
    }
    Map<String, AbsVal> e = new HashMap<>(env);
    e.put(name, v);
    return new FlowState(e, locks, spawned, joined);
  }

  /** Every local bound to {@code from} now holds {@code to} (a fresh object escaped to a field). */
  public FlowState rebind(AbsVal from, AbsVal to) {
    if (!env.containsValue(from)) {
      return this;
    }
    Map<String, AbsVal> e = new HashMap<>(env);
    e.replaceAll((k, v) -> v.equals(from) ? to : v);
    return new FlowState(e, locks, spawned, joined);
  }

  public FlowState acquire(HeldLock l) {
    if (locks.contains(l)) {
      return this;
    }
    Set<HeldLock> s = new HashSet<>(locks);
    s.add(l);
    return new FlowState(env, s, spawned, joined);
  }

  public FlowState release(AbsVal lock) {
    Set<HeldLock> s = new HashSet<>(locks);
    s.removeIf(h -> h.lock().equals(lock));
    return new FlowState(env, s, spawned, joined);
  }

  public FlowState spawn(int index) {
    if (spawned.contains(index)) {
      return this;
    }
    Set<Integer> s = new HashSet<>(spawned);
    s.add(index);
    return new FlowState(env, locks, s, joined);
  }

  public FlowState join(Set<Integer> indices) {
    Set<Integer> s = new HashSet<>(joined);
    s.addAll(indices);
    return new FlowState(env, locks, spawned, s);
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
      if (other == null || other.equals(x.getValue())) {
        e.put(x.getKey(), x.getValue());
      } else {
        e.put(x.getKey(), AbsVal.UNKNOWN);
      }
    }
    for (Map.Entry<String, AbsVal> x : o.env.entrySet()) {
      e.putIfAbsent(x.getKey(), x.getValue());
    }
    Set<HeldLock> l = new HashSet<>(locks);
    l.retainAll(o.locks);
    Set<Integer> s = new HashSet<>(spawned);
    s.addAll(o.spawned);
    Set<Integer> j = new HashSet<>(joined);
    j.retainAll(o.joined);
    return new FlowState(e, l, s, j);
  }

  /** Whether the join with {@code o} equals this state: {@code o} adds nothing in any part. */
  private boolean subsumes(FlowState o) {
    if (!env.keySet().containsAll(o.env.keySet())) {
      return false;
    }
    for (Map.Entry<String, AbsVal> x : env.entrySet()) {
      AbsVal other = o.env.get(x.getKey());
      if (other != null && !other.equals(x.getValue()) && !AbsVal.UNKNOWN.equals(x.getValue())) {
        return false;
      }
    }
    return o.locks.containsAll(locks) && spawned.containsAll(o.spawned)
        && o.joined.containsAll(joined);
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
        && joined.equals(f.joined);
  }

  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0) {
      h = Objects.hash(env, locks, spawned, joined);
      hash = h == 0 ? 1 : h;
    }
    return hash;
  }
}
