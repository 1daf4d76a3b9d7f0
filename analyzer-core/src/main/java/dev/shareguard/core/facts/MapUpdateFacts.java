package dev.shareguard.core.facts;

import dev.shareguard.core.engine.AbsVal;
import dev.shareguard.core.engine.AccessInstance;
import dev.shareguard.core.engine.BodyResult;
import dev.shareguard.core.engine.CheckThenAct;
import dev.shareguard.core.engine.HeldLock;
import dev.shareguard.core.engine.IrWalker;
import dev.shareguard.core.engine.ProgramIndex;
import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.IrPrinter;
import dev.shareguard.core.ir.MethodDecl;
import dev.shareguard.core.ir.Pos;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Check-then-act sequences on one map inside one body, as the map-update rules read them: the
 * checks ({@code get}, {@code containsKey}) on the same map and key that may decide an act
 * ({@code put}, {@code remove}), whether one lock spans both, and what the act does with its
 * value and result. Facts of the body in its own frame; whether another thread interleaves is
 * {@link AccessFacts}'.
 */
public final class MapUpdateFacts {
  /** A check of a check-then-act: a lookup of the act's key on the act's map before it. */
  public static final class Check {
    private final BodyResult.RawAccess raw;

    private Check(BodyResult.RawAccess raw) {
      this.raw = raw;
    }

    /** The checking call. */
    public Expr.Call call() {
      return (Expr.Call) raw.expr();
    }

    /** The lookup's name: {@code containsKey}, {@code get} or {@code getOrDefault}. */
    public String op() {
      return raw.what();
    }

    /** Where the check starts. */
    public Pos pos() {
      return raw.at().pos();
    }
  }

  private final Function<String, BodyResult> bodies;
  private final java.util.function.Predicate<Expr> livesOnOneLoop;

  private final ProgramIndex index;

  MapUpdateFacts(Function<String, BodyResult> bodies,
      java.util.function.Predicate<Expr> livesOnOneLoop, ProgramIndex index) {
    this.livesOnOneLoop = livesOnOneLoop;
    this.bodies = bodies;
    this.index = index;
  }

  /**
   * The checks on {@code act}'s map and key that run before it in its body ({@code call} is the
   * act's call), in source order, leaving out those that cannot decide it: a check in a block that
   * leaves the method before the act, and one on the other branch of an {@code if}; and all of
   * them when the act runs only for the winner of an atomic claim of the key ({@link
   * CheckThenAct#decidedByAClaim}).
   */
  public List<Check> checksBefore(AccessInstance act, Expr.Call call) {
    List<Check> out = new ArrayList<>();
    if (CheckThenAct.decidedByAClaim(act.body().block(), call)) {
      return out;
    }
    for (BodyResult.RawAccess c :
        CheckThenAct.precedingChecks(bodies.apply(act.body().id()), act.raw(), call)) {
      if (!CheckThenAct.leavesBeforeTheAct(act.body().block(), c.expr(), call)
          && !CheckThenAct.onExclusiveBranches(act.body().block(), c.expr(), call)) {
        out.add(new Check(c));
      }
    }
    return out;
  }

  /**
   * The check a finding is reported at: the last of {@code checks} in the act's own stretch of
   * code ({@link CheckThenAct#inTheActsBlock}), the look-up whose answer the act relies on; the
   * first check when none is.
   */
  public Check reportedCheck(AccessInstance act, Expr.Call call, List<Check> checks) {
    for (int i = checks.size() - 1; i >= 0; i--) {
      if (CheckThenAct.inTheActsBlock(act.body().block(), checks.get(i).call(), call)) {
        return checks.get(i);
      }
    }
    return checks.get(0);
  }

  /**
   * Whether {@code act} (whose call is {@code call}) is a {@code put} that runs only when {@code
   * check} found no entry ({@link CheckThenAct#onAbsence}): then only another insertion for the
   * key can come between and be lost.
   */
  public boolean putOnAbsence(AccessInstance act, Expr.Call call, Check check) {
    return act.op().equals("put")
        && CheckThenAct.onAbsence(act.body().block(), check.call(), call);
  }

  /** Whether one exclusive lock is held from the check to the act (here, or by every caller). */
  public boolean oneLockSpans(Check check, AccessInstance act) {
    if (sharesAnExclusiveLock(check.raw.at(), act)) {
      return true;
    }
    // A lock the caller holds around the whole call is held at both.
    return act.raw().at().locks().stream().allMatch(HeldLock::isLoopMarker)
        && act.holdsExclusiveLock();
  }

