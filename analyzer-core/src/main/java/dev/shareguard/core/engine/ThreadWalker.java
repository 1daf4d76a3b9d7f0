package dev.shareguard.core.engine;

import dev.shareguard.core.engine.BodyResult.Point;
import dev.shareguard.core.engine.BodyResult.RawAccess;
import dev.shareguard.core.engine.BodyResult.RawCall;
import dev.shareguard.core.engine.BodyResult.RawRun;
import dev.shareguard.core.engine.BodyResult.RawSpawn;
import dev.shareguard.core.ir.ClassDecl;
import dev.shareguard.core.ir.MethodDecl;
import dev.shareguard.core.ir.Modifier;
import dev.shareguard.core.model.LibraryModels;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Instantiates body results in thread contexts. Starting from every entry (non-private methods:
 * callers' threads; constructors: before sharing; Thread subclasses' run), it follows calls into
 * analysed code and code run synchronously, carrying the locks held and the happens-before
 * ordering with tasks from the caller; each task start it meets becomes a root walked on its own
 * thread. Every access met becomes an {@link AccessInstance} on an abstract location.
 *
 * <p>This class is the walk driver; its concerns are parts of their own: {@link EntryPolicy}
 * (which methods are entries, and their phases), {@link Dispatch} (call targets), {@link
 * FrameBinding} (a body's values in a walk's frame), {@link HappensBefore} (starts, joins and
 * marks), {@link LockKeys} (lock and event-loop identities), {@link WalkMemo} (memo keys and
 * budgets), {@link BodyResults} (the body-result cache) and {@link AccessRecorder} (recording
 * accesses on their {@link LocationKeys locations}).
 */
public final class ThreadWalker {
  /** Call depth followed from an entry; deeper calls are cut (their accesses are not seen). */
  private static final int MAX_DEPTH = 8;

  private final ProgramIndex index;
  private final LibraryModels models;
  private final FieldFacts fieldFacts;
  private final BodyResults results;
  private final FrameBinding binding;
  private final Dispatch dispatch;
  private final HappensBefore order;
  private final LockKeys lockKeys;
  private final EntryPolicy entryPolicy;
  private final AccessRecorder recorder;
  private final WalkMemo memo = new WalkMemo();
  private final ParamConditions paramConditions = new ParamConditions();
  private final ConcurrencyIntent concurrencyAware;
  private final Set<TaskRoot> walkedRoots = new HashSet<>();
  private final TaskAncestry ancestry = new TaskAncestry();
  private final Set<String> spawningClasses = new HashSet<>();
  private int activations;

  public ThreadWalker(ProgramIndex index, LibraryModels models, FieldFacts fieldFacts) {
    this.index = index;
    this.models = models;
    this.fieldFacts = fieldFacts;
    // Only what the declarations say (not what the walk finds out) while walking, so answers do
    // not depend on walk order.
    this.concurrencyAware = new ConcurrencyIntent(index, models, Set.of());
    this.results = new BodyResults(index, models, fieldFacts);
    this.binding = new FrameBinding(results);
    this.dispatch = new Dispatch(index, models, fieldFacts);
    this.order = new HappensBefore(index, models, fieldFacts, results, binding, dispatch);
    this.lockKeys = new LockKeys(binding);
    this.entryPolicy = new EntryPolicy(index, models);
    this.recorder = new AccessRecorder(
        index, models, fieldFacts, concurrencyAware, binding, lockKeys, order);
  }

  /**
   * Walks every entry of the program and returns every access fact, of every {@link
   * AccessInstance.Sharing}, in a stable order.
   */
  public List<AccessInstance> walkAll() {
    try {
      return walkEntries();
    } finally {
      results.finish();
    }
  }

