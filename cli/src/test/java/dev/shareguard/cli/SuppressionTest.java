package dev.shareguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code @SuppressWarnings} through the command line, with the real engine. */
class SuppressionTest {
  @TempDir Path dir;

  private static final String REGISTRY =
      """
      package com.acme;

      import java.util.HashMap;
      import java.util.Map;
      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.Executors;

      %sclass Registry {
        private final Map<String, Long> totals = new HashMap<>();
        private final ExecutorService pool = Executors.newFixedThreadPool(4);

        %spublic void record(String key, long n) {
          pool.execute(() -> totals.merge(key, n, Long::sum));
        }

        %spublic long total(String key) {
          return totals.getOrDefault(key, 0L);
        }
      }
      """;

  private List<String> findings(String onClass, String onRecord, String onTotal)
      throws IOException {
    Path p = dir.resolve("src/com/acme/Registry.java");
    Files.createDirectories(p.getParent());
    Files.writeString(
        p, String.format(REGISTRY, onClass, onRecord, onTotal), StandardCharsets.UTF_8);
    // The read in total() races with the task at medium (a task against a public method): the
    // floor is lowered so that both sides of the race are findings to suppress.
    CliRun r =
        CliRun.run(dir, null, "audit", "--format", "json", "--min-confidence", "medium", "src");
    List<String> out =
        Json.arr(Json.parse(r.out()), "findings").stream()
            .map(f -> (String) ((Map<?, ?>) f).get("ruleId"))
            .toList();
    assertEquals(out.isEmpty() ? 0 : 1, r.exitCode(), r.err());
    return out;
  }

  @Test
  void unsuppressedBothSidesAreReported() throws IOException {
    assertEquals(List.of("UnguardedSharedWrite", "UnguardedSharedRead"), findings("", "", ""));
  }

  @Test
  void aRuleIdOnTheMethodSuppressesThatRuleThere() throws IOException {
    assertEquals(
        List.of("UnguardedSharedWrite"),
        findings("", "", "@SuppressWarnings(\"UnguardedSharedRead\")\n  "));
    assertEquals(
        List.of("UnguardedSharedRead"),
        findings("", "@SuppressWarnings(\"UnguardedSharedWrite\")\n  ", ""));
  }

  @Test
  void anotherRulesIdSuppressesNothing() throws IOException {
    assertEquals(
        List.of("UnguardedSharedWrite", "UnguardedSharedRead"),
        findings("", "", "@SuppressWarnings(\"UnguardedSharedWrite\")\n  "));
  }

  @Test
  void allOnTheClassSuppressesEverything() throws IOException {
    assertEquals(List.of(), findings("@SuppressWarnings(\"all\")\n", "", ""));
    assertEquals(
        List.of(),
        findings(
            "@SuppressWarnings({\"UnguardedSharedWrite\", \"UnguardedSharedRead\"})\n", "", ""));
  }
}
