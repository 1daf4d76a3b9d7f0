package dev.shareguard.core.engine;

import dev.shareguard.core.cfg.Cfg;
import dev.shareguard.core.cfg.CfgBuilder;
import dev.shareguard.core.cfg.Node;
import dev.shareguard.core.dataflow.ForwardAnalysis;
import dev.shareguard.core.engine.BodyResult.AccessKind;
import dev.shareguard.core.engine.BodyResult.Point;
import dev.shareguard.core.engine.BodyResult.RawAccess;
import dev.shareguard.core.engine.BodyResult.RawCall;
import dev.shareguard.core.engine.BodyResult.RawRun;
import dev.shareguard.core.engine.BodyResult.RawSpawn;
import dev.shareguard.core.engine.BodyResult.Slot;
import dev.shareguard.core.ir.Annotation;
import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.MethodDecl;
import dev.shareguard.core.ir.Param;
import dev.shareguard.core.ir.Stmt;
import dev.shareguard.core.ir.TypeRef;
import dev.shareguard.core.model.LibraryModels;
import dev.shareguard.core.model.LibraryModels.Effect;
import dev.shareguard.core.model.LibraryModels.LockOp;
import dev.shareguard.core.model.LibraryModels.SpawnModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Analyses one body on its own: builds its CFG, runs the {@link FlowState} dataflow (local
 * aliases, must-hold locks, started and finished tasks) to a fixpoint, then reads off every access,
 * call, synchronous callback and task start with the state at that point.
 */
public final class BodyAnalyzer {
  /** Calls on a task object that run it on the calling thread. */
  private static final Set<String> RUN_METHODS = Set.of("run", "call", "get", "accept", "apply");

  /**
   * Container calls whose result is a value still held in the container. Calls that take the
   * value out ({@code remove}, {@code poll}, {@code take}) are not here: the value is handed over
   * to the caller, as a queue hands a task from producer to consumer, and no longer shared
   * through the container.
   */
  private static final Set<String> ELEMENT_GETTERS =
      Set.of(
          "get", "getOrDefault", "computeIfAbsent", "computeIfPresent", "compute", "merge",
          "putIfAbsent", "peek", "first", "last", "getFirst", "getLast", "next", "element",
          "firstEntry", "lastEntry");

  private final ProgramIndex index;
  private final LibraryModels models;
  private final FieldFacts fieldFacts;
  private final ProgramIndex.Body body;
  private final Set<String> params = new HashSet<>();
  private final Map<Expr, Integer> spawnIndex = new IdentityHashMap<>();
  private final Map<Expr, SpawnModel> spawnModels = new IdentityHashMap<>();
  private final Map<Expr, Integer> parallelStreamSpawns = new IdentityHashMap<>();

  /**
   * How deep in helper calls this body is analysed: 0 for a body analysed for itself, n for the
   * lock summary of a helper n calls down. Summaries stop at {@link #MAX_SUMMARY_DEPTH}, which
   * also ends recursion.
   */
  private final int summaryDepth;

  /** Helper calls whose lock summary is worked out: a helper calling a helper that locks. */
  private static final int MAX_SUMMARY_DEPTH = 2;

  /** Lock summaries of the helpers this body calls: the dataflow visits a call many times. */
  private final Map<MethodDecl, LockSummary> summaries = new IdentityHashMap<>();

  /** Locks this body releases somewhere (its own frame), for its own summary. */
  private final Set<AbsVal> releasedSomewhere = new HashSet<>();

  /** Locks this body acquires somewhere (its own frame), for its own summary. */
  private final Set<AbsVal> acquiredSomewhere = new HashSet<>();

  private BodyAnalyzer(
      ProgramIndex index,
      LibraryModels models,
      FieldFacts fieldFacts,
      ProgramIndex.Body body,
      int summaryDepth) {
    this.index = index;
    this.models = models;
    this.fieldFacts = fieldFacts;
    this.body = body;
    this.summaryDepth = summaryDepth;
  }

  /** Analyses {@code body}. */
  public static BodyResult analyze(
      ProgramIndex index, LibraryModels models, FieldFacts fieldFacts, ProgramIndex.Body body) {
    return new BodyAnalyzer(index, models, fieldFacts, body, 0).run();
  }

  /**
   * What a method does to locks, in its own frame ({@code this} of its class, its parameters,
   * statics): {@code acquired} are held on every normal exit and were not held at entry; {@code
   * released} are unlocked somewhere, never locked in the body itself, and not held at exit (an
   * {@code unlock()} helper). A body that both locks and unlocks a lock (a balanced critical
   * section) releases nothing its caller holds, as the lock is reentrant.
   */
  private record LockSummary(Set<HeldLock> acquired, Set<AbsVal> released, Set<AbsVal> passed) {
    static final LockSummary NONE = new LockSummary(Set.of(), Set.of(), Set.of());

    boolean isEmpty() {
      return acquired.isEmpty() && released.isEmpty() && passed.isEmpty();
    }
  }

  private LockSummary summarize() {
    Cfg cfg = CfgBuilder.build(body.block());
    findSpawnSites(cfg);
    FlowState initial = initialState();
    FlowState exit = new Flow().run(cfg, initial).get(cfg.exit());
    if (exit == null) {
      // Never returns normally: nothing holds after it.
      return LockSummary.NONE;
    }
    Set<HeldLock> acquired = new HashSet<>(exit.locks());
    acquired.removeAll(initial.locks());
    Set<AbsVal> released = new HashSet<>(releasedSomewhere);
    released.removeAll(acquiredSomewhere);
    exit.locks().forEach(h -> released.remove(h.lock()));
    Set<AbsVal> passed = new HashSet<>(exit.passed());
    AbsVal monitor = monitorOf(body);
    if (monitor != null) {
      passed.add(monitor);
    }
    return acquired.isEmpty() && released.isEmpty() && passed.isEmpty()
        ? LockSummary.NONE
        : new LockSummary(Set.copyOf(acquired), Set.copyOf(released), Set.copyOf(passed));
  }