  private List<AccessInstance> walkEntries() {
    ConcurrencyIntent entries = concurrencyAware;
    for (ClassDecl c : index.classes().values()) {
      boolean threadClass = models.isThreadSubclass(c.id());
      boolean taskClass = threadClass || entryPolicy.isTaskClass(c);
      boolean named = c.kind() != ClassDecl.Kind.ANONYMOUS && c.kind() != ClassDecl.Kind.LOCAL;
      boolean sharedEntry = entries.isSharedEntryClass(c);
      boolean containerBean = sharedEntry && entries.isContainerBean(c);
      EventLoop ownLoop = entryPolicy.confinedLoop(c);
      for (MethodDecl m : c.methods()) {
        String bodyId = index.bodyIdOf(m);
        if (m.body() == null || index.body(bodyId) == null) {
          continue;
        }
        boolean beanInit = containerBean && !m.isStatic() && models.isBeanInitMethod(
            m.name(), m.params().size(), m.annotations().stream().map(a -> a.simpleName()).toList());
        if (m.isInitializer() || beanInit) {
          Ctx ctx = new Ctx.Init(c.id(), c.simpleName(), m.name(), beanInit);
          walk(bodyId, Frame.rootFrame(true), ctx);
        } else if (threadClass && EntryPolicy.isTaskMethod(m)) {
          // A Thread subclass the program never creates still runs its own run(); one it
          // creates is started (and ordered) where it is started. One only its own file can
          // make has no instances made elsewhere: those of its subclasses start where they are
          // started too, and if there are none, none runs. So has one no class outside its
          // package can see, in a package the audit sees whole.
          if (named && !index.isInstantiated(c.id()) && !entryPolicy.madeOnlyInAnalysedCode(c)) {
            TaskRoot key = new TaskRoot.ThreadClass(c.id());
            walkedRoots.add(key);
            // Its instances are made by code not analysed, perhaps many: it may repeat.
            Ctx ctx = new Ctx.Task(key, false, true, null, c.id(), activations + 1, false, null,
                new Ctx.OwnRun(c.simpleName()));
            walk(bodyId, Frame.rootFrame(true), ctx);
          }
        } else if (!m.isPrivate() && !(taskClass && EntryPolicy.isTaskMethod(m)) && named
            && (!index.isCalled(m) || (sharedEntry && m.isPublic())) && !entryPolicy.isTestHook(m)
            && !(!index.isCalled(m) && entryPolicy.uncalledInternal(c, m))
            && !(index.isClosedPackage(c.id()) && entryPolicy.onlyPackageCalls(c, m))) {
          // Entries are the methods nothing in the analysed code calls (the API the rest of the
          // world calls from its own threads); called ones are reached through their callers,
          // on the callers' threads.
          String contract = models.singleCallerContract(c.id(), m.name());
          String family = entryPolicy.reactiveSubscriberFamily(c, m);
          Ctx ctx = new Ctx.Entry(c.id(), c.simpleName(), m.name(),
              entries.declaredNotThreadSafe(c.id()) || models.isSubscriberSignal(c.id(), m.name())
                  ? c.id() : family != null ? family : contract,
              entryPolicy.entryPhase(m), EntryPolicy.isProgramMain(m));
          Frame frame = Frame.rootFrame(EntryPolicy.LIFECYCLE_METHODS.contains(m.name()));
          if (EntryPolicy.isTaskMethod(m) && m.name().equals("run") && !m.isStatic()
              && models.isEventLoopThreadClass(c.id())) {
            // A single-thread event executor's run() is its thread's loop: it runs on that loop.
            frame = new Frame(Map.of(), Map.of(), Map.of(),
                Set.<Held>of(new EventLoop(LockKeys.lockKey(new AbsVal.This(c.id())))), Set.of(),
                Set.of(), 0, 0,
                frame.once(), null, null);
          } else if (EntryPolicy.isSetUp(m)) {
            frame = new Frame(frame.thisOf(), frame.params(), frame.captured(), frame.held(),
                Set.<Mark>of(new Mark.SetUp(c.id())), frame.live(), 0, 0, frame.once(), null,
                null);
          }
          boolean loopCallback = !m.isStatic() && models.isLoopCallback(c.id(), m.name());
          if (!m.isStatic() && (ownLoop != null || loopCallback)) {
            // Runs on the loop the class confines itself to, or on some loop of the framework.
            frame = frame.holding(ownLoop != null ? ownLoop : EventLoop.FRAMEWORK);
          }
          walk(bodyId, frame, ctx);
        }
      }
    }
    return recorder.accesses();
  }

  /** The body results computed so far, by body id. */
  public Map<String, BodyResult> results() {
    return results.results();
  }

  /** Which contexts start each task the walk met (complete after {@link #walkAll}). */
  public TaskAncestry ancestry() {
    return ancestry;
  }

  /** Classes (and their enclosing classes) whose code starts a task: they expect concurrency. */
  public Set<String> spawningClasses() {
    return spawningClasses;
  }

  /**
   * Has {@code tasks} tasks on {@code executor} work out every body's result ahead of the walk,
   * which itself stays on one thread and in one order (see {@link BodyResults#computeAhead}).
   * Call before {@link #walkAll}.
   */
  public void computeAhead(
      java.util.concurrent.Executor executor,
      int tasks,
      java.util.function.Supplier<LibraryModels> helperModels) {
    results.computeAhead(executor, tasks, helperModels);
  }

