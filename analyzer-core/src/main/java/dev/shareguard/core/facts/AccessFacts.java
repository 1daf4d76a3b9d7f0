package dev.shareguard.core.facts;

import dev.shareguard.core.engine.AbsVal;
import dev.shareguard.core.engine.AccessInstance;
import dev.shareguard.core.engine.AccessInstance.Sharing;
import dev.shareguard.core.engine.BodyResult;
import dev.shareguard.core.engine.Conflict;
import dev.shareguard.core.engine.ConflictFinder;
import dev.shareguard.core.engine.Ctx;
import dev.shareguard.core.engine.Holding;
import dev.shareguard.core.engine.Location;
import dev.shareguard.core.engine.LockId;
import dev.shareguard.core.engine.LockKeys;
import dev.shareguard.core.engine.LockMode;
import dev.shareguard.core.finding.Evidence;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The thread walk's access facts as the rules read them: the one list of {@link AccessInstance}s,
 * selected by how the touched state is shared ({@link Sharing}), the accesses that may run beside
 * one of them, the races among the plain ones, and the lock questions rules ask of a pair. Every
 * selection keeps the walk's order, so findings do not depend on how the facts are stored.
 */
public final class AccessFacts {
  /** The selections rules read, each with the sharing kinds it holds. */
  private enum Selection {
    PLAIN(s -> s == Sharing.PLAIN),
    SYNCHRONIZED_WRAPPERS(s -> s == Sharing.SYNCHRONIZED_WRAPPER),
    THREAD_SAFE_CONTAINERS(Sharing::threadSafeContainer),
    MAP_VALUES(s -> s == Sharing.MAP_VALUE),
    SNAPSHOTS(s -> s == Sharing.SNAPSHOT);

    final Predicate<Sharing> holds;

    Selection(Predicate<Sharing> holds) {
      this.holds = holds;
    }
  }

  private final ConflictFinder finder;
  private final Map<Selection, List<AccessInstance>> selected = new EnumMap<>(Selection.class);
  private final Map<Selection, Map<Location, List<AccessInstance>>> byKey =
      new EnumMap<>(Selection.class);
  private final List<Conflict> conflicts;
  /** The plain fields changed under their class's own lock ({@link ConflictFinder}). */
  private final java.util.Set<Location> changedUnderOwnLock;

  /** Selects from {@code accesses}, the walk's facts in the order met, and finds the races. */
  public AccessFacts(List<AccessInstance> accesses, ConflictFinder finder) {
    this.finder = finder;
    for (Selection s : Selection.values()) {
      selected.put(s, accesses.stream().filter(a -> s.holds.test(a.sharing())).toList());
    }
    List<AccessInstance> plain = selected.get(Selection.PLAIN);
    this.changedUnderOwnLock = finder.changedUnderOwnLock(plain);
    this.conflicts = List.copyOf(finder.find(plain, changedUnderOwnLock));
  }

  /**
   * Every access to plain shareable state, in every thread context it runs in, with its locks.
   * Fresh objects that no task reaches are included; see {@link #parallelPartners}.
   */
  public List<AccessInstance> plain() {
    return selected.get(Selection.PLAIN);
  }

  /** Accesses to the contents of {@code Collections.synchronized*} wrappers. */
  public List<AccessInstance> synchronizedWrappers() {
    return selected.get(Selection.SYNCHRONIZED_WRAPPERS);
  }

  /** Accesses to the contents of thread-safe containers, synchronized wrappers included. */
  public List<AccessInstance> threadSafeContainers() {
    return selected.get(Selection.THREAD_SAFE_CONTAINERS);
  }

  /** Accesses to values held in thread-safe maps, keyed by the map: its values are one location. */
  public List<AccessInstance> mapValues() {
    return selected.get(Selection.MAP_VALUES);
  }

  /** Accesses to the contents of published snapshots. */
  public List<AccessInstance> snapshots() {
    return selected.get(Selection.SNAPSHOTS);
  }

  /**
   * Plain accesses that may run in parallel with another access to the same location with no
   * common lock, at least one of the two a write; one conflict per racing access.
   */
  public List<Conflict> conflicts() {
    return conflicts;
  }

  /**
   * The plain accesses to {@code a}'s location that may run at the same time as {@code a} ({@code
   * a} itself included, on another thread), whatever locks either holds.
   */
  public List<AccessInstance> parallelPartners(AccessInstance a) {
    return partners(Selection.PLAIN, a, false);
  }

  /** Like {@link #parallelPartners}, among the thread-safe container accesses. */
  public List<AccessInstance> parallelThreadSafePartners(AccessInstance a) {
    return partners(Selection.THREAD_SAFE_CONTAINERS, a, true);
  }

  /** Like {@link #parallelPartners}, among the synchronized-wrapper accesses. */
  public List<AccessInstance> parallelWrapperPartners(AccessInstance a) {
    return partners(Selection.SYNCHRONIZED_WRAPPERS, a, true);
  }

