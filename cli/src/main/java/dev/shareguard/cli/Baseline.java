package dev.shareguard.cli;

import dev.shareguard.cli.report.Version;
import dev.shareguard.core.finding.Finding;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A baseline: the findings a team accepted when it adopted Shareguard, by fingerprint, so CI fails
 * only on new ones. The file is text meant to be committed and reviewed: one finding a line, its
 * fingerprint first, then (for people reading a diff) the rule, where it was and the start of its
 * message; only the fingerprint is read back. A fingerprint listed twice accepts two findings.
 *
 * <pre>
 * # Shareguard baseline …
 * 3f2a9c0d11e4b7a8	UnguardedSharedWrite	src/com/acme/Cache.java:42	`map.put(…)` writes `map` …
 * </pre>
 */
final class Baseline {
  private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-f]{16}");
  private static final int MESSAGE_CHARS = 120;

  /** Accepted findings: fingerprint to how many findings it accepts. */
  private final Map<String, Integer> accepted;

  private Baseline(Map<String, Integer> accepted) {
    this.accepted = accepted;
  }

  /**
   * Reads a baseline written by {@link #write}.
   *
   * @throws UsageException naming the file and line when it is missing or not a baseline
   */
  static Baseline read(Path file, String shown) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new UsageException(
          "--baseline " + shown + ": no such file (create it with --write-baseline)");
    } catch (CharacterCodingException e) {
      throw new UsageException("--baseline " + shown + ": not a baseline (not UTF-8 text)");
    } catch (IOException e) {
      throw new UsageException("--baseline " + shown + ": cannot read: " + e.getMessage());
    }
    Map<String, Integer> accepted = new HashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int tab = line.indexOf('\t');
      String fp = tab < 0 ? line : line.substring(0, tab);
      if (!FINGERPRINT.matcher(fp).matches()) {
        throw new UsageException(
            shown
                + ":"
                + (i + 1)
                + ": not a baseline entry (expected a 16-digit hex fingerprint first, got '"
                + abbreviate(fp, 40)
                + "'); write baselines with --write-baseline");
      }
      accepted.merge(fp, 1, Integer::sum);
    }
    return new Baseline(accepted);
  }

  /**
   * Which of {@code findings} (with their {@code fingerprints}) the baseline does not accept: true
   * at index i means finding i is new. Each baseline entry accepts one finding.
   */
  boolean[] fresh(List<String> fingerprints) {
    Map<String, Integer> left = new HashMap<>(accepted);
    boolean[] out = new boolean[fingerprints.size()];
    for (int i = 0; i < out.length; i++) {
      Integer n = left.get(fingerprints.get(i));
      if (n == null || n == 0) {
        out[i] = true;
      } else {
        left.put(fingerprints.get(i), n - 1);
      }
    }
    return out;
  }

  /** The baseline text accepting {@code findings}, in report order. */
  static String render(List<Finding> findings, List<String> fingerprints) {
    StringBuilder out = new StringBuilder();
    out.append("# Shareguard baseline, written by shareguard ")
        .append(Version.get())
        .append(" --write-baseline.\n")
        .append("# `shareguard audit --baseline FILE` reports only findings not listed here.\n")
        .append("# One accepted finding a line: fingerprint, rule, where it was, message.")
        .append(" Only the fingerprint is read.\n");
    for (int i = 0; i < findings.size(); i++) {
      Finding f = findings.get(i);
      out.append(fingerprints.get(i))
          .append('\t')
          .append(f.ruleId())
          .append('\t')
          .append(f.location().path())
          .append(':')
          .append(f.location().line())
          .append('\t')
          .append(abbreviate(f.message(), MESSAGE_CHARS))
          .append('\n');
    }
    return out.toString();
  }

  /** {@code s} on one line, cut to {@code max} characters with an ellipsis. */
  private static String abbreviate(String s, int max) {
    String one = s.replaceAll("\\s+", " ");
    return one.length() <= max ? one : one.substring(0, max - 1) + "…";
  }
}
