package dev.shareguard.cli.report;

import dev.shareguard.cli.Audit;
import dev.shareguard.core.rules.RuleInfo;
import java.util.List;

/** Renders an audit's result; the same input always gives the same text. */
public interface Report {
  /**
   * @param rules the rules that ran, in catalog order
   */
  String render(Audit.Result result, List<RuleInfo> rules);

  /**
   * How reports are written.
   *
   * @param verbose the text report repeats each finding's whole explanation instead of giving it
   *     once per rule
   * @param docsUrl where the Shareguard repository's files are published (ending in '/'), so that
   *     {@code docsUrl + "docs/rules/Rule.md"} is a rule's page; null when there is none, and then
   *     reports carry the rule's summary and no link
   */
  record Settings(boolean verbose, String docsUrl) {
    /** Compact text, no documentation links. */
    public static Settings defaults() {
      return new Settings(false, null);
    }

    /** The link to {@code rule}'s page, or null without a {@link #docsUrl}. */
    String helpUri(RuleInfo rule) {
      return docsUrl == null ? null : docsUrl + rule.docPath();
    }
  }

  /** The report formats {@code --format} takes. */
  enum Format {
    TEXT,
    JSON,
    SARIF,
    HTML;

    /** A report of this format with the default settings. */
    public Report create() {
      return create(Settings.defaults());
    }

    public Report create(Settings settings) {
      return switch (this) {
        case TEXT -> new TextReport(settings);
        case JSON -> new JsonReport();
        case SARIF -> new SarifReport(settings);
        case HTML -> new HtmlReport(settings);
      };
    }

    /** The file name extension of this format's reports. */
    public String extension() {
      return switch (this) {
        case TEXT -> "txt";
        case JSON -> "json";
        case SARIF -> "sarif";
        case HTML -> "html";
      };
    }
  }
}
