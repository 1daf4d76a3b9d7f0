package dev.shareguard.core.copies;

import dev.shareguard.core.ir.Expr;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The state of a body's copy analysis before or after one node of its control-flow graph: a
 * lattice element of {@link CopyFlow}. Its parts and their joins (all pointwise, per local):
 *
 * <pre>
 * env     local -> Prov          Prov.join: equal values stay, different ones become UNKNOWN (must)
 * keys    local -> KeyFact       kept only when both paths hold the same fact (must)
 * sites   local -> [Expr]        union, by identity: every value with a site the local held on
 *                                some path to here (may), so an escape of the local is sound
 * copies  local -> [Prov.Copy]   union, by site identity: the shallow copies it held (may)
 * temps   Expr  -> Prov          Prov.join, by identity: values of sub-expressions that ran in
 *                                earlier nodes and wait for the node of their parent expression
 * </pre>
 *
 * A null state is an unreachable point (the bottom of the lattice); joining with it is the
 * identity. Every part has finite height over one body (the sets grow within the body's own
 * sites, a Prov value only goes to UNKNOWN), so the analysis reaches a fixpoint. A state is
 * mutable only while one node's transfer builds it from a {@link #copy()} of its input; states
 * held by the analysis are never changed.
 */
final class CopyState {
  // The maps are read directly (temps through tempOf) but changed only through the methods
  // below, which copy a map first if it may be shared with another state (copy on write).
  Map<String, Prov> env;
  Map<String, KeyFact> keys;
  Map<String, List<Expr>> sites;
  Map<String, List<Prov.Copy>> copies;
  private Map<Expr, Prov> temps;
  private boolean tempsShared;
  private boolean envShared;
  private boolean keysShared;
  private boolean mayShare;

  private CopyState(
      Map<String, Prov> env, Map<String, KeyFact> keys, Map<String, List<Expr>> sites,
      Map<String, List<Prov.Copy>> copies, Map<Expr, Prov> temps) {
    this.env = env;
    this.keys = keys;
    this.sites = sites;
    this.copies = copies;
    this.temps = temps;
  }

  /** The state with nothing known: the entry of a body before its parameters are bound. */
  static CopyState empty() {
    return new CopyState(
        new HashMap<>(), new HashMap<>(), new HashMap<>(), new HashMap<>(), new IdentityHashMap<>());
  }

  /**
   * A copy to change. Every map is shared until one of them changes (the may-maps change
   * rarely, and the lists in them never; the temps were copied at every node before, though many
   * nodes leave them as they are).
   */
  CopyState copy() {
    CopyState c = new CopyState(env, keys, sites, copies, temps);
    c.envShared = c.keysShared = c.mayShare = c.tempsShared = true;
    envShared = keysShared = mayShare = tempsShared = true;
    return c;
  }

  /** The value sub-expression {@code e} left in the temps, or null. */
  Prov tempOf(Expr e) {
    return temps.get(e);
  }

  /** As {@link Map#getOrDefault} on the temps. */
  Prov tempOf(Expr e, Prov otherwise) {
    return temps.getOrDefault(e, otherwise);
  }

  boolean hasTemps() {
    return !temps.isEmpty();
  }

  /** Sub-expression {@code e}'s value {@code v} waits in the temps for its parent's node. */
  void putTemp(Expr e, Prov v) {
    ownTemps();
    temps.put(e, v);
  }

  /** Sub-expression {@code e}'s value was taken by its parent. */
  void removeTemp(Expr e) {
    if (temps.containsKey(e)) {
      ownTemps();
      temps.remove(e);
    }
  }

  /** No sub-expression value waits (an exception left the expression that needed them). */
  void clearTemps() {
    if (!temps.isEmpty()) {
      ownTemps();
      temps.clear();
    }
  }

  private void ownTemps() {
    if (tempsShared) {
      temps = new IdentityHashMap<>(temps);
      tempsShared = false;
    }
  }

  /** Local {@code local} holds {@code p}. */
  void bind(String local, Prov p) {
    if (p.equals(env.get(local))) {
      return;
    }
    if (envShared) {
      env = new HashMap<>(env);
      envShared = false;
    }
    env.put(local, p);
  }

