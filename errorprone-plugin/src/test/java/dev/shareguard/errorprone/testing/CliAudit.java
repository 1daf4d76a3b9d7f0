package dev.shareguard.errorprone.testing;

import dev.shareguard.cli.frontend.JavaParserFrontEnd;
import dev.shareguard.core.Analyzer;
import dev.shareguard.core.config.Config;
import dev.shareguard.core.finding.Confidence;
import dev.shareguard.core.finding.Finding;
import dev.shareguard.core.ir.SourceFile;
import dev.shareguard.errorprone.testing.ErrorProneRunner.Diag;
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

  /** The findings on {@code sources} (path to text) as {@code "Rule path:line"}, sorted. */
  public static List<String> audit(Map<String, String> sources) {
    return new Analyzer(Config.defaults())
        .analyze(new JavaParserFrontEnd().lowerSources(sources)).stream()
        .map(f -> f.ruleId() + " " + f.location().path() + ":" + f.location().line())
        .toList();
  }

  /**
   * The findings of {@code rules} on {@code sources} as the plugin would report them, but lowered
   * by JavaParser: every source is lowered with the others in view (as javac attributes a whole
   * compilation), and the engine analyses one compilation unit at a time, as the plugin's
   * per-unit analysis does. Each finding counts on the unit it is in.
   */
  static List<Diag> diagnostics(
      Map<String, String> sources, Set<String> rules, Confidence floor) {
    Analyzer analyzer =
        new Analyzer(Config.defaults().withEnabledRules(rules).withMinConfidence(floor));
    List<Diag> out = new ArrayList<>();
    for (SourceFile file : new JavaParserFrontEnd().lowerSources(sources)) {
      for (Finding f : analyzer.analyze(List.of(file))) {
        if (f.location().path().equals(file.path())) {
          out.add(
              new Diag(
                  Diagnostic.Kind.WARNING,
                  f.location().path(),
                  f.location().path(),
                  f.location().line(),
                  f.location().column(),
                  f.ruleId(),
                  f.message()));
        }
      }
    }
    return out;
  }
}
