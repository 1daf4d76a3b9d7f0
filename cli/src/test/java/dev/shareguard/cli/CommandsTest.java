package dev.shareguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shareguard.core.RuleCatalog;
import dev.shareguard.core.rules.RuleInfo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code list-rules}, {@code explain} and the progress bar. */
class CommandsTest {
  @TempDir Path dir;

  @Test
  void listRulesShowsEveryRuleWithPackSeverityAndSummary() {
    CliRun r = CliRun.run(dir, null, "list-rules");
    assertEquals(0, r.exitCode());
    List<String> lines = r.out().lines().toList();
    assertEquals(RuleCatalog.all().size(), lines.size(), r.out());
    for (int i = 0; i < lines.size(); i++) {
      RuleInfo rule = RuleCatalog.all().get(i);
      assertTrue(lines.get(i).startsWith(rule.id() + " "), lines.get(i));
      assertTrue(lines.get(i).contains(" " + rule.pack() + " "), lines.get(i));
      assertTrue(lines.get(i).endsWith(rule.summary()), lines.get(i));
    }
  }

  @Test
  void explainPrintsTheRulePageForEveryRule() {
    for (RuleInfo rule : RuleCatalog.all()) {
      CliRun r = CliRun.run(dir, null, "explain", rule.id());
      assertEquals(0, r.exitCode(), r.err());
      assertTrue(r.out().startsWith(rule.id() + " (pack " + rule.pack()), r.out());
      assertTrue(r.out().contains("# " + rule.id()), "the doc page is bundled: " + r.out());
      assertTrue(r.out().contains("@SuppressWarnings"), r.out());
    }
    assertEquals(0, CliRun.run(dir, null, "explain", "unguardedsharedwrite").exitCode());
  }

  @Test
  void explainOfAnUnknownRuleIsAUsageErrorListingTheKnownOnes() {
    CliRun r = CliRun.run(dir, null, "explain", "NoSuchRule");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("unknown rule 'NoSuchRule' (known rules: "), r.err());
    assertEquals(2, CliRun.run(dir, null, "explain").exitCode());
  }

  @Test
  void theProgressBarShowsFilesRateAndEtaThenThePhase() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    try (ProgressBar bar = new ProgressBar(err)) {
      bar.start(4);
      bar.parsed(100);
      String line = bar.line();
      assertTrue(line.startsWith("shareguard [######                  ] 1/4 files, "), line);
      assertTrue(line.contains(" lines/s, eta "), line);
      bar.phase("analysing");
      assertTrue(bar.line().endsWith(", analysing…"), bar.line());
    }
  }

  @Test
  void timingsNameEachPhase() throws IOException {
    Files.writeString(dir.resolve("A.java"), "class A {}\n");
    CliRun r = CliRun.run(dir, null, "audit", "--timings", ".");
    assertEquals(0, r.exitCode(), r.err());
    String last = r.err().lines().reduce((a, b) -> b).orElseThrow();
    assertTrue(
        last.matches(
            "shareguard: phases: reading and parsing [0-9.]+ s \\(CPU [0-9.]+ s\\), lowering"
                + " [0-9.]+ s \\(CPU [0-9.]+ s\\), analysing [0-9.]+ s \\(CPU [0-9.]+ s\\)"),
        last);
  }

  @Test
  void noProgressBarWhenNoOneWatches() throws IOException {
    Path src = dir.resolve("A.java");
    Files.writeString(src, "class A {}\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    int code = Main.run(new String[] {"audit", "."}, new CliEnvironment(o, e, dir, null, false));
    assertEquals(0, code);
    assertFalse(err.toString(StandardCharsets.UTF_8).contains("\r"));
    assertEquals(1, err.toString(StandardCharsets.UTF_8).lines().count());
    err.reset();
    code =
        Main.run(
            new String[] {"audit", "--no-progress", "."},
            new CliEnvironment(o, e, dir, null, true));
    assertEquals(0, code);
    assertFalse(err.toString(StandardCharsets.UTF_8).contains("\r"));
  }
}
