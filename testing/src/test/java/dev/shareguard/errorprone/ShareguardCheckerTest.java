package dev.shareguard.errorprone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shareguard.core.RuleCatalog;
import dev.shareguard.core.config.Config;
import dev.shareguard.core.finding.Finding;
import dev.shareguard.core.finding.Location;
import dev.shareguard.core.finding.Severity;
import dev.shareguard.core.ir.SourceFile;
import dev.shareguard.core.rules.RuleInfo;
import dev.shareguard.core.rules.copies.ShallowCopyMutation;
import dev.shareguard.core.rules.threads.UnguardedSharedRead;
import dev.shareguard.core.rules.threads.UnguardedSharedWrite;
import dev.shareguard.testing.ErrorProneRunner;
import dev.shareguard.testing.ErrorProneRunner.Diag;
import dev.shareguard.testing.ErrorProneRunner.Result;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import org.junit.jupiter.api.Test;

/**
 * The Error Prone side: findings reach javac as diagnostics of the rule's own check, at the
 * finding's place, with its message; severities are per rule; a failure never breaks the build.
 * Most tests stand in for the engine so they do not depend on what the rules find.
 */
class ShareguardCheckerTest {
  private static final String RACE_FREE =
      """
      package com.acme;
      import java.util.concurrent.ConcurrentHashMap;
      import java.util.Map;
      public class Sessions {
        private final Map<String, String> byId = new ConcurrentHashMap<>();
        public void store(String id, String user) { byId.put(id, user); }
        public String find(String id) { return byId.get(id); }
      }
      """;

  private static final String TABBED =
      "package com.acme;\n"
          + "class Counter {\n"
          + "\tint n;\n"
          + "\tvoid inc() {\n"
          + "\t\tn++;\n"
          + "\t}\n"
          + "}\n";

  private static Finding finding(String rule, SourceFile file, int line, int column, String msg) {
    return new Finding(
        rule, Severity.WARNING, new Location(file.path(), line, column), "test", msg, List.of());
  }

  /** Compiles with {@code engine} standing in for the analyzer. */
  private static Result compileWith(
      UnitAnalysis.Engine engine, Map<String, String> sources, List<String> args) {
    UnitAnalysis.Restore restore = UnitAnalysis.useEngine(engine);
    try {
      return ErrorProneRunner.compile(sources, args);
    } finally {
      restore.close();
    }
  }

  @Test
  void negative_raceFreeCodeCompilesWithoutShareguardDiagnostics() {
    Result r = ErrorProneRunner.compile(Map.of("com/acme/Sessions.java", RACE_FREE), List.of());
    assertTrue(r.success(), r.toString());
    assertEquals(List.of(), r.shareguard(), r.toString());
  }

  @Test
  void positive_engineFindingIsReportedByErrorProne() {
    Result r =
        ErrorProneRunner.compile(
            Map.of(
                "com/acme/Cache.java",
                """
                package com.acme;
                import java.util.HashMap;
                import java.util.Map;
                class Cache {
                  private final Map<String, String> byId = new HashMap<>();
                  synchronized void store(String id, String v) { byId.put(id, v); }
                  String find(String id) {
                    return byId.get(id);
                  }
                }
                """),
            List.of());
    assertTrue(r.success(), r.toString());
    List<Diag> reads = r.ofCheck(UnguardedSharedRead.ID);
    assertEquals(1, reads.size(), r.toString());
    Diag d = reads.get(0);
    assertEquals(Diagnostic.Kind.WARNING, d.kind());
    assertEquals("com/acme/Cache.java", d.file());
    assertEquals(8, d.line());
    assertEquals(12, d.column());
    assertTrue(d.message().contains("byId"), d.message());
  }

