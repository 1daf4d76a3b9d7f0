package dev.shareguard.samples.copies;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A directory of team members, copied for a what-if preview: the copy constructor of the incident
 * that motivated this rule.
 */
final class TeamDirectory {
  private TeamDirectory() {}

  /**
   * Bug: the copy constructor {@code putAll}s a map of lists, so both directories hold the same
   * List objects; {@code join} on the preview adds the member to the live directory too.
   */
  static final class Unsafe {
    private final Map<String, List<String>> membersByTeam;

    Unsafe() {
      this.membersByTeam = new HashMap<>();
    }

    Unsafe(Unsafe other) {
      Map<String, List<String>> copy = new HashMap<>();
      copy.putAll(other.membersByTeam);
      // BUG: Diagnostic contains: ShallowCopyMutation
      this.membersByTeam = copy;
    }

    void join(String team, String member) {
      membersByTeam.computeIfAbsent(team, t -> new ArrayList<>()).add(member);
    }
  }

  /** Fix: copy every nested list, so the two directories change independently. */
  static final class Safe {
    private final Map<String, List<String>> membersByTeam;

    Safe() {
      this.membersByTeam = new HashMap<>();
    }

    Safe(Safe other) {
      Map<String, List<String>> copy = new HashMap<>();
      for (Map.Entry<String, List<String>> e : other.membersByTeam.entrySet()) {
        copy.put(e.getKey(), new ArrayList<>(e.getValue()));
      }
      this.membersByTeam = copy;
    }

    void join(String team, String member) {
      membersByTeam.computeIfAbsent(team, t -> new ArrayList<>()).add(member);
    }
  }
}
