package dev.shareguard.core.rules;

import dev.shareguard.core.facts.AnalysisFacts;
import dev.shareguard.core.engine.ProgramIndex;
import dev.shareguard.core.finding.Finding;

/**
 * A rule: a thin decision over the engine's facts. It asks questions (which accesses may run in
 * parallel, which locks are held) and reports; it does no analysis of its own.
 */
public interface Rule {
  RuleInfo info();

  /** Reports this rule's findings over the analysed program to {@code out}. */
  void check(AnalysisFacts facts, Reporter out);

  /** Where findings go; {@code site} is the body the finding is in, for suppression. */
  interface Reporter {
    void report(Finding finding, ProgramIndex.Body site);
  }
}