  @Test
  void findingIsReportedAtItsLineAndCharacterColumnWithItsMessage() {
    Result r =
        compileWith(
            (files, config) ->
                List.of(finding(UnguardedSharedWrite.ID, files.get(0), 5, 3, "`n++` races")),
            Map.of("com/acme/Counter.java", TABBED),
            List.of());
    assertTrue(r.success(), r.toString());
    assertEquals(1, r.shareguard().size(), r.toString());
    Diag d = r.shareguard().get(0);
    assertEquals(UnguardedSharedWrite.ID, d.check());
    assertEquals(5, d.line());
    assertEquals(3, d.column());
    assertEquals("`n++` races", d.message());
    assertTrue(d.path().endsWith("com/acme/Counter.java"), d.path());
  }

  @Test
  void eachCheckerReportsOnlyItsRuleAndOnlyThisFile() {
    Result r =
        compileWith(
            (files, config) ->
                List.of(
                    finding(UnguardedSharedWrite.ID, files.get(0), 5, 3, "write"),
                    finding(UnguardedSharedRead.ID, files.get(0), 3, 6, "read"),
                    new Finding(
                        UnguardedSharedRead.ID,
                        Severity.WARNING,
                        new Location("/elsewhere/Other.java", 1, 1),
                        "test",
                        "elsewhere",
                        List.of())),
            Map.of("com/acme/Counter.java", TABBED),
            List.of());
    assertEquals(
        List.of("UnguardedSharedRead 3:6 read", "UnguardedSharedWrite 5:3 write"),
        r.shareguard().stream()
            .map(d -> d.check() + " " + d.line() + ":" + d.column() + " " + d.message())
            .sorted()
            .toList(),
        r.toString());
  }

  @Test
  void severityIsSetPerRuleWithXepFlags() {
    UnitAnalysis.Engine both =
        (files, config) ->
            List.of(
                finding(UnguardedSharedWrite.ID, files.get(0), 5, 3, "write"),
                finding(UnguardedSharedRead.ID, files.get(0), 3, 6, "read"));
    Result errors =
        compileWith(
            both,
            Map.of("com/acme/Counter.java", TABBED),
            List.of("-Xep:UnguardedSharedWrite:ERROR", "-Xep:UnguardedSharedRead:OFF"));
    assertFalse(errors.success(), errors.toString());
    assertEquals(1, errors.shareguard().size(), errors.toString());
    assertEquals(Diagnostic.Kind.ERROR, errors.shareguard().get(0).kind());
    assertEquals(UnguardedSharedWrite.ID, errors.shareguard().get(0).check());

    Result off =
        compileWith(
            both,
            Map.of("com/acme/Counter.java", TABBED),
            List.of("-Xep:UnguardedSharedWrite:OFF", "-Xep:UnguardedSharedRead:OFF"));
    assertTrue(off.success(), off.toString());
    assertEquals(List.of(), off.shareguard());
  }

  @Test
  void engineRunsOncePerInvocationOverEveryUnitForAllRules() {
    List<List<String>> calls = Collections.synchronizedList(new ArrayList<>());
    Result r =
        compileWith(
            (files, config) -> {
              calls.add(files.stream().map(f -> f.classes().get(0).id()).toList());
              return List.of();
            },
            Map.of("com/acme/Counter.java", TABBED, "com/acme/Sessions.java", RACE_FREE),
            List.of());
    assertTrue(r.success(), r.toString());
    assertEquals(List.of(List.of("com.acme.Counter", "com.acme.Sessions")), calls);
  }

  @Test
  void findingInOneUnitIsReportedOnceOnThatUnitOnly() {
    // Sessions.java sorts after Counter.java, so javac checks Counter.java first: the analysis runs
    // then, and the finding must wait for Sessions.java instead of landing on Counter.java.
    Result r =
        compileWith(
            (files, config) ->
                files.stream()
                    .filter(f -> f.path().endsWith("Sessions.java"))
                    .map(f -> finding(UnguardedSharedRead.ID, f, 7, 35, "in Sessions"))
                    .toList(),
            Map.of("com/acme/Counter.java", TABBED, "com/acme/Sessions.java", RACE_FREE),
            List.of());
    assertTrue(r.success(), r.toString());
    assertEquals(
        List.of("com/acme/Sessions.java:7:35 in Sessions"),
        r.shareguard().stream()
            .map(d -> d.file() + ":" + d.line() + ":" + d.column() + " " + d.message())
            .toList(),
        r.toString());
  }

