package dev.shareguard.core.rules.threads;

import dev.shareguard.core.engine.AbsVal;
import dev.shareguard.core.engine.AccessInstance;
import dev.shareguard.core.engine.AnalysisFacts;
import dev.shareguard.core.engine.BodyResult;
import dev.shareguard.core.engine.Describe;
import dev.shareguard.core.engine.HeldLock;
import dev.shareguard.core.engine.IrWalker;
import dev.shareguard.core.finding.Finding;
import dev.shareguard.core.finding.Location;
import dev.shareguard.core.finding.RelatedLocation;
import dev.shareguard.core.finding.Severity;
import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.IrPrinter;
import dev.shareguard.core.rules.Rule;
import dev.shareguard.core.rules.RuleInfo;
import java.util.List;
import java.util.Set;

/**
 * A check-then-act or read-modify-write on a thread-safe map through separate calls on the same
 * map and key ({@code containsKey}/{@code get} then {@code put}, {@code get} then {@code remove}),
 * where another thread may change the map in between and no lock spans both calls.
 */
public final class NonAtomicMapUpdate implements Rule {
  public static final String ID = "NonAtomicMapUpdate";
  public static final String SUMMARY =
      "Check-then-act on a concurrent map through separate calls on the same key";
  public static final RuleInfo INFO = new RuleInfo(ID, "threads", Severity.WARNING, SUMMARY);

  private static final Set<String> CHECKS = Set.of("containsKey", "get", "getOrDefault");
  private static final Set<String> ACTS = Set.of("put", "remove");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public void check(AnalysisFacts facts, Reporter out) {
    for (AccessInstance act : facts.threadSafeContainerAccesses()) {
      BodyResult.RawAccess a = act.raw();
      if (!act.isWrite() || !ACTS.contains(a.what()) || !(a.expr() instanceof Expr.Call call)
          || call.args().isEmpty() || !isMap(a.receiverType())) {
        continue;
      }
      if (!isRacyAct(a.what(), call)) {
        continue;
      }
      BodyResult.RawAccess check = precedingCheck(facts.body(act.body().id()), a, call);
      if (check == null
          // containsKey then remove(k) removes whatever is there, as remove(k) alone would.
          || (a.what().equals("remove") && check.what().equals("containsKey"))
          || spansOneLock(check, act)
          || !changedInParallel(facts, act)) {
        continue;
      }
      out.report(finding(facts, check, act, call), act.body());
    }
  }

  /**
   * Acts whose outcome depends on the check: a one-argument {@code remove}, and a {@code put} whose
   * value is made here (a literal, a new object, arithmetic or a choice on what was read), which
   * loses another thread's update or identity. A put of a value computed elsewhere and held in a
   * local or returned by a call is a cache fill: two threads may both compute it, and either
   * result serves; it is not reported. {@code remove(k, v)} is atomic by itself.
   */
  private static boolean isRacyAct(String what, Expr.Call call) {
    if (what.equals("remove")) {
      return call.args().size() == 1;
    }
    if (call.args().size() != 2) {
      return false;
    }
    Expr value = call.args().get(1);
    while (value instanceof Expr.Cast c) {
      value = c.expr();
    }
    return !(value instanceof Expr.LocalRef || value instanceof Expr.Call
        || value instanceof Expr.FieldAccess);
  }

  private static boolean isMap(String type) {
    return type != null && (type.endsWith("Map") || type.equals("java.util.Hashtable"));
  }

  /**
   * The nearest earlier check in the same body on the same map (same frame path) and key. A check
   * inside the act's own arguments ({@code m.put(k, m.get(k) + 1)}) runs before it too, though it
   * starts later in the source.
   */
  private static BodyResult.RawAccess precedingCheck(
      BodyResult body, BodyResult.RawAccess act, Expr.Call actCall) {
    if (body == null) {
      return null;
    }
    String key = IrPrinter.expr(actCall.args().get(0));
    BodyResult.RawAccess best = null;
    for (BodyResult.RawAccess c : body.accesses()) {
      if (CHECKS.contains(c.what())
          && c.kind() == BodyResult.AccessKind.READ
          && c.target().equals(act.target())
          && !(c.target() instanceof AbsVal.Unknown)
          && c.expr() instanceof Expr.Call cc
          && !cc.args().isEmpty()
          && IrPrinter.expr(cc.args().get(0)).equals(key)
          && (c.at().pos().compareTo(act.at().pos()) < 0 || isArgumentOf(cc, actCall))
          && (best == null || best.at().pos().compareTo(c.at().pos()) < 0)) {
        best = c;
      }
    }
    return best;
  }

  private static boolean isArgumentOf(Expr.Call check, Expr.Call act) {
    boolean[] found = {false};
    act.args().forEach(a -> IrWalker.forEachExpr(a, e -> found[0] |= e == check));
    return found[0];
  }

  /** Whether one exclusive lock is held from the check to the act (here, or by every caller). */
  private static boolean spansOneLock(BodyResult.RawAccess check, AccessInstance act) {
    // Being on an event loop orders the loop's own tasks, not other threads.
    for (HeldLock l : act.raw().at().locks()) {
      if (!l.readOnly() && !l.isLoopMarker() && check.at().locks().contains(l)) {
        return true;
      }
    }
    // A lock the caller holds around the whole call is held at both.
    return act.raw().at().locks().stream().allMatch(HeldLock::isLoopMarker)
        && act.holdsExclusiveLock();
  }

  /** Another thread may change the map while this runs (this same code on another thread too). */
  private static boolean changedInParallel(AnalysisFacts facts, AccessInstance act) {
    for (AccessInstance b : facts.parallelThreadSafePartners(act)) {
      if (b.isWrite()) {
        return true;
      }
    }
    return false;
  }

  private static Finding finding(
      AnalysisFacts facts, BodyResult.RawAccess check, AccessInstance act, Expr.Call actCall) {
    String map = act.target() instanceof AbsVal.Field f ? f.field() : "the map";
    String key = Describe.expr(actCall.args().get(0));
    String checkCall = Describe.expr(check.expr());
    String actCallText = Describe.expr(actCall);
    String fix;
    if (act.raw().what().equals("remove")) {
      fix = "`" + map + ".remove(" + key + ", expected)` or `" + map + ".computeIfPresent(" + key
          + ", …)`";
    } else if (check.what().equals("containsKey")) {
      fix = "`" + map + ".putIfAbsent(" + key + ", …)` or `" + map + ".computeIfAbsent(" + key
          + ", k -> …)`";
    } else {
      fix = "`" + map + ".merge(" + key + ", …)` or `" + map + ".compute(" + key + ", (k, v) -> …)`";
    }
    String message =
        "`" + checkCall + "` then `" + actCallText + "` on `" + map + "` (a "
            + Describe.simpleName(act.raw().receiverType()) + ") for the same key `" + key
            + "` is not atomic: in " + act.ctx().description() + " another thread may change `"
            + map + "` for that key between the two calls, so an update is lost or a value"
            + " overwritten. Each call is thread-safe; the sequence is not. Fix: one atomic call, "
            + fix + ".";
    Location at = new Location(act.body().file().path(), check.at().pos().line(),
        check.at().pos().column());
    Location then = act.location();
    return new Finding(ID, INFO.severity(), at, ID + "." + check.what() + "." + act.raw().what(),
        message, List.of(new RelatedLocation(then, "the separate update")),
        AtomicMapRewrite.of(facts.index(), act.body(), act.target(), (Expr.Call) check.expr(),
            actCall));
  }
}
