package dev.shareguard.core.engine;

import dev.shareguard.core.cfg.Cfg;
import dev.shareguard.core.cfg.CfgBuilder;
import dev.shareguard.core.cfg.Node;
import dev.shareguard.core.engine.BodyResult.RawAccess;
import dev.shareguard.core.engine.BodyResult.RawCall;
import dev.shareguard.core.engine.BodyResult.RawRun;
import dev.shareguard.core.engine.BodyResult.RawSpawn;
import dev.shareguard.core.ir.Annotation;
import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.Param;
import dev.shareguard.core.ir.Stmt;
import dev.shareguard.core.ir.TypeRef;
import dev.shareguard.core.model.LibraryModels;
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
 *
 * <p>This class holds one body's analysis state, numbers its task starts and runs the parts:
 * {@link BodyValues} (what expressions evaluate to), {@link BodyFlow} (the transfer functions),
 * {@link LockSummaries} (helpers' locks in this frame) and {@link BodyCollector} (reading off the
 * facts).
 */
public final class BodyAnalyzer {
  final ProgramIndex index;

  final LibraryModels models;

  final FieldFacts fieldFacts;

  final ProgramIndex.Body body;

  final Set<String> params = new HashSet<>();

  final Map<Expr, Integer> spawnIndex = new IdentityHashMap<>();

  final Map<Expr, SpawnModel> spawnModels = new IdentityHashMap<>();

  final Map<Expr, Integer> parallelStreamSpawns = new IdentityHashMap<>();

  /**
   * The stores that win a once-gate kept by a lock ({@link OnceGates}): from each on, the code
   * runs once, like the code after a won {@code compareAndSet}.
   */
  Map<Expr, OnceGates.Win> gateWins = Map.of();

  /**
   * How deep in helper calls this body is analysed: 0 for a body analysed for itself, n for the
   * lock summary of a helper n calls down. Summaries stop at {@link #MAX_SUMMARY_DEPTH}, which
   * also ends recursion.
   */
  final int summaryDepth;

  /** Locks this body releases somewhere (its own frame), for its own summary. */
  final Set<AbsVal> releasedSomewhere = new HashSet<>();

  /** Locks this body acquires somewhere (its own frame), for its own summary. */
  final Set<AbsVal> acquiredSomewhere = new HashSet<>();

  final BodyValues values = new BodyValues(this);
  final LockSummaries lockSummaries = new LockSummaries(this);
  final BodyCollector collector = new BodyCollector(this);