  /** Like {@link #parallelPartners}, among the accesses to values held in thread-safe maps. */
  public List<AccessInstance> parallelMapValuePartners(AccessInstance a) {
    return partners(Selection.MAP_VALUES, a, true);
  }

  /** Like {@link #parallelPartners}, among the accesses to published snapshots. */
  public List<AccessInstance> parallelSnapshotPartners(AccessInstance a) {
    return partners(Selection.SNAPSHOTS, a, true);
  }

  /**
   * The accesses of selection {@code s} to {@code a}'s location that may run beside {@code a}.
   * {@code declaredConcurrent}: the state is in a container that declares concurrent use, so two
   * entry points count as parallel.
   */
  private List<AccessInstance> partners(Selection s, AccessInstance a, boolean declaredConcurrent) {
    Map<Location, List<AccessInstance>> groups = byKey.computeIfAbsent(s, k -> {
      Map<Location, List<AccessInstance>> g = new HashMap<>();
      for (AccessInstance i : selected.get(k)) {
        g.computeIfAbsent(i.key(), x -> new ArrayList<>()).add(i);
      }
      return g;
    });
    return finder.parallelPartners(a, groups.getOrDefault(a.key(), List.of()), declaredConcurrent,
        changedUnderOwnLock);
  }

  /**
   * Whether an access that may run beside {@code a} (itself included, on another thread) holds one
   * of {@code a}'s named locks, read or write: the lock is meant for this location.
   */
  public boolean partnerHoldsItsLock(AccessInstance a) {
    for (AccessInstance b : parallelPartners(a)) {
      for (Holding mine : a.locks()) {
        for (Holding theirs : b.locks()) {
          if (theirs.lock().equals(mine.lock()) && !mine.lock().equals(LockId.UNNAMED)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /**
   * Whether some code changes the contents of field {@code owner.field} under an exclusive lock or
   * in a task handed to another thread: evidence that the collection is changed where threads
   * meet, not only while one thread builds it.
   */
  public boolean contentsChangedWhereThreadsMeet(String owner, String field) {
    for (AccessInstance a : selected.get(Selection.PLAIN)) {
      if (a.isWrite() && a.raw().slot() == BodyResult.Slot.CONTENTS
          && isContentsOf(a.key(), owner, field)
          && (a.ctx() instanceof Ctx.Task
              || a.locks().stream().anyMatch(h -> h.exclusive()))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isContentsOf(
      Location key, String owner, String field) {
    if (key instanceof Location.Snapshot snap) {
      key = snap.contents();
    }
    return key instanceof Location.InstanceField f
            && f.owner().equals(owner) && f.field().equals(field)
        || key instanceof Location.StaticField sf
            && sf.owner().equals(owner) && sf.field().equals(field);
  }

  /** Whether the two accesses hold one lock that keeps them apart (not both only reading). */
  public boolean commonLock(AccessInstance a, AccessInstance b) {
    return ConflictFinder.commonLock(a, b);
  }

  /**
   * Whether each access holds the monitor of the object holding the field it touches ({@link
   * ConflictFinder#bothHoldTheHoldersMonitor}): one object's monitor, however each path names it.
   */
  public boolean holdersMonitorInCommon(AccessInstance a, AccessInstance b) {
    return ConflictFinder.bothHoldTheHoldersMonitor(a, b);
  }

  /**
   * The race of two changes to one value held in a shared container, each with the evidence of
   * its context (an entry point is declared shared, a task was spawned).
   */
  public Conflict onHeldValue(AccessInstance a, AccessInstance b) {
    return finder.onHeldValue(a, b);
  }

  /**
   * The race of {@code a} with {@code b}, a write to the same value under a lock {@code a} does
   * not hold: the location is guarded inconsistently, the evidence on both sides.
   */
  public Conflict inconsistentlyGuarded(AccessInstance a, AccessInstance b) {
    return new Conflict(a, b, Evidence.INCONSISTENTLY_GUARDED, Evidence.INCONSISTENTLY_GUARDED);
  }

  /**
   * Whether code the walk reached changes a value held in the map whose contents {@code mapAccess}
   * touches (adds to a list the map holds, sets a field of one of its values).
   */
  public boolean valuesChanged(AccessInstance mapAccess) {
    for (AccessInstance v : mapValues()) {
      if (v.isWrite() && v.key() instanceof Location.MapValue held
          && held.map().equals(mapAccess.key())) {
        return true;
      }
    }
    return false;
  }

  /** The container an access touches: a view's backing collection, else its own target. */
  public static AbsVal container(AccessInstance a) {
    return a.target() instanceof AbsVal.View v ? v.backing() : a.target();
  }

  /** Whether the access holds the monitor of the container it touches, exclusively. */
  public boolean holdsContainerMonitor(AccessInstance a) {
    return a.locks().contains(new Holding(LockKeys.lockKey(container(a)), LockMode.EXCLUSIVE));
  }
}
