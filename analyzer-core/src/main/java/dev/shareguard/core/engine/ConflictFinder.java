package dev.shareguard.core.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import java.util.Set;
import dev.shareguard.core.finding.Evidence;
import dev.shareguard.core.ir.ClassDecl;

/**
 * Pairs access instances on the same location that may run in parallel ({@link Parallelism}:
 * the decision table and its named filters) with no common lock, and turns each race into one
 * {@link Conflict} with the evidence of both sides.
 */
public final class ConflictFinder {
  private final ConcurrencyIntent intent;
  private final LazyInit lazyInit;
  private final Parallelism parallelism;
  private final TaskAncestry ancestry;
  private final LatchHandOffs latches = new LatchHandOffs();
  private final FlagHandOffs flags;

  /**
   * @param valueType whether values of a type are immutable plain values (strings, boxed numbers,
   *     immutable collections, enums), for the racy single-check idiom ({@link LazyInit})
   */
  public ConflictFinder(ConcurrencyIntent intent, java.util.function.Predicate<String> valueType) {
    this(intent, valueType, new TaskAncestry());
  }

  /**
   * @param ancestry which contexts start each task ({@link ThreadWalker#ancestry}), so a point
   *     before a task's start is also before the tasks it starts
   */
  public ConflictFinder(ConcurrencyIntent intent, java.util.function.Predicate<String> valueType,
      TaskAncestry ancestry) {
    this(intent, valueType, t -> false, ancestry);
  }

  /**
   * @param plainImmutableClass whether an analysed class's objects hold only plain values set
   *     once ({@link dev.shareguard.core.model.ValueKinds#isPlainImmutableClass}), for lazy
   *     stores of fresh such objects ({@link LazyInit})
   */
  public ConflictFinder(ConcurrencyIntent intent, java.util.function.Predicate<String> valueType,
      java.util.function.Predicate<String> plainImmutableClass, TaskAncestry ancestry) {
    this.intent = intent;
    this.flags = new FlagHandOffs(intent);
    this.lazyInit = new LazyInit(valueType, plainImmutableClass);
    this.parallelism = new Parallelism(intent, a -> staticShared(List.of(a)), ancestry);
    this.ancestry = ancestry;
  }

  /**
   * The accesses to {@code a}'s location in {@code group} that may run at the same time as
   * {@code a} ({@code a} itself included, on another thread), whatever locks are held. {@code
   * declaredConcurrent}: the location's type says it is shared (a synchronized wrapper), so two
   * entry points of its class may run at once.
   */
  public List<AccessInstance> parallelPartners(AccessInstance a, List<AccessInstance> group,
      boolean declaredConcurrent, Set<Location> changedUnderOwnLock) {
    boolean guarded = declaredConcurrent || guarded(group, changedUnderOwnLock);
    List<AccessInstance> out = new ArrayList<>();
    for (AccessInstance b : group) {
      if (b.key().equals(a.key()) && parallel(a, b, guarded)) {
        out.add(b);
      }
    }
    return out;
  }

