package dev.shareguard.core.engine;

import dev.shareguard.core.engine.AccessInstance.Sharing;
import dev.shareguard.core.engine.BodyResult.RawAccess;
import dev.shareguard.core.engine.BodyResult.Slot;
import dev.shareguard.core.ir.FieldDecl;
import dev.shareguard.core.ir.TypeRef;
import dev.shareguard.core.model.LibraryModels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Records the accesses of a walked body as {@link AccessInstance}s, each on its abstract location
 * and with how that state is shared ({@link AccessInstance.Sharing}: plain shareable state, a
 * synchronized wrapper, a thread-safe container, a value held in a thread-safe map, a published
 * snapshot), in one list in the order met; the rules select from it by sharing.
 */
final class AccessRecorder {
  private final ProgramIndex index;
  private final LibraryModels models;
  private final FieldFacts fieldFacts;
  private final ConcurrencyIntent concurrencyAware;
  private final FrameBinding binding;
  private final LockKeys lockKeys;
  private final HappensBefore order;
  private final List<AccessInstance> accesses = new ArrayList<>();

  AccessRecorder(ProgramIndex index, LibraryModels models, FieldFacts fieldFacts,
      ConcurrencyIntent concurrencyAware, FrameBinding binding, LockKeys lockKeys,
      HappensBefore order) {
    this.index = index;
    this.models = models;
    this.fieldFacts = fieldFacts;
    this.concurrencyAware = concurrencyAware;
    this.binding = binding;
    this.lockKeys = lockKeys;
    this.order = order;
  }

  /** Records access {@code a} of {@code body} met in this walk, if it is on a location. */
  void record(RawAccess a, ProgramIndex.Body body, Frame f, Ctx ctx,
      Map<Integer, TaskRoot> spawnKeys) {
    AbsVal target = binding.resolve(a.target(), f, body);
    Location snapshot = snapshotKey(target, a);
    if (snapshot != null) {
      accesses.add(instance(body, a, ctx, snapshot, Sharing.SNAPSHOT, target, f, spawnKeys));
      return;
    }
    Location key = locationKey(target, a.slot());
    if (key == null) {
      Location valueKey = heldThreadSafe(a, body) ? null : mapValueKey(target, a);
      if (valueKey != null) {
        accesses.add(instance(body, a, ctx, valueKey, Sharing.MAP_VALUE, target, f, spawnKeys));
      }
      return;
    }
    boolean wrapper = isSynchronizedWrapper(a, target);
    boolean threadSafe = wrapper || isThreadSafeContents(a, target);
    if (!threadSafe && !isShareable(a, target)) {
      return;
    }
    Sharing sharing =
        wrapper ? Sharing.SYNCHRONIZED_WRAPPER : threadSafe ? Sharing.THREAD_SAFE : Sharing.PLAIN;
    accesses.add(instance(body, a, ctx, key, sharing, target, f, spawnKeys));
  }

  /** Every access recorded so far, in the order met. */
  List<AccessInstance> accesses() {
    return accesses;
  }

  /**
   * The location of a published snapshot's contents: the collection an {@code AtomicReference}
   * field holds, or the one a volatile collection field holds when the code replaces it with new
   * copies (copy-on-write). Such a collection should never change in place; its accesses are kept
   * apart from the other rules.
   */
  private Location snapshotKey(AbsVal target, RawAccess a) {
    if (a.slot() != Slot.CONTENTS) {
      return null;
    }
    AbsVal container = target instanceof AbsVal.View w ? w.backing() : target;
    if (container instanceof AbsVal.Elem e && e.base() instanceof AbsVal.Field ref) {
      FieldDecl decl = index.field(ref.owner(), ref.field());
      if (decl != null && models.isPublishingHolder(decl.type().name())) {
        StoredValues published = fieldFacts.elementsOf(ref.owner(), ref.field());
        if (published.allThreadSafe() || published.allImmutable()) {
          // Every snapshot it ever publishes is itself thread-safe: changing it is fine.
          return null;
        }
        Location key = locationKey(ref, Slot.CONTENTS);
        return key == null ? null : new Location.Snapshot(key);
      }
      return null;
    }
    if (container instanceof AbsVal.Field fd) {
      FieldDecl decl = index.field(fd.owner(), fd.field());
      if (decl != null && decl.isVolatile() && models.isContainer(decl.type().erasure())
          && !models.isThreadSafeContainer(decl.type().erasure())
          && fieldFacts.of(fd.owner(), fd.field()).republished()
          && !fieldFacts.of(fd.owner(), fd.field()).allThreadSafe()) {
        // Snapshots that are all thread-safe containers may be changed in place.
        Location key = locationKey(fd, Slot.CONTENTS);
        return key == null ? null : new Location.Snapshot(key);
      }
    }
    return null;
  }

