package dev.shareguard.core.finding;

import java.util.Locale;

/**
 * How sure a finding is that the code really runs on several threads and that both accesses were
 * resolved precisely. Ordered: {@code LOW < MEDIUM < HIGH}; a floor keeps findings at or above it.
 * Findings of rules that do not depend on thread evidence (copies, values) are {@code HIGH}.
 */
public enum Confidence {
  LOW,
  MEDIUM,
  HIGH;

  /** The floor used when the user sets none; chosen from measurement (docs/index.md). */
  public static final Confidence DEFAULT_FLOOR = HIGH;

  /** One level lower, {@code LOW} staying {@code LOW}. */
  public Confidence lower() {
    return this == LOW ? LOW : values()[ordinal() - 1];
  }

  /** Whether a finding of this confidence is kept under {@code floor}. */
  public boolean atLeast(Confidence floor) {
    return compareTo(floor) >= 0;
  }

  /** The word users write and read: {@code low}, {@code medium}, {@code high}. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The confidence named by {@code text} ({@code low}, {@code medium}, {@code high}, any case).
   *
   * @throws IllegalArgumentException naming the accepted words
   */
  public static Confidence parse(String text) {
    for (Confidence c : values()) {
      if (c.word().equalsIgnoreCase(text == null ? "" : text.strip())) {
        return c;
      }
    }
    throw new IllegalArgumentException(
        "unknown confidence '" + text + "': use low, medium or high");
  }
}