  /**
   * For each access that races with another, its conflict with the first such other access.
   * {@code changedUnderOwnLock}: {@link #changedUnderOwnLock} of {@code instances}.
   */
  public List<Conflict> find(List<AccessInstance> instances, Set<Location> changedUnderOwnLock) {
    Map<Location, List<AccessInstance>> byKey = new LinkedHashMap<>();
    for (AccessInstance a : instances) {
      byKey.computeIfAbsent(a.key(), k -> new ArrayList<>()).add(a);
    }
    Comparator<AccessInstance> order =
        Comparator.comparing((AccessInstance a) -> a.body().file().path())
            .thenComparing(a -> a.raw().at().pos());
    List<Conflict> all = new ArrayList<>();
    for (List<AccessInstance> group : byKey.values()) {
      List<Conflict> out = new ArrayList<>();
      boolean hasRoot = false;
      boolean hasWrite = false;
      for (AccessInstance a : group) {
        hasRoot |= a.ctx() instanceof Ctx.Task;
        hasWrite |= a.isWrite();
      }
      boolean guarded = guarded(group, changedUnderOwnLock);
      if (!hasWrite || (!hasRoot && !guarded && !sharedEntry(group) && !staticShared(group))) {
        continue;
      }
      if (!intent.expectsConcurrency(group.get(0).key()) || lazyInit.onlyLazyStoresOfValues(group)
          || LazyInit.guardedOneWayFlag(group,
              group.stream().anyMatch(x -> StoreDecisions.polledInALoop(x, intent::body)))) {
        continue;
      }
      List<AccessInstance> sorted = new ArrayList<>(group);
      sorted.sort(order);
      // Identity: an instance's record hash would walk its whole expression tree.
      Set<AccessInstance> reported =
          java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
      // Once per location: asked for every pair, it made a big location's pairing cubic.
      Set<LockId> guard = writeGuard(group);
      // What does not depend on the partner is asked once per access, not once per pair.
      int n = sorted.size();
      boolean[] holdsGuard = new boolean[n];
      for (int i = 0; i < n; i++) {
        holdsGuard[i] = !guard.isEmpty() && holdsAny(sorted.get(i), guard);
      }
      byte[] ownLock = new byte[n];
      // Each access's locks as an array: the pair questions below loop over both sides' locks,
      // and an iterator per set per pair was most of their cost.
      Holding[][] locks = new Holding[n][];
      for (int i = 0; i < n; i++) {
        locks[i] = sorted.get(i).locks().toArray(new Holding[0]);
      }
      // Whether some thread polls the location in a loop's condition: asked once per group, when
      // a pair first needs it.
      Boolean polled = null;
      for (int i = 0; i < n; i++) {
        AccessInstance a = sorted.get(i);
        boolean unlocked = a.locks().isEmpty();
        // Asked when a pair first needs it, then kept: it depends on the access alone.
        Boolean fastPath = null;
        // Locked and holding the guard: held the wrong lock against no partner. Published
        // through a lock it passed: paired with none.
        if ((!unlocked && holdsGuard[i]) || publishedThroughPassedLock(a, group)) {
          continue;
        }
        Conflict staleOnly = null;
        for (int j = 0; j < n; j++) {
          AccessInstance b = sorted.get(j);
          if (staleOnly != null && !mayDoWorseThanStale(b)) {
            continue;
          }
          // Only an access that holds no lock, or the wrong one, is reported: a guarded access
          // racing with an unguarded one is not where the fault is, two guarded accesses may
          // well hold the same lock under two names (RacerD makes the same choice) unless the
          // two locks are surely two objects, and a write under a read lock is
          // WriteUnderReadLock's to report. The cheap questions come first; all are answers
          // about the pair alone, so their order changes no outcome.
          if ((a.isWrite() || b.isWrite())
              && (unlocked || heldTheWrongLock(b, guard, holdsGuard, i, j, ownLock, locks))
              && !plainStores(a, b)
              && !commonLock(locks[i], locks[j])
              && !latches.ordered(a, b)
              && parallel(a, b, guarded)
              && !flags.ordered(a, b)) {
            boolean twoLoops = Parallelism.onTwoLoopsOfOneObject(a, b);
            if (polled == null) {
              polled = group.stream().anyMatch(x -> StoreDecisions.polledInALoop(x, intent::body));
            }
            Conflict c = new Conflict(a, b, evidence(a, b, guarded, twoLoops),
                evidence(b, a, guarded, twoLoops),
                AbsVal.root(a.target()) instanceof AbsVal.Static s
                    && intent.keepsPerThreadState(s.classId()),
                polled,
                fastPath != null ? fastPath
                    : (fastPath = unlocked && doubleChecked(sorted, i, holdsGuard)),
                false);
            if (RaceConfidence.staleValueOnly(c) && a.isWrite()) {
              // A write whose partner only sees a stale value: another partner may do worse
              // (lose an update, corrupt the container), and the race is that one. (A read
              // gives a stale value at worst whatever it races with.)
              staleOnly = staleOnly == null ? c : staleOnly;
              continue;
            }
            if (reported.add(a)) {
              out.add(c);
            }
            break;
          }
        }
        if (staleOnly != null && reported.add(a)) {
          out.add(staleOnly);
        }
      }
      all.addAll(oneFindingPerRace(out));
    }
    return all;
  }

