package dev.shareguard.core.engine;

import dev.shareguard.core.cfg.Cfg;
import dev.shareguard.core.cfg.CfgBuilder;
import dev.shareguard.core.cfg.Node;
import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.MethodDecl;
import dev.shareguard.core.ir.Param;
import dev.shareguard.core.ir.Stmt;
import dev.shareguard.core.model.LibraryModels.LockOp;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lock summaries of the helpers a body calls: what a statically bound analysed method does to
 * locks in its own frame ({@link LockSummary}), worked out by analysing it (two helpers deep),
 * and applied at each call in the caller's frame.
 */
final class LockSummaries {
  private final BodyAnalyzer ba;

  LockSummaries(BodyAnalyzer ba) {
    this.ba = ba;
  }

  /** Helper calls whose lock summary is worked out: a helper calling a helper that locks. */
  static final int MAX_SUMMARY_DEPTH = 2;

  /** Lock summaries of the helpers this body calls: the dataflow visits a call many times. */
  final Map<MethodDecl, LockSummary> summaries = new IdentityHashMap<>();

  /**
   * The lock summaries of one run's helpers, by helper and by the summary depth of the body that
   * calls it, shared by every body analysis of the run. A helper's summary depends only on the
   * helper, that depth and the program ({@link #summaryOf} analyses it afresh, at that depth plus
   * one), not on which body calls it; a helper taking a lock is called by many bodies (a class's
   * {@code lock()} wrapper, by each of its methods), and each analysed it again (bench/RESULTS.md,
   * session 18, has the counts). Bounded by the program's methods times {@link
   * #MAX_SUMMARY_DEPTH}, and dropped with the run's {@link FieldFacts}. Body results may be
   * worked out on several threads ({@link BodyResults#computeAhead}): the maps are synchronized,
   * and a summary two threads work out at once is the same value, whichever is kept.
   */
  static final class Shared {
    private final List<Map<MethodDecl, LockSummary>> byDepth = new java.util.ArrayList<>();

    Shared() {
      for (int d = 0; d < MAX_SUMMARY_DEPTH; d++) {
        byDepth.add(java.util.Collections.synchronizedMap(new IdentityHashMap<>()));
      }
    }

    /**
     * The summary of {@code m} called from a body at summary depth {@code depth}, worked out by
     * {@code of} once per run.
     */
    LockSummary get(MethodDecl m, int depth,
        java.util.function.Function<MethodDecl, LockSummary> of) {
      if (depth >= byDepth.size()) {
        // Past the depth summaries stop at: nothing worked out, nothing to keep.
        return of.apply(m);
      }
      Map<MethodDecl, LockSummary> known = byDepth.get(depth);
      LockSummary s = known.get(m);
      if (s == null) {
        // Not computeIfAbsent: working it out asks for deeper helpers' summaries, and holding the
        // map's lock meanwhile would make helper threads wait on each other.
        s = of.apply(m);
        LockSummary first = known.putIfAbsent(m, s);
        s = first == null ? s : first;
      }
      return s;
    }
  }

  /**
   * What a method does to locks, in its own frame ({@code this} of its class, its parameters,
   * statics): {@code acquired} are held on every normal exit and were not held at entry; {@code
   * released} are unlocked somewhere, never locked in the body itself, and not held at exit (an
   * {@code unlock()} helper). A body that both locks and unlocks a lock (a balanced critical
   * section) releases nothing its caller holds, as the lock is reentrant.
   */
  record LockSummary(Set<HeldLock> acquired, Set<AbsVal> released, Set<AbsVal> passed) {
    static final LockSummary NONE = new LockSummary(Set.of(), Set.of(), Set.of());

    boolean isEmpty() {
      return acquired.isEmpty() && released.isEmpty() && passed.isEmpty();
    }
  }

  LockSummary summarize() {
    Cfg cfg = CfgBuilder.build(ba.body.block(), ba.fieldFacts.lockGuards.asPredicate());
    ba.findSpawnSites(cfg);
    FlowState initial = ba.initialState();
    FlowState exit = new BodyFlow(ba).run(cfg, initial).get(cfg.exit());
    if (exit == null) {
      // Never returns normally: nothing holds after it.
      return LockSummary.NONE;
    }
    Set<HeldLock> acquired = new HashSet<>(exit.locks());
    acquired.removeAll(initial.locks());
    Set<AbsVal> released = new HashSet<>(ba.releasedSomewhere);
    released.removeAll(ba.acquiredSomewhere);
    exit.locks().forEach(h -> released.remove(h.lock()));
    Set<AbsVal> passed = new HashSet<>(exit.passed());
    AbsVal monitor = monitorOf(ba.body);
    if (monitor != null) {
      passed.add(monitor);
    }
    return acquired.isEmpty() && released.isEmpty() && passed.isEmpty()
        ? LockSummary.NONE
        : new LockSummary(Set.copyOf(acquired), Set.copyOf(released), Set.copyOf(passed));
  }

  /** The monitor a synchronized method holds while it runs, in its own frame, or null. */
  static AbsVal monitorOf(ProgramIndex.Body b) {
    if (b.isLambda() || !b.method().isSynchronized()) {
      return null;
    }
    return b.method().isStatic()
        ? new AbsVal.Static(b.owner().id())
        : new AbsVal.This(b.owner().id());
  }