  /** The monitor a synchronized method holds while it runs, in its own frame, or null. */
  private static AbsVal monitorOf(ProgramIndex.Body b) {
    if (b.isLambda() || !b.method().isSynchronized()) {
      return null;
    }
    return b.method().isStatic()
        ? new AbsVal.Static(b.owner().id())
        : new AbsVal.This(b.owner().id());
  }

  /** The lock summary of helper {@code m}, or NONE when it has no lock operation of its own. */
  private LockSummary summaryOf(MethodDecl m) {
    if (summaryDepth >= MAX_SUMMARY_DEPTH) {
      return LockSummary.NONE;
    }
    ProgramIndex.Body b = index.body(index.bodyIdOf(m));
    if (b == null) {
      return LockSummary.NONE;
    }
    if (!hasLockOperation(b.block())) {
      // A synchronized helper with no lock operation of its own: it takes and lets go of its
      // monitor, which orders the caller's later reads after what was published under it.
      AbsVal monitor = monitorOf(b);
      return monitor == null
          ? LockSummary.NONE
          : new LockSummary(Set.of(), Set.of(), Set.of(monitor));
    }
    return new BodyAnalyzer(index, models, fieldFacts, b, summaryDepth + 1).summarize();
  }

  /**
   * A cheap test before analysing a helper: most methods never touch a lock (nor ask whether they
   * run on an event loop, which the summary carries like a lock).
   */
  private boolean hasLockOperation(Stmt.Block block) {
    boolean[] found = {false};
    IrWalker.forEachExpr(
        block,
        e -> {
          if (!found[0] && e instanceof Expr.Call c && c.receiver() != null) {
            LockOp op = models.lockOp(c.receiver().type().name(), c.target().name());
            found[0] = op == LockOp.ACQUIRE || op == LockOp.RELEASE || op == LockOp.STAMP_READ
                || op == LockOp.STAMP_WRITE || op == LockOp.STAMP_RELEASE
                || (c.target().name().equals("inEventLoop")
                    && models.isEventExecutor(c.receiver().type().name()))
                || models.isSerialContextAssertion(c.receiver().type().name(), c.target().name());
          }
        });
    return found[0];
  }

  /**
   * The helper a call surely runs, for its lock summary: an analysed method with a body, bound
   * statically (static, private or final, or with no analysed override), not a constructor.
   */
  private MethodDecl summaryTarget(Expr.Call c) {
    if (!isProjectCall(c)) {
      return null;
    }
    String owner = c.target().owner();
    String name = c.target().name();
    int arity = c.target().arity();
    if (c.receiver() instanceof Expr.ThisRef t
        && index.findMethod(t.classId(), name, arity, c.target().paramTypes()) != null) {
      owner = t.classId();
    }
    MethodDecl m = index.findMethod(owner, name, arity, c.target().paramTypes());
    if (m == null || m.body() == null || m.isInitializer()
        || m.isStatic() != (c.receiver() == null)
        || !index.overrides(m).isEmpty()) {
      return null;
    }
    return m;
  }

  /** The state after a call to analysed code: the helper's lock summary, in this frame. */
  private FlowState applySummary(Node n, Expr.Call c, FlowState s) {
    MethodDecl m = summaryTarget(c);
    if (m == null) {
      return s;
    }
    LockSummary sum = summaries.computeIfAbsent(m, this::summaryOf);
    if (sum.isEmpty()) {
      return s;
    }
    dev.shareguard.core.ir.ClassDecl owner = index.ownerOf(m);
    AbsVal recv = c.receiver() == null ? null : valueOf(c.receiver(), s, n);
    Map<String, AbsVal> args = new HashMap<>();
    for (int i = 0; i < m.params().size() && i < c.args().size(); i++) {
      args.put(m.params().get(i).name(), valueOf(c.args().get(i), s, n));
    }
    FlowState out = s;
    for (AbsVal r : sum.released()) {
      AbsVal v = inCallerFrame(r, owner == null ? null : owner.id(), recv, args);
      if (v != null) {
        out = out.release(v);
        releasedSomewhere.add(v);
      }
    }
    for (HeldLock h : sum.acquired()) {
      AbsVal v = inCallerFrame(h.lock(), owner == null ? null : owner.id(), recv, args);
      if (v != null) {
        out = out.acquire(new HeldLock(v, h.readOnly()));
        acquiredSomewhere.add(v);
      }
    }
    for (AbsVal p : sum.passed()) {
      AbsVal v = inCallerFrame(p, owner == null ? null : owner.id(), recv, args);
      if (v != null) {
        out = out.pass(v);
      }
    }
    return out;
  }

  /**
   * A lock of a helper's frame rewritten into this one: its {@code this} is the call's receiver,
   * its parameters the arguments; null when it names anything else or an unknown value.
   */
  private static AbsVal inCallerFrame(
      AbsVal v, String calleeClass, AbsVal recv, Map<String, AbsVal> args) {
    AbsVal out = null;
    if (v instanceof AbsVal.This t) {
      out = t.classId().equals(calleeClass) ? recv : null;
    } else if (v instanceof AbsVal.Static) {
      out = v;
    } else if (v instanceof AbsVal.Param p) {
      out = args.get(p.name());
    } else if (v instanceof AbsVal.Field f) {
      AbsVal base = inCallerFrame(f.base(), calleeClass, recv, args);
      out = base == null ? null : new AbsVal.Field(base, f.owner(), f.field());
    } else if (v instanceof AbsVal.LockView lv) {
      AbsVal lock = inCallerFrame(lv.lock(), calleeClass, recv, args);
      out = lock == null ? null : new AbsVal.LockView(lock, lv.read());
    } else if (v instanceof AbsVal.OnLoop on) {
      // A helper that returns only on its loop's thread ({@code checkInEventLoop()}).
      AbsVal loop = inCallerFrame(on.loop(), calleeClass, recv, args);
      out = loop == null || loop instanceof AbsVal.Unknown ? null : new AbsVal.OnLoop(loop);
    }
    return out instanceof AbsVal.Unknown ? null : out;
  }