  /**
   * Whether the act's body checks the act's key again through a call of its own: before the act,
   * under an exclusive lock the act holds too, it calls a method of the map's owner (on {@code
   * this}, or a static one) that looks up, in the same map, the argument the act uses as its key
   * ({@code lock(); if (cached(k) == null) { map.put(k, v); }} with {@code cached(k)} returning
   * {@code map.get(k)}). An accessor is as transparent as the look-up written inline: the check
   * that decides the act and the act run under one lock, so the sequence is atomic.
   */
  public boolean checkedAgainThroughACall(AccessInstance act, Expr.Call actCall) {
    BodyResult body = bodies.apply(act.body().id());
    if (body == null) {
      return false;
    }
    String key = IrPrinter.expr(actCall.args().get(0));
    for (BodyResult.RawCall call : body.calls()) {
      if (call.at().pos().compareTo(act.raw().at().pos()) >= 0
          || !(call.receiver() == null || call.receiver() instanceof AbsVal.This)
          || !sharesAnExclusiveLock(call.at(), act)) {
        continue;
      }
      MethodDecl callee = index.calledMethod(call.call());
      BodyResult calleeBody = callee == null ? null : bodies.apply(index.bodyIdOf(callee));
      if (calleeBody != null
          && CheckThenAct.looksUpParameter(calleeBody, act.raw().target(), callee, call.call(), key)) {
        return true;
      }
    }
    return false;
  }

  /** Whether an exclusive lock the act holds is held at {@code at} too. */
  private static boolean sharesAnExclusiveLock(BodyResult.Point at, AccessInstance act) {
    // Being on an event loop orders the loop's own tasks, not other threads.
    for (HeldLock l : act.raw().at().locks()) {
      if (!l.readOnly() && !l.isLoopMarker() && at.locks().contains(l)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code key}, in the act's body, names the current thread: only the current thread
   * uses it, so no other thread changes its entry between the check and the act.
   */
  public boolean keyOfTheCurrentThread(AccessInstance act, Expr key) {
    return CheckThenAct.keyOfTheCurrentThread(act.body().block(), key, index.hierarchy());
  }

  /** Whether {@code key}, in {@code at}'s body, is fresh ({@link CheckThenAct#freshKey}). */
  public boolean freshKey(AccessInstance at, Expr key) {
    return CheckThenAct.freshKey(at.body().block(), key);
  }

  /**
   * Whether {@code key}, in the act's body, names an object that lives on one event loop (a
   * channel) or its identity: code on loops touches that key's entry only from the object's loop.
   */
  public boolean keyOfALoopBoundObject(AccessInstance act, Expr key) {
    return CheckThenAct.keyOfALoopBoundObject(act.body().block(), key, livesOnOneLoop);
  }

  /**
   * Whether {@code e}, in the act's body, uses what a check of the act read: it contains one of
   * the checks ({@link #checksBefore}) or a local whose one value is one of them ({@code Long c =
   * counts.get(k);}).
   */
  public boolean usesACheck(AccessInstance act, Expr.Call call, Expr e) {
    java.util.Set<Expr> checks = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    for (Check c : checksBefore(act, call)) {
      checks.add(c.call());
    }
    if (checks.isEmpty()) {
      return false;
    }
    boolean[] uses = {false};
    IrWalker.forEachExpr(e, x -> {
      if (uses[0]) {
        return;
      }
      Expr v = x instanceof Expr.LocalRef l ? IrWalker.onlyValueOf(act.body().block(), l.name()) : x;
      while (v instanceof Expr.Cast c) {
        v = c.expr();
      }
      uses[0] = checks.contains(x) || (v != null && checks.contains(v));
    });
    return uses[0];
  }

  /** The one value local {@code local} is given in {@code at}'s body, or null. */
  public Expr onlyValueOf(AccessInstance at, Expr.LocalRef local) {
    return IrWalker.onlyValueOf(at.body().block(), local.name());
  }

  /** Whether the act's result ({@code call}'s value) is dropped. */
  public boolean resultDiscarded(AccessInstance act, Expr.Call call) {
    return IrWalker.isDiscarded(act.body().block(), call);
  }

  /**
   * Whether the local {@code made}, offered to the map by {@code call}, is read after it in the
   * act's body: the thread goes on using its own object (see {@link CheckThenAct#usedAfter}).
   */
  public boolean usedAfter(AccessInstance act, Expr.Call call, Expr.LocalRef made) {
    return CheckThenAct.usedAfter(act.body().block(), call, made);
  }

  /** Whether the body reads the map again for the act's key after the act ({@code call}). */
  public boolean readBack(AccessInstance act, Expr.Call call) {
    return CheckThenAct.readBack(bodies.apply(act.body().id()), act.raw(), call);
  }

  /** Whether {@code value}, in the act's body, is a factory call's result (a new instance). */
  public boolean createdByFactory(AccessInstance act, Expr value) {
    return CheckThenAct.createdByFactory(act.body().block(), value);
  }
}
