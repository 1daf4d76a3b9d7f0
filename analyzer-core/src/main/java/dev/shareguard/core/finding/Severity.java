package dev.shareguard.core.finding;

/** How serious a finding is; maps to Error Prone severities and SARIF levels. */
public enum Severity {
  ERROR,
  WARNING,
  NOTE;

  /** The SARIF 2.1.0 {@code level} for this severity. */
  public String sarifLevel() {
    return switch (this) {
      case ERROR -> "error";
      case WARNING -> "warning";
      case NOTE -> "note";
    };
  }
}