  private BodyResult run() {
    Cfg cfg = CfgBuilder.build(body.block());
    findSpawnSites(cfg);
    FlowState initial = initialState();
    Map<Node, FlowState> in = new Flow().run(cfg, initial);
    List<RawAccess> accesses = new ArrayList<>();
    List<RawCall> calls = new ArrayList<>();
    List<RawRun> runs = new ArrayList<>();
    Map<Integer, RawSpawn> spawns = new LinkedHashMap<>();
    Map<String, Map<String, AbsVal>> captures = new LinkedHashMap<>();
    for (Node n : cfg.reversePostOrder()) {
      FlowState s = in.get(n);
      if (s != null) {
        collect(n, s, accesses, calls, runs, spawns, captures);
      }
    }
    List<RawSpawn> spawnList = new ArrayList<>(spawns.values());
    return new BodyResult(body.id(), accesses, calls, runs, spawnList, captures);
  }

  private FlowState initialState() {
    Map<String, AbsVal> env = new HashMap<>();
    List<Param> ps = body.isLambda() ? body.lambda().params() : body.method().params();
    for (Param p : ps) {
      params.add(p.name());
      env.put(p.name(), body.isLambda() ? AbsVal.UNKNOWN : new AbsVal.Param(p.name()));
    }
    Set<HeldLock> locks = new HashSet<>();
    if (!body.isLambda() && body.method().isSynchronized()) {
      AbsVal monitor =
          body.method().isStatic()
              ? new AbsVal.Static(body.owner().id())
              : new AbsVal.This(body.owner().id());
      locks.add(new HeldLock(monitor, false));
    }
    if (!body.isLambda()) {
      for (Annotation a : body.method().annotations()) {
        // @GuardedBy on a method (jcip, javax, Error Prone) and Checker Framework @Holding:
        // callers must hold the named lock, so the body runs with it held.
        if (a.simpleName().equals("GuardedBy") || a.simpleName().equals("Holding")) {
          for (String lock : a.strings("value")) {
            AbsVal v = namedLock(lock.trim());
            if (v != null) {
              locks.add(heldLock(v, false));
            }
          }
        }
      }
    }
    return new FlowState(env, locks, Set.of(), Set.of());
  }

  // ---- spawn sites: numbered before the dataflow so values can name them ----

  private void findSpawnSites(Cfg cfg) {
    for (Node n : cfg.nodes()) {
      if (n.kind() != Node.Kind.EXPR || spawnIndex.containsKey(n.expr())) {
        continue;
      }
      Expr e = n.expr();
      if (e instanceof Expr.Call c && isFork(c)) {
        // task.fork(): the task's compute() runs on a pool thread; join() waits for it.
        spawnModels.put(e, new SpawnModel(RECEIVER, false, false, false, "ForkJoinTask.fork",
            LibraryModels.Runner.POOL));
        spawnIndex.put(e, spawnIndex.size());
        continue;
      }
      if (e instanceof Expr.Call c) {
        SpawnModel m = spawnModelOf(c);
        if (m != null && m.taskArg() >= 0 && m.taskArg() < c.args().size()) {
          spawnModels.put(e, m);
          spawnIndex.put(e, spawnIndex.size());
        } else if (isParallelStreamOp(c)) {
          parallelStreamSpawns.put(e, spawnIndex.size());
          spawnIndex.put(e, spawnIndex.size());
        }
      } else if (e instanceof Expr.New nw
          && models.isThreadConstructor(nw.type().name())
          && nw.anonymousClassId() == null
          && !nw.args().isEmpty()) {
        spawnModels.put(e, new SpawnModel(threadTaskArg(nw), true, false, false, "new Thread",
            LibraryModels.Runner.OWN_THREAD));
        spawnIndex.put(e, spawnIndex.size());
      } else if (e instanceof Expr.New nw && createsThreadSubclass(nw)) {
        // The thread object is its own task: its run() starts at start().
        spawnModels.put(e, new SpawnModel(SELF, true, false, false, "Thread.start",
            LibraryModels.Runner.OWN_THREAD));
        spawnIndex.put(e, spawnIndex.size());
      }
    }
  }

  /** A spawn model's task argument meaning "the created object itself". */
  private static final int SELF = -1;

  /** A spawn model's task argument meaning "the receiver of the call". */
  private static final int RECEIVER = -2;

  private boolean isFork(Expr.Call c) {
    return c.target().name().equals("fork") && c.args().isEmpty() && c.receiver() != null
        && models.types().isSubtype(c.receiver().type().name(), "java.util.concurrent.ForkJoinTask");
  }

  private boolean createsThreadSubclass(Expr.New nw) {
    String id = nw.anonymousClassId() != null ? nw.anonymousClassId() : nw.type().name();
    return isAnalysedThreadClass(id) && !models.isThreadConstructor(id);
  }

  /** Whether {@code id} is an analysed class extending {@code Thread}. */
  private boolean isAnalysedThreadClass(String id) {
    return index.isProjectClass(id) && models.isThreadSubclass(id);
  }

  private static int threadTaskArg(Expr.New nw) {
    Expr first = nw.args().get(0);
    return "java.lang.ThreadGroup".equals(first.type().name()) && nw.args().size() > 1 ? 1 : 0;
  }

