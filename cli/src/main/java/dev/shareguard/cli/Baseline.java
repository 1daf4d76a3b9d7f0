package dev.shareguard.cli;

import dev.shareguard.cli.report.Version;
import dev.shareguard.core.finding.Finding;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
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

  /** One accepted finding: where it is in the baseline file, its fingerprint and rule. */
  record Entry(int line, String fingerprint, String rule, String description) {
    @Override
    public String toString() {
      return description.isEmpty() ? fingerprint : description;
    }
  }

  /**
   * What a baseline does to one audit's findings.
   *
   * @param fresh true at index i when finding i is new (not accepted)
   * @param stale the entries no finding matched: fixed, or changed beyond recognition
   */
  record Match(boolean[] fresh, List<Entry> stale) {}

  /** Accepted findings in file order. */
  private final List<Entry> entries;

  private Baseline(List<Entry> entries) {
    this.entries = List.copyOf(entries);
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
    List<Entry> entries = new ArrayList<>();
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
      String rest = tab < 0 ? "" : line.substring(tab + 1);
      int tab2 = rest.indexOf('\t');
      String rule = tab2 < 0 ? rest : rest.substring(0, tab2);
      entries.add(new Entry(i + 1, fp, rule, abbreviate(rest.replace('\t', ' '), MESSAGE_CHARS)));
    }
    return new Baseline(entries);
  }

  /**
   * Matches the findings' {@code fingerprints} with the baseline: each entry accepts one finding.
   * Entries of rules that did not run ({@code ran} is false for their rule) are never stale: the
   * audit could not have found them.
   */
  Match match(List<String> fingerprints, Predicate<String> ran) {
    Map<String, Deque<Entry>> left = new HashMap<>();
    for (Entry e : entries) {
      left.computeIfAbsent(e.fingerprint(), k -> new ArrayDeque<>()).add(e);
    }
    boolean[] fresh = new boolean[fingerprints.size()];
    for (int i = 0; i < fresh.length; i++) {
      Deque<Entry> q = left.get(fingerprints.get(i));
      fresh[i] = q == null || q.poll() == null;
    }
    List<Entry> stale = new ArrayList<>();
    for (Entry e : entries) {
      Deque<Entry> q = left.get(e.fingerprint());
      if (q.contains(e) && (e.rule().isEmpty() || ran.test(e.rule()))) {
        stale.add(e);
      }
    }
    return new Match(fresh, stale);
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
