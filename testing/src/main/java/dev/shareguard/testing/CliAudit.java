package dev.shareguard.testing;

import dev.shareguard.cli.frontend.JavaParserFrontEnd;
import dev.shareguard.core.Analyzer;
import dev.shareguard.core.config.Config;
import dev.shareguard.core.finding.Confidence;
import dev.shareguard.core.finding.Finding;
import dev.shareguard.testing.ErrorProneRunner.Diag;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.tools.Diagnostic;

/**
 * Runs the CLI's JavaParser front end and the engine over inline sources: {@link #audit} the way
 * the CLI does (whole tree, every rule), {@link #diagnostics} the way the plugin does, for the
 * two-front-end check of {@link RuleTestHelper}.
 */
public final class CliAudit {
  private CliAudit() {}

  /**
   * The findings on {@code sources} (path to text) as {@code "Rule path:line"}, sorted, at the
   * rule tests' floor ({@link RuleTestHelper#TEST_FLOOR}).
   */
  public static List<String> audit(Map<String, String> sources) {
    return audit(sources, RuleTestHelper.TEST_FLOOR);
  }

  /** Like {@link #audit(Map)}, keeping the findings at confidence {@code floor} and above. */
  public static List<String> audit(Map<String, String> sources, Confidence floor) {
    return new Analyzer(Config.defaults().withMinConfidence(floor))
        .analyze(new JavaParserFrontEnd().lowerSources(sources)).stream()
        .map(f -> f.ruleId() + " " + f.location().path() + ":" + f.location().line())
        .toList();
  }

  /**
   * The findings of {@code rules} at confidence {@code floor} and above on {@code sources} as the
   * plugin reports them, but lowered by JavaParser: the sources are lowered and analysed together,
   * as the plugin analyses every compilation unit of one {@code javac} invocation together.
   */
  static List<Diag> diagnostics(
      Map<String, String> sources, Set<String> rules, Confidence floor, boolean includeBundled,
      boolean includeTests) {
    Analyzer analyzer =
        new Analyzer(Config.defaults().withEnabledRules(rules).withMinConfidence(floor)
            .withIncludeBundled(includeBundled).withIncludeTests(includeTests));
    List<Diag> out = new ArrayList<>();
    for (Finding f : analyzer.analyze(new JavaParserFrontEnd().lowerSources(sources))) {
      out.add(
          new Diag(
              Diagnostic.Kind.WARNING,
              f.location().path(),
              f.location().path(),
              f.location().line(),
              f.location().column(),
              f.ruleId(),
              f.message(),
              null));
    }
    return out;
  }
}
