package dev.shareguard.core.finding;

import java.util.Comparator;
import java.util.List;

/**
 * One reported problem. {@code message} follows the house form: {@code what is wrong, in the user's
 * names; why it matters; the fix}. {@code key} is a stable message key (for tests and baselines),
 * {@code related} the other places involved (for a race: the other access), {@code fixes} the safe
 * rewrites that remove it, best first (empty when no rewrite is known to be safe).
 */
public record Finding(
    String ruleId,
    Severity severity,
    Location location,
    String key,
    String message,
    List<RelatedLocation> related,
    List<Fix> fixes) {

  /** Findings sort by file, line, column, rule, then message: output never depends on hash order. */
  public static final Comparator<Finding> ORDER =
      Comparator.comparing(Finding::location)
          .thenComparing(Finding::ruleId)
          .thenComparing(Finding::message);

  public Finding {
    related = List.copyOf(related);
    fixes = List.copyOf(fixes);
  }

  /** A finding with no suggested fix. */
  public Finding(
      String ruleId,
      Severity severity,
      Location location,
      String key,
      String message,
      List<RelatedLocation> related) {
    this(ruleId, severity, location, key, message, related, List.of());
  }
}
