package dev.shareguard.core.engine;

import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.Pos;
import dev.shareguard.core.ir.Stmt;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * "May these two accesses run at the same time": a decision table over the two thread contexts
 * ({@link Ctx}: an initializer, an entry, a task), after an ordered chain of named filters, each
 * a general rule of Java concurrency that separates some pairs the table would allow ({@link
 * #FILTERS}, in the order they are tried; {@link #filters()} lists them for documentation and
 * tests).
 *
 * <pre>
 *            Init            Entry                         Task r
 * Init       never           never                         r already running there
 * Entry                      the location is locked        always
 *                            elsewhere, both classes are
 *                            shared entries, or static
 *                            state of a concurrent class
 * Task r'                                                  r, r' the same task code: several
 *                                                          instances of it at once;
 *                                                          different tasks: always
 * </pre>
 *
 * A filter has a scope (the pairs of contexts it judges) and a predicate; a pair runs together
 * when no filter in scope separates it and the table says it may. Every filter is a pure
 * predicate, so the order only decides which is tried first, never the answer.
 */
final class Parallelism {
  /** The context pairs a filter judges. */
  enum Scope {
    /** Any two accesses. */
    ANY,
    /** A constructor or initializer against a task. */
    INIT_TASK,
    /** Two entries called from outside. */
    CALLERS,
    /** An entry against a task. */
    CALLER_TASK,
    /** Two tasks. */
    TASKS,
    /** Two tasks of different code. */
    DIFFERENT_TASKS
  }

  /** Two accesses to one location, with whether the location's owner locks it elsewhere. */
  record Pair(AccessInstance a, AccessInstance b, boolean locationGuarded) {
    /** The pair with an entry first, an initializer first, or as it is. */
    Pair normalized() {
      Ctx x = a.ctx();
      Ctx y = b.ctx();
      boolean swap = (y instanceof Ctx.Init && !(x instanceof Ctx.Init))
          || (y instanceof Ctx.Entry && x instanceof Ctx.Task);
      return swap ? new Pair(b, a, locationGuarded) : this;
    }

    Scope scope() {
      Ctx x = a.ctx();
      Ctx y = b.ctx();
      if (x instanceof Ctx.Init) {
        return y instanceof Ctx.Task ? Scope.INIT_TASK : null;
      }
      if (x instanceof Ctx.Entry) {
        return y instanceof Ctx.Entry ? Scope.CALLERS : Scope.CALLER_TASK;
      }
      return sameTaskCode(task(a), task(b)) ? Scope.TASKS : Scope.DIFFERENT_TASKS;
    }
  }

  /** A named rule that separates pairs: see each entry of {@link #FILTERS} for its rationale. */
  interface Test {
    boolean separates(Parallelism p, Pair pair);
  }

  /** A named filter over the pairs of its scopes. */
  record Filter(String name, List<Scope> scopes, Test test) {
    /** Whether the filter judges pairs of scope {@code s}. */
    boolean judges(Scope s) {
      return scopes.contains(Scope.ANY) || scopes.contains(s);
    }
  }

  private static final List<Filter> FILTERS = List.of(
      // Two paths two fields deep from two different holders reach two held objects.
      new Filter("deep-from-different-holders", List.of(Scope.ANY),
          (p, q) -> deepFromDifferentRoots(q.a(), q.b())),
      // Paths from one object that part at two of its fields reach two held objects.
      new Filter("different-fields-of-one-holder", List.of(Scope.ANY),
          (p, q) -> throughDifferentFields(q.a().target(), q.b().target())),
      // Two elements of one array are two variables: two constant indices that differ, or each
      // task of one loop indexing the per-call array with its own copy of the loop's counter.
      new Filter("distinct-array-elements", List.of(Scope.ANY),
          (p, q) -> p.arrayElements.distinct(q.a(), q.b())),
      // One object is an instance of one class line: cells of sibling classes are two objects.
      new Filter("sibling-classes", List.of(Scope.ANY),
          (p, q) -> p.inSiblingObjects(q.a(), q.b())),
      // A Netty event loop is one thread: two accesses on one loop run one after the other.
      new Filter("one-event-loop", List.of(Scope.ANY), (p, q) -> onOneLoop(q.a(), q.b())),
      // A channel's objects live on the channel's one loop: two accesses each on some event loop
      // touch a per-channel object on that loop.
      new Filter("per-channel-state-on-loops", List.of(Scope.ANY),
          (p, q) -> q.a().onSomeEventLoop() && q.b().onSomeEventLoop()
              && !p.sharedAcrossChannels(q.a())
              && !onTwoLoopsOfOneObject(q.a(), q.b())),
      // An object is not published until its constructor returns.
      new Filter("new-object-own-state", List.of(Scope.INIT_TASK),
          (p, q) -> p.ownStateOfNewObject(q.a(), task(q.b()))),
      // Deserialization fills an object no other thread has yet; a finalizer runs on an object
      // no thread can reach any more.
      new Filter("unshared-object-hooks", List.of(Scope.ANY),
          (p, q) -> p.inUnsharedObjectHook(q.a()) || p.inUnsharedObjectHook(q.b())),
      // A builder fills the product it holds before it hands the product out.
      new Filter("builder-fills-its-product", List.of(Scope.CALLERS, Scope.CALLER_TASK),
          (p, q) -> p.builders.fillsItsProduct(q.a()) || p.builders.fillsItsProduct(q.b())),
      // A program's main() runs once, on the thread the JVM starts it on; two programs' mains
      // are two launches, not two threads of one process.
      new Filter("program-mains", List.of(Scope.CALLERS),
          (p, q) -> Ctx.programMain(q.a().ctx()) && Ctx.programMain(q.b().ctx())),
      // Configuration and lifecycle transitions come one at a time, not beside other entries.
      new Filter("lifecycle-phases", List.of(Scope.CALLERS), (p, q) -> p.configuringPair(q)),
      // A class documented not thread-safe (or a local object) is used by one caller at a time.
      new Filter("single-caller", List.of(Scope.CALLERS), (p, q) -> singleCallerPair(q)),
      // Set-up happens before the object's tasks exist.
      new Filter("set-up-before-tasks", List.of(Scope.CALLER_TASK),
          (p, q) -> p.setUpBeforeTasks(q.a(), task(q.b()))),
      // Program order with start, submit, join and get.
      new Filter("ordered-by-start-or-join", List.of(Scope.CALLER_TASK, Scope.DIFFERENT_TASKS),
          (p, q) -> p.excludes(q.a(), task(q.b()))
              || q.a().ctx() instanceof Ctx.Task first && p.excludes(q.b(), first)),
      // A task reaching plumbing of another object, against a class not written for threads.
      new Filter("held-by-another-object", List.of(Scope.CALLER_TASK),
          (p, q) -> p.heldByAnotherObject(q.a(), q.b())),
      // Two task objects made at two places: each run() touches its own fields.
      new Filter("own-fresh-task-objects", List.of(Scope.TASKS, Scope.DIFFERENT_TASKS),
          (p, q) -> !task(q.a()).root().equals(task(q.b()).root())
              && p.ownFreshTaskField(q.a()) && p.ownFreshTaskField(q.b())),
      // A thread object runs its body once: two thread bodies each touch their own object.
      new Filter("one-run-per-thread-object", List.of(Scope.TASKS, Scope.DIFFERENT_TASKS),
          (p, q) -> p.ownThreadObjectField(q.a()) && p.ownThreadObjectField(q.b())),
      // Tasks of one single-thread executor run one at a time.
      new Filter("same-serial-executor", List.of(Scope.DIFFERENT_TASKS),
          (p, q) -> sameSerialExecutor(task(q.a()), task(q.b()))),
      // A container a body makes and fills before it starts the task that uses it: each run of
      // the body fills its own container before its own task starts.
      new Filter("own-container-filled-before-start",
          List.of(Scope.CALLER_TASK, Scope.TASKS, Scope.DIFFERENT_TASKS),
          (p, q) -> filledBeforeItsTask(q.a(), q.b()) || filledBeforeItsTask(q.b(), q.a())));

  /** The filters, in the order they are tried. */
  static List<Filter> filters() {
    return FILTERS;
  }

  private final ConcurrencyIntent intent;
  private final Predicate<AccessInstance> staticShared;
  private final TaskAncestry ancestry;
  private final ArrayElements arrayElements;
  private final BuilderProducts builders;

  /**
   * @param staticShared whether an access touches static state of a class that shows it runs on
   *     several threads (two callers of its public API may touch it at once)
   */
  Parallelism(ConcurrencyIntent intent, Predicate<AccessInstance> staticShared,
      TaskAncestry ancestry) {
    this.intent = intent;
    this.staticShared = staticShared;
    this.ancestry = ancestry;
    this.arrayElements = new ArrayElements(intent.index());
    this.builders = new BuilderProducts(intent.index());
  }

  /** Whether two accesses may run at the same time: no filter separates them, and the table. */
  boolean mayRunTogether(AccessInstance a, AccessInstance b, boolean locationGuarded) {
    Pair q = new Pair(a, b, locationGuarded).normalized();
    Scope scope = q.scope();
    if (scope == null) {
      // An initializer against an entry or another initializer: before the object is shared.
      return false;
    }
    for (Filter f : FILTERS) {
      if (f.judges(scope) && f.test().separates(this, q)) {
        return false;
      }
    }
    return table(q, scope);
  }

  /** The decision table of the class comment, for pairs no filter separated. */
  private boolean table(Pair q, Scope scope) {
    AccessInstance a = q.a();
    AccessInstance b = q.b();
    return switch (scope) {
      case INIT_TASK -> a.live().contains(task(b).root());
      case CALLERS -> q.locationGuarded()
          || (intent.isSharedEntryClass(a.body().owner())
              && intent.isSharedEntryClass(b.body().owner()))
          || staticShared.test(a);
      case CALLER_TASK, DIFFERENT_TASKS -> true;
      case TASKS -> sameTaskRunsTogether(a, b);
      case ANY -> throw new IllegalStateException("no pair has scope ANY");
    };
  }

  /**
   * Two accesses of the same task code (one task, or one thread class started at several
   * places): they run together when several instances of the task run at once, on state those
   * instances share.
   */
  private boolean sameTaskRunsTogether(AccessInstance a, AccessInstance b) {
    Ctx.Task x = task(a);
    Ctx.Task y = task(b);
    if (a.key().onLocalObject()) {
      // A local object: shared only by the instances one run of the starting code starts.
      return x.multiWithinActivation() && !perInstanceLocal(a);
    }
    if (isLoop(x.serialExecutor()) && sharedAcrossChannels(a)) {
      // Runs of one task on event loops overlap on two loops, that is for two channels: state
      // every channel shares (static, or a @Sharable handler's) still races.
      return true;
    }
    return x.multi() && y.multi() && !ownInstanceField(a) && !onItsGatedObject(a, x);
  }

  /**
   * Whether {@code a} touches the state of the object whose once-gate its task {@code t} is
   * started past ({@link TaskAncestry#oncePerObject}): each such object starts the task once, so
   * two runs of it are on two objects (static state, or another object's, is still shared).
   */
  private boolean onItsGatedObject(AccessInstance a, Ctx.Task t) {
    String gated = ancestry.oncePerObjectOf(t.root());
    return gated != null && LocationKeys.rootOf(a.target()) instanceof AbsVal.This own
        && own.classId().equals(gated);
  }

  /** The task context of an access the pair's scope says runs in a task. */
  /**
   * Whether {@code w} touches a container that its own body made ({@code Map m = new HashMap<>();
   * m.put(…); activate(m);}), before (in the body's order, and in no loop the allocation is not
   * in) the call that goes on to start {@code t}'s task, and {@code t} touches that same
   * container (the object of the same walk activation). Each run of the body makes its own
   * container, so another run's {@code w} touches another one; in this run, starting the task
   * orders {@code w} before everything the task does (JLS 17.4.5). A store after the start, or
   * in a loop around both, stays paired.
   */
  private static boolean filledBeforeItsTask(AccessInstance w, AccessInstance t) {
    if (!(t.ctx() instanceof Ctx.Task) || !(w.target() instanceof AbsVal.Alloc al)
        || !al.equals(t.target()) || !al.site().bodyId().equals(w.body().id())) {
      return false;
    }
    CallPath call = null;
    for (CallPath step : CallPath.steps(t.path())) {
      if (call == null && step.fromBody().equals(w.body().id())
          && step.at().compareTo(w.raw().at().pos()) > 0) {
        call = step;
      }
      if (call != null && step.via() == CallPath.Via.STARTS) {
        return !inOneLoopWithout(w.body().block(), w.raw().expr(), call.at(), al.site().pos());
      }
    }
    return false;
  }

  /**
   * Whether some loop of {@code body} holds both {@code access} and the code at {@code call}
   * but not the allocation at {@code made}: a later pass would then touch the container after
   * an earlier pass started its task.
   */
  private static boolean inOneLoopWithout(Stmt body, Expr access, Pos call, Pos made) {
    boolean[] found = {false};
    IrWalker.forEachStmt(body, st -> {
      if (found[0] || !(st instanceof Stmt.For
          || st instanceof Stmt.ForEach
          || st instanceof Stmt.While
          || st instanceof Stmt.DoWhile)) {
        return;
      }
      boolean[] has = new boolean[3];
      IrWalker.forEachExpr(st, e -> {
        has[0] |= e == access;
        has[1] |= e.pos().equals(call);
        has[2] |= e instanceof Expr.New && e.pos().equals(made);
      });
      found[0] = has[0] && has[1] && !has[2];
    });
    return found[0];
  }

  private static Ctx.Task task(AccessInstance a) {
    return (Ctx.Task) a.ctx();
  }

  private static boolean sameTaskCode(Ctx.Task x, Ctx.Task y) {
    return rootIdentity(x).equals(rootIdentity(y));
  }

  private static boolean sameSerialExecutor(Ctx.Task x, Ctx.Task y) {
    return x.serialExecutor() != null && x.serialExecutor().equals(y.serialExecutor())
        && !x.serialExecutor().equals(EventLoop.UNKNOWN);
  }

  /**
   * Lifecycle: an object is configured (its property setters called) and started before it
   * serves other callers, and stopped after, one transition at a time, so a setter's or a
   * transition's accesses to the object's state do not race with its other public methods'.
   * Tasks still race with them (a flag set to stop a worker loop), and a class that declares
   * itself thread-safe promises any method at any time. Static state an instance's configuration
   * touches is configured with it (a listener's setter of a process-wide option).
   */
  private boolean configuringPair(Pair q) {
    AccessInstance a = q.a();
    AccessInstance b = q.b();
    // Static state too: an instance's setter, set-up or transition that touches its class's
    // static state configures the process, before the running phase reads it. A static setter
    // is no phase of any object's lifecycle (Ctx.Phase is only given to instance methods).
    if (Ctx.configuring(a.ctx()) && Ctx.configuring(b.ctx())) {
      // Set-up and transitions against each other (start() with itself or with stop()): the
      // owner of an object, a container among them, makes them one after another, whatever the
      // class promises its other callers.
      return true;
    }
    return (Ctx.configuring(a.ctx()) || Ctx.configuring(b.ctx()))
        && !intent.declaredThreadSafe(a.body().owner())
        && !intent.declaredThreadSafe(b.body().owner());
  }

  /**
   * Two calls on an object of a class that says it is not thread-safe: calling it from two threads
   * at once is the callers' fault, whatever locks it takes inside. (Static state is shared by
   * every object, so two objects used by two threads still race on it.) A local object of one
   * call is likewise one caller's.
   */
  private static boolean singleCallerPair(Pair q) {
    Ctx.Entry x = (Ctx.Entry) q.a().ctx();
    Ctx.Entry y = (Ctx.Entry) q.b().ctx();
    return q.a().key().onLocalObject()
        || (x.singleCaller() != null && x.singleCaller().equals(y.singleCaller())
            && !(LocationKeys.rootOf(q.a().target()) instanceof AbsVal.Static));
  }

  /**
   * Lifecycle: an object is set up (its property setters, {@code init()}, {@code configure(…)})
   * before it is started, and the tasks it runs exist only once it is, so a set-up entry's access
   * to the object's own state does not race with tasks. Transitions ({@code stop()} setting a
   * flag a running worker reads) still do; static state is shared by every object, set up or
   * not; and a class that declares itself thread-safe promises any method at any time.
   * A task the set-up method itself started before the access (it is live there) still races.
   */
  private boolean setUpBeforeTasks(AccessInstance caller, Ctx.Task task) {
    return caller.ctx() instanceof Ctx.Entry e && e.phase() == Ctx.Phase.SET_UP
        && !caller.live().contains(task.root())
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
  private boolean ownStateOfNewObject(AccessInstance a, Ctx.Task root) {
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
   * Whether {@code a} touches its own object's fields (a field's cell, or the container a field
   * holds) in a hook the JVM runs on an object no other thread uses: {@code readExternal} of an
   * {@code Externalizable} class, which deserialization calls on the object it has just made,
   * before it returns it to anyone, and {@code finalize()}, which the finalizer thread runs once
   * no thread can reach the object. What the hook does to other objects or to static state
   * still races.
   */
  private boolean inUnsharedObjectHook(AccessInstance a) {
    if (!(a.ctx() instanceof Ctx.Entry e)
        || !(e.method().equals("finalize")
            || e.method().equals("readExternal") && readsExternalForm(e.classId()))) {
      return false;
    }
    return a.target() instanceof AbsVal.Field f && f.base() instanceof AbsVal.This t
        && (t.classId().equals(e.classId()) || intent.isSubtype(e.classId(), t.classId()));
  }

  /**
   * Whether class {@code classId} is {@code Externalizable}, or declares {@code
   * readExternal(java.io.ObjectInput)} (its interface may be in a module not analysed).
   */
  private boolean readsExternalForm(String classId) {
    if (intent.isSubtype(classId, "java.io.Externalizable")) {
      return true;
    }
    dev.shareguard.core.ir.ClassDecl c = intent.index().classById(classId);
    if (c == null) {
      return false;
    }
    for (dev.shareguard.core.ir.MethodDecl m : c.methods()) {
      if (m.name().equals("readExternal") && m.params().size() == 1
          && "java.io.ObjectInput".equals(m.params().get(0).type().name())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether two accesses run on one Netty event loop, one thread: each is in a task handed to that
   * loop, in its own {@code run()}, or where {@code loop.inEventLoop()} is true. A loop is named
   * by the field (or {@code this}) holding it, which stands for one loop per object as the
   * engine's field locations stand for one object; static state is shared by the objects of every
   * loop, so it still races.
   */
  private static boolean onOneLoop(AccessInstance a, AccessInstance b) {
    if ((a.loops().isEmpty() && !isNamedLoop(Ctx.serialExecutor(a.ctx())))
        || (b.loops().isEmpty() && !isNamedLoop(Ctx.serialExecutor(b.ctx())))
        || LocationKeys.rootOf(a.target()) instanceof AbsVal.Static) {
      return false;
    }
    for (EventLoop loop : a.loops()) {
      if (!loop.equals(EventLoop.FRAMEWORK)
          && (b.loops().contains(loop) || loop.equals(Ctx.serialExecutor(b.ctx())))) {
        return true;
      }
    }
    SerialExecutor serial = Ctx.serialExecutor(a.ctx());
    return isNamedLoop(serial)
        && (b.loops().contains(serial) || serial.equals(Ctx.serialExecutor(b.ctx())));
  }

  /**
   * Whether an access touches state that the channels of several event loops share: static
   * state, or the state of an object of a class that serves many callers at once (a {@code
   * @Sharable} handler, see {@link ConcurrencyIntent#isSharedEntryClass}).
   */
  private boolean sharedAcrossChannels(AccessInstance a) {
    AbsVal root = LocationKeys.rootOf(a.target());
    return root instanceof AbsVal.Static
        || (root instanceof AbsVal.This t && intent.isSharedEntryClass(t.classId()));
  }

  /**
   * Whether the two accesses run on two loops one class keeps in two fields of its own (a proxy
   * relaying between an inbound and an outbound channel): two loops, two threads.
   */
  static boolean onTwoLoopsOfOneObject(AccessInstance a, AccessInstance b) {
    for (EventLoop x : loopsOf(a)) {
      for (EventLoop y : loopsOf(b)) {
        if (x.identity() instanceof LockId.FieldValue fx
            && y.identity() instanceof LockId.FieldValue fy
            && fx.owner().equals(fy.owner()) && !fx.field().equals(fy.field())) {
          return true;
        }
      }
    }
    return false;
  }

  /** The event loops an access runs on: those it holds, and its task's, if a loop. */
  private static List<EventLoop> loopsOf(AccessInstance a) {
    List<EventLoop> out = new java.util.ArrayList<>(a.loops());
    if (Ctx.serialExecutor(a.ctx()) instanceof EventLoop loop) {
      out.add(loop);
    }
    return out;
  }

  /** Whether a task's executor is a Netty event loop, named or not. */
  private static boolean isLoop(SerialExecutor serialExecutor) {
    return serialExecutor instanceof EventLoop;
  }

  /** Whether a task's executor is a Netty event loop the engine can name. */
  private static boolean isNamedLoop(SerialExecutor serialExecutor) {
    return serialExecutor instanceof EventLoop loop && loop.named();
  }

  /**
   * Whether access {@code a} is ordered before the start or after the end of the task {@code
   * root}: by its key, by its class (a joined thread kept in a field), before a later {@code
   * start()} of an object of its class or a superclass, or before the start of every task that
   * starts it ({@link TaskAncestry}).
   */
  private boolean excludes(AccessInstance a, Ctx.Task root) {
    if (a.excluded().contains(root.root())
        || a.excluded().contains(new Mark.Ended(root.root()))
        || ancestry.startsOnlyAfter(root.root(), a.excluded())
        || (root.rootClass() != null
            && a.excluded().contains(new Mark.Joined(root.rootClass())))
        || (ancestry.poolOf(root.root()) != null
            && a.excluded().contains(new Mark.Drained(ancestry.poolOf(root.root()))))) {
      return true;
    }
    for (Mark mark : a.excluded()) {
      if (root.rootClass() != null && mark instanceof Mark.Started started
          && intent.isSubtype(root.rootClass(), started.classId())) {
        return true;
      }
      if (mark instanceof Mark.SetUp setUp && root.spawnerBody() != null
          && !a.live().contains(root.root())
          && intent.startedByUseOf(root.spawnerBody(), setUp.classId())) {
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
    Holder ra = deepHolder(a.target());
    Holder rb = deepHolder(b.target());
    return ra != null && rb != null && !ra.equals(rb);
  }

  /**
   * For a path of at least two fields from a {@code this}, that class and the first field off it
   * ({@code Embedded.single}): the object the path reaches its target through. Else null.
   */
  private static Holder deepHolder(AbsVal v) {
    Path p = path(v);
    return p.deep() ? new Holder(p.root().classId(), p.first().field()) : null;
  }

  /** The field {@code field} off the {@code this} of class {@code classId} a path goes through. */
  private record Holder(String classId, String field) {}

  /** The class whose {@code this} roots a path of at least two fields, else null. */
  private static String deepRoot(AbsVal v) {
    Path p = path(v);
    return p.deep() ? p.root().classId() : null;
  }

  /**
   * Two paths from the {@code this} of one class that part at two different fields of one object
   * and go on at least one field further ({@code this.tm.tc.recvMac.mac.md.w} against {@code
   * this.tm.tc.sendMac.mac.md.w}): each reaches the location inside the object its own field
   * holds, and nothing shows the two fields hold one object (a connection's receive and send
   * digests). The same reasoning as {@link #deepFromDifferentRoots}, at any depth: two fields are
   * taken to hold two objects unless something shows otherwise. Paths through container elements
   * part only at fields.
   */
  static boolean throughDifferentFields(AbsVal a, AbsVal b) {
    List<AbsVal> pa = steps(a);
    List<AbsVal> pb = steps(b);
    if (pa.isEmpty() || pb.isEmpty() || !(pa.get(0) instanceof AbsVal.This ta)
        || !ta.equals(pb.get(0))) {
      return false;
    }
    int n = Math.min(pa.size(), pb.size());
    for (int i = 1; i < n; i++) {
      AbsVal x = pa.get(i);
      AbsVal y = pb.get(i);
      if (x instanceof AbsVal.Field fx && y instanceof AbsVal.Field fy) {
        if (fx.field().equals(fy.field()) && fx.owner().equals(fy.owner())) {
          continue;
        }
        return fieldsAfter(pa, i) > 0 && fieldsAfter(pb, i) > 0;
      }
      if (x.getClass() != y.getClass()) {
        return false;
      }
    }
    return false;
  }

  /** A path's steps from its base ({@code this}) down to {@code v}, fields, elements and views. */
  private static List<AbsVal> steps(AbsVal v) {
    List<AbsVal> out = new ArrayList<>();
    int guard = 0;
    while (guard++ < 64) {
      out.add(v);
      if (v instanceof AbsVal.Field f) {
        v = f.base();
      } else if (v instanceof AbsVal.Elem e) {
        v = e.base();
      } else if (v instanceof AbsVal.View w) {
        v = w.backing();
      } else {
        break;
      }
    }
    java.util.Collections.reverse(out);
    return out;
  }

  private static int fieldsAfter(List<AbsVal> path, int i) {
    int n = 0;
    for (int j = i + 1; j < path.size(); j++) {
      if (path.get(j) instanceof AbsVal.Field) {
        n++;
      }
    }
    return n;
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
    List<AbsVal> steps = steps(v);
    int fields = 0;
    AbsVal.Field first = null;
    for (AbsVal step : steps) {
      if (step instanceof AbsVal.Field f) {
        fields++;
        first = first == null ? f : first;
      }
    }
    return new Path(fields, first, steps.get(0) instanceof AbsVal.This t ? t : null);
  }

  /**
   * A caller's access through the {@code this} of a class that shows no sign of concurrent use
   * ({@code selector.register()} touching {@code this.channels}), against a task's access to an
   * object held at least two fields deep in another class's state ({@code
   * this.client.selector.channels}). The caller's object is whatever instance some outside code
   * holds; the task's is plumbing of the object it runs for, and a class that neither locks nor
   * starts tasks nor is declared shared is not written to be driven from two threads, so pairing
   * the two by field alone pairs objects that are never shared. A class that locks keeps the
   * pairing: its public methods are meant for any thread.
   */
  private boolean heldByAnotherObject(AccessInstance caller, AccessInstance task) {
    String holder = deepRoot(task.target());
    if (holder == null
        || deepRoot(caller.target()) != null
        || !(LocationKeys.rootOf(caller.target()) instanceof AbsVal.This t)
        || t.classId().equals(holder)) {
      return false;
    }
    return !intent.methodsExpectConcurrentCallers(t.classId());
  }

  /**
   * Two accesses to a field cell of objects known to be of two classes neither of which extends
   * the other ({@code NioSocket} and {@code NettySocket} both using the {@code incoming} buffer
   * they inherit): an object is an instance of one class line, so the two
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
    String rootClass = task(a).rootClass();
    return rootClass != null
        && task(a).root() instanceof TaskRoot.Spawn
        && LocationKeys.rootOf(a.target()) instanceof AbsVal.This t
        && (t.classId().equals(rootClass) || intent.isSubtype(rootClass, t.classId()));
  }

  /**
   * A field of the thread object itself, touched by that thread's own body through {@code this}:
   * the task is a {@code Thread} subclass's {@code run()} (started where the program makes it, or
   * an instance made elsewhere). {@code Thread.start} runs a thread object's body once and throws
   * the second time, so two runs of thread bodies are two thread objects, each with its own
   * fields, wherever they were made; what such a field races with is code on other threads that
   * reaches the object (its public methods, other tasks holding it), not another thread body.
   */
  private boolean ownThreadObjectField(AccessInstance a) {
    String rootClass = task(a).rootClass();
    return rootClass != null
        && intent.isSubtype(rootClass, "java.lang.Thread")
        && LocationKeys.rootOf(a.target()) instanceof AbsVal.This t
        && (t.classId().equals(rootClass) || intent.isSubtype(rootClass, t.classId()));
  }

  /**
   * The code a task runs: its class when the task is an object of a named class (wherever it was
   * started, and for a thread class's own {@code run()}), else its start site.
   */
  private static TaskRoot rootIdentity(Ctx.Task c) {
    return c.rootClass() != null ? new TaskRoot.ThreadClass(c.rootClass()) : c.root();
  }

  /** A field of the task object itself: each started instance has its own. */
  private static boolean ownInstanceField(AccessInstance a) {
    String rootClass = task(a).rootClass();
    return rootClass != null
        && LocationKeys.rootOf(a.target()) instanceof AbsVal.This t
        && t.classId().equals(rootClass);
  }

  /**
   * A fresh object each task instance has to itself: made in the same loop iteration that starts
   * the task, or made by the task's own code.
   */
  private static boolean perInstanceLocal(AccessInstance a) {
    AbsVal root = LocationKeys.rootOf(a.target());
    if (!(root instanceof AbsVal.Alloc al)) {
      return false;
    }
    return !al.loops().isEmpty() || WalkMemo.activationOf(al.site()) >= task(a).firstActivation();
  }

}