  /**
   * Whether unlocked read {@code sorted[i]} is the fast path of a double check: a look-up of a
   * container (not a walk over it: {@link #LOOK_UPS}) or a read of a field holding plain values
   * ({@link #plainValueCell}), after which the same body, in the same context, reads the same
   * location again holding a lock that every write of it holds ({@code holdsGuard}). The unlocked
   * read decides only whether to take the locked path; what the thread acts on is what it reads
   * under the lock. The fast path may still read a container while a writer changes it, so the
   * race stays, two levels lower ({@link RaceConfidence}).
   */
  private boolean doubleChecked(List<AccessInstance> sorted, int i, boolean[] holdsGuard) {
    AccessInstance a = sorted.get(i);
    if (a.isWrite() || !(a.isCell() ? plainValueCell(a) : LOOK_UPS.contains(a.op()))) {
      return false;
    }
    for (int j = 0; j < sorted.size(); j++) {
      AccessInstance r = sorted.get(j);
      if (holdsGuard[j] && !r.isWrite() && r.body() == a.body() && r.ctx().equals(a.ctx())
          && r.raw().at().pos().compareTo(a.raw().at().pos()) > 0
          && (r.isCell() || LOOK_UPS.contains(r.op()))) {
        return true;
      }
    }
    return false;
  }

  /** Calls that look one thing up in a container, or read its count, without walking it. */
  private static final Set<String> LOOK_UPS =
      Set.of("get", "getOrDefault", "containsKey", "contains", "isEmpty", "size", "peek");

  /**
   * A field's cell holding a primitive or a plain value (an enum, a string, a boxed number, an
   * analysed class of final plain fields), or an object of an analysed class whose every
   * instance field is final (a final-field wrapper): a reader that sees it sees it whole, and
   * sees what its final fields refer to at least as up to date as when it was built (JLS §17.5).
   */
  private boolean plainValueCell(AccessInstance a) {
    if (!(a.raw().expr() instanceof dev.shareguard.core.ir.Expr.FieldAccess f) || f.type() == null) {
      return false;
    }
    String type = f.type().erasure();
    return f.type().isPrimitive() || lazyInit.valueType(type) || onlyFinalFields(type);
  }