  BodyAnalyzer(
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

  BodyResult run() {
    Cfg cfg = CfgBuilder.build(body.block(), fieldFacts.lockGuards.asPredicate());
    findSpawnSites(cfg);
    gateWins = OnceGates.wins(body.block(), index, body.lambda() == null ? body.method() : null,
        fieldFacts.reopenedGates);
    FlowState initial = initialState();
    Map<Node, FlowState> in = new BodyFlow(this).run(cfg, initial);
    List<RawAccess> accesses = new ArrayList<>();
    List<RawCall> calls = new ArrayList<>();
    List<RawRun> runs = new ArrayList<>();
    Map<Integer, RawSpawn> spawns = new LinkedHashMap<>();
    Map<String, Map<String, AbsVal>> captures = new LinkedHashMap<>();
    for (Node n : cfg.reversePostOrder()) {
      FlowState s = in.get(n);
      if (s != null) {
        collector.collect(n, s, accesses, calls, runs, spawns, captures);
      }
    }
    List<RawSpawn> spawnList = new ArrayList<>(spawns.values());
    FlowState end = in.get(cfg.exit());
    // Every task it may start waited for at its end (a thread object it returns unstarted, its
    // start deferred to the caller, is never waited for here, so it does not count).
    boolean endsItsTasks = end != null && !spawnList.isEmpty()
        && spawnList.stream().allMatch(sp -> end.joined().contains(sp.index()));
    return new BodyResult(body.id(), accesses, calls, runs, spawnList, captures, endsItsTasks);
  }

  FlowState initialState() {
    Map<String, AbsVal> env = new HashMap<>();
    List<Param> ps = body.isLambda() ? body.lambda().params() : body.method().params();
    for (Param p : ps) {
      params.add(p.name());
      env.put(p.name(), body.isLambda() ? AbsVal.UNKNOWN : new AbsVal.Param(p.name()));
    }
    Set<HeldLock> locks = new HashSet<>();
    if (!body.isLambda() && body.method().isSynchronized()) {
      // The monitor is held whatever the reason for the modifier. (A stream's synchronized
      // mark/reset copy the JDK's: they are held, but no vote for how the class guards its state,
      // see ConflictFinder#votesLocked.)
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
      locks.addAll(assertedHeld());
      for (AbsVal gate : fieldFacts.handedGates.heldOnEntry(body.owner(), body.method())) {
        // A serial runner: every run is handed a won once-gate and lets it go itself.
        locks.add(heldLock(gate, false));
      }
    }
    return new FlowState(env, locks, Set.of(), Set.of());
  }

  /**
   * The locks a method asserts its caller holds, in the {@code assert Thread.holdsLock(x);}
   * statements it begins with: its contract, as {@code @Holding} would state it, so the body runs
   * with them held (a protected helper every caller reaches under the object's monitor).
   */
  private Set<HeldLock> assertedHeld() {
    Set<HeldLock> out = new HashSet<>();
    if (body.block() == null) {
      return out;
    }
    for (Stmt st : body.block().stmts()) {
      if (!(st instanceof Stmt.Assert a) || !(a.cond() instanceof Expr.Call c)
          || !c.target().name().equals("holdsLock") || c.args().size() != 1
          || !"java.lang.Thread".equals(c.target().owner())) {
        break;
      }
      Expr x = c.args().get(0);
      AbsVal v = x instanceof Expr.ThisRef t ? new AbsVal.This(t.classId())
          : x instanceof Expr.FieldAccess f && (f.isStatic() || f.receiver() == null
              || f.receiver() instanceof Expr.ThisRef) ? namedLock(f.name())
          : x instanceof Expr.ClassLiteral k && k.of() != null
              && body.owner().id().equals(k.of().erasure()) ? new AbsVal.Static(body.owner().id())
          : null;
      if (v != null) {
        out.add(heldLock(v, false));
      }
    }
    return out;
  }

  // ---- spawn sites: numbered before the dataflow so values can name them ----

  void findSpawnSites(Cfg cfg) {
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
  static final int SELF = -1;

  /** A spawn model's task argument meaning "the receiver of the call". */
  static final int RECEIVER = -2;

  boolean isFork(Expr.Call c) {
    return c.target().name().equals("fork") && c.args().isEmpty() && c.receiver() != null
        && models.types().isSubtype(c.receiver().type().name(), "java.util.concurrent.ForkJoinTask");
  }

  boolean createsThreadSubclass(Expr.New nw) {
    String id = nw.anonymousClassId() != null ? nw.anonymousClassId() : nw.type().name();
    return isAnalysedThreadClass(id) && !models.isThreadConstructor(id) && index.mayStart(id);
  }

  /** Whether {@code id} is an analysed class extending {@code Thread}. */
  boolean isAnalysedThreadClass(String id) {
    return index.isProjectClass(id) && models.isThreadSubclass(id);
  }

  static int threadTaskArg(Expr.New nw) {
    Expr first = nw.args().get(0);
    return "java.lang.ThreadGroup".equals(first.type().name()) && nw.args().size() > 1 ? 1 : 0;
  }

  SpawnModel spawnModelOf(Expr.Call c) {
    String recvType = c.receiver() == null ? null : models.staticType(c.receiver());
    String owner = c.target().owner();
    return models.spawnModel(recvType, owner, c.target().name(), c.receiver() == null);
  }

  /** A stream operation on a stream made parallel somewhere up its receiver chain. */
  boolean isParallelStreamOp(Expr.Call c) {
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

  /**
   * The lock a {@code @GuardedBy}/{@code @Holding} string names, in this body's frame: {@code
   * this}, {@code Type.class}, a field of the class ({@code lock}, {@code this.lock}), or null if
   * it names something else (a method call, another object's field).
   */
  AbsVal namedLock(String text) {
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
    AbsVal v =
        values.fieldValue(access, new FlowState(Map.of(), Set.of(), Set.of(), Set.of()), null);
    return v instanceof AbsVal.Unknown ? new AbsVal.Field(base, declaring.id(), name) : v;
  }

  /** A lock value as held: a read lock view is held read-only on its read/write lock. */
  static HeldLock heldLock(AbsVal v, boolean readOnly) {
    if (v instanceof AbsVal.LockView lv) {
      return new HeldLock(lv.lock(), lv.read());
    }
    return new HeldLock(v, readOnly);
  }

  /**
   * The identity of serial executor {@code value} of static type {@code type}: its value, or for
   * an executor one of which serves a whole connection, that type, the same wherever it is held
   * (see {@code LibraryModels.isConnectionWideSerialExecutor}).
   */
  AbsVal serialContext(String type, AbsVal value) {
    return models.isConnectionWideSerialExecutor(type) ? new AbsVal.Static(type) : value;
  }
}
