package dev.shareguard.cli;

import java.util.Comparator;

/**
 * A file the audit could not read, parse or lower, reported as {@code path:line: reason}; or one it
 * left out on purpose ({@code skippedOnPurpose}: generated code), which is a note rather than an
 * error in SARIF.
 */
public record FileProblem(String path, int line, String reason, boolean skippedOnPurpose)
    implements Comparable<FileProblem> {
  private static final Comparator<FileProblem> ORDER =
      Comparator.comparing(FileProblem::path)
          .thenComparingInt(FileProblem::line)
          .thenComparing(FileProblem::reason);

  /** A file that could not be audited. */
  public FileProblem(String path, int line, String reason) {
    this(path, line, reason, false);
  }

  /** A file left out on purpose. */
  static FileProblem skipped(String path, int line, String reason) {
    return new FileProblem(path, line, reason, true);
  }

  @Override
  public int compareTo(FileProblem o) {
    return ORDER.compare(this, o);
  }

  @Override
  public String toString() {
    return path + ":" + line + ": " + reason;
  }
}
