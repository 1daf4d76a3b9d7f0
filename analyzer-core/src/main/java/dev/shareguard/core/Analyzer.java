package dev.shareguard.core;

import dev.shareguard.core.config.Config;
import dev.shareguard.core.finding.Finding;
import dev.shareguard.core.ir.SourceFile;
import java.util.List;

/**
 * The engine's entry point, the same for both front ends: lowered source files in, sorted findings
 * out. The CLI passes the whole audited tree; the plugin passes one compilation unit.
 */
public final class Analyzer {
  private final Config config;

  public Analyzer(Config config) {
    this.config = config;
  }

  /** Analyses {@code files} together and returns the findings of the enabled rules, sorted. */
  public List<Finding> analyze(List<SourceFile> files) {
    return List.of();
  }

  public Config config() {
    return config;
  }
}
