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

  /** The report formats {@code --format} takes. */
  enum Format {
    TEXT,
    JSON,
    SARIF,
    HTML;

    public Report create() {
      return switch (this) {
        case TEXT -> new TextReport();
        case JSON -> new JsonReport();
        case SARIF -> new SarifReport();
        case HTML -> new HtmlReport();
      };
    }
  }
}