  /**
   * Whether a container access goes through a local that only ever holds thread-safe containers
   * ({@code m = all.computeIfAbsent(k, x -> new ConcurrentHashMap<>()); m.put(…)}): the value is
   * thread-safe, whatever map it came from.
   */
  private boolean heldThreadSafe(RawAccess a, ProgramIndex.Body body) {
    return a.slot() == Slot.CONTENTS && body.method() != null
        && a.expr() instanceof dev.shareguard.core.ir.Expr.Call c
        && c.receiver() instanceof dev.shareguard.core.ir.Expr.LocalRef l
        && fieldFacts.localHoldsOnlyThreadSafe(body.method(), l.name());
  }

  /**
   * The location of a value held in a thread-safe map ({@code this.byKey[*]}, or a field of it):
   * the map is shared and safe, the values it hands out are shared too and may not be. Null for
   * anything else, and for values of thread-safe or immutable types.
   */
  private Location mapValueKey(AbsVal target, RawAccess a) {
    AbsVal v = target;
    List<String> suffix = new ArrayList<>();
    int guard = 0;
    while (!(v instanceof AbsVal.Elem) && guard++ < 16) {
      if (v instanceof AbsVal.Field fd) {
        suffix.add(0, fd.field());
        v = fd.base();
      } else if (v instanceof AbsVal.View w) {
        v = w.backing();
      } else {
        return null;
      }
    }
    if (!(v instanceof AbsVal.Elem e) || !(e.base() instanceof AbsVal.Field map)) {
      return null;
    }
    int depth = suffix.size();
    if ((a.slot() == Slot.CELL && depth != 1) || depth > 1) {
      // The value itself or one field of it: deeper paths come from dispatch guesses.
      return null;
    }
    if (a.slot() == Slot.CONTENTS && a.receiverType() != null
        && (models.isThreadSafeContainer(a.receiverType())
            || models.isImmutableContainer(a.receiverType()))) {
      return null;
    }
    if (a.slot() == Slot.CONTENTS && a.receiverType() != null
        && index.isProjectClass(a.receiverType())
        && concurrencyAware.typeExpectsConcurrency(a.receiverType())) {
      return null;
    }
    AbsVal.Field valueField = firstFieldAfterElement(target);
    if (valueField != null && concurrencyAware.typeLocks(valueField.owner())) {
      // A value class that takes locks guards its own state (an unguarded access in it is the
      // thread rules' to judge); an atomic counter beside plain fields guards only itself.
      return null;
    }
    if (a.slot() == Slot.CONTENTS && target instanceof AbsVal.Field held) {
      FieldDecl decl = index.field(held.owner(), held.field());
      if ((decl != null && models.isThreadSafeContainer(decl.type().erasure()))
          || fieldFacts.of(held.owner(), held.field()).allThreadSafe()) {
        return null;
      }
    }
    if (a.slot() == Slot.CONTENTS && target == v) {
      StoredValues values = fieldFacts.elementsOf(map.owner(), map.field());
      if (values.allThreadSafe() || values.allImmutable()) {
        // Every value ever put in is thread-safe (a CopyOnWriteArrayList, a newKeySet()).
        return null;
      }
    }
    if (a.slot() == Slot.CELL && target instanceof AbsVal.Field fd) {
      FieldDecl decl = index.field(fd.owner(), fd.field());
      if (decl == null || decl.isFinal() || decl.isVolatile()) {
        return null;
      }
    }
    Location mapKey = locationKey(map, Slot.CONTENTS);
    if (mapKey == null || !isThreadSafeMap(map)) {
      return null;
    }
    return new Location.MapValue(mapKey, suffix.isEmpty() ? null : suffix.get(0), a.slot());
  }

  /** The value's own field on a path {@code map[*].field…}, or null. */
  private static AbsVal.Field firstFieldAfterElement(AbsVal v) {
    AbsVal.Field last = null;
    int guard = 0;
    while (guard++ < 16) {
      if (v instanceof AbsVal.Field f) {
        last = f;
        v = f.base();
      } else if (v instanceof AbsVal.View w) {
        v = w.backing();
      } else {
        break;
      }
    }
    return v instanceof AbsVal.Elem ? last : null;
  }

  private boolean isThreadSafeMap(AbsVal.Field map) {
    return fieldFacts.isThreadSafeMap(map.owner(), map.field());
  }

