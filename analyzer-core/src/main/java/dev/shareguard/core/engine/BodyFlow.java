package dev.shareguard.core.engine;

import dev.shareguard.core.cfg.Node;
import dev.shareguard.core.dataflow.ForwardAnalysis;
import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.Stmt;
import dev.shareguard.core.model.LibraryModels;
import dev.shareguard.core.model.LibraryModels.LockOp;
import dev.shareguard.core.model.LibraryModels.SpawnModel;
import java.util.Set;

/**
 * The transfer functions of a body's dataflow over {@link FlowState}: locals bound to values,
 * locks taken and let go (also by helpers, through their {@link LockSummaries}), tasks started and
 * joined, and what a branch condition makes known (a successful {@code tryLock()}).
 */
final class BodyFlow extends ForwardAnalysis<FlowState> {
  private final BodyAnalyzer ba;

  BodyFlow(BodyAnalyzer ba) {
    this.ba = ba;
  }

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
            v.name(), v.init() == null ? AbsVal.UNKNOWN
                : isFalse(v.init()) ? AbsVal.FALSE : ba.values.valueOf(v.init(), s, n));
      case ITER_NEXT:
        Stmt.ForEach fe = (Stmt.ForEach) n.stmt();
        AbsVal it = ba.values.valueOf(fe.iterable(), s, n);
        AbsVal base = it instanceof AbsVal.View v2 ? v2.backing() : it;
        return s.withLocal(
            fe.var(), base instanceof AbsVal.Unknown ? AbsVal.UNKNOWN : new AbsVal.Elem(base));
      case MONITOR_ENTER:
        return s.acquire(new HeldLock(ba.values.valueOf(n.expr(), s, n), false));
      case MONITOR_EXIT:
        return s.release(ba.values.valueOf(n.expr(), s, n));
      case EXPR:
        return transferExpr(n, n.expr(), s);
      default:
        return s;
    }
  }

  private FlowState transferExpr(Node n, Expr e, FlowState s) {
    if (e instanceof Expr.Assign a) {
      AbsVal value = ba.values.valueOf(a.value(), s, n);
      if (a.target() instanceof Expr.LocalRef l) {
        HeldLock only = s.locks().size() == 1 ? s.locks().iterator().next() : null;
        if (a.op().equals("=") && a.value() instanceof Expr.Literal lit && lit.text().equals("true")
            && only != null && !only.readOnly() && !only.isLoopMarker()) {
          // A flag set while the one lock is held says "the lock is held" (one branch took it
          // outright, another tried): where the flag is true, the lock is held.
          value = new AbsVal.LockAttempt(only.lock());
        }
        return s.withLocal(l.name(), !a.op().equals("=") ? AbsVal.UNKNOWN
            : isFalse(a.value()) ? AbsVal.FALSE : value);
      }
      if (a.target() instanceof Expr.FieldAccess f) {
        AbsVal path = ba.values.fieldValue(f, s, n);
        if (path instanceof AbsVal.Unknown) {
          return s;
        }
        FlowState out = s;
        OnceGates.Win win = ba.gateWins.get(a);
        if (win != null && holdsAnExclusiveLock(s)) {
          // The caller that finds the flag unset and sets it under the lock is the only one past
          // this point: held like a won compareAndSet's gate, orders nothing else.
          AbsVal gate = new AbsVal.OnLoop(new AbsVal.OnceGate(path, win.from(), win.to()));
          ba.acquiredSomewhere.add(BodyAnalyzer.heldLock(gate, false).lock());
          out = out.acquire(BodyAnalyzer.heldLock(gate, false));
        }
        if (holdsAnExclusiveLock(s)) {
          // A local read from the field before this store holds the old object, detached under
          // the lock: writers holding it ran before the swap or change the new object after it,
          // so the local's object is this thread's own from here.
          out = out.rebind(path, AbsVal.UNKNOWN);
        }
        return value instanceof AbsVal.Alloc ? out.rebind(value, path) : out;
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

  /**
   * A store that sets a once-gate's flag back to where the gate starts ({@code running.set(false)}
   * for a gate won by {@code compareAndSet(false, true)}), while the gate is held: the gate is let
   * go (see {@link HandedGates}); null when the call is no such store.
   */
  private static FlowState releaseHandedGate(Expr.Call c, AbsVal recv, FlowState s) {
    if (!(recv instanceof AbsVal.Field) || c.args().isEmpty()
        || !(c.args().get(c.args().size() - 1) instanceof Expr.Literal back)) {
      return null;
    }
    for (HeldLock h : s.locks()) {
      if (h.lock() instanceof AbsVal.OnLoop loop && loop.loop() instanceof AbsVal.OnceGate g
          && g.flag().equals(recv) && g.from().equals(back.text())) {
        return s.release(h.lock());
      }
    }
    return null;
  }

  /** The literal {@code false}: a flag local given it is known false (see FlowState#joinValue). */
  private static boolean isFalse(Expr e) {
    return e instanceof Expr.Literal l && l.text().equals("false");
  }

  private static boolean holdsAnExclusiveLock(FlowState s) {
    for (HeldLock l : s.locks()) {
      if (!l.readOnly() && !l.isLoopMarker()) {
        return true;
      }
    }
    return false;
  }

  private FlowState transferCall(Node n, Expr.Call c, FlowState s) {
    Integer spawn = ba.spawnIndex.get(c);
    if (spawn != null) {
      SpawnModel m = ba.spawnModels.get(c);
      FlowState out = m != null && m.deferredUntilStart() ? s : s.spawn(spawn);
      if (m != null && m.taskArg() == BodyAnalyzer.RECEIVER) {
        // After task.fork(), the task object is the handle that join() waits on.
        out = out.rebind(ba.values.valueOf(c.receiver(), s, n), new AbsVal.Handle(spawn));
      }
      if (m == null || m.joinedAtOnce()) {
        out = out.join(Set.of(spawn));
      }
      return out;
    }
    if (c.receiver() == null) {
      return ba.lockSummaries.applySummary(n, c, s);
    }
    String recvType = c.receiver().type().name();
    String name = c.target().name();
    AbsVal recv = ba.values.valueOf(c.receiver(), s, n);
    int published = LibraryModels.publishedArgument(name, c.args().size());
    if (published >= 0 && ba.models.isPublishingHolder(recvType)
        && !(recv instanceof AbsVal.Unknown)) {
      // After ref.set(list), list is the published object: later changes through the local
      // change what other threads read.
      AbsVal value = ba.values.valueOf(c.args().get(published), s, n);
      if (value instanceof AbsVal.Alloc) {
        return s.rebind(value, new AbsVal.Elem(recv));
      }
      return s;
    }
    if (name.equals("put") && c.args().size() == 2 && recv instanceof AbsVal.Field map
        && ba.fieldFacts.isThreadSafeMap(map.owner(), map.field())) {
      // After map.put(k, fresh), the fresh object is a value of the shared map: a change
      // through the local changes what other threads get from the map.
      AbsVal value = ba.values.valueOf(c.args().get(1), s, n);
      return value instanceof AbsVal.Alloc ? s.rebind(value, new AbsVal.Elem(recv)) : s;
    }
    if (name.equals("start") && recv instanceof AbsVal.Handle h) {
      return s.spawn(h.index());
    }
    if (recv instanceof AbsVal.Handle h
        && (ba.models.isJoin(recvType, name) || name.equals("join") || name.equals("get"))) {
      return s.join(Set.of(h.index()));
    }
    if (ba.models.isJoinAll(recvType, name)
        || ba.fieldFacts.executorWaits.waitsForAll(c, recvType)) {
      return s.join(s.spawned());
    }
    if (ba.models.isSerialContextAssertion(recvType, name) && !(recv instanceof AbsVal.Unknown)) {
      // It returns only in the executor's turn: what follows runs there, like under a lock.
      AbsVal turn = new AbsVal.OnLoop(ba.serialContext(recvType, recv));
      ba.acquiredSomewhere.add(BodyAnalyzer.heldLock(turn, false).lock());
      return s.acquire(BodyAnalyzer.heldLock(turn, false));
    }
    FlowState handedBack = releaseHandedGate(c, recv, s);
    if (handedBack != null) {
      return handedBack;
    }
    switch (ba.models.lockOp(recvType, name)) {
      case ACQUIRE:
        ba.acquiredSomewhere.add(BodyAnalyzer.heldLock(recv, false).lock());
        return s.acquire(BodyAnalyzer.heldLock(recv, false));
      case STAMP_WRITE:
      case STAMP_READ:
        ba.acquiredSomewhere.add(recv);
        return s.acquire(new HeldLock(recv, ba.models.lockOp(recvType, name) == LockOp.STAMP_READ));
      case RELEASE:
        ba.releasedSomewhere.add(BodyAnalyzer.heldLock(recv, false).lock());
        return s.release(BodyAnalyzer.heldLock(recv, false).lock());
      case STAMP_RELEASE:
        ba.releasedSomewhere.add(recv);
        return s.release(recv);
      default:
        return ba.lockSummaries.applySummary(n, c, s);
    }
  }

  @Override
  protected FlowState onEdge(Node from, Node.Edge edge, FlowState before, FlowState out) {
    if (edge.kind() == Node.EdgeKind.EXCEPTION && from.expr() instanceof Expr.Call c
        && c.receiver() != null) {
      String recvType = c.receiver().type().name();
      String name = c.target().name();
      if (ba.models.lockCallCompletesNormally(recvType, name, c.args().size())) {
        // try { lock.lock(); } finally { … }: taking the lock throws nothing, so a finally
        // block after it is reached only holding it, not on a path where taking it failed.
        return null;
      }
      if (ba.models.lockOp(recvType, name) != LockOp.NONE) {
        // lockInterruptibly() that throws has not taken the lock: what the handler sees is
        // what was held before the call.
        return before;
      }
    }
    return onEdge(from, edge, out);
  }

  @Override
  protected FlowState onEdge(Node from, Node.Edge edge, FlowState out) {
    if (from.kind() != Node.Kind.BRANCH || from.expr() == null
        || (edge.kind() != Node.EdgeKind.TRUE && edge.kind() != Node.EdgeKind.FALSE)) {
      return out;
    }
    boolean truth = edge.kind() == Node.EdgeKind.TRUE;
    if (falseAfterClassInit(from.expr(), truth) || nullOnlyWhileBuilt(from.expr(), truth)) {
      // if (!initialized) initialize(); with a flag the class's initialization sets, or
      // if (f == null) f = …; on a field building fills: the branch is taken only while the
      // class or object is built, never beside other threads.
      return null;
    }
    Boolean constant = ba.fieldFacts.constants.valueOf(from.expr());
    if (constant != null && constant != truth) {
      // if (DEBUG) … with a constant false: the branch is never taken (ConstantConditions).
      return null;
    }
    return refine(from.expr(), truth, out, from);
  }

  /**
   * Whether {@code cond} evaluating to {@code truth} needs a flag that its class's initialization
   * sets to be false ({@link ClassInitFlags}): {@code initialized} false, {@code !initialized}
   * true, either side of such an {@code &&} that must hold.
   */
  private boolean falseAfterClassInit(Expr cond, boolean truth) {
    if (cond instanceof Expr.Unary u && u.op().equals("!")) {
      return falseAfterClassInit(u.operand(), !truth);
    }
    if (cond instanceof Expr.Binary b && (b.op().equals("&&") && truth
        || b.op().equals("||") && !truth)) {
      return falseAfterClassInit(b.left(), truth) || falseAfterClassInit(b.right(), truth);
    }
    return !truth && cond instanceof Expr.FieldAccess f
        && ba.fieldFacts.classInitFlags.trueAfterClassInit(f);
  }

  /**
   * Whether {@code cond} evaluating to {@code truth} needs a field that building its owner fills
   * ({@link FilledWhenBuilt}) to be {@code null}: {@code f == null} true, {@code f != null} false.
   */
  private boolean nullOnlyWhileBuilt(Expr cond, boolean truth) {
    Expr tested = IrWalker.nullCompared(cond, truth ? "==" : "!=");
    return tested instanceof Expr.FieldAccess f
        && ba.fieldFacts.filledWhenBuilt.nonNullOnceBuilt(f, ba.body);
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
    AbsVal v = ba.values.valueOf(cond, s, at);
    if (v instanceof AbsVal.LockAttempt attempt) {
      ba.acquiredSomewhere.add(BodyAnalyzer.heldLock(attempt.lock(), false).lock());
      return s.acquire(BodyAnalyzer.heldLock(attempt.lock(), false));
    }
    return s;
  }
}
