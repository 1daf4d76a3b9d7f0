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
  private static final Set<String> ACTS = Set.of("put", "putIfAbsent", "remove");

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
      if (!isRacyAct(facts, act, a.what(), call)) {
        continue;
      }
      List<BodyResult.RawAccess> checks = precedingChecks(facts.body(act.body().id()), a, call);
      if (checks.isEmpty()
          // containsKey then remove(k) removes whatever is there, as remove(k) alone would.
          || (a.what().equals("remove") && checks.get(checks.size() - 1).what().equals("containsKey"))
          // A check again under the lock the act holds makes the sequence atomic (the quick
          // unlocked check before it only saves taking the lock).
          || checks.stream().anyMatch(c -> spansOneLock(c, act))
          || !changedInParallel(facts, act)) {
        continue;
      }
      // Reported at the first check: a later one may be another branch's read.
      BodyResult.RawAccess check = checks.get(0);
      out.report(finding(facts, check, act, call), act.body());
    }
  }

  /**
   * Acts whose outcome depends on the check: a one-argument {@code remove}, and a {@code put} (or
   * a {@code putIfAbsent} whose result is dropped) of a value whose identity matters. That is a
   * value made here (a literal, arithmetic or a choice on what was read), which loses another
   * thread's update; a fresh object that accumulates state (a counter, a tally, an object with
   * mutable fields), which one of two racing threads keeps updating while the map holds the
   * other's (a fresh object with only final plain fields, like a converter, is an equal cache
   * fill); or a resource from a factory call ({@code newX}, {@code createX},
   * {@code openX}: by Java's naming convention a new instance per call), of which one leaks. A put
   * of an equal plain value (a string, a number, an immutable collection) computed by a call is a
   * cache fill: either result serves, and it is not reported. {@code remove(k, v)} is atomic.
   */
  private static boolean isRacyAct(
      AnalysisFacts facts, AccessInstance act, String what, Expr.Call call) {
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
    boolean fresh =
        act.raw().stored() instanceof AbsVal.Alloc al
            && !al.immutable()
            && !facts.isValueType(al.type())
            && facts.accumulatesState(al.type());
    if (what.equals("putIfAbsent")) {
      // Atomic by itself; the loser's mistake is to keep the object it made, not the map's.
      return fresh
          && value instanceof Expr.LocalRef
          && IrWalker.isDiscarded(act.body().block(), call)
          && !readBack(facts.body(act.body().id()), act.raw(), call);
    }
    if (!(value instanceof Expr.LocalRef || value instanceof Expr.Call
        || value instanceof Expr.FieldAccess)) {
      return true;
    }
    if (fresh) {
      return true;
    }
    return !facts.isValueType(value.type().erasure())
        && createdByFactory(act.body().block(), value);
  }

  /**
   * Whether this body reads the map again for the same key after {@code put}: the winner's
   * object is read back, so the loser does not go on with its own.
   */
  private static boolean readBack(BodyResult body, BodyResult.RawAccess put, Expr.Call putCall) {
    String key = IrPrinter.expr(putCall.args().get(0));
    for (BodyResult.RawAccess a : body == null ? List.<BodyResult.RawAccess>of() : body.accesses()) {
      if (a.target().equals(put.target()) && put.at().pos().compareTo(a.at().pos()) < 0
          && a.expr() instanceof Expr.Call c && CHECKS.contains(c.target().name())
          && !c.args().isEmpty() && IrPrinter.expr(c.args().get(0)).equals(key)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code value} is a factory call's result: the call itself, or a local every
   * assignment of which in the body is one (flow-insensitive, so a local also assigned otherwise
   * does not count).
   */
  private static boolean createdByFactory(dev.shareguard.core.ir.Stmt body, Expr value) {
    if (value instanceof Expr.Call c) {
      return isFactory(c);
    }
    if (!(value instanceof Expr.LocalRef local)) {
      return false;
    }
    List<Expr> defs = new java.util.ArrayList<>();
    IrWalker.forEachStmt(body, st -> {
      if (st instanceof dev.shareguard.core.ir.Stmt.LocalVar v && v.name().equals(local.name())
          && v.init() != null) {
        defs.add(v.init());
      }
    });
    IrWalker.forEachExpr(body, e -> {
      if (e instanceof Expr.Assign a && a.target() instanceof Expr.LocalRef l
          && l.name().equals(local.name())) {
        defs.add(a.value());
      }
    });
    return !defs.isEmpty()
        && defs.stream().allMatch(d -> d instanceof Expr.Call c && isFactory(c));
  }

  private static boolean isFactory(Expr.Call c) {
    String name = c.target().name();
    for (String prefix : FACTORY_PREFIXES) {
      if (name.length() > prefix.length() && name.startsWith(prefix)
          && Character.isUpperCase(name.charAt(prefix.length()))) {
        return true;
      }
    }
    return false;
  }

  /** Method-name prefixes that, by convention, make a new instance on every call. */
  private static final List<String> FACTORY_PREFIXES = List.of("new", "create", "open");

  private static boolean isMap(String type) {
    return type != null && (type.endsWith("Map") || type.equals("java.util.Hashtable"));
  }

  /**
   * The checks in the same body on the same map (same frame path) and key that run before the
   * act, in source order. A check inside the act's own arguments ({@code m.put(k, m.get(k) + 1)})
   * runs before it too, though it starts later in the source.
   */
  private static List<BodyResult.RawAccess> precedingChecks(
      BodyResult body, BodyResult.RawAccess act, Expr.Call actCall) {
    if (body == null) {
      return List.of();
    }
    String key = IrPrinter.expr(actCall.args().get(0));
    List<BodyResult.RawAccess> out = new java.util.ArrayList<>();
    for (BodyResult.RawAccess c : body.accesses()) {
      if (CHECKS.contains(c.what())
          && c.kind() == BodyResult.AccessKind.READ
          && c.target().equals(act.target())
          && !(c.target() instanceof AbsVal.Unknown)
          && c.expr() instanceof Expr.Call cc
          && !cc.args().isEmpty()
          && IrPrinter.expr(cc.args().get(0)).equals(key)
          && (c.at().pos().compareTo(act.at().pos()) < 0 || isArgumentOf(cc, actCall))) {
        out.add(c);
      }
    }
    out.sort((x, y) -> x.at().pos().compareTo(y.at().pos()));
    return out;
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
