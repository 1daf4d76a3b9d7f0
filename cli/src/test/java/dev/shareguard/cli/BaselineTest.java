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
 * {@code --write-baseline} and {@code --baseline} with the real engine: accepted findings stay
 * accepted when unrelated edits move them, new ones are reported.
 */
class BaselineTest {
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
   * Audits at the {@code medium} floor: the registry's read in {@code total()} races with the pool
   * task at {@code medium} (a task against a public method), and the baseline must keep both sides.
   */
  private CliRun audit(String... args) {
    String[] all = new String[args.length + 3];
    all[0] = "audit";
    all[1] = "--min-confidence";
    all[2] = "medium";
    System.arraycopy(args, 0, all, 3, args.length);
    return CliRun.run(dir, null, all);
  }

  private static List<Object> findings(CliRun r) {
    return Json.arr(Json.parse(r.out()), "findings");
  }

  @Test
  void writingABaselineAcceptsEveryFindingAndExitsZero() throws IOException {
    CliRun before = audit("--format", "json", "src");
    assertEquals(1, before.exitCode(), before.err());
    int n = findings(before).size();
    assertTrue(n >= 2, before.out());

    CliRun write = audit("--write-baseline", "baseline.txt", "src");
    assertEquals(0, write.exitCode(), write.err());
    assertTrue(write.err().contains("wrote " + n + " findings to the baseline"), write.err());
    List<String> entries =
        Files.readAllLines(dir.resolve("baseline.txt")).stream()
            .filter(l -> !l.startsWith("#"))
            .toList();
    assertEquals(n, entries.size());
    assertTrue(
        entries.get(0).matches("[0-9a-f]{16}\tUnguarded\\w+\tcom/acme/Registry.java:\\d+\t.*"));

    CliRun after = audit("--format", "json", "--baseline", "baseline.txt", "src");
    assertEquals(0, after.exitCode(), after.err());
    assertEquals(0, findings(after).size());
    assertEquals((long) n, ((Map<?, ?>) Json.parse(after.out())).get("baselined"));
    assertTrue(after.err().contains("0 findings (" + n + " more in the baseline)"), after.err());
  }

  @Test
  void unrelatedEditsThatMoveFindingsDoNotResurrectThem() throws IOException {
    assertEquals(0, audit("--write-baseline", "baseline.txt", "src").exitCode());
    String moved =
        REGISTRY
            .replace("class Registry {", "/** Totals by key. */\nclass Registry {\n  // added\n")
            .replace("  public long total(String key) {", "  public long total(String key)   {")
            .replace("    return totals", "      return   totals");
    write("src/com/acme/Registry.java", moved);
    CliRun r = audit("--format", "json", "--baseline", "baseline.txt", "src");
    assertEquals(0, r.exitCode(), r.out());
    assertEquals(0, findings(r).size(), r.out());
  }

  @Test
  void aNewFindingIsReportedAndFailsTheRun() throws IOException {
    assertEquals(0, audit("--write-baseline", "baseline.txt", "src").exitCode());
    write(
        "src/com/acme/Registry.java",
        REGISTRY.replace(
            "  public long total(String key) {",
            "  public void reset() {\n"
                + "    totals.clear();\n"
                + "  }\n\n"
                + "  public long total(String key) {"));
    CliRun r = audit("--format", "json", "--baseline", "baseline.txt", "src");
    assertEquals(1, r.exitCode(), r.err());
    List<Object> fresh = findings(r);
    assertEquals(1, fresh.size(), r.out());
    assertEquals(17L, ((Map<?, ?>) fresh.get(0)).get("line"));
  }

  @Test
  void fingerprintsAreTheSameInJsonSarifAndTheBaseline() throws IOException {
    audit("--write-baseline", "baseline.txt", "src");
    List<String> inBaseline =
        Files.readAllLines(dir.resolve("baseline.txt")).stream()
            .filter(l -> !l.startsWith("#"))
            .map(l -> l.substring(0, 16))
            .toList();
    List<String> inJson =
        findings(audit("--format", "json", "src")).stream()
            .map(f -> (String) ((Map<?, ?>) f).get("fingerprint"))
            .toList();
    Object run = Json.arr(Json.parse(audit("--format", "sarif", "src").out()), "runs").get(0);
    List<String> inSarif =
        Json.arr(run, "results").stream()
            .map(r -> (String) Json.obj(r, "partialFingerprints").get("shareguard/v1"))
            .toList();
    assertEquals(inBaseline, inJson);
    assertEquals(inBaseline, inSarif);
  }

  @Test
  void aBadBaselineIsAUsageErrorNamingFileAndLine() throws IOException {
    CliRun missing = audit("--baseline", "nope.txt", "src");
    assertEquals(2, missing.exitCode());
    assertTrue(missing.err().contains("--baseline nope.txt: no such file"), missing.err());
    write("bad.txt", "# comment\n\nnot-a-fingerprint\tX\n");
    CliRun bad = audit("--baseline", "bad.txt", "src");
    assertEquals(2, bad.exitCode());
    assertTrue(bad.err().contains("bad.txt:3: not a baseline entry"), bad.err());
  }

  @Test
  void entriesNoFindingMatchesAnyMoreAreReportedAsStale() throws IOException {
    assertEquals(0, audit("--write-baseline", "baseline.txt", "src").exitCode());
    CliRun same = audit("--baseline", "baseline.txt", "src");
    assertEquals(0, same.exitCode(), same.err());
    assertTrue(!same.err().contains("stale"), same.err());

    // The race is fixed: every accepted entry is now stale, and says where it is in the file.
    write(
        "src/com/acme/Registry.java",
        REGISTRY
            .replace("new HashMap<>()", "new java.util.concurrent.ConcurrentHashMap<>()")
            .replace("import java.util.HashMap;\n", ""));
    CliRun fixed = audit("--baseline", "baseline.txt", "src");
    assertEquals(0, fixed.exitCode(), fixed.err());
    List<String> stale = fixed.err().lines().filter(l -> l.contains(": stale: ")).toList();
    assertTrue(stale.size() >= 2, fixed.err());
    assertTrue(stale.get(0).startsWith("baseline.txt:4: stale: "), stale.get(0));
    assertTrue(stale.get(0).contains("com/acme/Registry.java:"), stale.get(0));
    assertTrue(fixed.err().contains("baseline entries matched nothing"), fixed.err());

    // Entries of a rule that did not run cannot be judged, so they are not called stale.
    CliRun other = audit("--baseline", "baseline.txt", "--rules", "MutatedMapKey", "src");
    assertTrue(!other.err().contains("stale"), other.err());
  }
}
