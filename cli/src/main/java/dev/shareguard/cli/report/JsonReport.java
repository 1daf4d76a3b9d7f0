package dev.shareguard.cli.report;

import dev.shareguard.cli.Audit;
import dev.shareguard.cli.FileProblem;
import dev.shareguard.core.finding.Finding;
import dev.shareguard.core.finding.Trace;
import dev.shareguard.core.finding.Location;
import dev.shareguard.core.finding.RelatedLocation;
import dev.shareguard.core.rules.RuleInfo;
import java.util.List;
import java.util.Locale;

/**
 * A simple, stable JSON shape for scripts:
 *
 * <pre>{@code
 * {"tool": "shareguard", "version": "…", "files": 3, "lines": 120, "baselined": 0,
 *  "findings": [{"ruleId", "fingerprint", "severity", "confidence", "path", "line", "column",
 *                "key", "message", "related": [{"path", "line", "column", "message"}],
 *                "traces": [{"thread", "evidence", "steps": [{"path", "line", "column",
 *                                                             "text"}]}],
 *                "fixes": [{"description", "edits": [{"startLine", "startColumn", "endLine",
 *                                                     "endColumn", "replacement"}]}]}],
 *  "skipped": [{"path", "line", "reason"}]}
 * }</pre>
 *
 * <p>{@code fixes} are the finding's suggested fixes as edits on its own file (see {@link
 * FixEdits}): replace the text from the start up to, not including, the end; empty when there is no
 * safe rewrite.
 */
final class JsonReport implements Report {
  @Override
  public String render(Audit.Result result, List<RuleInfo> rules) {
    FixEdits fixes = new FixEdits(result.root(), result.encoding());
    JsonWriter w = new JsonWriter();
    w.beginObject();
    w.field("tool", "shareguard");
    w.field("version", Version.get());
    w.field("files", result.files());
    w.field("lines", result.lines());
    w.field("baselined", result.baselined());
    w.name("findings").beginArray();
    for (int i = 0; i < result.findings().size(); i++) {
      Finding f = result.findings().get(i);
      w.beginObject();
      w.field("ruleId", f.ruleId());
      w.field("fingerprint", result.fingerprints().get(i));
      w.field("severity", f.severity().name().toLowerCase(Locale.ROOT));
      w.field("confidence", f.confidence().word());
      location(w, f.location());
      w.field("key", f.key());
      w.field("message", f.message());
      w.name("related").beginArray();
      for (RelatedLocation r : f.related()) {
        w.beginObject();
        location(w, r.location());
        w.field("message", r.message());
        w.endObject();
      }
      w.endArray();
      w.name("traces").beginArray();
      for (Trace t : f.traces()) {
        w.beginObject();
        w.field("thread", t.thread());
        w.field("evidence", t.evidence().words());
        w.name("steps").beginArray();
        for (Trace.Step step : t.steps()) {
          w.beginObject();
          location(w, step.at());
          w.field("text", step.text());
          w.endObject();
        }
        w.endArray();
        w.endObject();
      }
      w.endArray();
      w.name("fixes").beginArray();
      for (FixEdits.Rendered fix : fixes.of(f)) {
        w.beginObject();
        w.field("description", fix.description());
        w.name("edits").beginArray();
        for (FixEdits.Edit e : fix.edits()) {
          w.beginObject();
          w.field("startLine", e.startLine());
          w.field("startColumn", e.startColumn());
          w.field("endLine", e.endLine());
          w.field("endColumn", e.endColumn());
          w.field("replacement", e.text());
          w.endObject();
        }
        w.endArray();
        w.endObject();
      }
      w.endArray();
      w.endObject();
    }
    w.endArray();
    w.name("skipped").beginArray();
    for (FileProblem p : result.problems()) {
      w.beginObject();
      w.field("path", p.path());
      w.field("line", p.line());
      w.field("reason", p.reason());
      w.endObject();
    }
    w.endArray();
    w.endObject();
    return w.toString();
  }

  private static void location(JsonWriter w, Location l) {
    w.field("path", l.path());
    w.field("line", l.line());
    w.field("column", l.column());
  }
}