  /**
   * Whether a walk of {@code bodyId} at call depth {@code depth} is refused whatever its frame:
   * too deep, or past the body's or the program's walk budget (then the body is marked cut
   * short, as {@link #walk} does). Asked before a callee's frame is built, as building it (its
   * values, locks and ordering marks) costs more than the refusal.
   */
  private boolean refused(String bodyId, int depth) {
    if (depth > MAX_DEPTH || memo.overBudget(bodyId)) {
      ancestry.cutShort(bodyId);
      return true;
    }
    return false;
  }

  private void walk(String bodyId, Frame f, Ctx ctx) {
    if (f.depth() > MAX_DEPTH) {
      ancestry.cutShort(bodyId);
      return;
    }
    if (!memo.admit(bodyId, f, ctx)) {
      if (memo.overBudget(bodyId)) {
        ancestry.cutShort(bodyId);
      }
      return;
    }
    BodyResult r = results.result(bodyId);
    if (r == null) {
      return;
    }
    // Each walk of a body is one activation: the objects it allocates are its own.
    f = new Frame(f.thisOf(), f.params(), f.captured(), f.held(), f.excluded(), f.live(),
        f.depth(), ++activations, f.once(), f.thisClass(), f.path());
    ProgramIndex.Body body = index.body(bodyId);
    Map<Integer, TaskRoot> spawnKeys = new HashMap<>();
    for (RawSpawn s : r.spawns()) {
      if (passesFlags(f) && paramConditions.excluded(body, s.at().pos(), f.params())) {
        continue;
      }
      TaskRoot key = startRoot(body, s, f, ctx, r.endsItsTasks());
      if (key != null) {
        spawnKeys.put(s.index(), key);
      }
    }
    order.enter(bodyId, body, r, f);
    try {
      walkBody(r, body, f, ctx, spawnKeys);
    } finally {
      order.exit();
    }
  }

  /** Whether the call walked in {@code f} passes a boolean constant for some parameter. */
  private static boolean passesFlags(Frame f) {
    return !f.params().isEmpty()
        && (f.params().containsValue(AbsVal.TRUE) || f.params().containsValue(AbsVal.FALSE));
  }

  private void walkBody(BodyResult r, ProgramIndex.Body body, Frame f, Ctx ctx,
      Map<Integer, TaskRoot> spawnKeys) {
    // Code needing a flag parameter to have the value other than the constant the call passes
    // never runs in this call (ParamConditions).
    boolean flags = passesFlags(f);
    for (RawAccess a : r.accesses()) {
      if (!flags || !paramConditions.excluded(body, a.at().pos(), f.params())) {
        recorder.record(a, body, f, ctx, spawnKeys);
      }
    }
    for (RawCall c : r.calls()) {
      if (!flags || !paramConditions.excluded(body, c.at().pos(), f.params())) {
        call(body, c, f, ctx, spawnKeys);
      }
    }
    for (RawRun run : r.syncRuns()) {
      if (flags && paramConditions.excluded(body, run.at().pos(), f.params())) {
        continue;
      }
      AbsVal code = resolve(run.code(), f, body);
      runCode(code, run.at(), f, ctx, spawnKeys, body);
    }
  }

  // ---- calls and synchronous code ----

  private void call(ProgramIndex.Body body, RawCall c, Frame f, Ctx ctx,
      Map<Integer, TaskRoot> spawnKeys) {
    AbsVal recv = c.receiver() == null ? null : resolve(c.receiver(), f, body);
    MethodDecl m = dispatch.resolvedMethod(c);
    if (m == null) {
      return;
    }
    Set<String> held = dispatch.heldClasses(recv);
    boolean placed = held != null;
    if (!placed && recv instanceof AbsVal.This own) {
      // The object this code runs on (a handler passing itself on): an override of a class it
      // cannot be (another handler of the same interface) never runs here; one of its own class
      // or a subclass may, still a guess. When the walk knows the object's class (a task
      // object of an anonymous subclass running an inherited run()), from that class.
      String known = f.thisClass() != null
          && index.hierarchy().isSubtype(f.thisClass(), own.classId()) ? f.thisClass()
          : own.classId();
      held = dispatch.classAndSubclasses(known);
      // The object's own class, which nothing extends: placed, no guess.
      placed = !known.equals(own.classId()) && held.size() == 1;
    }
    for (MethodDecl t : dispatch.dispatchTargets(c, m, held)) {
      callTarget(body, c, t, recv, f, ctx, spawnKeys, !placed && t != m);
    }
  }

