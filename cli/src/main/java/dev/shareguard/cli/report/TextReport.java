package dev.shareguard.cli.report;

import dev.shareguard.cli.Audit;
import dev.shareguard.core.finding.Finding;
import dev.shareguard.core.finding.Trace;
import dev.shareguard.core.finding.RelatedLocation;
import dev.shareguard.core.rules.RuleInfo;
import java.util.List;

/**
 * The human format: findings grouped by file, each {@code path:line:col: [Rule] message} (the form
 * editors and terminals link), the source line, the other places involved, and for a thread
 * finding its confidence and, per side, the thread, its evidence and the path from its entry to
 * the access, indented.
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
      if (!f.traces().isEmpty()) {
        out.append("    confidence: ").append(f.confidence().word()).append('\n');
        for (Trace t : f.traces()) {
          out.append("    on ").append(t.thread())
              .append(" (").append(t.evidence().words()).append("):\n");
          for (Trace.Step step : t.steps()) {
            out.append("      ").append(step.at()).append(' ').append(step.text()).append('\n');
          }
        }
      }
    }
    return out.toString();
  }
}
