package dev.shareguard.core.engine;

import java.util.List;

/** What the engine found out about a program, for the rules to decide on. */
public final class AnalysisFacts {
  private final List<Conflict> conflicts;

  public AnalysisFacts(List<Conflict> conflicts) {
    this.conflicts = List.copyOf(conflicts);
  }

  /** Pairs of accesses that may run in parallel on the same location with no common lock. */
  public List<Conflict> conflicts() {
    return conflicts;
  }
}
