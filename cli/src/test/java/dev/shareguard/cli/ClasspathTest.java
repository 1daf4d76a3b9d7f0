package dev.shareguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --classpath}: library classes resolve; without it the audit still runs. */
class ClasspathTest {
  @TempDir Path dir;

  private void write(String path, String text) throws IOException {
    Path p = dir.resolve(path);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text, StandardCharsets.UTF_8);
  }

  private List<Object> findings(String... args) {
    CliRun r = CliRun.run(dir, null, args);
    assertTrue(r.exitCode() <= 1, r.err());
    return Json.arr(Json.parse(r.out()), "findings");
  }

  @Test
  void aFieldInheritedFromALibraryClassResolvesOnlyWithTheClasspath() throws IOException {
    write(
        "lib/com/acme/lib/Table.java",
        "package com.acme.lib;\n\npublic class Table {\n  protected final java.util.Map<String, Long> totals = new java.util.HashMap<>();\n}\n");
    Path classes = dir.resolve("classes");
    Files.createDirectories(classes);
    int rc =
        ToolProvider.getSystemJavaCompiler()
            .run(
                null,
                null,
                null,
                "-d",
                classes.toString(),
                dir.resolve("lib/com/acme/lib/Table.java").toString());
    assertEquals(0, rc);
    write(
        "src/com/acme/Registry.java",
        """
        package com.acme;

        import com.acme.lib.Table;
        import java.util.concurrent.ExecutorService;
        import java.util.concurrent.Executors;

        class Registry extends Table {
          private final ExecutorService pool = Executors.newFixedThreadPool(4);

          public void record(String key, long n) {
            pool.execute(() -> totals.merge(key, n, Long::sum));
          }

          public long total(String key) {
            return totals.getOrDefault(key, 0L);
          }
        }
        """);
    // The read in total() races with the task at medium (a task against a public method).
    List<Object> without =
        findings("audit", "--format", "json", "--min-confidence", "medium", "src");
    List<Object> with =
        findings(
            "audit", "--format", "json", "--min-confidence", "medium", "--classpath", "classes",
            "src");
    assertEquals(List.of(), without, "Table is unknown, so is its field: no finding");
    assertEquals(
        List.of("UnguardedSharedWrite", "UnguardedSharedRead"),
        with.stream().map(f -> ((Map<?, ?>) f).get("ruleId")).toList());
  }

  @Test
  void aMissingClasspathEntryIsAUsageError() throws IOException {
    write("src/A.java", "class A {}\n");
    CliRun r = CliRun.run(dir, null, "audit", "--classpath", "nope.jar", "src");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("--classpath entry nope.jar does not exist"), r.err());
  }
}
