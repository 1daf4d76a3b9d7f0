package dev.shareguard.core.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import java.util.Set;
import dev.shareguard.core.finding.Evidence;

/**
 * Pairs access instances on the same location that may run in parallel with no common lock. "May
 * run in parallel" follows the concurrency model:
 *
 * <pre>
 *            INIT            CALLER                        ROOT r
 * INIT       never           never                         r already running there
 * CALLER                     shared-entry class, or the    unless ordered by start/join, or
 *                            location is locked elsewhere  r reaches the object deep in
 *                                                          another object and the caller's
 *                                                          class shows no concurrent use
 * ROOT r'                                                  r != r': unless ordered, same
 *                                                          single-thread executor, or each
 *                                                          on its own fresh task object;
 *                                                          r == r': several instances at once
 * </pre>
 */
public final class ConflictFinder {
  private final ConcurrencyIntent intent;
  private final LazyInit lazyInit;

  /**
   * @param valueType whether values of a type are immutable plain values (strings, boxed numbers,
   *     immutable collections, enums), for the racy single-check idiom ({@link LazyInit})
   */
  public ConflictFinder(ConcurrencyIntent intent, java.util.function.Predicate<String> valueType) {
    this.intent = intent;
    this.lazyInit = new LazyInit(valueType);
  }

  /**
   * The accesses to {@code a}'s location in {@code group} that may run at the same time as
   * {@code a} ({@code a} itself included, on another thread), whatever locks are held. {@code
   * declaredConcurrent}: the location's type says it is shared (a synchronized wrapper), so two
   * entry points of its class may run at once.
   */
  public List<AccessInstance> parallelPartners(
      AccessInstance a, List<AccessInstance> group, boolean declaredConcurrent) {
    boolean guarded = declaredConcurrent || guarded(group);
    List<AccessInstance> out = new ArrayList<>();
    for (AccessInstance b : group) {
      if (b.key().equals(a.key()) && parallel(a, b, guarded)) {
        out.add(b);
      }
    }
    return out;
  }