  private SpawnModel spawnModelOf(Expr.Call c) {
    String recvType = c.receiver() == null ? null : c.receiver().type().name();
    String owner = c.target().owner();
    return models.spawnModel(recvType, owner, c.target().name(), c.receiver() == null);
  }

  /** A stream operation on a stream made parallel somewhere up its receiver chain. */
  private boolean isParallelStreamOp(Expr.Call c) {
    if (!models.isStreamOperation(c.target().name())) {
      return false;
    }
    Expr r = c.receiver();
    int guard = 0;
    while (r instanceof Expr.Call rc && guard++ < 20) {
      String name = rc.target().name();
      if (name.equals("parallelStream") || name.equals("parallel")) {
        return true;
      }
      if (name.equals("sequential")) {
        return false;
      }
      r = rc.receiver();
    }
    return false;
  }

  // ---- values ----

  /** What {@code e} evaluates to in state {@code s}: a pure function, no effects. */
  AbsVal valueOf(Expr e, FlowState s, Node at) {
    if (e == null) {
      return AbsVal.UNKNOWN;
    }
    if (e instanceof Expr.LocalRef l) {
      AbsVal v = s.local(l.name());
      if (v != null) {
        return v;
      }
      return params.contains(l.name()) ? new AbsVal.Param(l.name()) : new AbsVal.Captured(l.name());
    }
    if (e instanceof Expr.ThisRef t) {
      return new AbsVal.This(t.classId());
    }
    if (e instanceof Expr.FieldAccess f) {
      return fieldValue(f, s, at);
    }
    if (e instanceof Expr.ClassLiteral cl) {
      return new AbsVal.Static(cl.of().name());
    }
    if (e instanceof Expr.Cast c) {
      return valueOf(c.expr(), s, at);
    }
    if (e instanceof Expr.Assign a) {
      return a.op().equals("=") ? valueOf(a.value(), s, at) : AbsVal.UNKNOWN;
    }
    if (e instanceof Expr.Conditional c) {
      AbsVal a = valueOf(c.whenTrue(), s, at);
      return a.equals(valueOf(c.whenFalse(), s, at)) ? a : AbsVal.UNKNOWN;
    }
    if (e instanceof Expr.Lambda l) {
      return new AbsVal.Closure(l.id(), body.id());
    }
    if (e instanceof Expr.MethodRef m) {
      AbsVal recv = m.receiver() == null ? null : valueOf(m.receiver(), s, at);
      String q = m.qualifierType() == null ? null : m.qualifierType().name();
      return new AbsVal.MethodRefVal(recv, m.target(), q);
    }
    if (e instanceof Expr.New n) {
      if (n.anonymousClassId() != null) {
        return new AbsVal.Anon(n.anonymousClassId(), body.id(), site(n));
      }
      Integer spawn = spawnIndex.get(n);
      if (spawn != null) {
        return new AbsVal.Handle(spawn);
      }
      return alloc(n, n.type(), at, accessOrdered(n));
    }
    if (e instanceof Expr.NewArray n) {
      return alloc(n, n.type(), at, false);
    }
    if (e instanceof Expr.Call c) {
      return callValue(c, s, at);
    }
    return AbsVal.UNKNOWN;
  }

  private AbsVal fieldValue(Expr.FieldAccess f, FlowState s, Node at) {
    if (f.receiver() == null) {
      String owner = f.ownerClass();
      return owner == null
          ? AbsVal.UNKNOWN
          : new AbsVal.Field(new AbsVal.Static(owner), owner, f.name());
    }
    AbsVal base = valueOf(f.receiver(), s, at);
    String owner = f.ownerClass();
    if (owner == null && f.receiver() instanceof Expr.ThisRef t) {
      owner = t.classId();
    }
    if (owner == null || base instanceof AbsVal.Unknown) {
      return AbsVal.UNKNOWN;
    }
    String task = fieldFacts.of(owner, f.name()).onlyLambda();
    if (task != null) {
      // A field that only ever holds one lambda (a Runnable kept for resubmission).
      return new AbsVal.Closure(task, null);
    }
    String view = fieldFacts.of(owner, f.name()).lockViewOf();
    if (view != null) {
      // A field that always holds the read or write lock of a sibling read/write lock.
      return new AbsVal.LockView(
          new AbsVal.Field(base, owner, view), fieldFacts.of(owner, f.name()).lockViewRead());
    }
    return new AbsVal.Field(base, owner, f.name());
  }

  private String site(Expr e) {
    return body.id() + "@" + e.pos();
  }

  private AbsVal.Alloc alloc(Expr e, TypeRef type, Node at, boolean accessOrdered) {
    String t = type.erasure();
    return new AbsVal.Alloc(
        site(e),
        t,
        at == null ? List.of() : at.loops(),
        models.isThreadSafeContainer(t),
        models.isImmutableContainer(t),
        false,
        accessOrdered,
        false);
  }

  /**
   * A getter of analysed code ({@code return this.field;} and nothing else) yields the field of
   * the receiver, so {@code getCache().put(…)} writes {@code cache}.
   */
  private AbsVal getterValue(Expr.Call c, AbsVal recv) {
    if (!c.args().isEmpty() || recv instanceof AbsVal.Unknown) {
      return null;
    }
    String owner = c.target().owner();
    if (c.receiver() instanceof Expr.ThisRef t && !index.isProjectClass(owner)) {
      owner = t.classId();
    }
    if (!index.isProjectClass(owner)) {
      return null;
    }
    MethodDecl m = index.findMethod(owner, c.target().name(), 0, List.of());
    if (m == null || m.body() == null || m.isStatic() || m.body().stmts().size() != 1
        || !(m.body().stmts().get(0) instanceof Stmt.Return r)
        || !(r.expr() instanceof Expr.FieldAccess f)
        || !(f.receiver() instanceof Expr.ThisRef)
        || f.ownerClass() == null
        || !index.overrides(m).isEmpty()) {
      return null;
    }
    return new AbsVal.Field(recv, f.ownerClass(), f.name());
  }

