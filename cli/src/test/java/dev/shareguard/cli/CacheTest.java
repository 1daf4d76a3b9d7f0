package dev.shareguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shareguard.core.ir.SourceFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --cache}: with the real engine, an audit through a cache, cold or warm, gives the same
 * report, byte for byte, as an audit without one, after edits of bodies and of declarations,
 * deletions and renames; a changed body re-lowers only its file; a corrupt cache costs one line.
 */
class CacheTest {
  @TempDir Path dir;

  /** A map written on a pool's threads (see {@link #WORKER}) and read on the caller's. */
  static final String REGISTRY =
      """
      package com.acme;

      import java.util.HashMap;
      import java.util.Map;

      public class Registry {
        private final Map<String, Integer> counts = new HashMap<>();

        public void record(String key) {
          counts.merge(key, 1, Integer::sum);
        }

        public int count(String key) {
          return counts.getOrDefault(key, 0);
        }
      }
      """;

  static final String WORKER =
      """
      package com.acme.work;

      import com.acme.Registry;
      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.Executors;

      public class Worker {
        private final Registry registry = new Registry();
        private final ExecutorService pool = Executors.newFixedThreadPool(4);

        public void submit(String key) {
          pool.execute(() -> registry.record(key));
        }

        public int seen(String key) {
          return registry.count(key);
        }
      }
      """;

  private static final String AUDIT_LOG =
      """
      package com.acme;

      import java.util.ArrayList;
      import java.util.List;

      public class AuditLog {
        private final List<String> lines = new ArrayList<>();

        public synchronized void add(String line) {
          lines.add(line);
        }

        public List<String> snapshot() {
          return lines;
        }
      }
      """;

  @BeforeEach
  void tree() throws IOException {
    write("src/com/acme/Registry.java", REGISTRY);
    write("src/com/acme/work/Worker.java", WORKER);
    write("src/com/acme/AuditLog.java", AUDIT_LOG);
  }

  private void write(String path, String text) throws IOException {
    Path p = dir.resolve(path);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text, StandardCharsets.UTF_8);
  }

  private CliRun audit(String format, boolean cached) {
    return cached
        ? CliRun.run(dir, null, "audit", "--format", format, "--cache", "cache", "src")
        : CliRun.run(dir, null, "audit", "--format", format, "src");
  }

  /** Audits cold (no cache) and through the cache, in every format; the reports must be equal. */
  private void assertSameWithAndWithoutCache(String when) {
    for (String format : List.of("text", "json", "sarif")) {
      CliRun cold = audit(format, false);
      CliRun warm = audit(format, true);
      assertEquals(cold.out(), warm.out(), format + " report " + when);
      assertEquals(cold.exitCode(), warm.exitCode(), when);
      assertEquals(
          withoutTime(cold.err()), withoutTime(warm.err()), "stderr " + when + ": " + warm.err());
    }
    // Deeper than the findings: the IR the engine is given is equal, record for record.
    List<List<SourceFile>> seen = new ArrayList<>();
    Audit.Engine capture =
        files -> {
          seen.add(List.copyOf(files));
          return List.of();
        };
    CliRun.run(dir, capture, "audit", "src");
    CliRun.run(dir, capture, "audit", "--cache", "cache", "src");
    assertEquals(seen.get(0), seen.get(1), "IR " + when);
  }

  private static String withoutTime(String summary) {
    return summary.replaceAll(" in \\d+\\.\\d+ s", "");
  }

  private long entries(String kind) throws IOException {
    try (Stream<Path> s = Files.walk(dir.resolve("cache"))) {
      return s.filter(p -> p.toString().endsWith("." + kind)).count();
    }
  }

  @Test
  void reportsAreByteIdenticalThroughEditsDeletionsAndRenames() throws IOException {
    assertTrue(audit("text", false).out().contains("[UnguardedSharedWrite]"), "a race to find");
    assertSameWithAndWithoutCache("on a cold cache");
    assertSameWithAndWithoutCache("on a warm cache");

    // A body changes, with lines added (declarations after it move): only that file is re-lowered.
    long lowered = entries("l");
    write(
        "src/com/acme/work/Worker.java",
        WORKER.replace(
            "    return registry.count(key);",
            "    int n = registry.count(key);\n    registry.record(key);\n\n    return n;"));
    assertSameWithAndWithoutCache("after a body was edited");
    assertEquals(lowered + 1, entries("l"), "one file re-lowered");

    // A signature changes: the call in Worker.java now resolves to another method.
    write(
        "src/com/acme/Registry.java",
        REGISTRY
            .replace("record(String key)", "record(CharSequence key)")
            .replace("counts.merge(key,", "counts.merge(key.toString(),"));
    assertSameWithAndWithoutCache("after a signature was edited");

    // A declaration changes: the map becomes thread-safe, and the race goes away everywhere.
    write(
        "src/com/acme/Registry.java",
        REGISTRY.replace("new HashMap<>()", "new java.util.concurrent.ConcurrentHashMap<>()"));
    assertSameWithAndWithoutCache("after a declaration was edited");
    assertTrue(!audit("text", true).out().contains("Registry.java"), "the fix is seen");

    // And back: the entries of the first version are found again.
    write("src/com/acme/Registry.java", REGISTRY);
    assertSameWithAndWithoutCache("after the edit was undone");

    Files.move(
        dir.resolve("src/com/acme/work/Worker.java"), dir.resolve("src/com/acme/work/Pool.java"));
    assertSameWithAndWithoutCache("after a rename");

    Files.delete(dir.resolve("src/com/acme/AuditLog.java"));
    assertSameWithAndWithoutCache("after a deletion");
  }

  @Test
  void aCorruptOrForeignCacheIsIgnoredWithOneLine() throws IOException {
    CliRun cold = audit("json", false);
    audit("json", true);
    try (Stream<Path> s = Files.walk(dir.resolve("cache"))) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        Files.write(p, "not a cache entry".getBytes(StandardCharsets.UTF_8));
      }
    }
    Files.writeString(dir.resolve("cache/README"), "somebody else's file");
    CliRun corrupt = audit("json", true);
    assertEquals(cold.out(), corrupt.out());
    assertEquals(cold.exitCode(), corrupt.exitCode());
    List<String> lines = corrupt.err().lines().toList();
    assertEquals(2, lines.size(), corrupt.err());
    assertTrue(
        lines.get(0).startsWith("shareguard: ignoring unreadable cache entries in "), lines.get(0));
    // The entries were rebuilt: the next audit is quiet again.
    CliRun again = audit("json", true);
    assertEquals(cold.out(), again.out());
    assertEquals(1, again.err().lines().count(), again.err());
  }

  @Test
  void aCacheThatIsAFileIsAUsageError() throws IOException {
    Files.writeString(dir.resolve("cache"), "");
    CliRun r = audit("text", true);
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("--cache cache is a file"), r.err());
  }
}
