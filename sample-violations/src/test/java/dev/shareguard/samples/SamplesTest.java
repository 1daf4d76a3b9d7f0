package dev.shareguard.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shareguard.cli.Audit;
import dev.shareguard.core.RuleCatalog;
import dev.shareguard.core.config.Config;
import dev.shareguard.core.finding.Confidence;
import dev.shareguard.core.finding.Finding;
import dev.shareguard.testing.ErrorProneRunner;
import dev.shareguard.testing.ErrorProneRunner.Diag;
import dev.shareguard.testing.RuleTestHelper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The samples through both front ends: each must report exactly the findings marked inline, and
 * the two must agree on every (rule, file, line).
 */
class SamplesTest {
  private static Path root;
  private static Map<String, String> sources;
  private static List<Diag> plugin;
  private static List<Diag> cli;
  private static List<Diag> pluginAtMedium;
  private static List<Diag> cliAtMedium;

  @BeforeAll
  static void runBoth() throws IOException {
    root = Path.of(System.getProperty("samples.dir", "src/main/java")).toAbsolutePath();
    sources = new LinkedHashMap<>();
    List<Path> files = new ArrayList<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : (Iterable<Path>) s.filter(x -> x.toString().endsWith(".java")).sorted()::iterator) {
        files.add(p);
        sources.put(root.relativize(p).toString().replace('\\', '/'), Files.readString(p));
      }
    }
    plugin = plugin(files, Confidence.DEFAULT_FLOOR);
    pluginAtMedium = plugin(files, Confidence.MEDIUM);
    cli = cli(Confidence.DEFAULT_FLOOR);
    cliAtMedium = cli(Confidence.MEDIUM);
  }

  private static List<Diag> plugin(List<Path> files, Confidence floor) {
    List<String> flags = new ArrayList<>();
    RuleCatalog.all().forEach(r -> flags.add("-Xep:" + r.id() + ":WARN"));
    flags.add("-XepOpt:Shareguard:MinConfidence=" + floor.word());
    ErrorProneRunner.Result compiled = ErrorProneRunner.compile(files, root, flags);
    assertTrue(compiled.success(), "samples must compile: " + compiled);
    return compiled.shareguard();
  }

  private static List<Diag> cli(Confidence floor) throws IOException {
    Audit.Result audited =
        new Audit(Config.defaults().withMinConfidence(floor), 2, null).run(List.of(root), root);
    assertEquals(List.of(), audited.problems(), "every sample parses");
    List<Diag> out = new ArrayList<>();
    for (Finding f : audited.findings()) {
      out.add(new Diag(Diagnostic.Kind.WARNING, f.location().path(), f.location().path(),
          f.location().line(), f.location().column(), f.ruleId(), f.message()));
    }
    return out;
  }

  @Test
  void pluginReportsExactlyTheMarkedFindings() {
    assertEquals(List.of(), RuleTestHelper.problems(sources, plugin));
  }

  @Test
  void cliReportsExactlyTheMarkedFindings() {
    assertEquals(List.of(), RuleTestHelper.problems(sources, cli));
  }

  @Test
  void pluginAndCliAgreeOnRuleFileAndLine() {
    assertEquals(keys(plugin), keys(cli));
  }

  /**
   * At {@code --min-confidence medium} both front ends report the marked findings and those
   * marked as shown at {@code medium} only ({@link RuleTestHelper#MEDIUM_MARKER}), and agree.
   */
  @Test
  void atMediumBothReportTheMarkedFindingsAndTheMediumOnes() {
    assertEquals(List.of(), RuleTestHelper.problems(sources, pluginAtMedium, Confidence.MEDIUM));
    assertEquals(List.of(), RuleTestHelper.problems(sources, cliAtMedium, Confidence.MEDIUM));
    assertEquals(keys(pluginAtMedium), keys(cliAtMedium));
    assertTrue(
        RuleTestHelper.markers(sources, Confidence.MEDIUM).size()
            > RuleTestHelper.markers(sources).size(),
        "some sample shows a medium race");
  }

  @Test
  void everyRuleHasAMarkedSample() {
    for (var r : RuleCatalog.all()) {
      assertTrue(
          RuleTestHelper.markers(sources).stream().anyMatch(m -> m.text().contains(r.id())),
          "no sample marks " + r.id());
    }
  }

  private static TreeSet<String> keys(List<Diag> diags) {
    TreeSet<String> out = new TreeSet<>();
    for (Diag d : diags) {
      out.add(d.check() + " " + d.file() + ":" + d.line());
    }
    return out;
  }
}
