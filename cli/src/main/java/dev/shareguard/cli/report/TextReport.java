package dev.shareguard.cli.report;

import dev.shareguard.cli.Audit;
import dev.shareguard.core.finding.Finding;
import dev.shareguard.core.finding.RelatedLocation;
import dev.shareguard.core.finding.Trace;
import dev.shareguard.core.rules.RuleInfo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The human format: findings grouped by file, each a header line {@code path:line:col: severity
 * [Rule] what is wrong} (the form editors and terminals link, paths relative to the working
 * directory; a thread finding's confidence after its severity), then indented detail lines: the
 * source line, the other places involved ({@code see:}), for a thread finding each side's thread,
 * evidence and path from its entry to the access ({@code on …:}), and the explanation ({@code
 * why:}).
 *
 * <p>A finding's message reads "what is wrong; why it matters; the fix". The first part names the
 * user's code and differs per finding; the rest is the same for every finding of a rule, and is
 * shown only at the first finding that has it unless the report is verbose. Read a day's CI log
 * with a hundred races and each explanation is there once.
 */
final class TextReport implements Report {
  private static final String INDENT = "    ";

  private final Settings settings;

  TextReport(Settings settings) {
    this.settings = settings;
  }

  @Override
  public String render(Audit.Result result, List<RuleInfo> rules) {
    SourceLines sources = new SourceLines(result.root(), result.encoding());
    Set<String> explained = new HashSet<>();
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
      Message m = settings.verbose() ? new Message(f.message(), "") : Message.split(f.message());
      out.append(result.shown(path))
          .append(':')
          .append(f.location().line())
          .append(':')
          .append(f.location().column())
          .append(": ")
          .append(String.join(" ", labels(f)))
          .append(" [")
          .append(f.ruleId())
          .append("] ")
          .append(m.what())
          .append('\n');
      for (String detail : details(f, result, sources, m, explained)) {
        out.append(INDENT).append(detail).append('\n');
      }
    }
    return out.toString();
  }

  /**
   * The words before the rule id that say how to weigh the finding: its severity and its
   * confidence ({@code warning confidence:high}), for every rule, as JSON and SARIF give them.
   */
  private static List<String> labels(Finding f) {
    List<String> labels = new ArrayList<>();
    labels.add(f.severity().name().toLowerCase(Locale.ROOT));
    labels.add("confidence:" + f.confidence().word());
    return labels;
  }

  /** The indented lines under a finding's header, in order. */
  private static List<String> details(
      Finding f, Audit.Result result, SourceLines sources, Message m, Set<String> explained) {
    List<String> lines = new ArrayList<>();
    String line = sources.line(f.location().path(), f.location().line());
    if (line != null && !line.isBlank()) {
      lines.add(line.strip());
    }
    for (RelatedLocation r : f.related()) {
      lines.add(
          "see: "
              + result.shown(r.location().path())
              + ':'
              + r.location().line()
              + ':'
              + r.location().column()
              + ' '
              + r.message());
    }
    for (Trace t : f.traces()) {
      lines.add("on " + t.thread() + " (" + t.evidence().words() + "):");
      for (Trace.Step step : t.steps()) {
        lines.add("  " + result.shown(step.at().path()) + ':' + step.at().line() + ':'
            + step.at().column() + ' ' + step.text());
      }
    }
    if (!m.why().isEmpty() && explained.add(f.ruleId() + '\0' + m.why())) {
      lines.add("why: " + m.why());
    }
    return lines;
  }

  /**
   * A finding's message cut after its first sentence: {@code what} names the user's code, {@code
   * why} explains and gives the fix (empty when the message is one sentence).
   */
  record Message(String what, String why) {
    /**
     * Cuts at the first full stop followed by a space and a capital letter, outside {@code `code`}
     * spans (code quotes contain dots such as {@code `Map.of(…)`}). Only the display is cut: every
     * word of the message is still shown, once per rule.
     */
    static Message split(String message) {
      boolean inCode = false;
      for (int i = 0; i + 2 < message.length(); i++) {
        char c = message.charAt(i);
        if (c == '`') {
          inCode = !inCode;
        } else if (!inCode
            && c == '.'
            && message.charAt(i + 1) == ' '
            && Character.isUpperCase(message.charAt(i + 2))) {
          return new Message(message.substring(0, i + 1), message.substring(i + 2).strip());
        }
      }
      return new Message(message, "");
    }
  }
}
