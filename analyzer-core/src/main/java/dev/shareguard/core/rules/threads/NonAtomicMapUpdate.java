package dev.shareguard.core.rules.threads;

import dev.shareguard.core.engine.AbsVal;
import dev.shareguard.core.engine.AccessInstance;
import dev.shareguard.core.engine.Conflict;
import dev.shareguard.core.engine.Traces;
import dev.shareguard.core.facts.AnalysisFacts;
import dev.shareguard.core.facts.MapUpdateFacts;
import dev.shareguard.core.finding.Finding;
import dev.shareguard.core.finding.Location;
import dev.shareguard.core.finding.RelatedLocation;
import dev.shareguard.core.finding.Severity;
import dev.shareguard.core.fix.MapUpdateFix;
import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.UserText;
import dev.shareguard.core.model.CopyModels;
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

  private static final Set<String> ACTS = Set.of("put", "putIfAbsent", "remove");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public void check(AnalysisFacts facts, Reporter out) {
    MapUpdateFacts updates = facts.mapUpdates();
    for (AccessInstance act : facts.accesses().threadSafeContainers()) {
      if (!act.isWrite() || !ACTS.contains(act.op()) || !(act.expr() instanceof Expr.Call call)
          || call.args().isEmpty() || !isMap(act.receiverType())) {
        continue;
      }
      if (!isRacyAct(facts, act, act.op(), call)) {
        continue;
      }
      List<MapUpdateFacts.Check> checks = updates.checksBefore(act, call);
      if (checks.isEmpty()
          // containsKey then remove(k) removes whatever is there, as remove(k) alone would.
          || (act.op().equals("remove") && checks.get(checks.size() - 1).op().equals("containsKey"))
          // A check again under the lock the act holds makes the sequence atomic (the quick
          // unlocked check before it only saves taking the lock).
          || checks.stream().anyMatch(c -> updates.oneLockSpans(c, act))
          // The same, the check again made by a helper that looks the key up.
          || updates.checkedAgainThroughACall(act, call)
          // A key only the current thread uses: no other thread changes its entry in between.
          || updates.keyOfTheCurrentThread(act, call.args().get(0))
          // A fresh key (a new id): no other thread has it yet.
          || (!act.op().equals("remove") && updates.freshKey(act, call.args().get(0)))
          // A key of the object whose one event loop runs every change of it (a channel).
          || keyedOnItsOwnLoop(facts, act, call)) {
        continue;
      }
      // Reported at the last check in the act's own stretch of code: an earlier one may only
      // have decided a branch that ended, a later one in a branch may be another path's read.
      MapUpdateFacts.Check reported = updates.reportedCheck(act, call, checks);
      // A put made when the look-up found nothing loses only another insertion for the key.
      boolean insertionsOnly = updates.putOnAbsence(act, call, reported);
      if (!changedInParallel(facts, act, insertionsOnly)) {
        continue;
      }
      out.report(finding(facts, reported, act, call, surestChange(facts, act, insertionsOnly)),
          act.body());
    }
  }

  /**
   * Acts whose outcome depends on the check: a one-argument {@code remove}, and a {@code put} (or
   * a {@code putIfAbsent} whose result is dropped while the object offered is used after it) of
   * a value whose identity matters. That is a
   * value made here (a literal, arithmetic or a choice on what was read), which loses another
   * thread's update; a fresh object that accumulates state (a counter, a tally, an object with
   * mutable fields), which one of two racing threads keeps updating while the map holds the
   * other's (a fresh object with only final plain fields, like a converter, is an equal cache
   * fill, and so is a JDK container filled before it is put into a map whose values no code
   * changes, see {@link #completeWhenPut}); or a resource from a factory call ({@code newX},
   * {@code createX}, {@code openX}: by Java's naming convention a new instance per call), of
   * which one leaks. A put
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
        act.stored() instanceof AbsVal.Alloc al
            && !al.immutable()
            && !facts.isValueType(al.type())
            && facts.accumulatesState(al.type())
            && !completeWhenPut(facts, act, al.type());
    if (what.equals("putIfAbsent")) {
      // Atomic by itself; the loser's mistake is to keep using the object it made, not the map's.
      return fresh
          && value instanceof Expr.LocalRef made
          && facts.mapUpdates().resultDiscarded(act, call)
          && facts.mapUpdates().usedAfter(act, call, made)
          && !facts.mapUpdates().readBack(act, call);
    }
    if (!(value instanceof Expr.LocalRef || value instanceof Expr.Call
        || value instanceof Expr.FieldAccess)) {
      return true;
    }
    if (value instanceof Expr.LocalRef local) {
      // long next = old == null ? 1 : old + 1; map.put(k, next): made here from what the check
      // read, through a local. (A local computed from other things, a decision cached under the
      // key, is an equal value either thread would store.)
      Expr def = facts.mapUpdates().onlyValueOf(act, local);
      if (madeHere(def) && facts.mapUpdates().usesACheck(act, call, def)) {
        return true;
      }
    }
    if (fresh) {
      return true;
    }
    return !facts.isValueType(value.type().erasure())
        && facts.mapUpdates().createdByFactory(act, value);
  }

  /**
   * Whether {@code e}, a local's one value, is made by this code from what it read (arithmetic, a
   * choice, a literal, a negation), not fetched by a call or read from a field or local.
   */
  private static boolean madeHere(Expr e) {
    while (e instanceof Expr.Cast c) {
      e = c.expr();
    }
    return e instanceof Expr.Binary || e instanceof Expr.Conditional || e instanceof Expr.Unary
        || e instanceof Expr.Literal;
  }

  /**
   * A plain JDK container (a {@code HashSet} filled from the key) made here and put whole into a
   * map whose values no code ever changes: each racing thread's container is complete when it is
   * put, so whichever the map keeps serves, as an equal value would (a cache fill). Every change
   * of a JDK container is a container write the walk records on the map's values ({@link
   * dev.shareguard.core.facts.AccessFacts#valuesChanged}), which an update inside a project
   * object (an atomic counter's) need not be, so project classes keep their level.
   */
  private static boolean completeWhenPut(AnalysisFacts facts, AccessInstance act, String type) {
    return CopyModels.isPlainLibraryContainer(type) && !facts.accesses().valuesChanged(act);
  }

  /**
   * Whether the act and every change another thread may make to the map in between run on event
   * loops and key the map by an object that lives on one loop (a channel, its id or hash): each
   * key's entry is then changed only on that object's own loop, one event at a time.
   */
  private static boolean keyedOnItsOwnLoop(AnalysisFacts facts, AccessInstance act,
      Expr.Call call) {
    if (!act.onSomeEventLoop()
        || !facts.mapUpdates().keyOfALoopBoundObject(act, call.args().get(0))) {
      return false;
    }
    for (AccessInstance b : facts.accesses().parallelThreadSafePartners(act)) {
      if (b.isWrite() && (!b.onSomeEventLoop()
          || !(b.expr() instanceof Expr.Call other) || other.args().isEmpty()
          || !facts.mapUpdates().keyOfALoopBoundObject(b, other.args().get(0)))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isMap(String type) {
    return type != null && (type.endsWith("Map") || type.equals("java.util.Hashtable"));
  }

  /**
   * Another thread may change the map while this runs (this same code on another thread too) in
   * a way the act can undo. Before a {@code remove}, nothing can when every change of the map
   * anywhere in the program is a removal ({@link CopyModels#onlyRemoves}) or an insertion under a
   * fresh key ({@link MapUpdateFacts#freshKey}): no insertion can then be of the act's key, which
   * was already there, so the act removes nothing another thread put, and a second removal of
   * an entry already gone changes nothing.
   */
  /**
   * The change of the map that may come between the check and the act, as a race of the act with
   * it ({@link CallSequences}): the surest such change, whose confidence the finding takes. Null
   * when there is none (then {@link #changedInParallel} said no already).
   */
  private static Conflict surestChange(
      AnalysisFacts facts, AccessInstance act, boolean insertionsOnly) {
    Conflict best = null;
    for (AccessInstance b : facts.accesses().parallelThreadSafePartners(act)) {
      if (b.isWrite() && (!insertionsOnly || CopyModels.mayInsertAKey(b.op()))) {
        Conflict c = CallSequences.race(act, b);
        if (best == null || CallSequences.confidence(c).compareTo(
            CallSequences.confidence(best)) > 0) {
          best = c;
        }
      }
    }
    return best;
  }

  /**
   * Whether another thread may change the map while the sequence runs: a write of it that may run
   * beside the act, only an insertion when {@code insertionsOnly}.
   */
  private static boolean changedInParallel(
      AnalysisFacts facts, AccessInstance act, boolean insertionsOnly) {
    if (act.op().equals("remove") && onlyFreshInsertions(facts, act)) {
      return false;
    }
    for (AccessInstance b : facts.accesses().parallelThreadSafePartners(act)) {
      if (b.isWrite() && (!insertionsOnly || CopyModels.mayInsertAKey(b.op()))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether every change of {@code act}'s map in the analysed code (in any context, parallel to
   * the act or not) is a removal or an insertion under a fresh key, and there is such an
   * insertion.
   */
  private static boolean onlyFreshInsertions(AnalysisFacts facts, AccessInstance act) {
    boolean any = false;
    for (AccessInstance b : facts.accesses().threadSafeContainers()) {
      if (!b.isWrite() || !b.key().equals(act.key()) || CopyModels.onlyRemoves(b.op())) {
        continue;
      }
      if (!(b.op().equals("put") || b.op().equals("putIfAbsent")
              || b.op().equals("computeIfAbsent"))
          || !(b.expr() instanceof Expr.Call c) || c.args().isEmpty()
          || !facts.mapUpdates().freshKey(b, c.args().get(0))) {
        return false;
      }
      any = true;
    }
    // No insertion seen at all: the entries come from code not analysed (a map's own public
    // put, a caller of the library), whose keys are unknown.
    return any;
  }

  private static Finding finding(AnalysisFacts facts, MapUpdateFacts.Check check,
      AccessInstance act, Expr.Call actCall, Conflict change) {
    String map = act.target() instanceof AbsVal.Field f ? f.field() : "the map";
    String key = UserText.expr(actCall.args().get(0));
    String checkCall = UserText.expr(check.call());
    String actCallText = UserText.expr(actCall);
    String fix;
    if (act.op().equals("remove")) {
      // remove(k, v) compares the value by equality: a value changed in place since it was read
      // (a set emptied, then filled again by another thread) still matches, so it is the fix
      // only for values never changed in place.
      fix = "`" + map + ".computeIfPresent(" + key + ", (k, v) -> …)` returning null to remove"
          + " (or `" + map + ".remove(" + key + ", expected)` if the value is never changed in"
          + " place)";
    } else if (check.op().equals("containsKey")) {
      fix = "`" + map + ".putIfAbsent(" + key + ", …)` or `" + map + ".computeIfAbsent(" + key
          + ", k -> …)`";
    } else {
      fix = "`" + map + ".merge(" + key + ", …)` or `" + map + ".compute(" + key + ", (k, v) -> …)`";
    }
    Traces traces = new Traces(facts.index());
    AccessInstance other = change == null ? null : change.other();
    boolean self = other != null && CallSequences.sameCode(act, other);
    String by = other == null ? ""
        : self ? " (as another run of this code may)"
        : " (as `" + UserText.expr(other.expr()) + "` in " + traces.method(other.body().id())
            + " (line " + other.pos().line() + ")" + RaceMessages.thread(other) + " may)";
    String message =
        "`" + checkCall + "` then `" + actCallText + "` on `" + map + "` ("
            + UserText.aType(act.receiverType()) + ") for the same key `" + key
            + "` in " + traces.method(act.body().id())
            + RaceMessages.thread(act)
            + " is not atomic: another thread may change `"
            + map + "` for that key between the two calls" + by + ", so an update is lost or a"
            + " value overwritten. Each call is thread-safe; the sequence is not. Fix: one atomic"
            + " call, " + fix + ".";
    Location at = new Location(act.body().file().path(), check.pos().line(),
        check.pos().column());
    Location then = act.location();
    List<RelatedLocation> related = new java.util.ArrayList<>(
        List.of(new RelatedLocation(then, "the separate update")));
    if (other != null && !self) {
      related.add(new RelatedLocation(other.location(), "the other thread's change (in "
          + traces.method(other.body().id()) + RaceMessages.thread(other) + ")"));
    }
    Finding f = new Finding(ID, INFO.severity(), at, ID + "." + check.op() + "." + act.op(),
        message, related,
        MapUpdateFix.of(facts.index(), act.body(), act.target(), check.call(),
            actCall));
    return change == null ? f : CallSequences.explained(f, change, traces);
  }
}
