package dev.shareguard.core.copies;

import dev.shareguard.core.ir.Expr;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The state of a body's copy analysis at one point: a {@link Prov} per local, and the locals that
 * are surely keys of a hash-based container. Joins are pointwise:
 *
 * <pre>
 * env   local -> Prov        join: Prov.join (equal values stay, different ones become unknown)
 * keys  local -> KeyFact     join: kept only when both paths hold the same fact (must)
 * </pre>
 *
 * A null state is an unreachable point (the bottom of the lattice); joining with it is the
 * identity. States are mutable while one path is interpreted; {@link #copy()} forks them.
 */
final class CopyState {
  final Map<String, Prov> env;
  final Map<String, KeyFact> keys;

  CopyState(Map<String, Prov> env, Map<String, KeyFact> keys) {
    this.env = env;
    this.keys = keys;
  }

  CopyState copy() {
    return new CopyState(new HashMap<>(env), new HashMap<>(keys));
  }

  static CopyState join(CopyState a, CopyState b) {
    if (a == null) {
      return b == null ? null : b.copy();
    }
    if (b == null) {
      return a.copy();
    }
    Map<String, Prov> env = new HashMap<>();
    Set<String> names = new HashSet<>(a.env.keySet());
    names.addAll(b.env.keySet());
    for (String n : names) {
      env.put(n, Prov.join(a.env.get(n), b.env.get(n)));
    }
    // A local is a key after the join only if it is one on both paths (must-facts).
    Map<String, KeyFact> keys = new HashMap<>();
    for (Map.Entry<String, KeyFact> e : a.keys.entrySet()) {
      if (e.getValue().equals(b.keys.get(e.getKey()))) {
        keys.put(e.getKey(), e.getValue());
      }
    }
    return new CopyState(env, keys);
  }

  /**
   * This state over the locals {@code names} only (and the key facts of those): the state at a
   * loop's head, where locals declared in the body are out of scope.
   */
  CopyState restrictedTo(Set<String> names) {
    Map<String, Prov> e = new HashMap<>(env);
    e.keySet().retainAll(names);
    Map<String, KeyFact> k = new HashMap<>(keys);
    k.keySet().retainAll(names);
    return new CopyState(e, k);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CopyState c && env.equals(c.env) && keys.equals(c.keys);
  }

  @Override
  public int hashCode() {
    return env.hashCode() * 31 + keys.hashCode();
  }

  /** Local {@code local} is a key of {@code container}, put there at {@code at}. */
  record KeyFact(Expr at, String container, String classId) {}
}