  /**
   * Walks one target of a call. {@code guessed}: the target is an override picked by the class
   * hierarchy alone, on an object the walk cannot place.
   */
  private void callTarget(ProgramIndex.Body body, RawCall c, MethodDecl m, AbsVal recv, Frame f,
      Ctx ctx, Map<Integer, TaskRoot> spawnKeys, boolean guessed) {
    if (m.isConstructor() && !(ctx instanceof Ctx.Init)) {
      // A constructor of a fresh object runs before that object is shared.
      return;
    }
    if (refused(index.bodyIdOf(m), f.depth() + 1)) {
      return;
    }
    ClassDecl calleeClass = index.ownerOf(m);
    Map<String, AbsVal> thisOf = new HashMap<>(f.thisOf());
    if (guessed && calleeClass != null && recv instanceof AbsVal.Field held) {
      // An inner object of a guessed class, held in a field of an object of another kind, belongs
      // to some outer object, not necessarily the one this code runs on (kafka: a client
      // response's completion callback is not this producer's transaction handler): its enclosing
      // instances are unknown. Held by an object of the outer's own kind (a channel's unsafe),
      // it is that object's.
      for (ClassDecl in = calleeClass;
          in.enclosingClassId() != null && !in.modifiers().contains(
              dev.shareguard.core.ir.Modifier.STATIC);
          in = index.classById(in.enclosingClassId())) {
        ClassDecl outer = index.classById(in.enclosingClassId());
        if (outer == null || index.hierarchy().isSubtype(outer.id(), held.owner())
            || index.hierarchy().isSubtype(held.owner(), outer.id())) {
          break;
        }
        thisOf.put(outer.id(), AbsVal.UNKNOWN);
      }
    }
    if (recv instanceof AbsVal.Alloc && c.call() != null && EntryPolicy.isTaskMethod(m)
        && calleeClass != null) {
      // task.run() called directly: the fresh task object runs inline on this thread, as the
      // caller's own object (a pool running the same class works on other instances).
      thisOf.put(calleeClass.id(), recv);
    } else if (recv instanceof AbsVal.Handle
        || (recv instanceof AbsVal.Alloc a && index.isProjectClass(a.type())
            && (models.isThreadSubclass(a.type())
                || entryPolicy.isTaskClass(index.classById(a.type()))))) {
      // A thread or task object: its run() sees its fields as the class's shared instance, so
      // calls on it from the starting thread do too.
      thisOf.remove(calleeClass == null ? "" : calleeClass.id());
    } else if (recv != null && calleeClass != null && !(recv instanceof AbsVal.Unknown)) {
      thisOf.put(calleeClass.id(), recv);
    } else if (recv instanceof AbsVal.Unknown && calleeClass != null) {
      // A call on an unknown object: its own fields are not this object's.
      thisOf.put(calleeClass.id(), AbsVal.UNKNOWN);
    }
    Map<String, AbsVal> params = new HashMap<>();
    for (int i = 0; i < m.params().size() && i < c.args().size(); i++) {
      Boolean constant = c.call() == null || i >= c.call().args().size() ? null
          : fieldFacts.constants.valueOf(c.call().args().get(i));
      params.put(m.params().get(i).name(), constant != null
          ? (constant ? AbsVal.TRUE : AbsVal.FALSE)
          : resolve(c.args().get(i), f, body));
    }
    Ctx calleeCtx = ctx;
    Set<Mark> excluded = order.excludedAt(c.at(), f, spawnKeys);
    if (calleeClass != null && EntryPolicy.isSetUp(m)) {
      excluded.add(new Mark.SetUp(calleeClass.id()));
    }
    Frame callee = new Frame(thisOf, params, Map.of(), lockKeys.locksAt(c.at(), f, body),
        excluded, order.liveAt(c.at(), f, spawnKeys), f.depth() + 1, 0,
        f.once() && c.at().loops().isEmpty(), dispatch.calleeThisClass(c, calleeClass, f),
        new CallPath(body.id(), c.at().pos(), CallPath.Via.CALLS, guessed, f.path()));
    walk(index.bodyIdOf(m), callee, calleeCtx);
  }