  /**
   * Prefix of the env names of this object's fields that the body stored a value in (see {@link
   * CopyExprs}): a read of the field then gives that value. An absent name means "what the field
   * held", so a join keeps such a name only when both sides hold it.
   */
  static final String OWN_FIELD = "this.";

  /**
   * This object's fields {@code fields} (null: any of them) may hold other values now: a method of
   * its own ran.
   */
  void forgetOwnFields(Set<String> fields) {
    java.util.function.Predicate<String> gone = n -> n.startsWith(OWN_FIELD)
        && (fields == null || fields.contains(n.substring(OWN_FIELD.length())));
    if (env.keySet().stream().anyMatch(gone)) {
      if (envShared) {
        env = new HashMap<>(env);
        envShared = false;
      }
      env.keySet().removeIf(gone);
    }
  }

  /** Local {@code local} holds nothing known (it is declared without a value). */
  void unbind(String local) {
    if (env.containsKey(local)) {
      if (envShared) {
        env = new HashMap<>(env);
        envShared = false;
      }
      env.remove(local);
    }
  }

  /** Local {@code local} is a key as {@code k} says. */
  void putKey(String local, KeyFact k) {
    ownKeys();
    keys.put(local, k);
  }

  /** Local {@code local} is no key (any more). */
  void dropKey(String local) {
    if (keys.containsKey(local)) {
      ownKeys();
      keys.remove(local);
    }
  }

  private void ownKeys() {
    if (keysShared) {
      keys = new HashMap<>(keys);
      keysShared = false;
    }
  }

  /** Local {@code local} holds the value made at {@code site} here. */
  void rememberSite(String local, Expr site) {
    if (indexOf(sites.getOrDefault(local, List.of()), site, x -> x) < 0) {
      ownMayMaps();
      remember(sites, local, site, x -> x);
    }
  }

  /** Local {@code local} holds the shallow copy {@code c} here. */
  void rememberCopy(String local, Prov.Copy c) {
    if (indexOf(copies.getOrDefault(local, List.of()), c.site(), Prov.Copy::site) < 0) {
      ownMayMaps();
      remember(copies, local, c, Prov.Copy::site);
    }
  }

  private void ownMayMaps() {
    if (mayShare) {
      sites = new HashMap<>(sites);
      copies = new HashMap<>(copies);
      mayShare = false;
    }
  }

  /** The least upper bound of {@code a} and {@code b} (see the class comment). */
  static CopyState join(CopyState a, CopyState b) {
    if (a == null) {
      return b == null ? null : b.copy();
    }
    if (b == null || a == b || a.subsumes(b)) {
      return a.copy();
    }
    Map<String, Prov> env = new HashMap<>();
    Set<String> names = new HashSet<>(a.env.keySet());
    names.addAll(b.env.keySet());
    for (String n : names) {
      if (n.startsWith(OWN_FIELD) && (a.env.get(n) == null || b.env.get(n) == null)) {
        continue;
      }
      env.put(n, Prov.join(a.env.get(n), b.env.get(n)));
    }
    Map<String, KeyFact> keys = new HashMap<>();
    for (Map.Entry<String, KeyFact> e : a.keys.entrySet()) {
      if (e.getValue().equals(b.keys.get(e.getKey()))) {
        keys.put(e.getKey(), e.getValue());
      }
    }
    Map<Expr, Prov> temps = new IdentityHashMap<>(a.temps);
    for (Map.Entry<Expr, Prov> e : b.temps.entrySet()) {
      temps.put(e.getKey(), Prov.join(a.temps.get(e.getKey()), e.getValue()));
    }
    CopyState j = new CopyState(env, keys, union(a.sites, b.sites, x -> x),
        union(a.copies, b.copies, Prov.Copy::site), temps);
    j.mayShare = true;
    return j;
  }

