package dev.shareguard.cli.report;

import dev.shareguard.cli.Audit;
import dev.shareguard.cli.FileProblem;
import dev.shareguard.core.finding.Confidence;
import dev.shareguard.core.finding.Finding;
import dev.shareguard.core.finding.Trace;
import dev.shareguard.core.finding.Location;
import dev.shareguard.core.finding.RelatedLocation;
import dev.shareguard.core.rules.RuleInfo;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * SARIF 2.1.0 for code-scanning services: one run, the rules that ran with their help pages,
 * results with locations relative to {@code %SRCROOT%} (the audited root) and the other places
 * involved as related locations; files that could not be audited as tool notifications.
 */
final class SarifReport implements Report {
  static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
  static final String HELP_BASE = "https://github.com/shareguard/shareguard/blob/main/";
  static final String SRCROOT = "%SRCROOT%";

  /**
   * The partialFingerprints key: Shareguard's line-independent identity of a finding (see
   * dev.shareguard.cli.Fingerprints), versioned so a change of scheme is not mistaken for new
   * findings.
   */
  static final String FINGERPRINT_KEY = "shareguard/v1";

  @Override
  public String render(Audit.Result result, List<RuleInfo> rules) {
    Map<String, Integer> ruleIndex = new HashMap<>();
    FixEdits fixes = new FixEdits(result.root());
    JsonWriter w = new JsonWriter();
    w.beginObject();
    w.field("$schema", SCHEMA);
    w.field("version", "2.1.0");
    w.name("runs").beginArray().beginObject();

    w.name("tool").beginObject().name("driver").beginObject();
    w.field("name", "Shareguard");
    w.field("version", Version.get());
    w.field("informationUri", "https://github.com/shareguard/shareguard");
    w.name("rules").beginArray();
    for (int i = 0; i < rules.size(); i++) {
      RuleInfo r = rules.get(i);
      ruleIndex.put(r.id(), i);
      w.beginObject();
      w.field("id", r.id());
      w.field("name", r.id());
      w.name("shortDescription").beginObject().field("text", r.summary()).endObject();
      w.field("helpUri", HELP_BASE + r.docPath());
      w.name("defaultConfiguration")
          .beginObject()
          .field("level", r.severity().sarifLevel())
          .endObject();
      w.name("properties")
          .beginObject()
          .name("tags")
          .beginArray()
          .value(r.pack())
          .endArray()
          .endObject();
      w.endObject();
    }
    w.endArray();
    w.endObject().endObject();

    w.name("invocations").beginArray().beginObject();
    w.name("executionSuccessful").value(true);
    w.name("toolExecutionNotifications").beginArray();
    for (FileProblem p : result.problems()) {
      w.beginObject();
      w.field("level", "error");
      w.name("message").beginObject().field("text", p.reason()).endObject();
      w.name("locations").beginArray().beginObject();
      physical(w, p.path(), p.line(), 0);
      w.endObject().endArray();
      w.endObject();
    }
    w.endArray();
    w.endObject().endArray();

    w.field("columnKind", "utf16CodeUnits");
    w.name("results").beginArray();
    for (int i = 0; i < result.findings().size(); i++) {
      Finding f = result.findings().get(i);
      w.beginObject();
      w.field("ruleId", f.ruleId());
      Integer index = ruleIndex.get(f.ruleId());
      if (index != null) {
        w.field("ruleIndex", index);
      }
      w.field("level", f.severity().sarifLevel());
      w.field("rank", rank(f.confidence()));
      w.name("message").beginObject().field("text", f.message()).endObject();
      w.name("locations").beginArray().beginObject();
      location(w, f.location());
      w.endObject().endArray();
      if (!f.related().isEmpty()) {
        w.name("relatedLocations").beginArray();
        int id = 0;
        for (RelatedLocation r : f.related()) {
          w.beginObject();
          w.field("id", id++);
          location(w, r.location());
          w.name("message").beginObject().field("text", r.message()).endObject();
          w.endObject();
        }
        w.endArray();
      }
      if (!f.traces().isEmpty()) {
        codeFlows(w, f.traces());
      }
      List<FixEdits.Rendered> rendered = fixes.of(f);
      if (!rendered.isEmpty()) {
        w.name("fixes").beginArray();
        for (FixEdits.Rendered fix : rendered) {
          fix(w, f.location().path(), fix);
        }
        w.endArray();
      }
      w.name("partialFingerprints")
          .beginObject()
          .field(FINGERPRINT_KEY, result.fingerprints().get(i))
          .endObject();
      w.name("properties").beginObject();
      w.field("confidence", f.confidence().word());
      if (!f.traces().isEmpty()) {
        w.name("evidence").beginArray();
        f.traces().forEach(t -> w.value(t.evidence().words()));
        w.endArray();
      }
      w.endObject();
      w.endObject();
    }
    w.endArray();

    w.endObject().endArray();
    w.endObject();
    return w.toString();
  }

