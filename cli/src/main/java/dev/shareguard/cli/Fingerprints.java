package dev.shareguard.cli;

import dev.shareguard.cli.report.SourceLines;
import dev.shareguard.core.finding.Finding;
import dev.shareguard.core.finding.RelatedLocation;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Stable identities of findings, for baselines and SARIF {@code partialFingerprints}: a finding
 * keeps its fingerprint when unrelated edits move it to another line, so an accepted finding does
 * not come back as new.
 *
 * <p>A fingerprint hashes what identifies the problem rather than where it sits: the rule, the
 * message key, the file, the text of the flagged line and of each other access (whitespace removed,
 * so re-indenting changes nothing), and the other accesses' files. Line numbers and the message
 * text (which names line numbers and may be reworded between releases) are left out. Findings that
 * would share a fingerprint (the same statement copied twice in one file) are told apart by their
 * order in the file.
 */
public final class Fingerprints {
  private Fingerprints() {}

  /** The fingerprint of each of {@code findings}, in the same order. */
  public static List<String> of(List<Finding> findings, SourceLines sources) {
    Map<String, Integer> seen = new HashMap<>();
    List<String> out = new ArrayList<>(findings.size());
    for (Finding f : findings) {
      StringBuilder base = new StringBuilder();
      base.append(f.ruleId()).append('\0').append(f.key()).append('\0');
      base.append(f.location().path()).append('\0');
      base.append(code(sources, f.location().path(), f.location().line()));
      for (RelatedLocation r : f.related()) {
        base.append('\0').append(r.location().path()).append('\0');
        base.append(code(sources, r.location().path(), r.location().line()));
      }
      String b = base.toString();
      int n = seen.merge(b, 1, Integer::sum) - 1;
      out.add(hash(b + '\0' + n));
    }
    return out;
  }

  /** The line's text without any whitespace; empty when it cannot be read. */
  private static String code(SourceLines sources, String path, int line) {
    String s = sources.line(path, line);
    if (s == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!Character.isWhitespace(c)) {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /** The first 16 hex digits of the SHA-256 of {@code s}: 64 bits, ample for one codebase. */
  private static String hash(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