  /**
   * Whether the join with {@code b} equals this state: {@code b} adds nothing in any part. The
   * common case at a loop head once the loop has settled, where a full join builds five maps
   * only for the analysis to find them equal to what it had.
   */
  private boolean subsumes(CopyState b) {
    for (String n : env.keySet()) {
      if (n.startsWith(OWN_FIELD) && !b.env.containsKey(n)) {
        return false;
      }
    }
    for (Map.Entry<String, Prov> e : b.env.entrySet()) {
      Prov mine = env.get(e.getKey());
      // Prov.join(mine, theirs) is mine when they are equal, else UNKNOWN (or theirs, unbound).
      if (mine == null || !(mine.equals(e.getValue()) || mine.equals(Prov.UNKNOWN))) {
        return false;
      }
    }
    for (Map.Entry<String, KeyFact> e : keys.entrySet()) {
      if (!e.getValue().equals(b.keys.get(e.getKey()))) {
        return false;
      }
    }
    for (Map.Entry<Expr, Prov> e : b.temps.entrySet()) {
      Prov mine = temps.get(e.getKey());
      if (mine == null || !(mine.equals(e.getValue()) || mine.equals(Prov.UNKNOWN))) {
        return false;
      }
    }
    return covers(sites, b.sites, x -> x) && covers(copies, b.copies, Prov.Copy::site);
  }

  /** Whether {@link #union} of {@code a} and {@code b} is {@code a}. */
  private static <T> boolean covers(
      Map<String, List<T>> a, Map<String, List<T>> b, java.util.function.Function<T, Expr> id) {
    if (a == b) {
      return true;
    }
    for (Map.Entry<String, List<T>> e : b.entrySet()) {
      List<T> mine = a.get(e.getKey());
      if (mine == null) {
        return false;
      }
      for (T x : e.getValue()) {
        if (indexOf(mine, id.apply(x), id) < 0) {
          return false;
        }
      }
    }
    return true;
  }

  /** Pointwise union of two may-maps; elements are the same when {@code id} gives the same object. */
  private static <T> Map<String, List<T>> union(
      Map<String, List<T>> a, Map<String, List<T>> b, java.util.function.Function<T, Expr> id) {
    if (a == b || a.equals(b)) {
      return a;
    }
    Map<String, List<T>> out = new HashMap<>(a);
    for (Map.Entry<String, List<T>> e : b.entrySet()) {
      List<T> mine = out.get(e.getKey());
      if (mine == null) {
        out.put(e.getKey(), e.getValue());
        continue;
      }
      List<T> merged = null;
      for (T x : e.getValue()) {
        if (indexOf(mine, id.apply(x), id) < 0 && (merged == null
            || indexOf(merged, id.apply(x), id) < 0)) {
          if (merged == null) {
            merged = new ArrayList<>(mine);
          }
          merged.add(x);
        }
      }
      if (merged != null) {
        out.put(e.getKey(), List.copyOf(merged));
      }
    }
    return out;
  }

  private static <T> int indexOf(List<T> list, Expr site, java.util.function.Function<T, Expr> id) {
    for (int i = 0; i < list.size(); i++) {
      if (id.apply(list.get(i)) == site) {
        return i;
      }
    }
    return -1;
  }

  /** Adds {@code x} to local {@code local}'s may-list in {@code map} unless its site is there. */
  private static <T> void remember(
      Map<String, List<T>> map, String local, T x, java.util.function.Function<T, Expr> id) {
    List<T> cur = map.getOrDefault(local, List.of());
    if (indexOf(cur, id.apply(x), id) >= 0) {
      return;
    }
    List<T> next = new ArrayList<>(cur);
    next.add(x);
    map.put(local, List.copyOf(next));
  }

  /** Forgets the values of {@code names}, which go out of scope (the sites they held stay). */
  void forget(Set<String> names) {
    for (String n : names) {
      unbind(n);
      dropKey(n);
    }
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof CopyState c) || !env.equals(c.env) || !keys.equals(c.keys)
        || !sites.equals(c.sites) || !copies.equals(c.copies) || temps.size() != c.temps.size()) {
      return false;
    }
    for (Map.Entry<Expr, Prov> e : temps.entrySet()) {
      if (!c.temps.containsKey(e.getKey()) || !e.getValue().equals(c.temps.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return env.hashCode() * 31 + keys.hashCode();
  }

  /** Local {@code local} is a key of {@code container}, put there at {@code at}. */
  record KeyFact(Expr at, Expr container, String classId) {}
}