  /**
   * SARIF's {@code rank} (0 to 100, higher is more relevant) for a confidence: viewers sort and
   * filter on it.
   */
  static long rank(Confidence c) {
    return switch (c) {
      case HIGH -> 90;
      case MEDIUM -> 60;
      case LOW -> 30;
    };
  }

  /**
   * One code flow per finding with one thread flow per side of the race: each step of a trace,
   * from its thread's root or entry down to the access, as a location with its text.
   */
  private static void codeFlows(JsonWriter w, List<Trace> traces) {
    w.name("codeFlows").beginArray().beginObject();
    w.name("threadFlows").beginArray();
    for (Trace t : traces) {
      w.beginObject();
      w.name("message").beginObject()
          .field("text", t.thread() + " (" + t.evidence().words() + ")").endObject();
      w.name("locations").beginArray();
      for (Trace.Step step : t.steps()) {
        w.beginObject();
        w.name("location").beginObject();
        location(w, step.at());
        w.name("message").beginObject().field("text", step.text()).endObject();
        w.endObject();
        w.endObject();
      }
      w.endArray();
      w.endObject();
    }
    w.endArray();
    w.endObject().endArray();
  }

  /** A SARIF fix: one artifact change on the finding's file, its edits as replacements. */
  private static void fix(JsonWriter w, String path, FixEdits.Rendered fix) {
    w.beginObject();
    w.name("description").beginObject().field("text", fix.description()).endObject();
    w.name("artifactChanges").beginArray().beginObject();
    w.name("artifactLocation")
        .beginObject()
        .field("uri", uri(path))
        .field("uriBaseId", SRCROOT)
        .endObject();
    w.name("replacements").beginArray();
    for (FixEdits.Edit e : fix.edits()) {
      w.beginObject();
      w.name("deletedRegion")
          .beginObject()
          .field("startLine", e.startLine())
          .field("startColumn", e.startColumn())
          .field("endLine", e.endLine())
          .field("endColumn", e.endColumn())
          .endObject();
      w.name("insertedContent").beginObject().field("text", e.text()).endObject();
      w.endObject();
    }
    w.endArray();
    w.endObject().endArray();
    w.endObject();
  }

  private static void location(JsonWriter w, Location l) {
    physical(w, l.path(), l.line(), l.column());
  }

  private static void physical(JsonWriter w, String path, int line, int column) {
    w.name("physicalLocation").beginObject();
    w.name("artifactLocation")
        .beginObject()
        .field("uri", uri(path))
        .field("uriBaseId", SRCROOT)
        .endObject();
    w.name("region").beginObject();
    w.field("startLine", Math.max(1, line));
    if (column > 0) {
      w.field("startColumn", column);
    }
    w.endObject();
    w.endObject();
  }

  /**
   * A relative URI reference for a '/'-separated path: unreserved characters kept, rest encoded.
   */
  static String uri(String path) {
    StringBuilder sb = new StringBuilder();
    for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || "-._~/".indexOf(c) >= 0) {
        sb.append(c);
      } else {
        sb.append('%').append(String.format(java.util.Locale.ROOT, "%02X", b & 0xff));
      }
    }
    return sb.toString();
  }
}
