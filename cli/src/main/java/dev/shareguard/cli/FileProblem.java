package dev.shareguard.cli;

import java.util.Comparator;

/** A file the audit could not read, parse or lower, reported as {@code path:line: reason}. */
public record FileProblem(String path, int line, String reason) implements Comparable<FileProblem> {
  private static final Comparator<FileProblem> ORDER =
      Comparator.comparing(FileProblem::path)
          .thenComparingInt(FileProblem::line)
          .thenComparing(FileProblem::reason);

  @Override
  public int compareTo(FileProblem o) {
    return ORDER.compare(this, o);
  }

  @Override
  public String toString() {
    return path + ":" + line + ": " + reason;
  }
}
