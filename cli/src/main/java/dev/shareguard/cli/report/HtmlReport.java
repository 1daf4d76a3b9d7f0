package dev.shareguard.cli.report;

import dev.shareguard.cli.Audit;
import dev.shareguard.cli.FileProblem;
import dev.shareguard.core.finding.Finding;
import dev.shareguard.core.finding.Location;
import dev.shareguard.core.finding.RelatedLocation;
import dev.shareguard.core.finding.Trace;
import dev.shareguard.core.rules.RuleInfo;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One self-contained HTML page (inline style, no script, nothing fetched) for reading an audit in a
 * browser: totals, findings by rule and by package, then each finding with the code around both
 * accesses, the flagged lines marked and Java lightly highlighted; files that could not be audited
 * last. No timestamps, so the same audit gives the same bytes.
 */
final class HtmlReport implements Report {
  private final Settings settings;

  HtmlReport(Settings settings) {
    this.settings = settings;
  }

  /** Lines of code shown before and after an access. */
  private static final int CONTEXT = 2;

  private static final Set<String> KEYWORDS =
      Set.of(
          "abstract",
          "assert",
          "boolean",
          "break",
          "byte",
          "case",
          "catch",
          "char",
          "class",
          "const",
          "continue",
          "default",
          "do",
          "double",
          "else",
          "enum",
          "extends",
          "final",
          "finally",
          "float",
          "for",
          "goto",
          "if",
          "implements",
          "import",
          "instanceof",
          "int",
          "interface",
          "long",
          "native",
          "new",
          "package",
          "private",
          "protected",
          "public",
          "return",
          "short",
          "static",
          "strictfp",
          "super",
          "switch",
          "synchronized",
          "this",
          "throw",
          "throws",
          "transient",
          "try",
          "void",
          "volatile",
          "while",
          "var",
          "record",
          "yield",
          "true",
          "false",
          "null");

  /** Comments, string and char literals, annotations, words: the tokens worth colouring. */
  private static final Pattern TOKEN =
      Pattern.compile(
          "(//.*$|/\\*.*?(\\*/|$))|(\"(\\\\.|[^\"\\\\])*\"?|'(\\\\.|[^'\\\\])*'?)|(@\\w+)|(\\b\\w+\\b)");

  private static final String STYLE =
"""
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;color:#1f2328;background:#f6f8fa}
header{background:#24292f;color:#fff;padding:16px 32px}
header h1{margin:0 0 4px;font-size:22px}
header .totals{color:#d0d7de}
main{padding:16px 32px;max-width:1200px}
h2{font-size:18px;margin:24px 0 8px}
.summary{display:flex;gap:32px;flex-wrap:wrap}
table{border-collapse:collapse;background:#fff;border:1px solid #d0d7de}
th,td{text-align:left;padding:4px 12px;border-bottom:1px solid #d0d7de}
td.n{text-align:right;font-variant-numeric:tabular-nums}
.file{margin-top:20px;font:600 14px ui-monospace,SFMono-Regular,Menlo,monospace}
.finding{background:#fff;border:1px solid #d0d7de;border-left:4px solid #bf8700;border-radius:6px;margin:8px 0 16px;padding:10px 14px}
.finding.error{border-left-color:#cf222e}.finding.note{border-left-color:#0969da}
.rule{display:inline-block;font-weight:600;background:#fff8c5;border-radius:4px;padding:0 6px}
.error .rule{background:#ffebe9}.note .rule{background:#ddf4ff}
.loc{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;color:#57606a;margin-left:8px}
.msg{margin:6px 0}
.access{font-size:12px;color:#57606a;margin:8px 0 2px}
pre{margin:0;background:#f6f8fa;border:1px solid #d0d7de;border-radius:4px;overflow-x:auto;font:12px/1.5 ui-monospace,SFMono-Regular,Menlo,monospace}
pre span.l{display:block;padding:0 8px}
pre span.hit{background:#fff1b8}
pre i{display:inline-block;width:4em;color:#8c959f;font-style:normal;user-select:none}
.k{color:#cf222e}.s{color:#0a3069}.c{color:#6e7781}.a{color:#8250df}
.ok{color:#1a7f37;font-weight:600}
""";

