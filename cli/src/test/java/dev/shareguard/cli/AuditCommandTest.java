package dev.shareguard.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shareguard.core.finding.Finding;
import dev.shareguard.core.finding.Location;
import dev.shareguard.core.finding.RelatedLocation;
import dev.shareguard.core.finding.Severity;
import dev.shareguard.core.ir.SourceFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code shareguard audit}: exit codes, skipped files, formats, output files, determinism. */
class AuditCommandTest {
  @TempDir Path dir;
  private Path src;

  private static final String CLEAN =
      """
      package com.acme;
      class Clean {
        private int n;
        synchronized void inc() { n++; }
      }
      """;

  @BeforeEach
  void tree() throws IOException {
    src = dir.resolve("project");
    write("src/com/acme/Clean.java", CLEAN);
    write("src/com/acme/Other.java", "package com.acme;\nclass Other { Clean c = new Clean(); }\n");
  }

  private void write(String path, String text) throws IOException {
    Path p = src.resolve(path);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text, StandardCharsets.UTF_8);
  }

  /** An engine that reports one warning on every file, with a related location. */
  private static Audit.Engine oneFindingPerFile(Severity severity) {
    return files -> {
      List<Finding> out = new java.util.ArrayList<>();
      for (SourceFile f : files) {
        out.add(
            new Finding(
                "UnguardedSharedWrite",
                severity,
                new Location(f.path(), 3, 5),
                "UnguardedSharedWrite.test",
                "`n++` writes \"n\"\tunguarded",
                List.of(new RelatedLocation(new Location(f.path(), 4, 3), "the other access"))));
      }
      return out;
    };
  }

  private CliRun audit(Audit.Engine engine, String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "audit";
    System.arraycopy(args, 0, all, 1, args.length);
    return CliRun.run(src, engine, all);
  }

  @Test
  void cleanTreeExitsZeroWithASummaryOnStderr() {
    CliRun r = audit(null, "src");
    assertEquals(0, r.exitCode(), r.err());
    assertEquals("", r.out());
    assertTrue(r.err().startsWith("shareguard: 2 files, "), r.err());
    assertTrue(r.err().contains(" 0 findings in "), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
  }

  @Test
  void findingsAtOrAboveFailOnExitOne() {
    assertEquals(1, audit(oneFindingPerFile(Severity.WARNING), "src").exitCode());
    assertEquals(
        0, audit(oneFindingPerFile(Severity.WARNING), "--fail-on", "error", "src").exitCode());
    assertEquals(1, audit(oneFindingPerFile(Severity.NOTE), "--fail-on", "note", "src").exitCode());
    assertEquals(0, audit(oneFindingPerFile(Severity.NOTE), "src").exitCode());
  }

  @Test
  void textReportGroupsByFileWithSourceLineAndOtherAccess() {
    CliRun r = audit(oneFindingPerFile(Severity.WARNING), "src");
    assertEquals(
        """
        src/com/acme/Clean.java:3:5: warning confidence:high [UnguardedSharedWrite] `n++` writes "n"\tunguarded
            private int n;
            see: src/com/acme/Clean.java:4:3 the other access

        src/com/acme/Other.java:3:5: warning confidence:high [UnguardedSharedWrite] `n++` writes "n"\tunguarded
            see: src/com/acme/Other.java:4:3 the other access
        """,
        r.out());
  }

  /** An engine reporting, on every file, a finding whose message explains itself at length. */
  private static Audit.Engine explainedFindingPerFile() {
    return files -> {
      List<Finding> out = new java.util.ArrayList<>();
      for (SourceFile f : files) {
        out.add(
            new Finding(
                "UnguardedSharedWrite",
                Severity.ERROR,
                new Location(f.path(), 3, 5),
                "UnguardedSharedWrite.test",
                "`a.b()` writes `m` (line 4). It may lose entries. Fix: lock it.",
                List.of()));
      }
      return out;
    };
  }

  @Test
  void textGivesEachExplanationOncePerRuleUnlessVerbose() {
    CliRun compact = audit(explainedFindingPerFile(), "src/com/acme");
    assertEquals(
        """
        src/com/acme/Clean.java:3:5: error confidence:high [UnguardedSharedWrite] `a.b()` writes `m` (line 4).
            private int n;
            why: It may lose entries. Fix: lock it.

        src/com/acme/Other.java:3:5: error confidence:high [UnguardedSharedWrite] `a.b()` writes `m` (line 4).
        """,
        compact.out());
    CliRun verbose = audit(explainedFindingPerFile(), "--verbose", "src/com/acme");
    assertEquals(
        2,
        verbose.out().lines().filter(l -> l.endsWith("It may lose entries. Fix: lock it.")).count(),
        verbose.out());
    assertFalse(verbose.out().contains("why:"), verbose.out());
  }

  @Test
  void textPathsAreRelativeToTheWorkingDirectoryWhateverFolderIsAudited() {
    CliRun r = CliRun.run(src.resolve("src"), explainedFindingPerFile(), "audit", "com/acme");
    assertTrue(r.out().startsWith("com/acme/Clean.java:3:5: "), r.out());
    CliRun up = CliRun.run(src.resolve("src/com"), explainedFindingPerFile(), "audit", "../com");
    assertTrue(up.out().startsWith("acme/Clean.java:3:5: "), up.out());
  }

  @Test
  void usageErrorsExitTwoAndNameTheProblem() {
    CliRun unknownRule = audit(null, "--rules", "UnguardedSharedWrite,NoSuchRule", "src");
    assertEquals(2, unknownRule.exitCode());
    assertTrue(
        unknownRule.err().contains("unknown rule 'NoSuchRule' in --rules"), unknownRule.err());
    CliRun disable = audit(null, "--disable", "Nope", "src");
    assertEquals(2, disable.exitCode());
    assertTrue(disable.err().contains("'Nope' in --disable"), disable.err());
    CliRun missing = audit(null, "does/not/exist");
    assertEquals(2, missing.exitCode());
    assertTrue(missing.err().contains("does/not/exist"), missing.err());
    assertEquals(2, audit(null, "--jobs", "0", "src").exitCode());
    assertEquals(2, CliRun.run(src, null).exitCode());
    assertEquals(2, CliRun.run(src, null, "frobnicate").exitCode());
  }

  @Test
  void badOptionValuesGetOneLineNamingTheValueAndNoUsageDump() {
    assertOneLineUsageError(audit(null, "--format", "xml", "src"), "'xml'");
    assertOneLineUsageError(audit(null, "--fail-on", "fatal", "src"), "'fatal'");
    assertOneLineUsageError(audit(null, "--jobs", "abc", "src"), "'abc'");
    assertOneLineUsageError(audit(null, "--no-such-option"), "--no-such-option");
    assertOneLineUsageError(audit(null, "--encoding", "klingon", "src"), "--encoding 'klingon'");
    assertOneLineUsageError(audit(null, "--exclude", "[", "src"), "--exclude '['");
    assertOneLineUsageError(CliRun.run(src, null, "frobnicate"), "frobnicate");
  }

  private static void assertOneLineUsageError(CliRun r, String names) {
    assertEquals(2, r.exitCode(), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().startsWith("shareguard: "), r.err());
    assertTrue(r.err().contains(names), r.err());
  }

  @Test
  void reportWritesSeveralFormatsFromOneAudit() throws IOException {
    CliRun r =
        audit(
            oneFindingPerFile(Severity.WARNING),
            "--report",
            "sarif=../out.sarif",
            "--report",
            "HTML=../out.html",
            "src");
    assertEquals(1, r.exitCode(), r.err());
    assertTrue(r.out().startsWith("src/com/acme/Clean.java:3:5: warning"), r.out());
    assertEquals(
        2,
        Json.arr(
                Json.arr(Json.parse(Files.readString(dir.resolve("out.sarif"))), "runs").get(0),
                "results")
            .size());
    assertTrue(Files.readString(dir.resolve("out.html")).startsWith("<!DOCTYPE html>"));
    assertOneLineUsageError(audit(null, "--report", "xml=a.xml", "src"), "--report 'xml=a.xml'");
    assertOneLineUsageError(audit(null, "--report", "sarif=", "src"), "--report 'sarif='");
  }

  @Test
  void outputToAMissingDirectoryFailsBeforeTheAuditWithTheReason() {
    List<String> audited = new java.util.ArrayList<>();
    CliRun r =
        audit(
            files -> {
              files.forEach(f -> audited.add(f.path()));
              return List.of();
            },
            "--output",
            "no/such/dir/report.sarif",
            "src");
    assertEquals(2, r.exitCode());
    assertEquals(List.of(), audited, "the audit must not run");
    assertTrue(r.err().contains("--output no/such/dir/report.sarif"), r.err());
    assertTrue(r.err().contains("does not exist"), r.err());
  }

  @Test
  void nothingToAuditIsAnErrorNotAQuietPass() throws IOException {
    Files.createDirectories(src.resolve("empty"));
    CliRun empty = audit(null, "empty");
    assertEquals(2, empty.exitCode(), empty.err());
    assertTrue(
        empty.err().contains("nothing was audited: no .java files under empty"), empty.err());
    write("gen/G.java", "// @generated\npackage g;\nclass G {}\n");
    CliRun generated = audit(null, "gen");
    assertEquals(2, generated.exitCode(), generated.err());
    assertTrue(generated.err().contains("all 1 file were skipped"), generated.err());
    CliRun noRules =
        audit(null, "--rules", "UnguardedSharedWrite", "--disable", "UnguardedSharedWrite", "src");
    assertOneLineUsageError(noRules, "no rule is left to run");
  }

  @Test
  void aFileNamedExplicitlyMustBeJavaSource() throws IOException {
    write("notes.txt", "class NotJava {}\n");
    CliRun r = audit(null, "notes.txt");
    assertOneLineUsageError(r, "notes.txt is not a .java file");
  }

  @Test
  void excludeLeavesOutMatchingFiles() throws IOException {
    write("src/com/acme/generated/Gen.java", "package com.acme.generated;\nclass Gen {}\n");
    List<String> seen = new java.util.ArrayList<>();
    Audit.Engine record =
        files -> {
          files.forEach(f -> seen.add(f.path()));
          return List.of();
        };
    assertEquals(0, audit(record, "--exclude", "**/generated/**", "src").exitCode());
    assertEquals(List.of("com/acme/Clean.java", "com/acme/Other.java"), seen);
    seen.clear();
    // Relative to the working directory too, and repeatable.
    audit(record, "--exclude", "src/com/acme/Other.java", "--exclude", "**/Gen.java", "src");
    assertEquals(List.of("com/acme/Clean.java"), seen);
  }

  @Test
  void encodingReadsALatin1TreeInPlace() throws IOException {
    Files.write(
        src.resolve("src/com/acme/Latin1.java"),
        "package com.acme;\nclass Latin1 {\n // caf\u00e9\n int n;\n}\n"
            .getBytes(StandardCharsets.ISO_8859_1));
    CliRun utf8 = audit(oneFindingPerFile(Severity.WARNING), "src");
    // Without --encoding the file is still audited, read as ISO-8859-1, with a line saying so.
    assertTrue(
        utf8.err().contains("Latin1.java:3: not valid UTF-8; audited as ISO-8859-1"), utf8.err());
    assertFalse(utf8.err().contains("skipped"), utf8.err());
    assertTrue(utf8.out().contains("src/com/acme/Latin1.java:3:5: warning"), utf8.out());
    assertTrue(utf8.out().contains("    // caf\u00e9\n"), utf8.out());
    CliRun latin1 = audit(oneFindingPerFile(Severity.WARNING), "--encoding", "ISO-8859-1", "src");
    assertFalse(latin1.err().contains("skipped"), latin1.err());
    // The source line shown under the finding is decoded in the same encoding.
    assertTrue(latin1.out().contains("src/com/acme/Latin1.java:3:5: warning"), latin1.out());
    assertTrue(latin1.out().contains("    // caf\u00e9\n"), latin1.out());
  }

  @Test
  void anEngineCrashIsAnInternalErrorAskingForABugReport() {
    CliRun r =
        audit(
            files -> {
              throw new IllegalStateException("boom");
            },
            "src");
    assertEquals(3, r.exitCode());
    assertTrue(r.err().contains("internal error"), r.err());
    assertTrue(r.err().contains("please report it"), r.err());
    assertTrue(r.err().contains("boom"), r.err());
  }

  @Test
  void unparsableFilesAreReportedAndSkippedAndTheRestIsAudited() throws IOException {
    write("src/com/acme/Broken.java", "package com.acme;\nclass Broken {\n  void m( {\n}\n");
    Files.write(src.resolve("src/com/acme/Binary.java"), new byte[] {'c', 0, 1, 2});
    Files.write(
        src.resolve("src/com/acme/Latin1.java"),
        "class Latin1 {\n // caf\u00e9\n}\n".getBytes(StandardCharsets.ISO_8859_1));
    List<String> seen = new java.util.ArrayList<>();
    CliRun r =
        audit(
            files -> {
              files.forEach(f -> seen.add(f.path()));
              return List.of();
            },
            "src");
    assertEquals(0, r.exitCode(), r.err());
    // The file not valid UTF-8 is audited all the same (as ISO-8859-1), with a line saying so.
    assertEquals(
        List.of("com/acme/Clean.java", "com/acme/Latin1.java", "com/acme/Other.java"), seen);
    List<String> lines = r.err().lines().toList();
    assertEquals(4, lines.size(), r.err());
    assertEquals(
        "com/acme/Latin1.java:2: not valid UTF-8; audited as ISO-8859-1 (its non-ASCII characters"
            + " may show wrongly; give the files' encoding with --encoding)",
        lines.get(0));
    assertTrue(lines.get(1).startsWith("com/acme/Binary.java:1: binary file"), lines.get(1));
    assertTrue(lines.get(2).startsWith("com/acme/Broken.java:3: "), lines.get(2));
    assertTrue(
        lines.get(3).contains("5 files") && lines.get(3).contains("2 files skipped"), lines.get(3));
  }

  @Test
  void outputWritesOnlyTheReportFile() throws IOException {
    CliRun r =
        audit(
            oneFindingPerFile(Severity.WARNING),
            "--format",
            "json",
            "--output",
            "../report.json",
            "src");
    assertEquals(1, r.exitCode());
    assertEquals("", r.out());
    Path report = dir.resolve("report.json");
    Map<?, ?> json = (Map<?, ?>) Json.parse(Files.readString(report));
    assertEquals(2, ((List<?>) json.get("findings")).size());
    try (var files = Files.list(dir)) {
      assertEquals(
          List.of("project", "report.json"),
          files.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }

  @Test
  void sarifHasTheFieldsCodeScanningReads() throws IOException {
    write("src/com/acme/Broken.java", "class Broken {");
    CliRun r = audit(oneFindingPerFile(Severity.WARNING), "--format", "sarif", "src");
    Object sarif = Json.parse(r.out());
    assertEquals("2.1.0", ((Map<?, ?>) sarif).get("version"));
    assertTrue(((String) ((Map<?, ?>) sarif).get("$schema")).contains("sarif-2.1.0"));
    Object run = Json.arr(sarif, "runs").get(0);
    Map<String, Object> driver = Json.obj(Json.obj(run, "tool"), "driver");
    assertEquals("Shareguard", driver.get("name"));
    List<Object> rules = Json.arr(driver, "rules");
    assertFalse(rules.isEmpty());
    for (Object rule : rules) {
      String id = (String) ((Map<?, ?>) rule).get("id");
      assertEquals(null, ((Map<?, ?>) rule).get("helpUri"), "no made-up link");
      assertTrue(
          ((String) Json.obj(rule, "help").get("text")).contains("shareguard explain " + id));
      assertTrue(Json.obj(rule, "shortDescription").get("text") instanceof String);
      assertEquals("warning", Json.obj(rule, "defaultConfiguration").get("level"));
    }
    List<Object> results = Json.arr(run, "results");
    assertEquals(2, results.size());
    Object first = results.get(0);
    assertEquals("UnguardedSharedWrite", ((Map<?, ?>) first).get("ruleId"));
    assertEquals("warning", ((Map<?, ?>) first).get("level"));
    assertEquals("`n++` writes \"n\"\tunguarded", Json.obj(first, "message").get("text"));
    Object physical = Json.obj(Json.arr(first, "locations").get(0), "physicalLocation");
    assertEquals("src/com/acme/Clean.java", Json.obj(physical, "artifactLocation").get("uri"));
    assertEquals("%SRCROOT%", Json.obj(physical, "artifactLocation").get("uriBaseId"));
    assertEquals(3L, Json.obj(physical, "region").get("startLine"));
    assertEquals(5L, Json.obj(physical, "region").get("startColumn"));
    Object related = Json.arr(first, "relatedLocations").get(0);
    assertEquals("the other access", Json.obj(related, "message").get("text"));
    assertEquals(4L, Json.obj(Json.obj(related, "physicalLocation"), "region").get("startLine"));
    List<Object> notes =
        Json.arr(Json.arr(run, "invocations").get(0), "toolExecutionNotifications");
    assertEquals(1, notes.size());
  }

  @Test
  void reportsAreByteIdenticalAcrossRunsAndJobCounts() throws IOException {
    for (int i = 0; i < 20; i++) {
      write(
          "src/com/acme/gen/G" + i + ".java",
          "package com.acme.gen;\nclass G" + i + " { java.util.Map<String, Integer> m; }\n");
    }
    for (String format : List.of("text", "json", "sarif", "html")) {
      CliRun one =
          audit(oneFindingPerFile(Severity.WARNING), "--format", format, "--jobs", "1", "src");
      CliRun two =
          audit(oneFindingPerFile(Severity.WARNING), "--format", format, "--jobs", "4", "src");
      assertArrayEquals(
          one.out().getBytes(StandardCharsets.UTF_8),
          two.out().getBytes(StandardCharsets.UTF_8),
          format);
      assertFalse(one.out().isEmpty());
    }
  }

  @Test
  void engineFindingsAreTheSameWhateverTheJobCount() throws IOException {
    // With several jobs, other workers analyse method bodies ahead of the engine's walk.
    write(
        "src/com/acme/Registry.java",
        """
        package com.acme;
        import java.util.HashMap;
        import java.util.Map;
        public class Registry {
          private final Map<String, Integer> counts = new HashMap<>();
          private int total;
          public Registry() {
            new Thread(() -> { counts.put("a", 1); total++; }).start();
          }
          public int get(String k) { return counts.get(k) + total; }
          public synchronized void add(String k) { counts.merge(k, 1, Integer::sum); }
        }
        """);
    write(
        "src/com/acme/Worker.java",
        """
        package com.acme;
        import java.util.ArrayList;
        import java.util.List;
        import java.util.concurrent.ExecutorService;
        import java.util.concurrent.Executors;
        public class Worker {
          private final ExecutorService pool = Executors.newFixedThreadPool(4);
          private final List<String> seen = new ArrayList<>();
          private boolean stopped;
          public void submit(String item) {
            pool.submit(new Runnable() {
              @Override public void run() { record(item); }
            });
          }
          private void record(String item) { if (!stopped) { seen.add(item); } }
          public void stop() { stopped = true; }
          public int size() { return seen.size(); }
        }
        """);
    List<String> reports = new java.util.ArrayList<>();
    for (String jobs : List.of("1", "2", "4")) {
      // Every finding the engine makes, whatever its confidence.
      CliRun r = audit(null, "--format", "json", "--min-confidence", "low", "--jobs", jobs, "src");
      assertEquals(1, r.exitCode(), r.err());
      reports.add(r.out());
    }
    assertTrue(reports.get(0).contains("Registry.java"), reports.get(0));
    assertTrue(reports.get(0).contains("Worker.java"), reports.get(0));
    assertEquals(reports.get(0), reports.get(1));
    assertEquals(reports.get(0), reports.get(2));
  }

  @Test
  void findingPathsAreRelativeToTheOneDirectoryGivenElseToTheWorkingDirectory() {
    List<String> seen = new java.util.ArrayList<>();
    Audit.Engine record =
        files -> {
          files.forEach(f -> seen.add(f.path()));
          return List.of();
        };
    audit(record, "src/com");
    assertEquals(List.of("acme/Clean.java", "acme/Other.java"), seen);
    seen.clear();
    audit(record, "src/com/acme/Clean.java", "src/com/acme/Other.java");
    assertEquals(List.of("src/com/acme/Clean.java", "src/com/acme/Other.java"), seen);
    seen.clear();
    audit(record);
    assertEquals(List.of("src/com/acme/Clean.java", "src/com/acme/Other.java"), seen);
  }

  @Test
  void listRulesPrintsTheCatalog() {
    CliRun r = CliRun.run(src, null, "list-rules");
    assertEquals(0, r.exitCode());
    assertTrue(r.out().contains("UnguardedSharedWrite"), r.out());
    assertTrue(r.out().contains("threads"), r.out());
  }

  @Test
  void sourceRootsAreLoweredForResolutionButNotAudited() throws IOException {
    write("lib/com/acme/lib/Helper.java", "package com.acme.lib;\npublic class Helper {}\n");
    List<String> seen = new java.util.ArrayList<>();
    CliRun r =
        audit(
            files -> {
              files.forEach(f -> seen.add(f.path()));
              return oneFindingPerFile(Severity.WARNING).analyze(files);
            },
            "--format",
            "json",
            "--source-root",
            "lib",
            "src");
    assertEquals(
        List.of("../lib/com/acme/lib/Helper.java", "com/acme/Clean.java", "com/acme/Other.java"),
        seen);
    Object json = Json.parse(r.out());
    assertEquals(2, Json.arr(json, "findings").size(), r.out());
    assertEquals(2L, ((Map<?, ?>) json).get("files"));
    assertTrue(r.err().startsWith("shareguard: 2 files, 7 lines, 2 findings"), r.err());
    assertEquals(2, audit(null, "--source-root", "nope", "src").exitCode());
  }

  /** {@code --include-bundled}: findings in a relocated copy of another library are reported too. */
  @Test
  void bundledLibraryFindingsOnlyWithIncludeBundled() throws IOException {
    String counter =
        """
        package %s;
        import java.util.concurrent.Executor;
        public class Counter {
          private long count;
          public void bump(Executor executor) {
            executor.execute(() -> count++);
          }
        }
        """;
    write("src/com/acme/shaded/org/lib/Counter.java", counter.formatted("com.acme.shaded.org.lib"));
    CliRun quiet = audit(null, "src");
    assertEquals(0, quiet.exitCode(), quiet.err() + quiet.out());
    CliRun loud = audit(null, "--include-bundled", "src");
    assertEquals(1, loud.exitCode(), loud.err());
    assertTrue(loud.out().contains("shaded/org/lib/Counter.java:6:"), loud.out());
  }
}