  /** {@code new LinkedHashMap<>(cap, load, true)}: an access-ordered map, whose get reorders it. */
  private static boolean accessOrdered(Expr.New n) {
    return n.type().name().equals("java.util.LinkedHashMap")
        && n.args().size() == 3
        && n.args().get(2) instanceof Expr.Literal l
        && l.text().equals("true");
  }

  private AbsVal callValue(Expr.Call c, FlowState s, Node at) {
    Integer spawn = spawnIndex.get(c);
    if (spawn != null) {
      return new AbsVal.Handle(spawn);
    }
    String name = c.target().name();
    if (c.receiver() == null) {
      String owner = c.target().owner();
      if (owner == null) {
        return AbsVal.UNKNOWN;
      }
      if (models.isThreadSafeFactory(owner, name)) {
        return new AbsVal.Alloc(site(c), c.type().erasure(), at.loops(), true, false, false, false,
            models.isSynchronizedWrapperFactory(owner, name));
      }
      if (models.isImmutableFactory(owner, name)) {
        return new AbsVal.Alloc(site(c), c.type().erasure(), at.loops(), false, true, false, false,
            false);
      }
      if (models.isSingleThreadExecutorFactory(owner, name)) {
        return new AbsVal.Alloc(site(c), c.type().erasure(), at.loops(), false, false, true, false,
            false);
      }
      return AbsVal.UNKNOWN;
    }
    String recvType = c.receiver().type().name();
    AbsVal recv = valueOf(c.receiver(), s, at);
    if (name.equals("inEventLoop") && c.args().isEmpty() && models.isEventExecutor(recvType)
        && !(recv instanceof AbsVal.Unknown)) {
      // True only on the loop's own thread: code that runs when it is true runs on that loop.
      return new AbsVal.LockAttempt(new AbsVal.OnLoop(recv));
    }
    AbsVal got = getterValue(c, recv);
    if (got != null) {
      return got;
    }
    if (models.isPublishingHolder(recvType) && LibraryModels.HOLDER_READS.contains(name)
        && !(recv instanceof AbsVal.Unknown)) {
      // The object an AtomicReference publishes: shared with every thread that reads it.
      return new AbsVal.Elem(recv);
    }
    LockOp op = models.lockOp(recvType, name);
    if (op == LockOp.TRY_ACQUIRE) {
      return new AbsVal.LockAttempt(recv);
    }
    if (op == LockOp.READ_VIEW || op == LockOp.WRITE_VIEW) {
      return new AbsVal.LockView(recv, op == LockOp.READ_VIEW);
    }
    if (recv instanceof AbsVal.View v
        && (name.equals("iterator") || name.equals("listIterator") || name.equals("stream"))) {
      return v;
    }
    if (models.isViewMethod(recvType, name) && !(recv instanceof AbsVal.Unknown)) {
      return new AbsVal.View(recv);
    }
    if ((models.isContainer(recvType) || recv instanceof AbsVal.View)
        && ELEMENT_GETTERS.contains(name)
        && !c.type().isPrimitive()) {
      AbsVal base = recv instanceof AbsVal.View v ? v.backing() : recv;
      return base instanceof AbsVal.Unknown ? AbsVal.UNKNOWN : new AbsVal.Elem(base);
    }
    return AbsVal.UNKNOWN;
  }

  // ---- the dataflow ----

  private final class Flow extends ForwardAnalysis<FlowState> {
    @Override
    protected FlowState join(FlowState a, FlowState b) {
      return a.joinWith(b);
    }

    @Override
    protected FlowState transfer(Node n, FlowState s) {
      switch (n.kind()) {
        case DECL:
          Stmt.LocalVar v = (Stmt.LocalVar) n.stmt();
          return s.withLocal(
              v.name(), v.init() == null ? AbsVal.UNKNOWN : valueOf(v.init(), s, n));
        case ITER_NEXT:
          Stmt.ForEach fe = (Stmt.ForEach) n.stmt();
          AbsVal it = valueOf(fe.iterable(), s, n);
          AbsVal base = it instanceof AbsVal.View v2 ? v2.backing() : it;
          return s.withLocal(
              fe.var(), base instanceof AbsVal.Unknown ? AbsVal.UNKNOWN : new AbsVal.Elem(base));
        case MONITOR_ENTER:
          return s.acquire(new HeldLock(valueOf(n.expr(), s, n), false));
        case MONITOR_EXIT:
          return s.release(valueOf(n.expr(), s, n));
        case EXPR:
          return transferExpr(n, n.expr(), s);
        default:
          return s;
      }
    }

    private FlowState transferExpr(Node n, Expr e, FlowState s) {
      if (e instanceof Expr.Assign a) {
        AbsVal value = valueOf(a.value(), s, n);
        if (a.target() instanceof Expr.LocalRef l) {
          return s.withLocal(l.name(), a.op().equals("=") ? value : AbsVal.UNKNOWN);
        }
        if (a.target() instanceof Expr.FieldAccess f && value instanceof AbsVal.Alloc) {
          AbsVal path = fieldValue(f, s, n);
          return path instanceof AbsVal.Unknown ? s : s.rebind(value, path);
        }
        return s;
      }
      if (e instanceof Expr.Unary u && u.operand() instanceof Expr.LocalRef l) {
        return s.withLocal(l.name(), AbsVal.UNKNOWN);
      }
      if (e instanceof Expr.Call c) {
        return transferCall(n, c, s);
      }
      return s;
    }