  @Override
  public String render(Audit.Result result, List<RuleInfo> rules) {
    SourceLines sources = new SourceLines(result.root(), result.encoding());
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    h.append("<title>Shareguard audit: ").append(plural(result.findings().size(), "finding"));
    h.append("</title>\n<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");
    h.append("<header><h1>Shareguard audit</h1><div class=\"totals\">");
    h.append(esc(plural(result.files(), "file"))).append(", ");
    h.append(esc(String.format(Locale.ROOT, "%,d", result.lines()))).append(" lines, ");
    h.append(plural(result.findings().size(), "finding"));
    if (result.baselined() > 0) {
      h.append(" (").append(result.baselined()).append(" more accepted in the baseline)");
    }
    if (!result.problems().isEmpty()) {
      h.append(", ").append(plural(result.problems().size(), "file")).append(" skipped");
    }
    h.append(" &middot; shareguard ")
        .append(esc(Version.get()))
        .append("</div></header>\n<main>\n");

    if (result.findings().isEmpty()) {
      h.append("<p class=\"ok\">No findings.</p>\n");
    } else {
      summaries(h, result, rules);
      findings(h, result, sources);
    }
    if (!result.problems().isEmpty()) {
      h.append("<h2>Files not audited</h2>\n<table>\n<tr><th>file</th><th>line</th>");
      h.append("<th>reason</th></tr>\n");
      for (FileProblem p : result.problems()) {
        h.append("<tr><td>").append(esc(p.path())).append("</td><td class=\"n\">");
        h.append(p.line()).append("</td><td>").append(esc(p.reason())).append("</td></tr>\n");
      }
      h.append("</table>\n");
    }
    h.append("</main>\n</body>\n</html>\n");
    return h.toString();
  }

  private void summaries(StringBuilder h, Audit.Result result, List<RuleInfo> rules) {
    Map<String, Integer> byRule = new TreeMap<>();
    Map<String, Integer> byPackage = new TreeMap<>();
    for (Finding f : result.findings()) {
      byRule.merge(f.ruleId(), 1, Integer::sum);
      byPackage.merge(packageOf(f.location().path()), 1, Integer::sum);
    }
    h.append("<div class=\"summary\">\n<div><h2>By rule</h2>\n<table>\n");
    h.append("<tr><th>rule</th><th>findings</th><th>what it finds</th></tr>\n");
    for (Map.Entry<String, Integer> e : byRule.entrySet()) {
      RuleInfo info =
          rules.stream().filter(r -> r.id().equals(e.getKey())).findFirst().orElse(null);
      String link = info == null ? null : settings.helpUri(info);
      if (link == null) {
        h.append("<tr><td>").append(esc(e.getKey())).append("</td><td class=\"n\">");
      } else {
        h.append("<tr><td><a href=\"").append(esc(link)).append("\">");
        h.append(esc(e.getKey())).append("</a></td><td class=\"n\">");
      }
      h.append(e.getValue()).append("</td><td>");
      h.append(info == null ? "" : esc(info.summary())).append("</td></tr>\n");
    }
    h.append("</table></div>\n<div><h2>By package</h2>\n<table>\n");
    h.append("<tr><th>package</th><th>findings</th></tr>\n");
    byPackage.entrySet().stream()
        .sorted(
            Map.Entry.<String, Integer>comparingByValue()
                .reversed()
                .thenComparing(Map.Entry.comparingByKey()))
        .forEach(
            e ->
                h.append("<tr><td>")
                    .append(esc(e.getKey()))
                    .append("</td><td class=\"n\">")
                    .append(e.getValue())
                    .append("</td></tr>\n"));
    h.append("</table></div>\n</div>\n");
  }