  private void runCode(AbsVal code, Point at, Frame f, Ctx ctx, Map<Integer, TaskRoot> spawnKeys,
      ProgramIndex.Body body) {
    Dispatch.Target t = dispatch.codeTarget(code);
    if (t == null || refused(t.bodyId(), f.depth() + 1)) {
      return;
    }
    Frame callee = new Frame(t.thisOf(), t.params(), t.captured(), lockKeys.locksAt(at, f, body),
        order.excludedAt(at, f, spawnKeys), order.liveAt(at, f, spawnKeys), f.depth() + 1, 0,
        f.once() && at.loops().isEmpty(), t.objectClass(),
        new CallPath(body.id(), at.pos(), CallPath.Via.RUNS, false, f.path()));
    walk(t.bodyId(), callee, ctx);
  }

  private boolean isAnonymous(String classId) {
    ClassDecl c = index.classById(classId);
    return c != null && c.kind() == ClassDecl.Kind.ANONYMOUS;
  }

  // ---- task starts ----

  private TaskRoot startRoot(ProgramIndex.Body body, RawSpawn s, Frame f, Ctx spawner,
      boolean scoped) {
    AbsVal task = resolve(s.task(), f, body);
    Dispatch.Target t = dispatch.codeTarget(task);
    if (t == null) {
      return null;
    }
    TaskRoot key = HappensBefore.rootKey(body.id(), s);
    ancestry.started(key, spawner, scoped);
    String pool = s.model().taskArg() == BodyAnalyzer.RECEIVER
        ? heldIn(resolve(s.task(), f, body))
        : s.executor() == null ? storedAt(body, s) : heldIn(resolve(s.executor(), f, body));
    if (pool != null) {
      ancestry.pooled(key, pool);
    }
    for (ClassDecl c = body.owner(); c != null; c = index.classById(c.enclosingClassId())) {
      spawningClasses.add(c.id());
    }
    if (!walkedRoots.add(key)) {
      return key;
    }
    SerialExecutor serial = serialExecutor(s, f, body);
    boolean repeatedStart = !s.at().loops().isEmpty() || EntryPolicy.repeatable(spawner);
    // An object that hands itself to a pool ({@code pool.submit(this)}) is one activity: like a
    // thread object, whose body runs once, it runs its task once at a time unless one run of the
    // starting code starts it several times (a loop).
    boolean selfTask = s.task() instanceof AbsVal.This;
    // Started past a once-gate nothing reopens: once per class for a static flag, once per object
    // for the object's own flag (see Parallelism: two runs are then on two objects).
    AbsVal.Field gate = onceGate(s);
    boolean oncePerProgram = gate != null && gate.base() instanceof AbsVal.Static;
    if (gate != null && gate.base() instanceof AbsVal.This own) {
      ancestry.oncePerObject(key, own.classId());
    }
    boolean multi =
        s.multiByNature()
            || (!s.model().periodic() && serial == null
                && (!s.at().loops().isEmpty()
                    || (isPool(s) && !selfTask && !oncePerProgram
                        && EntryPolicy.repeatable(spawner))));
    boolean repeats = multi || s.model().periodic() || repeatedStart;
    boolean threadObject = t.rootClass() != null && models.isThreadSubclass(t.rootClass());
    boolean anonymous = threadObject && isAnonymous(t.rootClass());
    Ctx ctx = new Ctx.Task(key, multi, repeats, serial, t.rootClass(), activations + 1,
        s.multiByNature() || (!s.model().periodic() && !s.at().loops().isEmpty()), body.id(),
        new Ctx.Started(s.model().what(), body.file().path(), s.at().pos(),
            threadObject && !anonymous ? t.rootClass() : null, anonymous));
    Frame rf = new Frame(t.thisOf(), t.params(), t.captured(), Set.of(), Set.of(), Set.of(), 0, 0,
        !multi && !s.model().periodic(), t.objectClass(),
        new CallPath(body.id(), s.at().pos(), CallPath.Via.STARTS, false, f.path()));
    walk(t.bodyId(), rf, ctx);
    return key;
  }

  /**
   * The field ({@code Owner#field}) of this object or a class that holds {@code v}, or null: for
   * a spawn, the executor it hands its task to, or the task object it starts itself ({@code
   * runner.start()} on a thread kept in a field), which code may later wait for through that
   * field ({@link HappensBefore}: {@code pool.awaitTermination(…)}, {@code runner.join()}).
   */
  private static String heldIn(AbsVal ex) {
    if (ex instanceof AbsVal.Field fd && fd.owner() != null
        && (LocationKeys.rootOf(fd) instanceof AbsVal.This
            || LocationKeys.rootOf(fd) instanceof AbsVal.Static)) {
      return fd.owner() + "#" + fd.field();
    }
    return null;
  }

