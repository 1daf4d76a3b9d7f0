package dev.shareguard.errorprone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.InvalidCommandLineOptionException;
import dev.shareguard.core.config.Config;
import dev.shareguard.core.rules.threads.UnguardedSharedWrite;
import dev.shareguard.testing.ErrorProneRunner;
import dev.shareguard.testing.ErrorProneRunner.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code -XepOpt:Shareguard:…} flags fill the engine's config, and a bad one fails naming the flag,
 * both when read directly and through a real compilation.
 */
class ShareguardFlagsTest {
  private static final String COLLECTOR =
      """
      package com.acme;
      import java.util.ArrayList;
      import java.util.List;
      class Collector {
        private final List<String> seen = new ArrayList<>();
        void record(String s) {
          Jobs.later(() -> seen.add(s));
        }
      }
      """;

  private static final String JOBS =
      """
      package com.acme;
      /** Runs tasks on a pool the engine does not know about. */
      class Jobs {
        static void later(Runnable task) {
          new Thread(task).start();
        }
      }
      """;

  private static Config read(Map<String, String> flags) {
    return ShareguardFlags.toConfig(ErrorProneFlags.fromMap(flags));
  }

  private static String failure(Map<String, String> flags) {
    return assertThrows(InvalidCommandLineOptionException.class, () -> read(flags)).getMessage();
  }

  @Test
  void noFlagsGiveTheDefaults() {
    assertEquals(Config.defaults(), read(Map.of()));
  }

  @Test
  void everyOptionFillsItsPartOfTheConfig() {
    Config c =
        read(
            Map.of(
                "Shareguard:ThreadSafeTypes", "com.acme.SafeMap, com.acme.Registry$Table",
                "Shareguard:ImmutableTypes", "com.acme.Money",
                "Shareguard:Spawners", "com.acme.Jobs#later,com.acme.Pool#submit:1",
                "Shareguard:SharedEntryAnnotations", "com.acme.Endpoint",
                "Shareguard:CacheSources", "com.acme.PodCache#get, com.acme.PodCache#pods",
                "Shareguard:CopyBarriers", "com.acme.Copies#deep"));
    assertEquals(Set.of("com.acme.SafeMap", "com.acme.Registry$Table"), c.extraThreadSafeTypes());
    assertEquals(Set.of("com.acme.Money"), c.extraImmutableTypes());
    assertEquals(
        List.of(
            new Config.Spawner("com.acme.Jobs", "later", 0),
            new Config.Spawner("com.acme.Pool", "submit", 1)),
        c.extraSpawners());
    assertEquals(Set.of("com.acme.Endpoint"), c.extraSharedEntryAnnotations());
    assertEquals(
        Set.of(new Config.Member("com.acme.PodCache", "get"),
            new Config.Member("com.acme.PodCache", "pods")),
        c.extraCacheSources());
    assertEquals(Set.of(new Config.Member("com.acme.Copies", "deep")), c.extraCopyBarriers());
  }

  @Test
  void badCacheSourceFailsNamingTheOptionAndTheText() {
    String message = failure(Map.of("Shareguard:CacheSources", "com.acme.PodCache.get"));
    assertTrue(message.startsWith("-XepOpt:Shareguard:CacheSources: "), message);
    assertTrue(message.contains("'com.acme.PodCache.get' is not of the form pkg.Type#member"),
        message);
  }

  @Test
  void otherCheckersOptionsAreLeftAlone() {
    assertEquals(Config.defaults(), read(Map.of("NullAway:AnnotatedPackages", "com.acme")));
  }

  @Test
  void unknownShareguardOptionFailsNamingIt() {
    String message = failure(Map.of("Shareguard:ThreadSafeType", "com.acme.SafeMap"));
    assertTrue(message.contains("-XepOpt:Shareguard:ThreadSafeType:"), message);
    assertTrue(message.contains("-XepOpt:Shareguard:ThreadSafeTypes"), message);
  }

  @Test
  void badSpawnerFailsNamingTheOptionAndTheText() {
    String message = failure(Map.of("Shareguard:Spawners", "com.acme.Jobs.later"));
    assertTrue(message.startsWith("-XepOpt:Shareguard:Spawners: "), message);
    assertTrue(message.contains("com.acme.Jobs.later"), message);
    assertTrue(
        failure(Map.of("Shareguard:Spawners", "com.acme.Jobs#later:x"))
            .contains("-XepOpt:Shareguard:Spawners"));
  }

  @Test
  void minConfidenceSetsTheFloorAndABadLevelFailsNamingTheOption() {
    assertEquals(
        dev.shareguard.core.finding.Confidence.HIGH,
        read(Map.of("Shareguard:MinConfidence", "high")).minConfidence());
    assertEquals(dev.shareguard.core.finding.Confidence.HIGH, read(Map.of()).minConfidence());
    String message = failure(Map.of("Shareguard:MinConfidence", "sure"));
    assertTrue(message.startsWith("-XepOpt:Shareguard:MinConfidence: "), message);
    assertTrue(message.contains("low, medium or high"), message);
  }

