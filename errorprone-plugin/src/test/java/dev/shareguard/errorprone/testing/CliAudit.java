package dev.shareguard.errorprone.testing;

import dev.shareguard.cli.frontend.JavaParserFrontEnd;
import dev.shareguard.core.Analyzer;
import dev.shareguard.core.config.Config;
import java.util.List;
import java.util.Map;

/**
 * Audits sources the way the CLI does (whole tree, every rule): for findings only the whole-tree
 * analysis can make, which the plugin's one-compilation-unit view cannot.
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
}
