package dev.shareguard.core.rules.threads;

import dev.shareguard.core.engine.AnalysisFacts;
import dev.shareguard.core.finding.Finding;
import dev.shareguard.core.finding.Severity;
import dev.shareguard.core.rules.Rule;
import dev.shareguard.core.rules.RuleInfo;
import java.util.function.Consumer;

/** A write to shared state that another thread may access at the same time with no common lock. */
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
  public void check(AnalysisFacts facts, Consumer<Finding> out) {}
}