    private FlowState transferCall(Node n, Expr.Call c, FlowState s) {
      Integer spawn = spawnIndex.get(c);
      if (spawn != null) {
        SpawnModel m = spawnModels.get(c);
        FlowState out = m != null && m.deferredUntilStart() ? s : s.spawn(spawn);
        if (m != null && m.taskArg() == RECEIVER) {
          // After task.fork(), the task object is the handle that join() waits on.
          out = out.rebind(valueOf(c.receiver(), s, n), new AbsVal.Handle(spawn));
        }
        if (m == null || m.joinedAtOnce()) {
          out = out.join(Set.of(spawn));
        }
        return out;
      }
      if (c.receiver() == null) {
        return applySummary(n, c, s);
      }
      String recvType = c.receiver().type().name();
      String name = c.target().name();
      AbsVal recv = valueOf(c.receiver(), s, n);
      int published = LibraryModels.publishedArgument(name, c.args().size());
      if (published >= 0 && models.isPublishingHolder(recvType)
          && !(recv instanceof AbsVal.Unknown)) {
        // After ref.set(list), list is the published object: later changes through the local
        // change what other threads read.
        AbsVal value = valueOf(c.args().get(published), s, n);
        if (value instanceof AbsVal.Alloc) {
          return s.rebind(value, new AbsVal.Elem(recv));
        }
        return s;
      }
      if (name.equals("put") && c.args().size() == 2 && recv instanceof AbsVal.Field map
          && fieldFacts.isThreadSafeMap(map.owner(), map.field())) {
        // After map.put(k, fresh), the fresh object is a value of the shared map: a change
        // through the local changes what other threads get from the map.
        AbsVal value = valueOf(c.args().get(1), s, n);
        return value instanceof AbsVal.Alloc ? s.rebind(value, new AbsVal.Elem(recv)) : s;
      }
      if (name.equals("start") && recv instanceof AbsVal.Handle h) {
        return s.spawn(h.index());
      }
      if (recv instanceof AbsVal.Handle h
          && (models.isJoin(recvType, name) || name.equals("join") || name.equals("get"))) {
        return s.join(Set.of(h.index()));
      }
      if (models.isJoinAll(recvType, name)) {
        return s.join(s.spawned());
      }
      if (models.isSerialContextAssertion(recvType, name) && !(recv instanceof AbsVal.Unknown)) {
        // It returns only in the executor's turn: what follows runs there, like under a lock.
        AbsVal turn = new AbsVal.OnLoop(serialContext(recvType, recv));
        acquiredSomewhere.add(heldLock(turn, false).lock());
        return s.acquire(heldLock(turn, false));
      }
      switch (models.lockOp(recvType, name)) {
        case ACQUIRE:
          acquiredSomewhere.add(heldLock(recv, false).lock());
          return s.acquire(heldLock(recv, false));
        case STAMP_WRITE:
        case STAMP_READ:
          acquiredSomewhere.add(recv);
          return s.acquire(new HeldLock(recv, models.lockOp(recvType, name) == LockOp.STAMP_READ));
        case RELEASE:
          releasedSomewhere.add(heldLock(recv, false).lock());
          return s.release(heldLock(recv, false).lock());
        case STAMP_RELEASE:
          releasedSomewhere.add(recv);
          return s.release(recv);
        default:
          return applySummary(n, c, s);
      }
    }

    @Override
    protected FlowState onEdge(Node from, Node.Edge edge, FlowState out) {
      if (from.kind() != Node.Kind.BRANCH || from.expr() == null
          || (edge.kind() != Node.EdgeKind.TRUE && edge.kind() != Node.EdgeKind.FALSE)) {
        return out;
      }
      return refine(from.expr(), edge.kind() == Node.EdgeKind.TRUE, out, from);
    }

    /**
     * What is known when {@code cond} evaluated to {@code truth}: a successful {@code tryLock()}
     * holds its lock. {@code a && b} true means both are true, {@code a || b} false means both
     * are false; a boolean local holding a tryLock result counts like the call.
     */
    private FlowState refine(Expr cond, boolean truth, FlowState s, Node at) {
      if (cond instanceof Expr.Unary u && u.op().equals("!")) {
        return refine(u.operand(), !truth, s, at);
      }
      if (cond instanceof Expr.Binary b) {
        if ((b.op().equals("&&") && truth) || (b.op().equals("||") && !truth)) {
          return refine(b.right(), truth, refine(b.left(), truth, s, at), at);
        }
        return s;
      }
      if (!truth) {
        return s;
      }
      AbsVal v = valueOf(cond, s, at);
      if (v instanceof AbsVal.LockAttempt attempt) {
        acquiredSomewhere.add(heldLock(attempt.lock(), false).lock());
        return s.acquire(heldLock(attempt.lock(), false));
      }
      return s;
    }
  }

  /**
   * The lock a {@code @GuardedBy}/{@code @Holding} string names, in this body's frame: {@code
   * this}, {@code Type.class}, a field of the class ({@code lock}, {@code this.lock}), or null if
   * it names something else (a method call, another object's field).
   */
  private AbsVal namedLock(String text) {
    String owner = body.owner().id();
    if (text.equals("this")) {
      return new AbsVal.This(owner);
    }
    if (text.endsWith(".class")) {
      String type = text.substring(0, text.length() - 6);
      return type.equals(body.owner().simpleName()) ? new AbsVal.Static(owner) : null;
    }
    String name = text.startsWith("this.") ? text.substring(5) : text;
    if (!name.matches("[A-Za-z_$][A-Za-z0-9_$]*")) {
      return null;
    }
    dev.shareguard.core.ir.ClassDecl declaring = index.fieldOwner(owner, name);
    if (declaring == null) {
      return null;
    }
    dev.shareguard.core.ir.FieldDecl fd = index.field(owner, name);
    AbsVal base = fd.isStatic() ? new AbsVal.Static(declaring.id()) : new AbsVal.This(owner);
    Expr.FieldAccess access = new Expr.FieldAccess(dev.shareguard.core.ir.Pos.UNKNOWN, fd.type(),
        fd.isStatic() ? null : new Expr.ThisRef(dev.shareguard.core.ir.Pos.UNKNOWN,
            TypeRef.of(owner), owner, false), declaring.id(), name, fd.isStatic());
    AbsVal v = fieldValue(access, new FlowState(Map.of(), Set.of(), Set.of(), Set.of()), null);
    return v instanceof AbsVal.Unknown ? new AbsVal.Field(base, declaring.id(), name) : v;
  }