  /** For each access that races with another, its conflict with the first such other access. */
  public List<Conflict> find(List<AccessInstance> instances) {
    Map<String, List<AccessInstance>> byKey = new LinkedHashMap<>();
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
        hasRoot |= a.ctx().kind() == Ctx.Kind.ROOT;
        hasWrite |= a.isWrite();
      }
      boolean guarded = guarded(group);
      if (!hasWrite || (!hasRoot && !guarded && !sharedEntry(group) && !staticShared(group))) {
        continue;
      }
      if (!intent.expectsConcurrency(group.get(0).key()) || lazyInit.onlyLazyStoresOfValues(group)) {
        continue;
      }
      List<AccessInstance> sorted = new ArrayList<>(group);
      sorted.sort(order);
      // Identity: an instance's record hash would walk its whole expression tree.
      Set<AccessInstance> reported =
          java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
      for (AccessInstance a : sorted) {
        for (AccessInstance b : sorted) {
          // Only an access that holds no lock is reported: a guarded access racing with an
          // unguarded one is not where the fault is, two guarded accesses may well hold the same
          // lock under two names (RacerD makes the same choice), and a write under a read lock
          // is WriteUnderReadLock's to report.
          if ((a.isWrite() || b.isWrite())
              && a.locks().isEmpty()
              && !sameConstantStores(a, b)
              && !publishedThroughPassedLock(a, group)
              && parallel(a, b, guarded)
              && !commonLock(a, b)) {
            if (reported.add(a)) {
              out.add(new Conflict(a, b, evidence(a, guarded), evidence(b, guarded)));
            }
            break;
          }
        }
      }
      all.addAll(oneFindingPerRace(out));
    }
    return all;
  }

  /**
   * Two stores of one constant into one field ({@code stop = true} from two threads): whichever
   * comes last, the field holds the same value, so no update is lost. A read racing with either
   * store is still paired.
   */
  private static boolean sameConstantStores(AccessInstance a, AccessInstance b) {
    return a.isWrite() && b.isWrite()
        && a.raw().slot() == BodyResult.Slot.CELL && b.raw().slot() == BodyResult.Slot.CELL
        && constantStored(a) != null && constantStored(a).equals(constantStored(b));
  }

  /**
   * Publication through a lock (an ordering, SPEC §2): every write of the field holds one
   * exclusive lock, at least one of them fills the field once (a store under a null check, see
   * {@link LazyInit#fillsOnce}), and the read's own body took and let go of that lock before it
   * (in a synchronized block, or by calling a synchronized helper). Taking the lock orders the
   * read after the filling store, so it never sees the field unset or half-built; a later
   * replacement under the lock is a new value the next read picks up, not a lost update.
   */
  private static boolean publishedThroughPassedLock(AccessInstance read, List<AccessInstance> group) {
    if (read.isWrite() || read.passed().isEmpty() || read.raw().slot() != BodyResult.Slot.CELL) {
      return false;
    }
    boolean fillsOnce = false;
    Set<String> common = null;
    for (AccessInstance w : group) {
      if (!w.isWrite()) {
        continue;
      }
      Set<String> held = new java.util.HashSet<>();
      for (String l : w.locks()) {
        if (l.endsWith(":W")) {
          held.add(l.substring(0, l.length() - 2));
        }
      }
      if (common == null) {
        common = held;
      } else {
        common.retainAll(held);
      }
      fillsOnce |= LazyInit.fillsOnce(w);
    }
    if (common == null || !fillsOnce) {
      return false;
    }
    common.retainAll(read.passed());
    return !common.isEmpty();
  }

  /** The literal a plain {@code field = literal} store writes, or null. */
  private static String constantStored(AccessInstance a) {
    return a.raw().expr() instanceof dev.shareguard.core.ir.Expr.Assign as && as.op().equals("=")
            && as.value() instanceof dev.shareguard.core.ir.Expr.Literal lit
        ? lit.text()
        : null;
  }

  /**
   * One conflict per race: where two unguarded accesses each found the other as their partner,
   * only one is kept, at the writing side (or, both writing, the first in the file), the other
   * access being related to it.
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
      boolean mirrored = a != b && j != null && conflicts.get(j).other() == a;
      boolean keepOther =
          mirrored && (b.isWrite() && !a.isWrite() || (b.isWrite() == a.isWrite() && i > j));
      if (!keepOther) {
        out.add(conflicts.get(i));
      }
    }
    return out;
  }

  /**
   * The evidence that access {@code a} runs concurrently (see {@link Evidence}): a task's code is
   * spawned, and so is a constructor racing with a task it already started; an entry of a class
   * declared shared is declared shared; an entry touching a location its owner locks elsewhere
   * ({@code locationGuarded}) is inconsistently guarded; any other entry is only implied.
   */
  private Evidence evidence(AccessInstance a, boolean locationGuarded) {
    return switch (a.ctx().kind()) {
      case ROOT, INIT -> Evidence.SPAWNED;
      case CALLER -> intent.isSharedEntryClass(a.body().owner())
          ? Evidence.DECLARED_SHARED
          : locationGuarded ? Evidence.INCONSISTENTLY_GUARDED : Evidence.IMPLIED;
    };
  }

  /**
   * Inconsistent locking, as SpotBugs judges it: the class's own code locks most of its accesses
   * to this location, so the unlocked ones are the slips (two synchronized methods among many
   * plain ones, like InputStream.mark/reset, say nothing).
   */
  private boolean guarded(List<AccessInstance> group) {
    int own = 0;
    int ownLocked = 0;
    for (AccessInstance a : group) {
      if (a.ctx().kind() != Ctx.Kind.INIT && isOwnCode(a)) {
        own++;
        ownLocked += holdsOwnLock(a) ? 1 : 0;
      }
    }
    return ownLocked > 0 && ownLocked * 2 >= own;
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

  /** Whether {@code a} touches static state (a static field or what it holds). */
  static boolean isStatic(AccessInstance a) {
    return AbsVal.root(a.target()) instanceof AbsVal.Static;
  }

  private boolean sharedEntry(List<AccessInstance> group) {
    for (AccessInstance a : group) {
      if (a.ctx().kind() == Ctx.Kind.CALLER && intent.isSharedEntryClass(a.body().owner())) {
        return true;
      }
    }
    return false;
  }

  /** Whether two accesses may run at the same time (see the class comment). */
  boolean parallel(AccessInstance a, AccessInstance b, boolean locationGuarded) {
    Ctx x = a.ctx();
    Ctx y = b.ctx();
    if (deepFromDifferentRoots(a, b) || inSiblingObjects(a, b)) {
      return false;
    }
    if (onOneLoop(a, b)) {
      return false;
    }
    if (x.kind() == Ctx.Kind.INIT || y.kind() == Ctx.Kind.INIT) {
      if (x.kind() == Ctx.Kind.INIT && y.kind() == Ctx.Kind.ROOT) {
        return a.live().contains(y.rootKey()) && !ownStateOfNewObject(a, y);
      }
      if (y.kind() == Ctx.Kind.INIT && x.kind() == Ctx.Kind.ROOT) {
        return b.live().contains(x.rootKey()) && !ownStateOfNewObject(b, x);
      }
      return false;
    }
    if (x.kind() == Ctx.Kind.CALLER && y.kind() == Ctx.Kind.CALLER) {
      if (x.programMain() && x.equals(y)) {
        // A program's main() runs once, on the thread the JVM starts it on: two of its own
        // accesses are in program order, never at the same time.
        return false;
      }
      if ((x.configuring() || y.configuring())
          && !(AbsVal.root(a.target()) instanceof AbsVal.Static)
          && !intent.declaredThreadSafe(a.body().owner())
          && !intent.declaredThreadSafe(b.body().owner())) {
        // Lifecycle: an object is configured (its property setters called) and started before
        // it serves other callers, and stopped after, one transition at a time, so a setter's or
        // a transition's accesses to the object's state do not race with its other public
        // methods'. Tasks still race with them (a flag set to stop a worker loop); static state
        // is shared by every object, configured or not; and a class that declares itself
        // thread-safe promises any method at any time.
        return false;
      }
      if (a.key().contains("L:")
          || (x.singleCaller() != null && x.singleCaller().equals(y.singleCaller())
              && !(ThreadWalker.rootOf(a.target()) instanceof AbsVal.Static))) {
        // Two calls on an object of a class that says it is not thread-safe: calling it from two
        // threads at once is the callers' fault, whatever locks it takes inside. (Static state
        // is shared by every object, so two objects used by two threads still race on it.)
        return false;
      }
      return locationGuarded
          || (intent.isSharedEntryClass(a.body().owner()) && intent.isSharedEntryClass(b.body().owner()))
          || staticShared(List.of(a));
    }
    if (x.kind() == Ctx.Kind.CALLER) {
      return !setUpBeforeTasks(a) && !excludes(a, y) && !heldByAnotherObject(a, b);
    }
    if (y.kind() == Ctx.Kind.CALLER) {
      return !setUpBeforeTasks(b) && !excludes(b, x) && !heldByAnotherObject(b, a);
    }
    if (!x.rootKey().equals(y.rootKey()) && ownFreshTaskField(a) && ownFreshTaskField(b)) {
      // Two task objects made at two different places: each run() touches its own fields.
      return false;
    }
    if (rootIdentity(x).equals(rootIdentity(y))) {
      // The same task code (one task, or one thread class started at several places).
      if (a.key().contains("L:")) {
        // A local object: shared only by the instances one run of the starting code starts.
        return x.multiWithinActivation() && !perInstanceLocal(a);
      }
      if (isLoop(x.serialExecutor()) && sharedAcrossChannels(a)) {
        // Runs of one task on event loops overlap on two loops, that is for two channels: state
        // every channel shares (static, or a @Sharable handler's) still races.
        return true;
      }
      return x.multi() && y.multi() && !ownInstanceField(a);
    }
    if (x.serialExecutor() != null && x.serialExecutor().equals(y.serialExecutor())
        && !x.serialExecutor().equals(ThreadWalker.UNKNOWN_LOOP)) {
      return false;
    }
    return !excludes(a, y) && !excludes(b, x);
  }

  /**
   * Lifecycle: an object is set up (its property setters, {@code init()}, {@code configure(…)})
   * before it is started, and the tasks it runs exist only once it is, so a set-up entry's access
   * to the object's own state does not race with tasks. Transitions ({@code stop()} setting a
   * flag a running worker reads) still do; static state is shared by every object, set up or
   * not; and a class that declares itself thread-safe promises any method at any time.
   */
  private boolean setUpBeforeTasks(AccessInstance caller) {
    return caller.ctx().phase() == Ctx.Phase.SET_UP
        && !(AbsVal.root(caller.target()) instanceof AbsVal.Static)
        && !intent.declaredThreadSafe(caller.body().owner());
  }

  /**
   * Whether a constructor's access {@code a} touches the new object's own state (a field of its
   * {@code this}, or the contents of a final field it fills with a container of its own) while
   * task {@code root} runs that code of the object's class did not start. The object is not
   * published until its constructor returns, so a task started before (the previous object of
   * a loop that makes and starts one per iteration) cannot hold it; a task its own constructor
   * starts can, through {@code this} escaping, and is still paired.
   */
  private boolean ownStateOfNewObject(AccessInstance a, Ctx root) {
    if (!(a.target() instanceof AbsVal.Field f) || !(f.base() instanceof AbsVal.This t)
        || !t.classId().equals(a.body().owner().id())) {
      return false;
    }
    if (a.raw().slot() == BodyResult.Slot.CONTENTS) {
      dev.shareguard.core.ir.FieldDecl decl = intent.field(f.owner(), f.field());
      if (decl == null || !decl.isFinal() || decl.isStatic()
          || !(decl.initializer() instanceof dev.shareguard.core.ir.Expr.New)) {
        return false;
      }
    }
    ProgramIndex.Body spawner = intent.body(root.spawnerBody());
    return spawner == null || !intent.isSubtype(spawner.owner().id(), t.classId());
  }

  /**
   * Whether two accesses run on one Netty event loop, one thread: each is in a task handed to that
   * loop, in its own {@code run()}, or where {@code loop.inEventLoop()} is true. A loop is named
   * by the field (or {@code this}) holding it, which stands for one loop per object as the
   * engine's field locations stand for one object; static state is shared by the objects of every
   * loop, so it still races.
   */
  private static boolean onOneLoop(AccessInstance a, AccessInstance b) {
    if ((a.loops().isEmpty() && !isNamedLoop(a.ctx().serialExecutor()))
        || (b.loops().isEmpty() && !isNamedLoop(b.ctx().serialExecutor()))
        || ThreadWalker.rootOf(a.target()) instanceof AbsVal.Static) {
      return false;
    }
    for (String loop : a.loops()) {
      if (b.loops().contains(loop) || loop.equals(b.ctx().serialExecutor())) {
        return true;
      }
    }
    String serial = a.ctx().serialExecutor();
    return isNamedLoop(serial)
        && (b.loops().contains(serial) || serial.equals(b.ctx().serialExecutor()));
  }

  /**
   * Whether an access touches state that the channels of several event loops share: static
   * state, or the state of an object of a class that serves many callers at once (a {@code
   * @Sharable} handler, see {@link ConcurrencyIntent#isSharedEntryClass}).
   */
  private boolean sharedAcrossChannels(AccessInstance a) {
    AbsVal root = ThreadWalker.rootOf(a.target());
    return root instanceof AbsVal.Static
        || (root instanceof AbsVal.This t && intent.isSharedEntryClass(t.classId()));
  }

  /** Whether a task's executor is a Netty event loop, named or not. */
  private static boolean isLoop(String serialExecutor) {
    return serialExecutor != null && serialExecutor.startsWith(ThreadWalker.LOOP);
  }

  /** Whether a task's executor is a Netty event loop the engine can name. */
  private static boolean isNamedLoop(String serialExecutor) {
    return isLoop(serialExecutor) && !serialExecutor.equals(ThreadWalker.UNKNOWN_LOOP);
  }

  /**
   * Whether access {@code a} is ordered before the start or after the end of the task {@code
   * root}: by its key, by its class (a joined thread kept in a field), or before a later {@code
   * start()} of an object of its class or a superclass.
   */
  private boolean excludes(AccessInstance a, Ctx root) {
    if (a.excluded().contains(root.rootKey())
        || (root.rootClass() != null
            && a.excluded().contains(ThreadWalker.JOINED + root.rootClass()))) {
      return true;
    }
    for (String mark : a.excluded()) {
      if (root.rootClass() != null && mark.startsWith(ThreadWalker.STARTED)
          && intent.isSubtype(root.rootClass(), mark.substring(ThreadWalker.STARTED.length()))) {
        return true;
      }
      if (mark.startsWith(ThreadWalker.SET_UP) && root.spawnerBody() != null
          && intent.startedByUseOf(root.spawnerBody(), mark.substring(ThreadWalker.SET_UP.length()))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Two accesses reached at least two fields deep from the {@code this} of two different classes
   * ({@code this.client.selector.channels} from one thread, {@code this.delegate.client.selector
   * .channels} from another): each reaches an object held in its own state, and nothing shows the
   * two are the same object. Pairing them by field alone is what made most findings on large
   * multi-threaded code noise; shallow paths (a task's {@code this.cache} against the service's
   * {@code cache}) are still paired. Two paths from the same class through different first
   * fields ({@code this.single.factory.port} against {@code this.cluster.peer.factory.port}) are
   * likewise reached through two different held objects.
   */
  private static boolean deepFromDifferentRoots(AccessInstance a, AccessInstance b) {
    String ra = deepHolder(a.target());
    String rb = deepHolder(b.target());
    return ra != null && rb != null && !ra.equals(rb);
  }

  /**
   * For a path of at least two fields from a {@code this}, that class and the first field off it
   * ({@code Embedded.single}): the object the path reaches its target through. Else null.
   */
  private static String deepHolder(AbsVal v) {
    Path p = path(v);
    return p.deep() ? p.root().classId() + "." + p.first().field() : null;
  }

  /** The class whose {@code this} roots a path of at least two fields, else null. */
  private static String deepRoot(AbsVal v) {
    Path p = path(v);
    return p.deep() ? p.root().classId() : null;
  }

  /**
   * A path of fields down from its base, through container elements and views: how many fields,
   * the field taken first off the base, and the base if it is a {@code this}.
   */
  private record Path(int fields, AbsVal.Field first, AbsVal.This root) {
    boolean deep() {
      return fields >= 2 && root != null;
    }
  }

  private static Path path(AbsVal v) {
    int fields = 0;
    AbsVal.Field first = null;
    int guard = 0;
    while (guard++ < 64) {
      if (v instanceof AbsVal.Field f) {
        fields++;
        first = f;
        v = f.base();
      } else if (v instanceof AbsVal.Elem e) {
        v = e.base();
      } else if (v instanceof AbsVal.View w) {
        v = w.backing();
      } else {
        break;
      }
    }
    return new Path(fields, first, v instanceof AbsVal.This t ? t : null);
  }

  /**
   * A caller's access through the {@code this} of a class that shows no sign of concurrent use
   * ({@code selector.register()} touching {@code this.channels}), against a task's access to an
   * object held at least two fields deep in another class's state ({@code
   * this.client.selector.channels}). The caller's object is whatever instance some outside code
   * holds; the task's is plumbing of the object it runs for, and a class that neither locks nor
   * starts tasks nor is declared shared is not written to be driven from two threads. Pairing the
   * two by field alone made most findings on kafka's network layer noise. A class that locks
   * keeps the pairing: its public methods are meant for any thread.
   */
  private boolean heldByAnotherObject(AccessInstance caller, AccessInstance task) {
    String holder = deepRoot(task.target());
    if (holder == null
        || deepRoot(caller.target()) != null
        || !(ThreadWalker.rootOf(caller.target()) instanceof AbsVal.This t)
        || t.classId().equals(holder)) {
      return false;
    }
    return !intent.methodsExpectConcurrentCallers(t.classId());
  }

  /**
   * Two accesses to a field cell of objects known to be of two classes neither of which extends
   * the other ({@code ClientCnxnSocketNIO} and {@code ClientCnxnSocketNetty} both using their
   * inherited {@code incomingBuffer}): an object is an instance of one class line, so the two
   * cells are in two different objects. A cell written {@code this.f} in class {@code C}'s code,
   * or reached as {@code this.f} of a caller's {@code C}, is in a {@code C}. Container contents
   * are not judged this way, as two objects may hold one container.
   */
  private boolean inSiblingObjects(AccessInstance a, AccessInstance b) {
    if (a.raw().slot() != BodyResult.Slot.CELL || b.raw().slot() != BodyResult.Slot.CELL) {
      return false;
    }
    for (String ca : knownClasses(a)) {
      for (String cb : knownClasses(b)) {
        if (!intent.isSubtype(ca, cb) && !intent.isSubtype(cb, ca)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Classes the object holding the accessed cell is known to be an instance of; only those the
   * hierarchy knows declare or inherit the field, so a gap in the hierarchy never separates two
   * accesses.
   */
  private List<String> knownClasses(AccessInstance a) {
    List<String> out = new ArrayList<>(2);
    for (AbsVal v : List.of(a.raw().target(), a.target())) {
      if (v instanceof AbsVal.Field f && f.base() instanceof AbsVal.This t
          && intent.isSubtype(t.classId(), f.owner())) {
        // An inherited method run on an object known to be of a subclass: that subclass.
        out.add(a.thisClass() != null && intent.isSubtype(a.thisClass(), t.classId())
            ? a.thisClass() : t.classId());
      }
    }
    return out;
  }

  /**
   * A field of a task object made fresh where the task starts ({@code new Worker()}, an
   * anonymous subclass), read or written by that task's own code through {@code this}: two
   * such tasks started at different places run on two different objects.
   */
  private boolean ownFreshTaskField(AccessInstance a) {
    String rootClass = a.ctx().rootClass();
    return rootClass != null
        && a.ctx().rootKey().startsWith("R:")
        && ThreadWalker.rootOf(a.target()) instanceof AbsVal.This t
        && (t.classId().equals(rootClass) || intent.isSubtype(rootClass, t.classId()));
  }

  private static String rootIdentity(Ctx c) {
    return c.rootClass() != null ? "class:" + c.rootClass() : c.rootKey();
  }

  /** A field of the task object itself: each started instance has its own. */
  private static boolean ownInstanceField(AccessInstance a) {
    String rootClass = a.ctx().rootClass();
    return rootClass != null
        && ThreadWalker.rootOf(a.target()) instanceof AbsVal.This t
        && t.classId().equals(rootClass);
  }

  /**
   * A fresh object each task instance has to itself: made in the same loop iteration that starts
   * the task, or made by the task's own code.
   */
  private static boolean perInstanceLocal(AccessInstance a) {
    AbsVal root = ThreadWalker.rootOf(a.target());
    if (!(root instanceof AbsVal.Alloc al)) {
      return false;
    }
    return !al.loops().isEmpty() || ThreadWalker.activationOf(al.site()) >= a.ctx().firstActivation();
  }

  /**
   * Whether the access holds a lock that belongs to the class declaring what it touches ({@code
   * this}, the class, or one of its fields): the developer guarding this location on purpose,
   * which says the class expects concurrent callers. A lock some caller in another class happens
   * to hold says nothing about this class.
   */
  private static boolean isOwnCode(AccessInstance a) {
    String owner = a.body().owner().id();
    return a.key().contains(" " + owner + ".") || a.key().contains("static " + owner + ".");
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
    boolean staticLocation = a.key().contains("static " + owner + ".");
    for (String l : a.locks()) {
      if (l.startsWith("this:" + owner + ":")) {
        if (!staticLocation) {
          return true;
        }
      } else if (l.startsWith("class:" + owner + ":")) {
        if (staticLocation) {
          return true;
        }
      } else if (l.startsWith("field:" + owner + ".")) {
        String field = l.substring(("field:" + owner + ".").length(), l.length() - 2);
        dev.shareguard.core.ir.FieldDecl decl = intent.field(owner, field);
        if (decl == null || decl.isStatic() == staticLocation) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether some lock both hold excludes the other (two read holds do not). */
  public static boolean commonLock(AccessInstance a, AccessInstance b) {
    for (String la : a.locks()) {
      String base = la.substring(0, la.length() - 2);
      boolean readA = la.endsWith(":R");
      for (String lb : b.locks()) {
        if (lb.substring(0, lb.length() - 2).equals(base) && !(readA && lb.endsWith(":R"))) {
          return true;
        }
      }
    }
    return false;
  }

}
