package dev.shareguard.core.rules;

import dev.shareguard.core.finding.Severity;

/**
 * A rule's metadata, declared once. {@code id} is the rule's name everywhere: Error Prone check
 * name, SARIF ruleId, {@code @SuppressWarnings} key and {@code docs/rules/<id>.md}.
 */
public record RuleInfo(String id, String pack, Severity severity, String summary) {
  /** Where the rule's documentation lives, relative to the repository root. */
  public String docPath() {
    return "docs/rules/" + id + ".md";
  }
}