  /**
   * Whether analysed class {@code type} (and each analysed superclass; a library superclass other
   * than {@code Object} is not known) has only final instance fields.
   */
  private boolean onlyFinalFields(String type) {
    int guard = 0;
    for (ClassDecl c = intent.index().classById(type); guard++ < 16;
        c = intent.index().classById(c.superclass().erasure())) {
      if (c == null || (c.kind() != ClassDecl.Kind.CLASS && c.kind() != ClassDecl.Kind.RECORD)) {
        return false;
      }
      for (dev.shareguard.core.ir.FieldDecl fd : c.fields()) {
        if (!fd.isStatic() && !fd.isFinal()) {
          return false;
        }
      }
      if (c.superclass() == null || c.superclass().erasure().equals("java.lang.Object")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a write racing with {@code b} may be more than a stale value: {@code b} writes too,
   * or it reads to decide a store, or it reads a container's structure rather than its count
   * (see {@link RaceConfidence#staleValueOnly}).
   */
  private static boolean mayDoWorseThanStale(AccessInstance b) {
    return b.isWrite()
        || (b.raw().slot() == BodyResult.Slot.CELL
            ? StoreDecisions.readDecidesAStore(b)
            : !RaceConfidence.readsOnlyTheCount(b));
  }

  /**
   * Two plain stores into one field ({@code f = v}, not {@code f += v} or {@code f++}): whichever
   * comes last, the field holds one of the two values, the outcome of some order of the two
   * threads, so the pair by itself loses nothing. What can go wrong is what a reader sees, and
   * every read that races with either store is paired on its own (an update computed from the
   * old value reads it, so its read is paired too). Increments and compound assignments read the
   * field inside the store, so two of them still lose an update and stay paired.
   */
  private static boolean plainStores(AccessInstance a, AccessInstance b) {
    return plainStore(a) && plainStore(b);
  }

  private static boolean plainStore(AccessInstance a) {
    return a.isWrite() && a.raw().slot() == BodyResult.Slot.CELL
        && a.raw().expr() instanceof dev.shareguard.core.ir.Expr.Assign as && as.op().equals("=");
  }

  /**
   * Publication through a lock (an ordering, SPEC §2): every write of the location holds one
   * exclusive lock, and the read's own body took and let go of that lock before it (in a
   * synchronized block, or by calling a synchronized helper); and either a write fills the field
   * once (a store under a null check, see {@link LazyInit#fillsOnce}), or every write sits in a
   * region of that lock that runs once per object ({@code if (!initialized) { pool = …; pool[i]
   * = …; initialized = true; }}, see {@link LazyInit#inOnceRegion}), which covers an array's or
   * container's contents filled there too. Taking the lock orders the read after the filling
   * stores, so it never sees the location unset or half-built; a later replacement of a field
   * under the lock is a new value the next read picks up, not a lost update.
   */
  private boolean publishedThroughPassedLock(AccessInstance read, List<AccessInstance> group) {
    if (read.isWrite() || read.passed().isEmpty()) {
      return false;
    }
    boolean cell = read.raw().slot() == BodyResult.Slot.CELL;
    boolean fillsOnce = false;
    boolean allOnce = true;
    Set<LockId> common = null;
    for (AccessInstance w : group) {
      if (!w.isWrite()) {
        continue;
      }
      Set<LockId> held = new java.util.HashSet<>();
      for (Holding l : w.locks()) {
        if (l.exclusive()) {
          held.add(l.lock());
        }
      }
      if (common == null) {
        common = held;
      } else {
        common.retainAll(held);
      }
      fillsOnce |= cell && LazyInit.fillsOnce(w);
      allOnce = allOnce && LazyInit.inOnceRegion(w, this::onlyEverSetTrue);
    }
    if (common == null || !(fillsOnce || allOnce)) {
      return false;
    }
    common.retainAll(read.passed());
    return !common.isEmpty();
  }

  /** {@link OnceGates#everyStoreIsTrue} outside construction, per flag field. */
  private final Map<String, Boolean> setOnlyTrue = new java.util.HashMap<>();

  private boolean onlyEverSetTrue(dev.shareguard.core.ir.Expr.FieldAccess flag) {
    return setOnlyTrue.computeIfAbsent(flag.ownerClass() + "#" + flag.name(),
        k -> OnceGates.everyStoreIsTrue(intent.index(), flag, true));
  }

  /**
   * One conflict per race: where two unguarded accesses each found the other as their partner,
   * only one is kept, at the writing side (or, both writing, the first in the file), the other
   * access being related to it. The partner found back may be the same access reached in
   * another context (the read of a method two entries call): the same pair of places, one race.
   * When all three accesses are in one body, the partner found
   * back may be another access of it, in this context or another ({@code if (x != null) {
   * x.stop(); x = null; }} run by two tasks: the call after the check pairs with the store, the
   * store with the check): that is still one race, between two runs of that code.
   */
  private static List<Conflict> oneFindingPerRace(List<Conflict> conflicts) {
    // By identity: an instance's record equality would compare whole expression trees.
    Map<AccessInstance, Integer> at = new java.util.IdentityHashMap<>();
    for (int i = 0; i < conflicts.size(); i++) {
      at.put(conflicts.get(i).reported(), i);
    }
    List<Conflict> out = new ArrayList<>();
    for (int i = 0; i < conflicts.size(); i++) {
      AccessInstance a = conflicts.get(i).reported();
      AccessInstance b = conflicts.get(i).other();
      Integer j = at.get(b);
      AccessInstance back = j == null ? null : conflicts.get(j).other();
      boolean mirrored = a != b && back != null
          && (back == a || back.raw().expr() == a.raw().expr()
              || (back.body() == a.body() && b.body() == a.body()));
      boolean keepOther =
          mirrored && (b.isWrite() && !a.isWrite() || (b.isWrite() == a.isWrite() && i > j));
      if (!keepOther) {
        out.add(conflicts.get(i));
      }
    }
    return out;
  }

  /**
   * The conflict of two accesses to a value that a thread-safe container holds (see {@code
   * UnguardedMapValueMutation}): a task's side is spawned; an entry's side is declared shared,
   * for the container's type declares that its authors share it between threads.
   */
  public Conflict onHeldValue(AccessInstance a, AccessInstance b) {
    return new Conflict(a, b, heldValueEvidence(a), heldValueEvidence(b), false, false, false,
        keepsAtomicState(a.target(), intent.index()));
  }

  /**
   * Whether {@code target} is a field of a class that keeps some of its own state in atomics
   * ({@code java.util.concurrent.atomic}: an {@code AtomicLong}, a {@code LongAdder}): its authors
   * count on one object of it being called by several threads at once.
   */
  private static boolean keepsAtomicState(AbsVal target, ProgramIndex index) {
    if (!(target instanceof AbsVal.Field f) || f.owner() == null) {
      return false;
    }
    dev.shareguard.core.ir.ClassDecl c = index.classById(f.owner());
    if (c == null) {
      return false;
    }
    for (dev.shareguard.core.ir.FieldDecl d : c.fields()) {
      if (!d.isStatic() && d.type() != null && d.type().name() != null
          && d.type().name().startsWith("java.util.concurrent.atomic.")) {
        return true;
      }
    }
    return false;
  }

  private static Evidence heldValueEvidence(AccessInstance a) {
    return a.ctx() instanceof Ctx.Entry ? Evidence.DECLARED_SHARED : Evidence.SPAWNED;
  }

  /**
   * The evidence that access {@code a} runs concurrently (see {@link Evidence}): a task's code is
   * spawned, and so is a constructor racing with a task it already started; an entry of a class
   * declared shared is declared shared; an entry touching a location its owner locks elsewhere
   * ({@code locationGuarded}) is inconsistently guarded; any other entry is only implied. A task
   * handed to a Netty event loop is judged like an entry when it touches an object's state: code
   * hands work to a loop to confine that state to the loop's one thread, so the hand-off shows
   * where the state lives, not that other threads share it. Static state is every loop's, and
   * two loops one object keeps ({@code twoLoops}) are two threads, so there the task is spawned
   * evidence.
   */
  private Evidence evidence(
      AccessInstance a, AccessInstance other, boolean locationGuarded, boolean twoLoops) {
    Evidence own = evidence(a, locationGuarded, twoLoops);
    if (own == Evidence.SPAWNED && a.ctx() instanceof Ctx.Task t && ancestry.scoped(t.root())
        && !inScope(t, other.ctx())) {
      return starterEvidence(t, locationGuarded);
    }
    if (own != Evidence.SPAWNED && beside(a, other)) {
      return Evidence.SPAWNED;
    }
    return own;
  }

  /**
   * Whether entry access {@code a} is made by the body that made the object it touches, in a
   * local (an object kept in a field is rebound to the field, see {@link FlowState#rebind}), and
   * {@code other} is in a task that call starts: such an object is reached by that call and the
   * tasks it hands it to alone, so the two meet only inside one call, where the starting code
   * goes on beside the task it started (what runs before the start or after a join is ordered and
   * never pairs). The call's side then runs on another thread than the task for certain, whoever
   * calls it: it takes the task's evidence. (An object another method reaches, through a field
   * or a parameter, may be reached by other calls too, whose overlap nothing shows: that side
   * keeps its own evidence.)
   */
  private boolean beside(AccessInstance a, AccessInstance other) {
    return a.ctx() instanceof Ctx.Entry
        && other.ctx() instanceof Ctx.Task t
        && AbsVal.root(a.target()) instanceof AbsVal.Alloc al
        && al.site().bodyId().equals(a.body().id())
        && ancestry.startersOf(t.root()).contains(a.ctx());
  }

  /**
   * Whether {@code c} runs inside the call that starts scoped task {@code t}: another task that
   * body starts, the same task when one call starts several runs of it (in a loop), or the
   * starting code itself, which goes on while the task runs. A task started once per call meets
   * another run of itself only when two calls overlap.
   */
  private boolean inScope(Ctx.Task t, Ctx c) {
    if (c instanceof Ctx.Task o && java.util.Objects.equals(o.spawnerBody(), t.spawnerBody())) {
      return !o.root().equals(t.root()) || t.multiWithinActivation();
    }
    return ancestry.startersOf(t.root()).contains(c);
  }

  /**
   * The evidence for a scoped task's access against code outside the call that started it: that
   * call waits for the task before it returns, so the two overlap only when the starting call
   * itself runs at the same time as the other code, and the evidence is the starter's. A task
   * started by another task is spawned; an entry gives what an access of its own would
   * (declared shared, inconsistently guarded, or implied); a constructor only implied. The
   * strongest over the task's starters.
   */
  private Evidence starterEvidence(Ctx.Task t, boolean locationGuarded) {
    Evidence best = Evidence.IMPLIED;
    for (Ctx starter : ancestry.startersOf(t.root())) {
      Evidence e = starter instanceof Ctx.Task ? Evidence.SPAWNED
          : starter instanceof Ctx.Entry entry
              && intent.isSharedEntryClass(entry.classId()) && intent.isPublicEntry(entry)
              ? Evidence.DECLARED_SHARED
              : starter instanceof Ctx.Entry && locationGuarded
                  ? Evidence.INCONSISTENTLY_GUARDED : Evidence.IMPLIED;
      best = e.compareTo(best) < 0 ? e : best;
    }
    return best;
  }

  private Evidence evidence(AccessInstance a, boolean locationGuarded, boolean twoLoops) {
    if (!(a.ctx() instanceof Ctx.Entry)
        && (!(Ctx.serialExecutor(a.ctx()) instanceof EventLoop) || isStatic(a) || twoLoops)) {
      return Evidence.SPAWNED;
    }
    return intent.isSharedEntryClass(a.body().owner()) && publicEntry(a)
        ? Evidence.DECLARED_SHARED
        : locationGuarded ? Evidence.INCONSISTENTLY_GUARDED : Evidence.IMPLIED;
  }

  /**
   * Inconsistent locking, as SpotBugs judges it: the class's own code locks most of its accesses
   * to this location, so the unlocked ones are the slips (two synchronized methods among many
   * plain ones, like InputStream.mark/reset, say nothing). And the class changes the field
   * under its lock somewhere ({@link #changedUnderOwnLock}): authors who guard state guard its
   * changes first, while reads that happen to sit in synchronized methods (a lazy getter reading
   * a configuration field, a long locked operation consulting a settings map) show a lock held
   * for something else, not that this field is shared.
   */
  private boolean guarded(List<AccessInstance> group, Set<Location> changedUnderOwnLock) {
    if (!changedUnderOwnLock.contains(cellOf(group.get(0).key()))) {
      return false;
    }
    int own = 0;
    int ownLocked = 0;
    for (AccessInstance a : group) {
      if (!(a.ctx() instanceof Ctx.Init) && isOwnCode(a)) {
        own++;
        ownLocked += votesLocked(a) ? 1 : 0;
      }
    }
    return ownLocked > 0 && ownLocked * 2 >= own;
  }

  /**
   * Whether {@code a} counts as a locked access in the vote on how the class guards its state:
   * it holds a lock of the field's own scope ({@link #holdsOwnLock}), and not only because its
   * method copies the {@code synchronized} modifier of the JDK method it overrides ({@code
   * InputStream.mark}/{@code reset}): that monitor is held, and keeps two holders apart, but it
   * says nothing about how the class means to guard its fields.
   */
  private boolean votesLocked(AccessInstance a) {
    return holdsOwnLock(a) && !intent.synchronizedOnlyByJdkDeclaration(a.body());
  }

  /**
   * The fields (as {@link #cellOf cells}) that the class's own code changes while holding a lock
   * of the field's own scope ({@link #holdsOwnLock}), outside construction: a store into the
   * field, or a change of the container it holds ({@code names.put(…)} under the lock guards
   * the reference {@code names} as much as the map).
   */
  public Set<Location> changedUnderOwnLock(List<AccessInstance> instances) {
    Set<Location> out = new java.util.HashSet<>();
    for (AccessInstance a : instances) {
      if (a.isWrite() && !(a.ctx() instanceof Ctx.Init) && votesLocked(a)) {
        out.add(cellOf(a.key()));
      }
    }
    return out;
  }

  /** The location of a field's cell for a location on the field's cell or contents. */
  private static Location cellOf(Location l) {
    BodyResult.Slot cell = BodyResult.Slot.CELL;
    if (l instanceof Location.InstanceField f) {
      return new Location.InstanceField(cell, f.owner(), f.field());
    }
    if (l instanceof Location.StaticField f) {
      return new Location.StaticField(cell, f.owner(), f.field());
    }
    if (l instanceof Location.ThisObject t) {
      return new Location.ThisObject(cell, t.classId());
    }
    if (l instanceof Location.LocalObject o) {
      return new Location.LocalObject(cell, o.site(), o.fields());
    }
    return l instanceof Location.MapValue v ? new Location.MapValue(v.map(), v.field(), cell) : l;
  }

  /**
   * Static state of a class that shows it runs on several threads (it locks, keeps volatile,
   * concurrent or thread-local fields, or starts tasks): static state is shared by every thread
   * that runs the code, so two callers of its public API may touch it at once with nothing
   * further to show. An instance's state, by contrast, is shared only if the instance is.
   */
  private boolean staticShared(List<AccessInstance> group) {
    AccessInstance a = group.get(0);
    return isStatic(a) && intent.classExpectsConcurrency(a.body().owner().id());
  }

  /**
   * Whether {@code a}'s entry, if it runs in one, is of its class's public contract ({@link
   * ConcurrencyIntent#isPublicEntry}): only those are declared shared by a shared class.
   */
  private boolean publicEntry(AccessInstance a) {
    return !(a.ctx() instanceof Ctx.Entry e) || intent.isPublicEntry(e);
  }

  /** Whether {@code a} touches static state (a static field or what it holds). */
  static boolean isStatic(AccessInstance a) {
    return AbsVal.root(a.target()) instanceof AbsVal.Static;
  }

  private boolean sharedEntry(List<AccessInstance> group) {
    for (AccessInstance a : group) {
      if (a.ctx() instanceof Ctx.Entry && intent.isSharedEntryClass(a.body().owner())
          && publicEntry(a)) {
        return true;
      }
    }
    return false;
  }

  /** Whether two accesses may run at the same time (see {@link Parallelism}). */
  boolean parallel(AccessInstance a, AccessInstance b, boolean locationGuarded) {
    return parallelism.mayRunTogether(a, b, locationGuarded);
  }

  /**
   * Whether the access holds a lock that belongs to the class declaring what it touches ({@code
   * this}, the class, or one of its fields): the developer guarding this location on purpose,
   * which says the class expects concurrent callers. A lock some caller in another class happens
   * to hold says nothing about this class.
   */
  private static boolean isOwnCode(AccessInstance a) {
    String owner = a.body().owner().id();
    return a.key().inFieldOf(owner);
  }

  /**
   * Whether {@code a} holds a lock of the location's own scope: for a field of an object, the
   * object's monitor or a lock held in an instance field of its class; for static state, the
   * class monitor or a lock held in a static field. A static lock taken around instance state
   * guards the static state beside it (a class-wide cache), and says nothing about whether the
   * instance is shared; an instance lock around static state does not guard it at all.
   */
  private boolean holdsOwnLock(AccessInstance a) {
    String owner = a.body().owner().id();
    if (!isOwnCode(a)) {
      return false;
    }
    boolean staticLocation = a.key().isStatic();
    for (Holding h : a.locks()) {
      LockId l = h.lock();
      if (l instanceof LockId.InstanceMonitor m && m.classId().equals(owner)) {
        if (!staticLocation) {
          return true;
        }
      } else if (l instanceof LockId.ClassMonitor m && m.classId().equals(owner)) {
        if (staticLocation) {
          return true;
        }
      } else if (l instanceof LockId.FieldValue fv
          && (fv.owner().equals(owner) || fv.owner().startsWith(owner + "."))) {
        // A lock in a field of the class, or of a class nested in it (whose field is not the
        // class's own: no declaration is found, and it counts like one of either scope).
        dev.shareguard.core.ir.FieldDecl decl =
            fv.owner().equals(owner) ? intent.field(owner, fv.field()) : null;
        if (decl == null || decl.isStatic() == staticLocation) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Inconsistent locking with two different locks: {@code b} holds a lock of the location's own
   * scope ({@link #holdsOwnLock}), so the authors guard the location, and each of {@code a}'s
   * locks is surely another object than each of {@code b}'s ({@link #distinct}): {@code a} took
   * a lock that does not guard it against {@code b} (a nested object's monitor around its owner's
   * map, an instance monitor around static state, {@code this} against a lock object). When every
   * write of the location holds one same lock, that lock is the guard: the side without it is the
   * one reported; otherwise either side may be (one finding per race keeps one).
   */
  private boolean heldTheWrongLock(AccessInstance b, Set<LockId> guard,
      boolean[] holdsGuard, int i, int j, byte[] ownLock, Holding[][] locks) {
    // Cheapest questions first: this is asked of every pair of locked accesses of a location.
    // Of access k (a is i, b is j): holdsGuard[k], whether it holds a lock of the guard;
    // ownLock[k], holdsOwnLock once known (1 yes, 2 no, 0 not asked yet); locks[k], its locks.
    if (locks[j].length == 0 || (!guard.isEmpty() && (holdsGuard[i] || !holdsGuard[j]))) {
      return false;
    }
    for (Holding la : locks[i]) {
      for (Holding lb : locks[j]) {
        if (!distinct(la.lock(), lb.lock())) {
          return false;
        }
      }
    }
    if (ownLock[j] == 0) {
      ownLock[j] = holdsOwnLock(b) ? (byte) 1 : (byte) 2;
    }
    return ownLock[j] == 1;
  }

  /** The locks every write in {@code group} holds (empty when some write holds none). */
  private static Set<LockId> writeGuard(List<AccessInstance> group) {
    Set<LockId> out = null;
    for (AccessInstance x : group) {
      if (!x.isWrite()) {
        continue;
      }
      Set<LockId> held = new java.util.HashSet<>();
      x.locks().forEach(h -> held.add(h.lock()));
      if (out == null) {
        out = held;
      } else {
        out.retainAll(held);
      }
    }
    return out == null ? Set.of() : out;
  }

  private static boolean holdsAny(AccessInstance a, Set<LockId> locks) {
    return a.locks().stream().anyMatch(h -> locks.contains(h.lock()));
  }

  /**
   * Whether two locks are surely two objects: a class's monitor is no instance's; the monitors of
   * instances of two classes neither of which extends the other are two objects; a final field
   * initialized with a fresh object of a type that does not extend a class is no instance of it,
   * nor a class. Anything else (two fields, locals, unnamed locks) may be one object.
   */
  private boolean distinct(LockId x, LockId y) {
    if (x.equals(y)) {
      return false;
    }
    if (x instanceof LockId.ClassMonitor cx) {
      return y instanceof LockId.InstanceMonitor
          || (y instanceof LockId.ClassMonitor cy && !cx.classId().equals(cy.classId()))
          || freshLockType(y) != null;
    }
    if (y instanceof LockId.ClassMonitor) {
      return distinct(y, x);
    }
    if (x instanceof LockId.InstanceMonitor ix && y instanceof LockId.InstanceMonitor iy) {
      return !intent.isSubtype(ix.classId(), iy.classId())
          && !intent.isSubtype(iy.classId(), ix.classId());
    }
    if (x instanceof LockId.InstanceMonitor ix) {
      String fresh = freshLockType(y);
      return fresh != null && !intent.isSubtype(fresh, ix.classId());
    }
    return y instanceof LockId.InstanceMonitor && distinct(y, x);
  }

  /** The type of the fresh object a final field lock is initialized with, or null. */
  private String freshLockType(LockId l) {
    if (!(l instanceof LockId.FieldValue fv)) {
      return null;
    }
    dev.shareguard.core.ir.FieldDecl decl = intent.field(fv.owner(), fv.field());
    return decl != null && decl.isFinal()
            && decl.initializer() instanceof dev.shareguard.core.ir.Expr.New n
            && n.anonymousClassId() == null
        ? n.type().erasure()
        : null;
  }

  /** Whether some lock both hold excludes the other (two read holds do not). */
  private static boolean commonLock(Holding[] a, Holding[] b) {
    for (Holding la : a) {
      for (Holding lb : b) {
        if (la.excludes(lb)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Whether each of the two accesses holds the monitor of the object whose field it touches (a
   * {@code synchronized} method of the holder, reached on {@code this} or through another
   * object's field): the same location is the same object, so that is one monitor, however each
   * path names it.
   */
  public static boolean bothHoldTheHoldersMonitor(AccessInstance a, AccessInstance b) {
    return holdsHoldersMonitor(a) && holdsHoldersMonitor(b);
  }

  private static boolean holdsHoldersMonitor(AccessInstance a) {
    AbsVal t = a.target();
    while (t instanceof AbsVal.View || t instanceof AbsVal.Elem) {
      t = t instanceof AbsVal.View v ? v.backing() : ((AbsVal.Elem) t).base();
    }
    if (!(t instanceof AbsVal.Field f)) {
      return false;
    }
    LockId holder = LockKeys.lockKey(f.base());
    if (holder.equals(LockId.UNNAMED)) {
      return false;
    }
    for (Holding h : a.locks()) {
      if (h.exclusive() && h.lock().equals(holder)) {
        return true;
      }
    }
    return false;
  }

  /** Whether some lock both hold excludes the other (two read holds do not). */
  public static boolean commonLock(AccessInstance a, AccessInstance b) {
    for (Holding la : a.locks()) {
      for (Holding lb : b.locks()) {
        if (la.excludes(lb)) {
          return true;
        }
      }
    }
    return false;
  }

}