  private static void findings(StringBuilder h, Audit.Result result, SourceLines sources) {
    h.append("<h2>Findings</h2>\n");
    String file = null;
    for (int i = 0; i < result.findings().size(); i++) {
      Finding f = result.findings().get(i);
      if (!f.location().path().equals(file)) {
        file = f.location().path();
        h.append("<div class=\"file\">").append(esc(file)).append("</div>\n");
      }
      String level = f.severity().sarifLevel();
      h.append("<div class=\"finding ").append(level).append("\" id=\"f-");
      h.append(result.fingerprints().get(i)).append("\">");
      h.append("<span class=\"rule\">").append(esc(f.ruleId())).append("</span>");
      h.append("<span class=\"loc\">").append(esc(f.location().toString())).append("</span>");
      h.append(" <span class=\"loc\">").append(level).append("</span>");
      h.append(" <span class=\"loc\">confidence ").append(f.confidence().word())
          .append("</span>\n");
      h.append("<p class=\"msg\">").append(code(f.message())).append("</p>\n");
      h.append("<div class=\"access\">this access, ").append(esc(where(f.location())));
      h.append("</div>\n");
      snippet(h, sources, f.location());
      for (RelatedLocation r : f.related()) {
        h.append("<div class=\"access\">").append(code(r.message())).append(", ");
        h.append(esc(where(r.location()))).append("</div>\n");
        snippet(h, sources, r.location());
      }
      for (Trace t : f.traces()) {
        h.append("<div class=\"access\">on ").append(code(t.thread())).append(" (")
            .append(esc(t.evidence().words())).append("):<ol>");
        for (Trace.Step step : t.steps()) {
          h.append("<li>").append(code(step.text())).append(", ")
              .append(esc(where(step.at()))).append("</li>");
        }
        h.append("</ol></div>\n");
      }
      h.append("</div>\n");
    }
  }

  private static String where(Location l) {
    return l.path() + " line " + l.line();
  }

  /** The lines around {@code at}, numbered, with its own line marked. */
  private static void snippet(StringBuilder h, SourceLines sources, Location at) {
    List<String> lines = sources.all(at.path());
    if (at.line() < 1 || at.line() > lines.size()) {
      return;
    }
    int from = Math.max(1, at.line() - CONTEXT);
    int to = Math.min(lines.size(), at.line() + CONTEXT);
    h.append("<pre>");
    for (int n = from; n <= to; n++) {
      h.append("<span class=\"l").append(n == at.line() ? " hit" : "").append("\"><i>");
      h.append(n).append("</i>").append(highlight(lines.get(n - 1))).append("</span>");
    }
    h.append("</pre>\n");
  }

  /** One line of Java, escaped, with keywords, literals, comments and annotations coloured. */
  static String highlight(String line) {
    String s = line.replace("\t", "    ");
    StringBuilder out = new StringBuilder();
    Matcher m = TOKEN.matcher(s);
    int last = 0;
    while (m.find()) {
      out.append(esc(s.substring(last, m.start())));
      String t = m.group();
      String cls = null;
      if (m.group(1) != null) {
        cls = "c";
      } else if (m.group(3) != null) {
        cls = "s";
      } else if (m.group(6) != null) {
        cls = "a";
      } else if (KEYWORDS.contains(t)) {
        cls = "k";
      }
      if (cls == null) {
        out.append(esc(t));
      } else {
        out.append("<span class=\"").append(cls).append("\">").append(esc(t)).append("</span>");
      }
      last = m.end();
    }
    out.append(esc(s.substring(last)));
    return out.toString();
  }

  /** A message, escaped, with its {@code `code`} spans set in code type. */
  private static String code(String message) {
    StringBuilder out = new StringBuilder();
    String[] parts = message.split("`", -1);
    for (int i = 0; i < parts.length; i++) {
      if (i % 2 == 0) {
        out.append(esc(parts[i]));
      } else if (i < parts.length - 1) {
        out.append("<code>").append(esc(parts[i])).append("</code>");
      } else {
        out.append('`').append(esc(parts[i]));
      }
    }
    return out.toString();
  }

  /**
   * The package a file is in, from its path: the directories after the last {@code java/} source
   * folder (or all of them), dotted. The report is about paths; this groups them as people think.
   */
  static String packageOf(String path) {
    int slash = path.lastIndexOf('/');
    String dir = slash < 0 ? "" : path.substring(0, slash);
    int java = ("/" + dir + "/").lastIndexOf("/java/");
    if (java >= 0) {
      dir = ("/" + dir + "/").substring(java + "/java/".length());
      dir = dir.endsWith("/") ? dir.substring(0, dir.length() - 1) : dir;
    }
    return dir.isEmpty() ? "(default package)" : dir.replace('/', '.');
  }

  private static String plural(long n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }

  /** {@code s} safe in HTML text and attribute values. */
  static String esc(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