  /** A lock value as held: a read lock view is held read-only on its read/write lock. */
  private static HeldLock heldLock(AbsVal v, boolean readOnly) {
    if (v instanceof AbsVal.LockView lv) {
      return new HeldLock(lv.lock(), lv.read());
    }
    return new HeldLock(v, readOnly);
  }

  // ---- reading off the facts ----

  private Point point(Node n, FlowState s) {
    return new Point(n.pos(), s.locks(), s.spawned(), s.joined(), n.loops(), s.passed());
  }

  private void collect(
      Node n,
      FlowState s,
      List<RawAccess> accesses,
      List<RawCall> calls,
      List<RawRun> runs,
      Map<Integer, RawSpawn> spawns,
      Map<String, Map<String, AbsVal>> captures) {
    switch (n.kind()) {
      case ITER_START:
        Expr it = n.expr();
        AbsVal target = valueOf(it, s, n);
        if (target instanceof AbsVal.View v) {
          target = v.backing();
        }
        accesses.add(
            new RawAccess(target, AccessKind.READ, Slot.CONTENTS, "iteration", it,
                it.type().name(), point(n, s)));
        return;
      case EXPR:
        break;
      default:
        return;
    }
    Expr e = n.expr();
    Point p = point(n, s);
    if (e instanceof Expr.FieldAccess f) {
      accesses.add(new RawAccess(fieldValue(f, s, n), AccessKind.READ, Slot.CELL, "read", e,
          null, p));
    } else if (e instanceof Expr.ArrayAccess a) {
      accesses.add(new RawAccess(valueOf(a.array(), s, n), AccessKind.READ, Slot.CONTENTS,
          "element read", e, a.array().type().erasure(), p));
    } else if (e instanceof Expr.Assign a) {
      writeTarget(a.target(), e, s, n, p, accesses);
    } else if (e instanceof Expr.Unary u && u.writes()) {
      writeTarget(u.operand(), e, s, n, p, accesses);
    } else if (e instanceof Expr.Lambda l) {
      captures.put(l.id(), s.env());
    } else if (e instanceof Expr.New nw) {
      if (nw.anonymousClassId() != null) {
        captures.put(nw.anonymousClassId(), s.env());
      }
      if (models.isCopyConstructor(nw.type().name(), nw.args().size())) {
        for (Expr arg : nw.args()) {
          containerArgRead(arg, e, "copy", s, n, p, accesses);
        }
      }
      collectSpawn(e, nw.args(), null, s, n, p, spawns);
      if (index.isProjectClass(nw.type().name()) && nw.anonymousClassId() == null) {
        List<AbsVal> args = new ArrayList<>();
        nw.args().forEach(a -> args.add(valueOf(a, s, n)));
        calls.add(new RawCall(null, nw.constructor(), valueOf(nw, s, n), args, p));
      }
    } else if (e instanceof Expr.Call c) {
      collectCall(n, c, s, p, accesses, calls, runs, spawns);
    }
  }

  private void writeTarget(
      Expr target, Expr e, FlowState s, Node n, Point p, List<RawAccess> accesses) {
    if (target instanceof Expr.FieldAccess f) {
      accesses.add(new RawAccess(fieldValue(f, s, n), AccessKind.WRITE, Slot.CELL, "write", e,
          null, p));
    } else if (target instanceof Expr.ArrayAccess a) {
      accesses.add(new RawAccess(valueOf(a.array(), s, n), AccessKind.WRITE, Slot.CONTENTS,
          "element write", e, a.array().type().erasure(), p));
    }
  }

  private void containerArgRead(
      Expr arg, Expr e, String what, FlowState s, Node n, Point p, List<RawAccess> accesses) {
    String t = arg.type().name();
    if (models.isContainer(t)) {
      AbsVal v = valueOf(arg, s, n);
      if (v instanceof AbsVal.View view) {
        v = view.backing();
      }
      accesses.add(new RawAccess(v, AccessKind.READ, Slot.CONTENTS, what, e, t, p));
    }
  }