  @Test
  void byFilePolicyAnalysesEachUnitAloneAndSaysSoOnce() {
    List<List<String>> calls = Collections.synchronizedList(new ArrayList<>());
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    Result r;
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      r =
          compileWith(
              (files, config) -> {
                calls.add(files.stream().map(f -> f.classes().get(0).id()).toList());
                return List.of();
              },
              Map.of("com/acme/Counter.java", TABBED, "com/acme/Sessions.java", RACE_FREE),
              List.of("-XDcompilePolicy=byfile"));
    } finally {
      System.setErr(err);
    }
    assertTrue(r.success(), r.toString());
    assertEquals(
        List.of(List.of("com.acme.Counter"), List.of("com.acme.Sessions")),
        calls.stream().sorted(Comparator.comparing(List::toString)).toList());
    String log = captured.toString(StandardCharsets.UTF_8);
    assertEquals(1, log.lines().filter(l -> l.startsWith("Shareguard:")).count(), log);
    assertTrue(
        log.contains("-XDcompilePolicy=byfile") && log.contains("use -XDcompilePolicy=simple"),
        log);
  }

  @Test
  void failureReportsNothingForTheFileAndSaysSoOnce() {
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    Result r;
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      r =
          compileWith(
              (files, config) -> {
                throw new IllegalStateException("boom");
              },
              Map.of("com/acme/Counter.java", TABBED),
              List.of());
    } finally {
      System.setErr(err);
    }
    assertTrue(r.success(), r.toString());
    assertEquals(List.of(), r.shareguard());
    String log = captured.toString(StandardCharsets.UTF_8);
    assertEquals(1, log.split("Shareguard: could not analyse", -1).length - 1, log);
    assertTrue(log.contains("Counter.java") && log.contains("boom"), log);
  }

  /** The config the engine is given under {@code args}, or null if it is not run. */
  private static Config engineConfigUnder(List<String> args, String path) {
    List<Config> seen = Collections.synchronizedList(new ArrayList<>());
    Result r =
        compileWith(
            (files, config) -> {
              seen.add(config);
              return List.of();
            },
            Map.of(path, TABBED),
            args);
    assertTrue(r.success(), r.toString());
    assertTrue(seen.size() <= 1, seen.toString());
    return seen.isEmpty() ? null : seen.get(0);
  }

  @Test
  void rulesErrorProneSwitchesOffAreOffForTheEngine() {
    Config all = engineConfigUnder(List.of(), "com/acme/Counter.java");
    assertTrue(all.isEnabled(ShallowCopyMutation.ID) && all.isEnabled(UnguardedSharedRead.ID));

    Config oneOff =
        engineConfigUnder(List.of("-Xep:ShallowCopyMutation:OFF"), "com/acme/Counter.java");
    assertFalse(oneOff.isEnabled(ShallowCopyMutation.ID));
    assertTrue(oneOff.isEnabled(UnguardedSharedRead.ID));

    Config onlyOne =
        engineConfigUnder(
            List.of("-XepDisableAllChecks", "-Xep:UnguardedSharedRead:WARN"),
            "com/acme/Counter.java");
    assertEquals(
        RuleCatalog.all().stream()
            .map(RuleInfo::id)
            .filter(id -> !id.equals(UnguardedSharedRead.ID))
            .collect(Collectors.toSet()),
        onlyOne.disabledRules());
  }

  @Test
  void engineIsNotRunWhenNothingCouldBeReported() {
    assertNull(engineConfigUnder(List.of("-XepDisableAllWarnings"), "com/acme/Counter.java"));
    // Test code is not reported unless asked for, and here every unit is test code.
    assertNull(engineConfigUnder(List.of(), "src/test/java/com/acme/Counter.java"));
    assertNotNull(
        engineConfigUnder(
            List.of("-XepOpt:Shareguard:IncludeTests=true"),
            "src/test/java/com/acme/Counter.java"));
  }
}
