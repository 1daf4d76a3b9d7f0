package dev.shareguard.core.rules.threads;

import dev.shareguard.core.engine.AccessInstance;
import dev.shareguard.core.engine.Conflict;
import dev.shareguard.core.engine.Traces;
import dev.shareguard.core.facts.AnalysisFacts;
import dev.shareguard.core.finding.Severity;
import dev.shareguard.core.rules.Rule;
import dev.shareguard.core.rules.RuleInfo;


/**
 * A read or iteration of a non-thread-safe container, or of a non-volatile field, that another
 * thread may write at the same time with no common lock; also a value held in a thread-safe map
 * (a set per key) read without the lock its writers hold.
 */
public final class UnguardedSharedRead implements Rule {
  public static final String ID = "UnguardedSharedRead";
  public static final String SUMMARY =
      "Read of shared state that another thread writes concurrently with no common lock";
  public static final RuleInfo INFO = new RuleInfo(ID, "threads", Severity.WARNING, SUMMARY);

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public void check(AnalysisFacts facts, Reporter out) {
    Traces traces = new Traces(facts.index());
    for (Conflict c : facts.accesses().conflicts()) {
      if (!c.reported().isWrite() && c.other().isWrite()) {
        out.report(RaceMessages.finding(INFO, c, traces), c.reported().body());
      }
    }
    for (AccessInstance a : facts.accesses().mapValues()) {
      Conflict c = lockedWriterOfAValue(facts, a);
      if (c != null) {
        out.report(RaceMessages.finding(INFO, c, traces), a.body());
      }
    }
  }

  /**
   * A value held in a thread-safe map (a set or list per key) read with no lock, while its
   * writers change it under a lock: the authors guard the values, and this read is the slip (an
   * unlocked fast path). The lock on the writes is the evidence on both sides.
   */
  private static Conflict lockedWriterOfAValue(AnalysisFacts facts, AccessInstance a) {
    if (a.isWrite() || !a.locks().isEmpty() || a.isCell()) {
      return null;
    }
    for (AccessInstance b : facts.accesses().parallelMapValuePartners(a)) {
      if (b.isWrite() && b.holdsExclusiveLock() && !facts.accesses().commonLock(a, b)) {
        return facts.accesses().inconsistentlyGuarded(a, b);
      }
    }
    return null;
  }
}
