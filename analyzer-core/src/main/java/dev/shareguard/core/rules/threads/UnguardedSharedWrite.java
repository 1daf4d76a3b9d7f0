package dev.shareguard.core.rules.threads;

import dev.shareguard.core.engine.Conflict;
import dev.shareguard.core.engine.Traces;
import dev.shareguard.core.facts.AnalysisFacts;
import dev.shareguard.core.finding.Severity;
import dev.shareguard.core.rules.Rule;
import dev.shareguard.core.rules.RuleInfo;


/**
 * A write (field store or container mutation) that another thread may run alongside an access to
 * the same location, with no common lock. The engine pairs the accesses; this rule reports the
 * racing writes.
 */
public final class UnguardedSharedWrite implements Rule {
  public static final String ID = "UnguardedSharedWrite";
  public static final String SUMMARY =
      "Write to shared state that another thread may access concurrently with no common lock";
  public static final RuleInfo INFO = new RuleInfo(ID, "threads", Severity.WARNING, SUMMARY);

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public void check(AnalysisFacts facts, Reporter out) {
    Traces traces = new Traces(facts.index());
    for (Conflict c : facts.accesses().conflicts()) {
      if (c.reported().isWrite()) {
        out.report(RaceMessages.finding(INFO, c, traces), c.reported().body());
      }
    }
  }
}
