package dev.shareguard.core.engine;

import java.util.List;

/** What the engine found out about a program, for the rules to decide on. */
public final class AnalysisFacts {
  private final ProgramIndex index;
  private final List<Conflict> conflicts;

  public AnalysisFacts(ProgramIndex index, List<Conflict> conflicts) {
    this.index = index;
    this.conflicts = List.copyOf(conflicts);
  }

  public ProgramIndex index() {
    return index;
  }

  /**
   * Accesses that may run in parallel with another access to the same location with no common
   * lock, at least one of the two a write; one conflict per racing access.
   */
  public List<Conflict> conflicts() {
    return conflicts;
  }
}
