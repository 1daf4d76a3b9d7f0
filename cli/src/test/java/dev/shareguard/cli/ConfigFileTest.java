package dev.shareguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --config FILE}: each key reaches the engine or the report, and every mistake fails the run
 * with exit code 2 and a message naming the file, the line and the key.
 */
class ConfigFileTest {
  @TempDir Path dir;

  private static final String REGISTRY =
      """
      package com.acme;

      import java.util.HashMap;
      import java.util.Map;
      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.Executors;

      class Registry {
        private final Map<String, Long> totals = new HashMap<>();
        private final ExecutorService pool = Executors.newFixedThreadPool(4);

        public void record(String key, long n) {
          pool.execute(() -> totals.merge(key, n, Long::sum));
        }

        public long total(String key) {
          return totals.getOrDefault(key, 0L);
        }
      }
      """;

  /** A task handed to a method of the project's own that runs it later, on another thread. */
  private static final String JOBS =
      """
      package com.acme;

      import java.util.ArrayList;
      import java.util.List;

      class Jobs {
        static void later(Runnable task) {
          new Thread(task).start();
        }
      }
      """;

  @BeforeEach
  void tree() throws IOException {
    write("src/com/acme/Registry.java", REGISTRY);
  }

  private void write(String path, String text) throws IOException {
    Path p = dir.resolve(path);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text, StandardCharsets.UTF_8);
  }

  /**
   * Audits with {@code config} as the config file. The registry's read in {@code total()} races
   * with the pool task at {@code medium} (a task against a public method), below the default floor:
   * tests about the file's other settings pass {@code --min-confidence medium} to see both sides.
   */
  private CliRun audit(String config, String... args) throws IOException {
    write("shareguard.conf", config);
    String[] all = new String[args.length + 5];
    all[0] = "audit";
    all[1] = "--config";
    all[2] = "shareguard.conf";
    all[3] = "--format";
    all[4] = "json";
    System.arraycopy(args, 0, all, 5, args.length);
    return CliRun.run(dir, null, all);
  }

  private static List<String> rules(CliRun r) {
    return Json.arr(Json.parse(r.out()), "findings").stream()
        .map(f -> ((Map<?, ?>) f).get("ruleId") + ":" + ((Map<?, ?>) f).get("severity"))
        .toList();
  }

  @Test
  void anEmptyConfigChangesNothing() throws IOException {
    CliRun r = audit("# nothing yet\n\n", "--min-confidence", "medium", "src");
    assertEquals(1, r.exitCode(), r.err());
    assertEquals(List.of("UnguardedSharedWrite:warning", "UnguardedSharedRead:warning"), rules(r));
  }

  @Test
  void threadSafeTypesAreTrusted() throws IOException {
    CliRun r = audit("thread-safe-types = com.acme.Other, java.util.Map\n", "src");
    assertEquals(0, r.exitCode(), r.err());
    assertEquals(List.of(), rules(r));
  }

  @Test
  void rulesDisableAndSeveritiesApply() throws IOException {
    assertEquals(
        List.of("UnguardedSharedRead:warning"),
        rules(audit("rules = UnguardedSharedRead\n", "--min-confidence", "medium", "src")));
    assertEquals(
        List.of("UnguardedSharedWrite:warning"),
        rules(audit("disable = UnguardedSharedRead\n", "--min-confidence", "medium", "src")));
    assertEquals(
        List.of("UnguardedSharedRead:warning"),
        rules(
            audit("severity.UnguardedSharedWrite = off\n", "--min-confidence", "medium", "src")));
    CliRun error =
        audit(
            "severity.UnguardedSharedRead = ERROR\n",
            "--fail-on",
            "error",
            "--min-confidence",
            "medium",
            "src");
    assertEquals(
        List.of("UnguardedSharedWrite:warning", "UnguardedSharedRead:error"), rules(error));
    assertEquals(1, error.exitCode());
    CliRun note =
        audit(
            "severity.UnguardedSharedRead = note\nseverity.UnguardedSharedWrite = note\n",
            "--min-confidence",
            "medium",
            "src");
    assertEquals(0, note.exitCode(), "notes are below the default --fail-on warning");
    write("shareguard.conf", "severity.UnguardedSharedRead = error\n");
    CliRun sarif =
        CliRun.run(
            dir, null, "audit", "--config", "shareguard.conf", "--format", "sarif",
            "--min-confidence", "medium", "src");
    Object run = Json.arr(Json.parse(sarif.out()), "runs").get(0);
    List<Object> sarifRules = Json.arr(Json.obj(Json.obj(run, "tool"), "driver"), "rules");
    assertEquals("error", Json.obj(sarifRules.get(1), "defaultConfiguration").get("level"));
  }

  @Test
  void commandLineRulesOverrideTheFileAndDisableAddsToIt() throws IOException {
    CliRun r = audit("rules = UnguardedSharedRead\n", "--rules", "UnguardedSharedWrite", "src");
    assertEquals(List.of("UnguardedSharedWrite:warning"), rules(r));
    CliRun both =
        audit("disable = UnguardedSharedRead\n", "--disable", "UnguardedSharedWrite", "src");
    assertEquals(List.of(), rules(both));
  }

  @Test
  void spawnersMakeTheirArgumentATask() throws IOException {
    write("src/com/acme/Jobs.java", JOBS);
    write(
        "src/com/acme/Counter.java",
        """
        package com.acme;

        import java.util.ArrayList;
        import java.util.List;

        class Counter {
          private final List<String> seen = new ArrayList<>();

          public void see(String s) {
            Runner.INSTANCE.runLater(() -> seen.add(s));
          }

          public boolean contains(String s) {
            return seen.contains(s);
          }
        }
        """);
    write(
        "src/com/acme/Runner.java",
        """
        package com.acme;

        interface Runner {
          Runner INSTANCE = null;

          void runLater(Runnable task);
        }
        """);
    CliRun without =
        audit(
            "disable = UnguardedSharedWrite\n",
            "--rules",
            "UnguardedSharedRead",
            "--min-confidence",
            "medium",
            "src/com/acme/Counter.java",
            "src/com/acme/Runner.java");
    assertEquals(List.of(), rules(without), without.out());
    CliRun with =
        audit(
            "spawners = com.acme.Runner#runLater:0\n",
            "--rules",
            "UnguardedSharedRead",
            "--min-confidence",
            "medium",
            "src/com/acme/Counter.java",
            "src/com/acme/Runner.java");
    assertEquals(List.of("UnguardedSharedRead:warning"), rules(with), with.err());
  }

  @Test
  void sharedEntryAnnotationsMakePublicMethodsConcurrent() throws IOException {
    String endpoint =
        """
        package com.acme;

        import java.util.HashMap;
        import java.util.Map;

        @Endpoint
        public class Sessions {
          private final Map<String, String> byId = new HashMap<>();

          public void open(String id, String user) {
            byId.put(id, user);
          }

          public String user(String id) {
            return byId.get(id);
          }
        }
        """;
    write("src/com/acme/Sessions.java", endpoint);
    write("src/com/acme/Endpoint.java", "package com.acme;\n\npublic @interface Endpoint {}\n");
    CliRun without =
        audit(
            "",
            "--min-confidence",
            "medium",
            "src/com/acme/Sessions.java",
            "src/com/acme/Endpoint.java");
    assertEquals(List.of(), rules(without), without.out());
    CliRun with =
        audit(
            "shared-entry-annotations = com.acme.Endpoint\n",
            "--min-confidence",
            "medium",
            "src/com/acme/Sessions.java",
            "src/com/acme/Endpoint.java");
    assertTrue(rules(with).contains("UnguardedSharedWrite:warning"), with.out());
  }

  private void assertConfigError(String config, String expected) throws IOException {
    CliRun r = audit(config, "src");
    assertEquals(2, r.exitCode(), r.err());
    assertEquals("", r.out());
    assertTrue(r.err().contains(expected), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
  }

  /**
   * The confidence floor from the file, overridden by {@code --min-confidence}: every finding
   * shown is at or above it, a higher floor shows no more than a lower one, and a bad level is a
   * one-line error naming the key or the option.
   */
  @Test
  void minConfidenceFromTheFileAndTheCommandLine() throws IOException {
    List<Object> low = Json.arr(Json.parse(audit("min-confidence = low\n", "src").out()), "findings");
    List<Object> high =
        Json.arr(Json.parse(audit("min-confidence = high\n", "src").out()), "findings");
    List<Object> overridden =
        Json.arr(
            Json.parse(audit("min-confidence = high\n", "--min-confidence", "low", "src").out()),
            "findings");
    assertTrue(high.size() <= low.size(), low + " / " + high);
    assertEquals(low.size(), overridden.size());
    for (Object f : high) {
      assertEquals("high", ((Map<?, ?>) f).get("confidence"), f.toString());
    }
    for (Object f : low) {
      assertTrue(((Map<?, ?>) f).get("confidence") != null, f.toString());
    }
    assertConfigError(
        "min-confidence = sure\n", "shareguard.conf:1: min-confidence: unknown confidence 'sure'");
    CliRun bad = audit("", "--min-confidence", "sure", "src");
    assertEquals(2, bad.exitCode(), bad.err());
    assertTrue(bad.err().contains("--min-confidence"), bad.err());
    assertEquals(1, bad.err().lines().count(), bad.err());
  }

  /** A team's own cache wrapper becomes a source of the operators pack with one line. */
  @Test
  void cacheSourcesMakeAWrapperHandOutCachedObjects() throws IOException {
    write(
        "k8s/com/acme/k8s/PodCache.java",
        """
        package com.acme.k8s;

        import io.fabric8.kubernetes.api.model.Pod;
        import java.util.Map;
        import java.util.concurrent.ConcurrentHashMap;

        public class PodCache {
          private final Map<String, Pod> pods = new ConcurrentHashMap<>();

          public Pod get(String name) {
            return pods.get(name);
          }
        }
        """);
    write(
        "k8s/com/acme/k8s/Relabel.java",
        """
        package com.acme.k8s;

        import io.fabric8.kubernetes.api.model.Pod;

        class Relabel {
          private final PodCache cache = new PodCache();

          void mark(String name) {
            Pod pod = cache.get(name);
            pod.getMetadata().getLabels().put("marked", "true");
          }
        }
        """);
    assertEquals(0, audit("", "k8s").exitCode());
    CliRun r = audit("cache-sources = com.acme.k8s.PodCache#get\n", "k8s");
    assertEquals(1, r.exitCode(), r.err());
    assertEquals(List.of("MutatedCachedResource:warning"), rules(r));
    CliRun field = audit("cache-sources = com.acme.k8s.PodCache#pods\n", "k8s");
    assertEquals(List.of("MutatedCachedResource:warning"), rules(field), field.err());
  }

  @Test
  void mistakesNameTheFileLineAndKey() throws IOException {
    assertConfigError("# ok\nthread-safe = a.B\n", "shareguard.conf:2: unknown key 'thread-safe'");
    assertConfigError("rules UnguardedSharedRead\n", "shareguard.conf:1: expected 'key = value'");
    assertConfigError(
        "\n\nrules = UnguardedSharedRead, Nope\n",
        "shareguard.conf:3: rules: unknown rule 'Nope' (known rules: ");
    assertConfigError("disable = X\n", "shareguard.conf:1: disable: unknown rule 'X'");
    assertConfigError(
        "immutable-types = com.acme.Money, not a type\n",
        "shareguard.conf:1: immutable-types: 'not a type' is not a qualified name");
    assertConfigError("thread-safe-types =\n", "shareguard.conf:1: thread-safe-types: no value");
    // A trailing or doubled comma is a mistake, exactly as -XepOpt:Shareguard:ThreadSafeTypes says.
    assertConfigError(
        "thread-safe-types = com.acme.Foo,\n",
        "shareguard.conf:1: thread-safe-types: empty item in 'com.acme.Foo,'");
    assertConfigError(
        "rules = UnguardedSharedRead,,UnguardedSharedWrite\n",
        "shareguard.conf:1: rules: empty item in 'UnguardedSharedRead,,UnguardedSharedWrite'");
    assertConfigError(
        "spawners = com.acme.Jobs\n",
        "shareguard.conf:1: spawners: spawner 'com.acme.Jobs' is not of the form");
    assertConfigError("spawners = com.acme.Jobs#later:x\n", "shareguard.conf:1: spawners: spawner");
    assertConfigError(
        "cache-sources = com.acme.PodCache.get\n",
        "shareguard.conf:1: cache-sources: 'com.acme.PodCache.get' is not of the form"
            + " pkg.Type#member");
    assertConfigError(
        "copy-barriers = com..Copies#deep\n",
        "shareguard.conf:1: copy-barriers: 'com..Copies#deep': 'com..Copies' is not a qualified"
            + " type name");
    assertConfigError("cache-sources =\n", "shareguard.conf:1: cache-sources: no value");
    assertConfigError(
        "severity.UnguardedSharedRead = fatal\n",
        "shareguard.conf:1: severity.UnguardedSharedRead: 'fatal' is not error, warning, note or"
            + " off");
    assertConfigError("severity.Nope = error\n", "shareguard.conf:1: severity.Nope: unknown rule");
    assertConfigError(
        "severity.UnguardedSharedRead = error\nseverity.UnguardedSharedRead = note\n",
        "shareguard.conf:2: severity.UnguardedSharedRead: given twice");
  }

  @Test
  void aMissingOrBinaryConfigFileIsAUsageError() throws IOException {
    CliRun missing = CliRun.run(dir, null, "audit", "--config", "nope.conf", "src");
    assertEquals(2, missing.exitCode());
    assertTrue(missing.err().contains("--config nope.conf: no such file"), missing.err());
    Files.write(dir.resolve("bin.conf"), new byte[] {(byte) 0xff, (byte) 0xfe, 0});
    CliRun binary = CliRun.run(dir, null, "audit", "--config", "bin.conf", "src");
    assertEquals(2, binary.exitCode());
    assertTrue(binary.err().contains("--config bin.conf: not UTF-8 text"), binary.err());
  }
}