  /** Whether the access touches the contents of a thread-safe (not immutable) container. */
  private boolean isThreadSafeContents(RawAccess a, AbsVal target) {
    if (a.slot() != Slot.CONTENTS) {
      return false;
    }
    AbsVal container = target instanceof AbsVal.View w ? w.backing() : target;
    if (container instanceof AbsVal.Alloc al) {
      return al.threadSafe();
    }
    if (a.receiverType() != null && (models.isThreadSafeContainer(a.receiverType())
        || projectContainerInterface(a.receiverType()))) {
      return true;
    }
    if (container instanceof AbsVal.Field fd) {
      FieldDecl decl = index.field(fd.owner(), fd.field());
      if (decl != null && (models.isThreadSafeContainer(decl.type().erasure())
          || projectContainerInterface(decl.type().erasure()))) {
        return true;
      }
      return fieldFacts.of(fd.owner(), fd.field()).allThreadSafe();
    }
    return false;
  }

  /**
   * Whether {@code type} is a container interface the analysed project declares ({@code
   * interface DistributedSet<E> extends Set<E>}): the project's own abstraction, whose
   * implementations (often elsewhere: a remote store, a cluster, a concurrent structure) decide
   * what its operations do. Nothing shows its contents are a plain in-memory structure that two
   * threads can corrupt, so it is not taken for one.
   */
  private boolean projectContainerInterface(String type) {
    dev.shareguard.core.ir.ClassDecl c = index.classById(type);
    return c != null && c.kind() == dev.shareguard.core.ir.ClassDecl.Kind.INTERFACE
        && models.isContainer(type);
  }

  /** Whether the access touches the contents of a {@code Collections.synchronized*} wrapper. */
  private boolean isSynchronizedWrapper(RawAccess a, AbsVal target) {
    if (a.slot() != Slot.CONTENTS) {
      return false;
    }
    AbsVal container = target instanceof AbsVal.View w ? w.backing() : target;
    if (container instanceof AbsVal.Alloc al) {
      return al.synchronizedWrapper();
    }
    return container instanceof AbsVal.Field fd
        && fieldFacts.of(fd.owner(), fd.field()).allSynchronizedWrappers();
  }

  /**
   * The instance of access {@code a} in this walk. The event loops it surely runs on ride with the
   * held locks through calls (see {@link LockKeys#loopKey}) and are set apart from them here.
   */
  private AccessInstance instance(ProgramIndex.Body body, RawAccess a, Ctx ctx, Location key,
      Sharing sharing, AbsVal target, Frame f, Map<Integer, TaskRoot> spawnKeys) {
    Set<Holding> locks = new TreeSet<>();
    Set<EventLoop> loops = Set.of();
    for (Held h : lockKeys.locksAt(a.at(), f, body)) {
      if (h instanceof Holding l) {
        locks.add(l);
      } else {
        if (loops.isEmpty()) {
          loops = new TreeSet<>();
        }
        loops.add((EventLoop) h);
      }
    }
    return new AccessInstance(body, a, ctx, key, sharing, target, locks,
        order.excludedAt(a.at(), f, spawnKeys), HappensBefore.liveAt(a.at(), f, spawnKeys), loops,
        f.thisClass(), f.path(), lockKeys.passedAt(a.at(), f, body));
  }


  /**
   * Whether an access can take part in a race at all: not a final or volatile field's cell, not
   * a library field, not an immutable container's contents (thread-safe ones are set apart first).
   */
  private boolean isShareable(RawAccess a, AbsVal target) {
    if (a.slot() == Slot.CELL) {
      if (!(target instanceof AbsVal.Field fd)) {
        return false;
      }
      FieldDecl decl = index.field(fd.owner(), fd.field());
      return decl != null && !decl.isFinal() && !decl.isVolatile() && !isThreadLocal(decl.type());
    }
    // Thread-safe contents were set apart by isThreadSafeContents before this is asked.
    if (a.receiverType() != null
        && (models.isImmutableContainer(a.receiverType())
            || (index.isProjectClass(a.receiverType())
                && concurrencyAware.classExpectsConcurrency(a.receiverType())))) {
      // An analysed container class written for concurrent use (locks, volatile, atomics) is
      // trusted like a library concurrent container.
      return false;
    }
    AbsVal container = target instanceof AbsVal.View w ? w.backing() : target;
    if (container instanceof AbsVal.Alloc al) {
      return !al.immutable();
    }
    if (container instanceof AbsVal.Field fd) {
      FieldDecl decl = index.field(fd.owner(), fd.field());
      if (decl != null
          && (models.isImmutableContainer(decl.type().erasure()) || isThreadLocal(decl.type()))) {
        return false;
      }
      return !fieldFacts.of(fd.owner(), fd.field()).allImmutable();
    }
    return true;
  }

  private static boolean isThreadLocal(TypeRef t) {
    return t.name().equals("java.lang.ThreadLocal")
        || t.name().equals("java.lang.InheritableThreadLocal");
  }

  private static Location locationKey(AbsVal target, Slot slot) {
    return LocationKeys.locationKey(target, slot);
  }
}
