package dev.shareguard.cli.report;

import dev.shareguard.cli.Audit;
import dev.shareguard.core.finding.Finding;
import dev.shareguard.core.finding.RelatedLocation;
import dev.shareguard.core.rules.RuleInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The human format: findings grouped by file, each {@code path:line:col: [Rule] message} (the form
 * editors and terminals link), the source line, then the other places involved.
 */
final class TextReport implements Report {
  private final Map<String, List<String>> sources = new HashMap<>();

  @Override
  public String render(Audit.Result result, List<RuleInfo> rules) {
    StringBuilder out = new StringBuilder();
    String currentFile = null;
    for (Finding f : result.findings()) {
      String path = f.location().path();
      if (!path.equals(currentFile)) {
        if (currentFile != null) {
          out.append('\n');
        }
        currentFile = path;
      }
      out.append(f.location())
          .append(": [")
          .append(f.ruleId())
          .append("] ")
          .append(f.message())
          .append('\n');
      String line = sourceLine(result.root(), path, f.location().line());
      if (line != null) {
        out.append("    ").append(line).append('\n');
      }
      for (RelatedLocation r : f.related()) {
        out.append("    other access: ")
            .append(r.location())
            .append(' ')
            .append(r.message())
            .append('\n');
      }
    }
    return out.toString();
  }

  /** Line {@code line} of {@code path} without its indentation, or null if unavailable. */
  private String sourceLine(Path root, String path, int line) {
    List<String> lines =
        sources.computeIfAbsent(
            path,
            p -> {
              try {
                return Files.readAllLines(root.resolve(p), StandardCharsets.UTF_8);
              } catch (IOException | RuntimeException e) {
                return List.of();
              }
            });
    if (line < 1 || line > lines.size()) {
      return null;
    }
    String s = lines.get(line - 1).strip();
    return s.isEmpty() ? null : s;
  }
}
