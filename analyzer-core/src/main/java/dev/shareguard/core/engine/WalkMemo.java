package dev.shareguard.core.engine;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The memo keys and budgets of the thread walk: which walks of a body would record the same
 * instances (done once), and how many walks one body and the whole program may take, so a huge
 * or highly connected program costs a bounded amount.
 */
final class WalkMemo {
  /**
   * Distinct contexts one body is walked in, and walks in all: past these the walker stops
   * following, so a huge or highly connected program costs a bounded amount.
   */
  private static final int MAX_WALKS_PER_BODY = 32;

  private static final int MAX_WALKS = 400_000;

  private final Set<Memo> visited = new HashSet<>();
  private final Map<String, Integer> walksPerBody = new HashMap<>();
  private int totalWalks;

  /**
   * Whether a walk of {@code bodyId} in frame {@code f} and context {@code ctx} is to be done:
   * not when an equal walk was done before, nor past the budgets. Counts it.
   */
  boolean admit(String bodyId, Frame f, Ctx ctx) {
    if (overBudget(bodyId)) {
      // Past a budget every walk is refused, a new one or not, and the counts stay past it: the
      // memo key (hashing the frame's sets and maps) need not be made.
      return false;
    }
    // Walks that would record the same instances are done once. Which entry led here does not
    // change them, nor does which activation allocated an argument (activation tags are left out),
    // so neither is part of the key.
    Memo memo = new Memo(bodyId, threadOf(ctx), f.thisClass(),
        f.held(), f.excluded(), f.live(),
        withoutActivations(f.thisOf()), withoutActivations(f.params()),
        withoutActivations(f.captured()), f.once());
    if (!visited.add(memo)) {
      return false;
    }
    int count = walksPerBody.merge(bodyId, 1, Integer::sum);
    // Bounded: a body reached in more distinct contexts than this adds little but cost.
    return count <= MAX_WALKS_PER_BODY && ++totalWalks <= MAX_WALKS;
  }

  /** Whether walks of {@code bodyId}, or all walks, are past their budget. */
  boolean overBudget(String bodyId) {
    return walksPerBody.getOrDefault(bodyId, 0) > MAX_WALKS_PER_BODY || totalWalks > MAX_WALKS;
  }

  /**
   * What of a thread context changes the instances a walk records: a task's root, an entry's
   * single caller and phase, nothing of an initializer (its method and class only name it).
   */
  private static Object threadOf(Ctx ctx) {
    if (ctx instanceof Ctx.Task t) {
      return t.root();
    }
    if (ctx instanceof Ctx.Entry e) {
      return new EntryThread(e.singleCaller(), e.phase());
    }
    return InitThread.INIT;
  }

  /** An entry's thread, for memo keys; equality written out, as {@link AbsVal} explains. */
  private record EntryThread(String singleCaller, Ctx.Phase phase) {
    @Override
    public boolean equals(Object o) {
      return o == this
          || o instanceof EntryThread v
              && Objects.equals(singleCaller, v.singleCaller)
              && Objects.equals(phase, v.phase);
    }

    @Override
    public int hashCode() {
      int h = Objects.hashCode(singleCaller);
      h = 31 * h + Objects.hashCode(phase);
      return h;
    }
  }

  private enum InitThread { INIT }

  /** What makes two walks of a body record the same instances (see {@link #admit}). */
  private record Memo(String bodyId, Object thread, String thisClass, Set<Held> held,
      Set<Mark> excluded, Set<Mark> live,
      Map<String, AbsVal> thisOf,
      Map<String, AbsVal> params, Map<String, AbsVal> captured, boolean once) {
    /**
     * A map's own hash (key ^ value per entry) is 0 for every {@code C -> this:C} and {@code p ->
     * param p}, so memos of one body would share a hash bucket; this one mixes keys and values.
     */
    @Override
    public int hashCode() {
      int h = bodyId.hashCode();
      h = h * 31 + thread.hashCode();
      h = h * 31 + java.util.Objects.hashCode(thisClass);
      h = h * 31 + held.hashCode();
      h = h * 31 + excluded.hashCode();
      h = h * 31 + live.hashCode();
      h = h * 31 + mixed(thisOf);
      h = h * 31 + mixed(params);
      h = h * 31 + mixed(captured);
      return h * 31 + Boolean.hashCode(once);
    }

    /**
     * The record's equality, written out: the generated one goes through a method handle per
     * call, which the quick JIT the CLI runs with does not make cheap, and every memo hit ends
     * here.
     */
    @Override
    public boolean equals(Object o) {
      return this == o
          || o instanceof Memo m
              && once == m.once
              && java.util.Objects.equals(bodyId, m.bodyId)
              && java.util.Objects.equals(thread, m.thread)
              && java.util.Objects.equals(thisClass, m.thisClass)
              && java.util.Objects.equals(held, m.held)
              && java.util.Objects.equals(excluded, m.excluded)
              && java.util.Objects.equals(live, m.live)
              && java.util.Objects.equals(thisOf, m.thisOf)
              && java.util.Objects.equals(params, m.params)
              && java.util.Objects.equals(captured, m.captured);
    }

    private static int mixed(Map<String, AbsVal> values) {
      int h = 0;
      for (Map.Entry<String, AbsVal> e : values.entrySet()) {
        h += java.util.Objects.hashCode(e.getKey()) * 31 + java.util.Objects.hashCode(e.getValue());
      }
      return h;
    }
  }

  /** Values with the activation tags of their allocations removed, for memo keys. */
  private static Map<String, AbsVal> withoutActivations(Map<String, AbsVal> values) {
    // Copied only when some value carries a tag (maps compare and hash by content alone).
    Map<String, AbsVal> out = null;
    for (Map.Entry<String, AbsVal> e : values.entrySet()) {
      AbsVal v = withoutActivation(e.getValue());
      if (v != e.getValue()) {
        if (out == null) {
          out = new HashMap<>(values);
        }
        out.put(e.getKey(), v);
      }
    }
    return out == null ? values : out;
  }

  private static AbsVal withoutActivation(AbsVal v) {
    if (v instanceof AbsVal.Alloc a && a.site().activation() != null) {
      return new AbsVal.Alloc(a.site().withoutActivation(), a.type(), a.loops(),
          a.threadSafe(), a.immutable(), a.singleThreadExecutor(), a.accessOrdered(),
          a.synchronizedWrapper());
    }
    if (v instanceof AbsVal.Field f) {
      AbsVal base = withoutActivation(f.base());
      return base == f.base() ? f : new AbsVal.Field(base, f.owner(), f.field());
    }
    if (v instanceof AbsVal.Elem e) {
      AbsVal base = withoutActivation(e.base());
      return base == e.base() ? e : new AbsVal.Elem(base);
    }
    return v;
  }

  /** The walk activation that allocated a local object, or 0 for one no walk has bound. */
  static int activationOf(AllocSite site) {
    return site.activation() == null ? 0 : site.activation();
  }
}
