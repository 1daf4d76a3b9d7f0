package dev.shareguard.core.finding;

import java.util.Comparator;
import java.util.List;

/**
 * One reported problem. {@code message} follows the house form: {@code what is wrong, in the user's
 * names; why it matters; the fix}. {@code key} is a stable message key (for tests and baselines),
 * {@code related} the other places involved (for a race: the other access), {@code fixes} the safe
 * rewrites that remove it, best first (empty when no rewrite is known to be safe). {@code
 * confidence} says how sure the finding is that the code runs concurrently ({@code HIGH} for rules
 * that do not depend on it); {@code traces}, for a thread finding, explain each side: its thread,
 * evidence and the path from its entry to the access (reported side first).
 */
public record Finding(
    String ruleId,
    Severity severity,
    Location location,
    String key,
    String message,
    List<RelatedLocation> related,
    List<Fix> fixes,
    Confidence confidence,
    List<Trace> traces) {

  /** Findings sort by file, line, column, rule, then message: output never depends on hash order. */
  public static final Comparator<Finding> ORDER =
      Comparator.comparing(Finding::location)
          .thenComparing(Finding::ruleId)
          .thenComparing(Finding::message);

  public Finding {
    related = List.copyOf(related);
    fixes = List.copyOf(fixes);
    traces = List.copyOf(traces);
  }

  /** A finding with fixes, of high confidence and no traces (rules not about threads). */
  public Finding(
      String ruleId,
      Severity severity,
      Location location,
      String key,
      String message,
      List<RelatedLocation> related,
      List<Fix> fixes) {
    this(ruleId, severity, location, key, message, related, fixes, Confidence.HIGH, List.of());
  }

  /** This finding with {@code confidence} and {@code traces}. */
  public Finding explained(Confidence confidence, List<Trace> traces) {
    return new Finding(ruleId, severity, location, key, message, related, fixes, confidence, traces);
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
