package dev.shareguard.core.facts;

import dev.shareguard.core.engine.AccessInstance;
import dev.shareguard.core.engine.BodyResult;
import dev.shareguard.core.engine.Conflict;
import dev.shareguard.core.engine.ConflictFinder;
import dev.shareguard.core.engine.Location;
import dev.shareguard.core.engine.ProgramIndex;
import java.util.List;

/**
 * What the engine found out about a program, for the rules to decide on: the thread engine's
 * accesses and conflicts, and (computed on first use) the copy and operator facts. It sits above
 * {@code engine}, {@code copies} and {@code operators}, which all build on the engine's program
 * index, so no two of those packages depend on each other.
 */
public final class AnalysisFacts {
  private final ProgramIndex index;
  private final List<Conflict> conflicts;
  private final List<AccessInstance> instances;
  private final List<AccessInstance> wrapperAccesses;
  private final List<AccessInstance> threadSafeAccesses;
  private final List<AccessInstance> mapValueAccesses;
  private final List<AccessInstance> snapshotAccesses;
  private final java.util.Map<String, BodyResult> bodies;
  private final ConflictFinder finder;
  private final java.util.function.Supplier<dev.shareguard.core.copies.CopyFacts> copies;
  private dev.shareguard.core.copies.CopyFacts copyFacts;
  private final dev.shareguard.core.model.ValueKinds values;
  private final java.util.function.Supplier<dev.shareguard.core.operators.OperatorFacts> operators;
  private dev.shareguard.core.operators.OperatorFacts operatorFacts;

  public AnalysisFacts(
      ProgramIndex index,
      List<Conflict> conflicts,
      List<AccessInstance> instances,
      List<AccessInstance> wrapperAccesses,
      List<AccessInstance> threadSafeAccesses,
      List<AccessInstance> mapValueAccesses,
      List<AccessInstance> snapshotAccesses,
      java.util.Map<String, BodyResult> bodies,
      ConflictFinder finder,
      java.util.function.Supplier<dev.shareguard.core.copies.CopyFacts> copies,
      java.util.function.Supplier<dev.shareguard.core.operators.OperatorFacts> operators,
      dev.shareguard.core.model.ValueKinds values) {
    this.operators = operators;
    this.copies = copies;
    this.values = values;
    this.mapValueAccesses = List.copyOf(mapValueAccesses);
    this.snapshotAccesses = List.copyOf(snapshotAccesses);
    this.index = index;
    this.conflicts = List.copyOf(conflicts);
    this.instances = List.copyOf(instances);
    this.wrapperAccesses = List.copyOf(wrapperAccesses);
    this.threadSafeAccesses = List.copyOf(threadSafeAccesses);
    this.bodies = bodies;
    this.finder = finder;
  }

  /**
   * Copy provenance of the whole program (copies, views, values read from containers, what is
   * changed in place), for the copies and values packs. Computed on first use: a run with only
   * thread rules never pays for it.
   */
  public dev.shareguard.core.copies.CopyFacts copies() {
    if (copyFacts == null) {
      copyFacts = copies.get();
    }
    return copyFacts;
  }

  /**
   * Changes to objects shared through a Kubernetes informer cache, for the operators pack.
   * Computed on first use, like {@link #copies()}; null when the caller supplied none.
   */
  public dev.shareguard.core.operators.OperatorFacts operators() {
    if (operatorFacts == null) {
      operatorFacts = operators.get();
    }
    return operatorFacts;
  }

  /**
   * Accesses to the contents of thread-safe containers (ConcurrentMap, synchronized wrappers,
   * CopyOnWrite…), in every context, with their locks: single calls are safe, sequences may not
   * be. Not in {@link #instances()}.
   */
  public List<AccessInstance> threadSafeContainerAccesses() {
    return threadSafeAccesses;
  }

  /**
   * Accesses to values held in thread-safe maps (their contents, or their fields), keyed by the
   * map ({@code contents Owner.map[*]}): all values of one map count as one location.
   */
  public List<AccessInstance> mapValueAccesses() {
    return mapValueAccesses;
  }