  /** The lock summary of helper {@code m}, or NONE when it has no lock operation of its own. */
  LockSummary summaryOf(MethodDecl m) {
    if (ba.summaryDepth >= MAX_SUMMARY_DEPTH) {
      return LockSummary.NONE;
    }
    ProgramIndex.Body b = ba.index.body(ba.index.bodyIdOf(m));
    if (b == null) {
      return LockSummary.NONE;
    }
    if (!locksHere(b.block(), ba.summaryDepth + 1)) {
      // A synchronized helper with no lock operation of its own: it takes and lets go of its
      // monitor, which orders the caller's later reads after what was published under it.
      AbsVal monitor = monitorOf(b);
      return monitor == null
          ? LockSummary.NONE
          : new LockSummary(Set.of(), Set.of(), Set.of(monitor));
    }
    return new BodyAnalyzer(ba.index, ba.models, ba.fieldFacts, b, ba.summaryDepth + 1)
        .lockSummaries.summarize();
  }

  /**
   * Whether {@code block}, a helper's body analysed at summary depth {@code depth}, has a lock
   * operation of its own or calls a helper whose summary would be worked out and that has one
   * (a {@code lock(l)} helper handing the lock to a {@code lock(l, timeout)} helper that waits
   * for it).
   */
  private boolean locksHere(Stmt.Block block, int depth) {
    if (hasLockOperation(block)) {
      return true;
    }
    if (depth >= MAX_SUMMARY_DEPTH) {
      return false;
    }
    boolean[] found = {false};
    IrWalker.forEachExprOutsideLambdas(block, e -> {
      if (!found[0] && e instanceof Expr.Call c) {
        MethodDecl m = summaryTarget(c);
        found[0] = m != null && m.body() != null && locksHere(m.body(), depth + 1);
      }
    });
    return found[0];
  }

  /**
   * A cheap test before analysing a helper: most methods never touch a lock (nor ask whether they
   * run on an event loop, which the summary carries like a lock).
   */
  boolean hasLockOperation(Stmt.Block block) {
    boolean[] found = {false};
    IrWalker.forEachExpr(
        block,
        e -> {
          if (!found[0] && e instanceof Expr.Call c && c.receiver() != null) {
            LockOp op = ba.models.lockOp(c.receiver().type().name(), c.target().name());
            found[0] = op == LockOp.ACQUIRE || op == LockOp.TRY_ACQUIRE || op == LockOp.RELEASE
                || op == LockOp.STAMP_READ
                || op == LockOp.STAMP_WRITE || op == LockOp.STAMP_RELEASE
                || (c.target().name().equals("inEventLoop")
                    && ba.models.isEventExecutor(ba.models.staticType(c.receiver())))
                || ba.models.isSerialContextAssertion(
                    c.receiver().type().name(), c.target().name());
          }
        });
    return found[0];
  }

  /**
   * The helper a call surely runs, for its lock summary: an analysed method with a body, bound
   * statically (static, private or final, or with no analysed override), not a constructor.
   */
  MethodDecl summaryTarget(Expr.Call c) {
    if (!ba.collector.isProjectCall(c)) {
      return null;
    }
    String owner = c.target().owner();
    String name = c.target().name();
    int arity = c.target().arity();
    if (c.receiver() instanceof Expr.ThisRef t
        && ba.index.findMethod(t.classId(), name, arity, c.target().paramTypes()) != null) {
      owner = t.classId();
    }
    MethodDecl m = ba.index.findMethod(owner, name, arity, c.target().paramTypes());
    if (m == null || m.body() == null || m.isInitializer()
        || m.isStatic() != (c.receiver() == null)
        || !ba.index.overrides(m).isEmpty()) {
      return null;
    }
    return m;
  }

  /** The state after a call to analysed code: the helper's lock summary, in this frame. */
  FlowState applySummary(Node n, Expr.Call c, FlowState s) {
    MethodDecl m = summaryTarget(c);
    if (m == null) {
      return s;
    }
    LockSummary sum = summaries.computeIfAbsent(
        m, k -> ba.fieldFacts.lockSummaries.get(k, ba.summaryDepth, this::summaryOf));
    if (sum.isEmpty()) {
      return s;
    }
    dev.shareguard.core.ir.ClassDecl owner = ba.index.ownerOf(m);
    AbsVal recv = c.receiver() == null ? null : ba.values.valueOf(c.receiver(), s, n);
    Map<String, AbsVal> args = new HashMap<>();
    for (int i = 0; i < m.params().size() && i < c.args().size(); i++) {
      args.put(m.params().get(i).name(), ba.values.valueOf(c.args().get(i), s, n));
    }
    FlowState out = s;
    for (AbsVal r : sum.released()) {
      AbsVal v = inCallerFrame(r, owner == null ? null : owner.id(), recv, args);
      if (v != null) {
        out = out.release(v);
        ba.releasedSomewhere.add(v);
      }
    }
    for (HeldLock h : sum.acquired()) {
      AbsVal v = inCallerFrame(h.lock(), owner == null ? null : owner.id(), recv, args);
      if (v != null) {
        out = out.acquire(new HeldLock(v, h.readOnly()));
        ba.acquiredSomewhere.add(v);
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
  static AbsVal inCallerFrame(
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
}