  private void collectCall(
      Node n,
      Expr.Call c,
      FlowState s,
      Point p,
      List<RawAccess> accesses,
      List<RawCall> calls,
      List<RawRun> runs,
      Map<Integer, RawSpawn> spawns) {
    String name = c.target().name();
    boolean isSpawn = spawnIndex.containsKey(c);
    if (isSpawn) {
      collectSpawn(c, c.args(), c.receiver() == null ? null
              : serialContext(c.receiver().type().name(), valueOf(c.receiver(), s, n)), s, n,
          p, spawns);
    }
    if (c.receiver() == null) {
      String owner = c.target().owner();
      if (owner != null && models.writesFirstArgument(owner, name) && !c.args().isEmpty()) {
        Expr arg = c.args().get(0);
        accesses.add(new RawAccess(valueOf(arg, s, n), AccessKind.WRITE, Slot.CONTENTS,
            owner.substring(owner.lastIndexOf('.') + 1) + "." + name, c, arg.type().erasure(), p));
      } else if (owner != null && models.readsContainerArguments(owner, name, true)) {
        for (Expr arg : c.args()) {
          containerArgRead(arg, c, "copy", s, n, p, accesses);
        }
      }
    } else {
      String recvType = c.receiver().type().name();
      AbsVal recv = valueOf(c.receiver(), s, n);
      Effect effect = models.containerEffect(recvType, name);
      if (effect == Effect.READ && (name.equals("get") || name.equals("getOrDefault"))
          && isAccessOrdered(recv)) {
        // An access-ordered LinkedHashMap moves the entry it reads to the end: get writes it.
        effect = Effect.WRITE;
      }
      if (recv instanceof AbsVal.View v) {
        // Reads and writes through a live view touch the backing container.
        Effect viewEffect =
            name.equals("remove") || name.equals("removeIf") || name.equals("clear")
                    || name.equals("retainAll") || name.equals("removeAll")
                ? Effect.WRITE
                : effect == Effect.NONE ? Effect.READ : effect;
        accesses.add(new RawAccess(v.backing(), viewEffect == Effect.WRITE
            ? AccessKind.WRITE : AccessKind.READ, Slot.CONTENTS, name, c, recvType, p));
      } else if (effect != Effect.NONE) {
        AbsVal stored =
            (name.equals("put") || name.equals("putIfAbsent")) && c.args().size() == 2
                ? valueOf(c.args().get(1), s, n)
                : null;
        accesses.add(new RawAccess(recv,
            effect == Effect.WRITE ? AccessKind.WRITE : AccessKind.READ, Slot.CONTENTS, name, c,
            recvType, p, stored));
      }
      if (models.isContainer(recvType) && models.readsContainerArguments(null, name, false)) {
        for (Expr arg : c.args()) {
          containerArgRead(arg, c, name, s, n, p, accesses);
        }
      }
      if (RUN_METHODS.contains(name) && isCode(recv)) {
        runs.add(new RawRun(recv, p));
      }
    }
    if (!isSpawn) {
      boolean project = isProjectCall(c);
      List<AbsVal> args = new ArrayList<>();
      for (Expr a : c.args()) {
        AbsVal v = valueOf(a, s, n);
        args.add(v);
        // Code handed to a library call runs on the caller's thread (forEach, compute, sort…).
        if (!project && isCode(v)) {
          runs.add(new RawRun(v, p));
        }
      }
      if (project) {
        AbsVal recv = c.receiver() == null ? null : valueOf(c.receiver(), s, n);
        calls.add(new RawCall(c, c.target(), recv, args, p));
      }
    }
  }

  private boolean isAccessOrdered(AbsVal v) {
    if (v instanceof AbsVal.Alloc a) {
      return a.accessOrdered();
    }
    return v instanceof AbsVal.Field f && fieldFacts.of(f.owner(), f.field()).accessOrdered();
  }

  private boolean isProjectCall(Expr.Call c) {
    if (index.isProjectClass(c.target().owner())) {
      return true;
    }
    if (c.target().name().equals("start") && c.args().isEmpty() && c.receiver() != null
        && isAnalysedThreadClass(c.receiver().type().name())) {
      // Thread.start() on an object of an analysed Thread subclass: kept, so that the walk
      // orders what comes before it ahead of that thread.
      return true;
    }
    return c.receiver() instanceof Expr.ThisRef t && index.isProjectClass(t.classId());
  }

  private static boolean isCode(AbsVal v) {
    return v instanceof AbsVal.Closure || v instanceof AbsVal.Anon
        || v instanceof AbsVal.MethodRefVal;
  }

  /**
   * The identity of serial executor {@code value} of static type {@code type}: its value, or for
   * an executor one of which serves a whole connection, that type, the same wherever it is held
   * (see {@code LibraryModels.isConnectionWideSerialExecutor}).
   */
  private AbsVal serialContext(String type, AbsVal value) {
    return models.isConnectionWideSerialExecutor(type) ? new AbsVal.Static(type) : value;
  }

  private void collectSpawn(
      Expr e, List<Expr> args, AbsVal executor, FlowState s, Node n, Point p,
      Map<Integer, RawSpawn> spawns) {
    Integer idx = spawnIndex.get(e);
    if (idx == null) {
      return;
    }
    Integer parallel = parallelStreamSpawns.get(e);
    if (parallel != null) {
      for (Expr a : args) {
        AbsVal v = valueOf(a, s, n);
        if (isCode(v)) {
          SpawnModel m = new SpawnModel(0, false, true, false, "parallel stream",
              LibraryModels.Runner.POOL);
          // Keyed by index: a node reached twice (finally copies) keeps its first record.
          spawns.putIfAbsent(idx, new RawSpawn(idx, v, null, m, true, p, false));
        }
      }
      return;
    }
    SpawnModel m = spawnModels.get(e);
    boolean loop = e instanceof Expr.Call ec && ec.receiver() != null
        && models.isEventExecutor(ec.receiver().type().name());
    if (m.taskArg() == RECEIVER && e instanceof Expr.Call call) {
      spawns.putIfAbsent(idx, new RawSpawn(idx, valueOf(call.receiver(), s, n), null, m, false, p,
          false));
    } else if (m.taskArg() == SELF && e instanceof Expr.New nw) {
      AbsVal self = nw.anonymousClassId() != null
          ? new AbsVal.Anon(nw.anonymousClassId(), body.id(), site(nw))
          : alloc(nw, nw.type(), n, false);
      spawns.putIfAbsent(idx, new RawSpawn(idx, self, executor, m, false, p, loop));
    } else if (m.taskArg() >= 0 && m.taskArg() < args.size()) {
      AbsVal task = valueOf(args.get(m.taskArg()), s, n);
      spawns.putIfAbsent(idx, new RawSpawn(idx, task, executor, m, false, p, loop));
    }
  }
}