  /**
   * Accesses to the contents of published snapshots: what an AtomicReference field holds, or a
   * volatile collection field the code replaces with copies. Not in {@link #instances()}.
   */
  public List<AccessInstance> snapshotAccesses() {
    return snapshotAccesses;
  }

  /** Like {@link #parallelPartners}, among the accesses to published snapshots. */
  public List<AccessInstance> parallelSnapshotPartners(AccessInstance a) {
    return partnersAmong(a, snapshotAccesses);
  }

  /** Like {@link #parallelPartners}, among the accesses to values held in thread-safe maps. */
  public List<AccessInstance> parallelMapValuePartners(AccessInstance a) {
    return partnersAmong(a, mapValueAccesses);
  }

  /**
   * Whether values of {@code type} are plain values whose identity does not matter (strings,
   * boxed numbers, {@code java.time} values, immutable collections, enums): two equal ones serve
   * alike, so a racing second put of an equal one loses nothing.
   */
  public boolean isValueType(String type) {
    return values.isValue(type);
  }

  /**
   * Whether objects of {@code type} accumulate state through their use (counters, atomics,
   * mutable containers, analysed classes with mutable fields), so that which instance a thread
   * holds matters.
   */
  public boolean accumulatesState(String type) {
    return values.accumulatesState(type);
  }

  /** What one body does in its own frame (its accesses in program order), by body id. */
  public BodyResult body(String bodyId) {
    return bodies.get(bodyId);
  }

  /** Like {@link #parallelPartners}, among the thread-safe container accesses. */
  public List<AccessInstance> parallelThreadSafePartners(AccessInstance a) {
    if (threadSafeByKey == null) {
      threadSafeByKey = new java.util.HashMap<>();
      for (AccessInstance i : threadSafeAccesses) {
        threadSafeByKey.computeIfAbsent(i.key(), k -> new java.util.ArrayList<>()).add(i);
      }
    }
    return finder.parallelPartners(a, threadSafeByKey.getOrDefault(a.key(), List.of()), true);
  }

  private java.util.Map<Location, List<AccessInstance>> threadSafeByKey;

  /**
   * Accesses to the contents of {@code Collections.synchronized*} wrappers, in every context, with
   * their locks. They are not in {@link #instances()}: each single call on a wrapper is safe.
   */
  public List<AccessInstance> synchronizedWrapperAccesses() {
    return wrapperAccesses;
  }

  /** Like {@link #parallelPartners}, among the synchronized-wrapper accesses. */
  public List<AccessInstance> parallelWrapperPartners(AccessInstance a) {
    return partnersAmong(a, wrapperAccesses);
  }

  /**
   * The accesses in {@code accesses} to {@code a}'s location that may run at the same time as
   * {@code a}; their containers declare concurrent use, so two entry points count as parallel.
   */
  private List<AccessInstance> partnersAmong(AccessInstance a, List<AccessInstance> accesses) {
    List<AccessInstance> group = new java.util.ArrayList<>();
    for (AccessInstance i : accesses) {
      if (i.key().equals(a.key())) {
        group.add(i);
      }
    }
    return finder.parallelPartners(a, group, true);
  }

  /**
   * Every access to a location that may be shared, in every thread context it runs in, with its
   * locks. Fresh objects that no task reaches are included; see {@link #parallelPartners}.
   */
  public List<AccessInstance> instances() {
    return instances;
  }

  /**
   * The accesses to the same location that may run at the same time as {@code a} ({@code a}
   * itself included, on another thread), whatever locks either holds.
   */
  public List<AccessInstance> parallelPartners(AccessInstance a) {
    if (byKey == null) {
      byKey = new java.util.HashMap<>();
      for (AccessInstance i : instances) {
        byKey.computeIfAbsent(i.key(), k -> new java.util.ArrayList<>()).add(i);
      }
    }
    return finder.parallelPartners(a, byKey.getOrDefault(a.key(), List.of()), false);
  }

  /** Instances by location, built on first use. */
  private java.util.Map<Location, List<AccessInstance>> byKey;

  public ProgramIndex index() {
    return index;
  }

  /**
   * Accesses that may run in parallel with another access to the same location with no common
   * lock, at least one of the two a write; one conflict per racing access.
   */
  public List<Conflict> conflicts() {
    return conflicts;
  }
}
