package dev.shareguard.core.rules.threads;

import dev.shareguard.core.engine.AbsVal;
import dev.shareguard.core.engine.AccessInstance;
import dev.shareguard.core.engine.Conflict;
import dev.shareguard.core.engine.Traces;
import dev.shareguard.core.facts.AnalysisFacts;
import dev.shareguard.core.finding.Finding;
import dev.shareguard.core.finding.RelatedLocation;
import dev.shareguard.core.finding.Severity;
import dev.shareguard.core.finding.Trace;
import dev.shareguard.core.ir.UserText;
import dev.shareguard.core.rules.Rule;
import dev.shareguard.core.rules.RuleInfo;
import java.util.List;

/**
 * A change to a value that a thread-safe map holds ({@code chm.computeIfAbsent(k, x -> new
 * ArrayList<>()).add(v)}, {@code chm.get(k).put(…)}, a setter on a mutable value) from threads
 * that may run at once, with no common lock: the map is safe, the values it shares are not.
 */
public final class UnguardedMapValueMutation implements Rule {
  public static final String ID = "UnguardedMapValueMutation";
  public static final String SUMMARY =
      "Mutation of a non-thread-safe value held by a thread-safe map, from concurrent threads";
  public static final RuleInfo INFO = new RuleInfo(ID, "threads", Severity.WARNING, SUMMARY);

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public void check(AnalysisFacts facts, Reporter out) {
    Traces traces = new Traces(facts.index());
    for (AccessInstance a : facts.accesses().mapValues()) {
      if (!a.isWrite() || !a.locks().isEmpty()) {
        continue;
      }
      for (AccessInstance b : facts.accesses().parallelMapValuePartners(a)) {
        if (!facts.accesses().commonLock(a, b)) {
          out.report(finding(facts.accesses().onHeldValue(a, b), traces), a.body());
          break;
        }
      }
    }
  }

  private static String mapName(AbsVal v) {
    int guard = 0;
    while (guard++ < 16) {
      if (v instanceof AbsVal.Elem e) {
        return e.base() instanceof AbsVal.Field f ? f.field() : "the map";
      } else if (v instanceof AbsVal.Field f) {
        v = f.base();
      } else if (v instanceof AbsVal.View w) {
        v = w.backing();
      } else {
        break;
      }
    }
    return "the map";
  }

  private static Finding finding(Conflict c, Traces traces) {
    AccessInstance a = c.reported();
    AccessInstance b = c.other();
    String map = mapName(a.target());
    String valueType = a.receiverType() == null
        ? "" : " (" + UserText.aType(a.receiverType()) + ")";
    boolean self = a == b || (a.pos().equals(b.pos()) && a.ctx().equals(b.ctx()));
    String other = self
        ? "and several runs of it may do so at the same time"
        : "while `" + UserText.expr(b.expr()) + "` " + (b.isWrite() ? "changes" : "reads")
            + " values of `" + map + "` at the same time in " + traces.method(b.body().id())
            + " (line " + b.pos().line() + ")" + RaceMessages.thread(b);
    String message =
        "`" + UserText.expr(a.expr()) + "` changes a value held in `" + map + "`"
            + valueType + " in " + traces.method(a.body().id()) + RaceMessages.thread(a)
            + ", " + other + ", with no common lock."
            + " The map is thread-safe; the values it hands out are shared and are not, so"
            + " concurrent changes are lost or corrupt the value. Fix: hold thread-safe values"
            + " (CopyOnWriteArrayList, ConcurrentHashMap.newKeySet(), LongAdder), or make the"
            + " change inside `" + map + ".compute(key, …)`/`merge(…)`, which runs under the"
            + " map's lock for that key, or guard the values with one lock.";
    List<Trace> explained = self
        ? List.of(traces.of(a, c.reportedEvidence()))
        : List.of(traces.of(a, c.reportedEvidence()), traces.of(b, c.otherEvidence()));
    return new Finding(ID, INFO.severity(), a.location(), ID, message,
        List.of(new RelatedLocation(b.location(), "the other access (in "
            + traces.method(b.body().id()) + RaceMessages.thread(b) + ")")))
        .explained(c.confidence(), explained);
  }
}
