package dev.shareguard.cli.report;

import dev.shareguard.cli.Audit;
import dev.shareguard.core.finding.Finding;
import dev.shareguard.core.finding.RelatedLocation;
import dev.shareguard.core.rules.RuleInfo;
import java.util.List;

/**
 * The human format: findings grouped by file, each {@code path:line:col: [Rule] message} (the form
 * editors and terminals link), the source line, then the other places involved.
 */
final class TextReport implements Report {
  @Override
  public String render(Audit.Result result, List<RuleInfo> rules) {
    SourceLines sources = new SourceLines(result.root());
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
      String line = sources.line(path, f.location().line());
      if (line != null && !line.isBlank()) {
        out.append("    ").append(line.strip()).append('\n');
      }
      for (RelatedLocation r : f.related()) {
        out.append("    see: ")
            .append(r.location())
            .append(' ')
            .append(r.message())
            .append('\n');
      }
    }
    return out.toString();
  }
}
