package dev.shareguard.core.rules.threads;

import dev.shareguard.core.engine.AnalysisFacts;
import dev.shareguard.core.engine.Conflict;
import dev.shareguard.core.engine.Traces;
import dev.shareguard.core.finding.Severity;
import dev.shareguard.core.rules.Rule;
import dev.shareguard.core.rules.RuleInfo;


/**
 * A read or iteration of a non-thread-safe container, or of a non-volatile field, that another
 * thread may write at the same time with no common lock.
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
    for (Conflict c : facts.conflicts()) {
      if (!c.reported().isWrite() && c.other().isWrite()) {
        out.report(RaceMessages.finding(INFO, c, traces), c.reported().body());
      }
    }
  }
}
