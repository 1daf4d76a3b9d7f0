package dev.shareguard.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shareguard.core.finding.Confidence;
import dev.shareguard.testing.ErrorProneRunner.Result;
import java.util.List;
import java.util.Map;

/**
 * Audits sources through both front ends, each seeing them all at once: the CLI over the tree
 * ({@link CliAudit}) and the Error Prone plugin over one {@code javac} invocation that compiles
 * every source. For findings that need other files (a task in one file racing on state in another,
 * a summary or an equality fact from another class), which both must agree on.
 */
public final class WholeInvocationAudit {
  private WholeInvocationAudit() {}

  /**
   * The findings on {@code sources} (path to text) as {@code "Rule path:line"}, in the CLI's order,
   * after checking that the plugin reports the same ones (rule, file, line), each once.
   */
  public static List<String> audit(Map<String, String> sources) {
    return audit(sources, RuleTestHelper.TEST_FLOOR);
  }

  /** Like {@link #audit(Map)}, keeping the findings at confidence {@code floor} and above. */
  public static List<String> audit(Map<String, String> sources, Confidence floor) {
    List<String> cli = CliAudit.audit(sources, floor);
    List<String> plugin =
        plugin(sources, List.of("-XepOpt:Shareguard:MinConfidence=" + floor.word()));
    assertEquals(
        cli.stream().sorted().toList(),
        plugin.stream().sorted().toList(),
        "the plugin (one javac invocation) and the CLI disagree");
    return cli;
  }

  /** The plugin's findings when one {@code javac} invocation compiles all {@code sources}. */
  public static List<String> plugin(Map<String, String> sources) {
    return plugin(sources, List.of());
  }

  /** Like {@link #plugin(Map)} with extra {@code javac} flags (such as a compile policy). */
  public static List<String> plugin(Map<String, String> sources, List<String> javacFlags) {
    Result r = ErrorProneRunner.compile(sources, javacFlags);
    assertTrue(r.success(), "the sources must compile: " + r);
    return r.shareguard().stream().map(d -> d.check() + " " + d.file() + ":" + d.line()).toList();
  }
}
