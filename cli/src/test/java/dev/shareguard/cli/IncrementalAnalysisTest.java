package dev.shareguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --cache} reuses the findings of the parts of the program that did not change ({@link
 * IncrementalAnalysis}): the first warm audit after each change gives the report of an audit
 * without the cache, byte for byte, and analyses only the parts the change reached.
 */
class IncrementalAnalysisTest {
  @TempDir Path dir;

  /**
   * Part one, two files: a map written on a pool's threads and read on the caller's ({@link
   * CacheTest}'s pair, in one package).
   */
  private static final String REGISTRY =
      CacheTest.REGISTRY.replace("package com.acme;", "package com.acme.orders;");

  private static final String WORKER =
      CacheTest.WORKER.replace(
          "package com.acme.work;\n\nimport com.acme.Registry;\n", "package com.acme.orders;\n\n");

  /** Part two: a list written on a pool's threads and read on the caller's. */
  private static final String AUDIT_LOG =
      """
      package com.acme.log;

      import java.util.ArrayList;
      import java.util.List;
      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.Executors;

      public class AuditLog {
        private final List<String> lines = new ArrayList<>();
        private final ExecutorService writer = Executors.newFixedThreadPool(2);

        public void log(String line) {
          writer.execute(() -> lines.add(line));
        }

        public int size() {
          return lines.size();
        }
      }
      """;

  /** Part three: a counter incremented on a pool's threads. */
  private static final String METER =
      """
      package com.acme.metrics;

      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.Executors;

      public class Meter {
        private final ExecutorService pool = Executors.newFixedThreadPool(2);
        private long ticks;

        public void tick() {
          pool.execute(() -> ticks++);
        }

        public long ticks() {
          return ticks;
        }
      }
      """;

  @BeforeEach
  void tree() throws IOException {
    write("src/com/acme/orders/Registry.java", REGISTRY);
    write("src/com/acme/orders/Worker.java", WORKER);
    write("src/com/acme/log/AuditLog.java", AUDIT_LOG);
    write("src/com/acme/metrics/Meter.java", METER);
  }

  private void write(String path, String text) throws IOException {
    Path p = dir.resolve(path);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text, StandardCharsets.UTF_8);
  }

  private CliRun audit(String format, boolean cached, String... more) {
    List<String> args = new ArrayList<>(List.of("audit", "--format", format));
    args.addAll(List.of(more));
    if (cached) {
      args.addAll(List.of("--timings", "--cache", "cache"));
    }
    args.add("src");
    return CliRun.run(dir, null, args.toArray(new String[0]));
  }

  /**
   * The first audit through the cache after a change, and then one in each format: each report
   * equals that of an audit without the cache. Returns what the first analysed ({@code "2 of 3
   * parts"}), or {@code "nothing"}.
   */
  private String warmAfterChange(String when, String... more) {
    CliRun first = audit("json", true, more);
    CliRun cold = audit("json", false, more);
    assertEquals(cold.out(), first.out(), "JSON report, first run " + when);
    assertEquals(cold.exitCode(), first.exitCode(), when);
    for (String format : List.of("text", "json", "sarif")) {
      assertEquals(
          audit(format, false, more).out(),
          audit(format, true, more).out(),
          format + " report " + when);
    }
    Matcher m = Pattern.compile("analysing (\\d+ of \\d+ parts)").matcher(first.err());
    return m.find() ? m.group(1) : "nothing";
  }

  @Test
  void onlyThePartsAChangeReachesAreAnalysedAgain() throws IOException {
    String text = audit("text", false).out();
    for (String file : List.of("Registry.java", "AuditLog.java", "Meter.java")) {
      assertTrue(text.contains(file + ":"), "a finding in each part: " + text);
    }
    assertEquals("3 of 3 parts", warmAfterChange("on a cold cache"));
    assertEquals("nothing", warmAfterChange("on a warm cache"));

    write(
        "src/com/acme/metrics/Meter.java",
        METER.replace("    return ticks;", "    long t = ticks;\n\n    return t;"));
    assertEquals("1 of 3 parts", warmAfterChange("after a body was edited"));

    // The meter now writes to the audit log: the two parts are one.
    write(
        "src/com/acme/metrics/Meter.java",
        METER
            .replace("pool.execute(() -> ticks++);", "pool.execute(() -> log.log(\"\" + ticks++));")
            .replace(
                "  private long ticks;",
                "  private long ticks;\n  private final com.acme.log.AuditLog log ="
                    + " new com.acme.log.AuditLog();"));
    assertEquals("1 of 2 parts", warmAfterChange("after a reference joined two parts"));

    Files.move(
        dir.resolve("src/com/acme/log/AuditLog.java"),
        dir.resolve("src/com/acme/log/Journal.java"));
    warmAfterChange("after a rename");

    Files.delete(dir.resolve("src/com/acme/orders/Worker.java"));
    warmAfterChange("after a deletion");
  }

  @Test
  void aChangedConfigAnalysesEveryPartAgain() throws IOException {
    warmAfterChange("on a cold cache");
    write("shareguard.conf", "thread-safe-types = java.util.Map\n");
    assertEquals(
        "3 of 3 parts", warmAfterChange("after the config changed", "--config", "shareguard.conf"));
    assertEquals("3 of 3 parts", warmAfterChange("with a floor", "--min-confidence", "low"));
  }

  @Test
  void aRaceAcrossFilesIsStillReportedWhenAnotherPartChanges() throws IOException {
    warmAfterChange("on a cold cache");
    write("src/com/acme/log/AuditLog.java", AUDIT_LOG.replace("return lines", "return  lines"));
    assertEquals("1 of 3 parts", warmAfterChange("after another part changed"));
    String text = audit("text", true).out();
    assertTrue(text.contains("Registry.java"), text);
    assertTrue(text.contains("Worker.java"), "the race's other side is named: " + text);
  }

  @Test
  void aCorruptPartEntryIsIgnoredWithOneLine() throws IOException {
    warmAfterChange("on a cold cache");
    try (Stream<Path> s = Files.walk(dir.resolve("cache"))) {
      for (Path p : s.filter(p -> p.toString().endsWith(".f")).toList()) {
        Files.write(p, "not a cache entry".getBytes(StandardCharsets.UTF_8));
      }
    }
    CliRun corrupt = CliRun.run(dir, null, "audit", "--format", "json", "--cache", "cache", "src");
    assertEquals(audit("json", false).out(), corrupt.out());
    List<String> lines = corrupt.err().lines().toList();
    assertEquals(2, lines.size(), corrupt.err());
    assertTrue(
        lines.get(0).startsWith("shareguard: ignoring unreadable cache entries in "), lines.get(0));
    assertEquals("nothing", warmAfterChange("after the entries were rebuilt"));
  }
}