  /**
   * The flag of a once-gate that spawn {@code s} is past (a won {@code compareAndSet(false, true)},
   * or a flag tested and set under a lock, see {@link OnceGates}), when it is a static flag or a
   * flag of the object the code runs on and nothing ever gives it its first value again; else
   * null.
   */
  private AbsVal.Field onceGate(RawSpawn s) {
    for (HeldLock h : s.at().locks()) {
      if (h.lock() instanceof AbsVal.OnLoop loop && loop.loop() instanceof AbsVal.OnceGate g
          && g.flag() instanceof AbsVal.Field flag && flag.owner() != null
          && (flag.base() instanceof AbsVal.This || flag.base() instanceof AbsVal.Static)
          && !fieldFacts.reopenedGates.test(flag.owner(), flag.field(), g.from())) {
        return flag;
      }
    }
    return null;
  }

  /**
   * The field ({@code Owner#field}) of this object or a class that the body stores the task
   * object made at spawn {@code s} into ({@code runner = new Thread(this, "name")}), or null:
   * code may later wait for that thread through the field ({@code runner.join()}).
   */
  private static String storedAt(ProgramIndex.Body body, RawSpawn s) {
    if (body.block() == null) {
      return null;
    }
    dev.shareguard.core.ir.Pos at = s.at().pos();
    String[] out = {null};
    IrWalker.forEachExprOutsideLambdas(body.block(), e -> {
      if (e instanceof dev.shareguard.core.ir.Expr.Assign a && a.op().equals("=")
          && a.value() instanceof dev.shareguard.core.ir.Expr.New n
          && (a.pos().equals(at) || n.pos().equals(at))
          && a.target() instanceof dev.shareguard.core.ir.Expr.FieldAccess fa
          && fa.ownerClass() != null
          && (fa.isStatic() || fa.receiver() == null
              || fa.receiver() instanceof dev.shareguard.core.ir.Expr.ThisRef)) {
        out[0] = fa.ownerClass() + "#" + fa.name();
      }
    });
    return out[0];
  }

  /** Whether the spawner is an executor with several threads (not a Thread or a Timer). */
  private static boolean isPool(RawSpawn s) {
    return s.model().runner() == LibraryModels.Runner.POOL;
  }

  private SerialExecutor serialExecutor(RawSpawn s, Frame f, ProgramIndex.Body body) {
    AbsVal ex = s.executor() == null ? AbsVal.UNKNOWN : resolve(s.executor(), f, body);
    if (s.eventLoop()) {
      // A Netty event loop: one thread, named like the loop code that asks inEventLoop(). One
      // the engine cannot name still runs each task once at a time: two runs overlap only on
      // two loops, that is for two channels, each with its own state.
      EventLoop loop = LockKeys.loopKey(ex);
      return loop == null ? EventLoop.UNKNOWN : loop;
    }
    if (ex instanceof AbsVal.Alloc a && a.singleThreadExecutor()) {
      return new SerialExecutor.SingleThread(new LockId.LocalObject(a.site(), null));
    }
    if (ex instanceof AbsVal.Field fd
        && fieldFacts.of(fd.owner(), fd.field()).allSingleThreadExecutor()) {
      return new SerialExecutor.SingleThread(new LockId.FieldValue(fd.owner(), fd.field()));
    }
    if (models.isSingleThreadExecutorClass(executorClass(ex))) {
      // An executor class that says by its name it runs one thread (its own execute() queues
      // the task for its one worker).
      LockId id = LockKeys.lockKey(ex);
      return new SerialExecutor.SingleThread(id);
    }
    return null;
  }

  /** The class of the executor value {@code ex}, as far as it is known, else null. */
  private String executorClass(AbsVal ex) {
    if (ex instanceof AbsVal.This t) {
      return t.classId();
    }
    if (ex instanceof AbsVal.Alloc a) {
      return a.type();
    }
    if (ex instanceof AbsVal.Field fd) {
      dev.shareguard.core.ir.FieldDecl decl = index.field(fd.owner(), fd.field());
      return decl == null ? null : decl.type().erasure();
    }
    return null;
  }

  private AbsVal resolve(AbsVal v, Frame f, ProgramIndex.Body body) {
    return binding.resolve(v, f, body);
  }
}
