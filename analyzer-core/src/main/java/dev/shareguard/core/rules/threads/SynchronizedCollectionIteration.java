package dev.shareguard.core.rules.threads;

import dev.shareguard.core.engine.AbsVal;
import dev.shareguard.core.engine.AccessInstance;
import dev.shareguard.core.engine.Conflict;
import dev.shareguard.core.engine.Ctx;
import dev.shareguard.core.engine.Describe;
import dev.shareguard.core.engine.Traces;
import dev.shareguard.core.facts.AccessFacts;
import dev.shareguard.core.facts.AnalysisFacts;
import dev.shareguard.core.finding.Finding;
import dev.shareguard.core.finding.Location;
import dev.shareguard.core.finding.RelatedLocation;
import dev.shareguard.core.finding.Severity;
import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.UserText;
import dev.shareguard.core.rules.Rule;
import dev.shareguard.core.rules.RuleInfo;
import java.util.List;
import java.util.Set;

/**
 * Traversal of a {@code Collections.synchronized*} collection, or of one of its views, without
 * holding its monitor, while another thread may change it.
 */
public final class SynchronizedCollectionIteration implements Rule {
  public static final String ID = "SynchronizedCollectionIteration";
  public static final String SUMMARY =
      "Iteration over a Collections.synchronized* collection without holding its monitor";
  public static final RuleInfo INFO = new RuleInfo(ID, "threads", Severity.WARNING, SUMMARY);

  /**
   * What traverses the wrapper outside its own locking: for-each and these calls (the wrapper's
   * forEach, toString, toArray, equals and hashCode lock by themselves).
   */
  private static final Set<String> TRAVERSALS =
      Set.of("iteration", "iterator", "listIterator", "spliterator", "stream", "parallelStream");

  /** Copy constructors that iterate their argument (ArrayList and friends call toArray, which locks). */
  private static final Set<String> ITERATING_COPIES =
      Set.of(
          "java.util.HashMap", "java.util.LinkedHashMap", "java.util.TreeMap", "java.util.HashSet",
          "java.util.LinkedHashSet", "java.util.TreeSet", "java.util.concurrent.ConcurrentHashMap");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public void check(AnalysisFacts facts, Reporter out) {
    for (AccessInstance a : facts.accesses().synchronizedWrappers()) {
      if (a.ctx() instanceof Ctx.Init || !isTraversal(a)
          || facts.accesses().holdsContainerMonitor(a)) {
        continue;
      }
      // The surest change that may run during the traversal; a change holding a lock the
      // traversal holds too (both in synchronized methods of one object) never does.
      Conflict surest = null;
      for (AccessInstance b : facts.accesses().parallelWrapperPartners(a)) {
        if (b.isWrite() && !facts.accesses().commonLock(a, b)
            && !facts.accesses().holdersMonitorInCommon(a, b)) {
          Conflict c = CallSequences.race(a, b);
          if (surest == null || CallSequences.confidence(c).compareTo(
              CallSequences.confidence(surest)) > 0) {
            surest = c;
          }
        }
      }
      if (surest != null) {
        out.report(CallSequences.explained(finding(a, surest.other()), surest,
            new Traces(facts.index())), a.body());
      }
    }
  }

  private static boolean isTraversal(AccessInstance a) {
    String what = a.op();
    if (TRAVERSALS.contains(what)) {
      return true;
    }
    return what.equals("copy")
        && a.expr() instanceof Expr.New n
        && ITERATING_COPIES.contains(n.type().name());
  }

  private static Finding finding(AccessInstance a, AccessInstance b) {
    AbsVal c = AccessFacts.container(a);
    String name = c instanceof AbsVal.Field f ? f.field() : "the collection";
    String message =
        "`" + UserText.expr(a.expr()) + "` traverses `" + name + "`, a"
            + " Collections.synchronized* wrapper, without holding its monitor (in "
            + Describe.thread(a.ctx()) + "), while `" + UserText.expr(b.expr())
            + "` may change it at the same time in " + Describe.thread(b.ctx()) + " (line "
            + b.pos().line() + "). The wrapper locks each single call, not an iteration"
            + " across calls, so the traversal can throw ConcurrentModificationException or see a"
            + " half-made change. Fix: wrap the traversal in `synchronized (" + name + ") { … }`,"
            + " or iterate a copy taken under that lock, or use a concurrent collection.";
    Location loc = a.location();
    Location other = b.location();
    return new Finding(ID, INFO.severity(), loc, ID, message,
        List.of(new RelatedLocation(other, "the change (in " + Describe.thread(b.ctx()) + ")")));
  }
}