  @Test
  void includeBundledIsASwitchAndAnotherWordFailsNamingTheOption() {
    assertTrue(read(Map.of("Shareguard:IncludeBundled", "true")).includeBundled());
    assertFalse(read(Map.of()).includeBundled());
    String message = failure(Map.of("Shareguard:IncludeBundled", "yes"));
    assertTrue(message.startsWith("-XepOpt:Shareguard:IncludeBundled: "), message);
  }

  @Test
  void badTypeNameFailsNamingTheOption() {
    String message = failure(Map.of("Shareguard:ImmutableTypes", "com.acme.Money,com..Bad"));
    assertTrue(message.startsWith("-XepOpt:Shareguard:ImmutableTypes: "), message);
    assertTrue(message.contains("com..Bad"), message);
  }

  @Test
  void emptyItemFailsNamingTheOption() {
    String message = failure(Map.of("Shareguard:SharedEntryAnnotations", "a.B,,c.D"));
    assertTrue(message.startsWith("-XepOpt:Shareguard:SharedEntryAnnotations: "), message);
  }

  @Test
  void flagsReachTheEngine() {
    List<Config> seen = new ArrayList<>();
    UnitAnalysis.Restore restore =
        UnitAnalysis.useEngine(
            (files, config) -> {
              seen.add(config);
              return List.of();
            });
    Result r;
    try {
      r =
          ErrorProneRunner.compile(
              Map.of("com/acme/Jobs.java", JOBS),
              List.of(
                  "-XepOpt:Shareguard:ThreadSafeTypes=com.acme.SafeMap",
                  "-XepOpt:Shareguard:Spawners=com.acme.Jobs#later"));
    } finally {
      restore.close();
    }
    assertTrue(r.success(), r.toString());
    assertEquals(1, seen.size(), seen.toString());
    assertEquals(Set.of("com.acme.SafeMap"), seen.get(0).extraThreadSafeTypes());
    assertEquals(
        List.of(new Config.Spawner("com.acme.Jobs", "later", 0)), seen.get(0).extraSpawners());
  }

  @Test
  void positive_userSpawnerMakesItsTaskRunOnAnotherThread() {
    Map<String, String> sources =
        Map.of("com/acme/Collector.java", COLLECTOR, "com/acme/Jobs.java", JOBS);
    Result without = ErrorProneRunner.compile(sources, List.of());
    assertTrue(without.success(), without.toString());
    assertEquals(List.of(), without.ofCheck(UnguardedSharedWrite.ID), without.toString());

    Result with =
        ErrorProneRunner.compile(
            sources, List.of("-XepOpt:Shareguard:Spawners=com.acme.Jobs#later:0"));
    assertTrue(with.success(), with.toString());
    assertEquals(1, with.ofCheck(UnguardedSharedWrite.ID).size(), with.toString());
    assertTrue(with.ofCheck(UnguardedSharedWrite.ID).get(0).message().contains("seen"));
  }

  @Test
  void badOptionFailsTheCompilationWithOneErrorNamingIt() {
    Result r =
        ErrorProneRunner.compile(
            Map.of("com/acme/Jobs.java", JOBS), List.of("-XepOpt:Shareguard:Spawner=a.B#run"));
    assertFalse(r.success(), r.toString());
    assertEquals(1, r.errors().size(), r.toString());
    assertTrue(
        r.errors().get(0).message().startsWith("Shareguard: -XepOpt:Shareguard:Spawner: unknown"),
        r.toString());
  }

  @Test
  void docsUrlLinksEachDiagnosticToItsRulePageAndNoFlagMeansNoLink() {
    Map<String, String> sources =
        Map.of("com/acme/Collector.java", COLLECTOR, "com/acme/Jobs.java", JOBS);
    String spawner = "-XepOpt:Shareguard:Spawners=com.acme.Jobs#later:0";
    Result without = ErrorProneRunner.compile(sources, List.of(spawner));
    assertEquals(1, without.ofCheck(UnguardedSharedWrite.ID).size(), without.toString());
    assertEquals(null, without.ofCheck(UnguardedSharedWrite.ID).get(0).link(), without.toString());

    Result with =
        ErrorProneRunner.compile(
            sources, List.of(spawner, "-XepOpt:Shareguard:DocsUrl=https://docs.example.org/sg"));
    assertEquals(1, with.ofCheck(UnguardedSharedWrite.ID).size(), with.toString());
    assertEquals(
        "https://docs.example.org/sg/docs/rules/UnguardedSharedWrite.md",
        with.ofCheck(UnguardedSharedWrite.ID).get(0).link());
  }

  @Test
  void relativeDocsUrlFailsNamingTheOption() {
    String message = failureOfDocsUrl("docs/");
    assertTrue(message.startsWith("-XepOpt:Shareguard:DocsUrl: "), message);
    assertTrue(message.contains("not an absolute URL"), message);
  }

  private static String failureOfDocsUrl(String url) {
    return assertThrows(
            InvalidCommandLineOptionException.class,
            () ->
                ShareguardFlags.docsUrl(
                    ErrorProneFlags.fromMap(Map.of(ShareguardFlags.DOCS_URL, url))))
        .getMessage();
  }
}
