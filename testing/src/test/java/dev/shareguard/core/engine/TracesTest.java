package dev.shareguard.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shareguard.cli.frontend.JavaParserFrontEnd;
import dev.shareguard.core.Analyzer;
import dev.shareguard.core.config.Config;
import dev.shareguard.core.finding.Confidence;
import dev.shareguard.core.finding.Finding;
import dev.shareguard.core.finding.Trace;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The path printed for each side of a race (SPEC §2, explained findings): every step names the
 * method it happens in, in the user's names, from the entry or task root down to the access.
 */
class TracesTest {
  /**
   * A task written as an anonymous class is named by the type it implements and the class it is
   * written in (it has no name of its own to print), at the step that starts it and at the
   * access inside it.
   */
  @Test
  void anonymousTaskNamedByItsTypeAndItsClass() {
    Map<String, String> sources =
        Map.of(
            "com/acme/Pool.java",
            """
            package com.acme;
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.ExecutorService;
            public class Pool {
              private final List<String> names = new ArrayList<>();
              public void start(ExecutorService pool) {
                pool.execute(new Runnable() {
                  @Override public void run() {
                    names.add("x");
                  }
                });
              }
              public boolean has(String name) {
                return names.contains(name);
              }
            }
            """);
    // A task against a public method: medium, below the default floor.
    List<Finding> findings =
        new Analyzer(Config.defaults().withMinConfidence(Confidence.MEDIUM))
            .analyze(new JavaParserFrontEnd().lowerSources(sources));
    assertEquals(1, findings.size(), findings.toString());
    Trace task = findings.get(0).traces().stream()
        .filter(t -> t.thread().contains("task"))
        .findFirst()
        .orElseThrow(() -> new AssertionError(findings.get(0).traces().toString()));
    assertEquals(
        List.of(
            "`Pool.start()` starts a task running `run()` of an anonymous `Runnable` in `Pool`",
            "`names.add(…)` writes in `run()` of an anonymous `Runnable` in `Pool`"),
        task.steps().stream().map(Trace.Step::text).toList());
  }

  /**
   * A change to a value a concurrent map holds is a thread finding like the others: each side has
   * its evidence (a task is spawned; an entry is declared shared by the map's thread-safe type)
   * and its path, the confidence comes from the two, and the message names the method each
   * access is in.
   */
  @Test
  void mapValueRaceHasEvidencePathsAndConfidence() {
    Map<String, String> sources =
        Map.of(
            "com/acme/Tally.java",
            """
            package com.acme;
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.ConcurrentHashMap;
            import java.util.concurrent.ExecutorService;
            public class Tally {
              private final ConcurrentHashMap<String, List<String>> byKey =
                  new ConcurrentHashMap<>();
              public void record(ExecutorService pool, String k, String v) {
                pool.execute(() -> append(k, v));
              }
              private void append(String k, String v) {
                byKey.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
              }
              public void clear(String k) {
                byKey.get(k).clear();
              }
            }
            """);
    List<Finding> findings =
        new Analyzer(Config.defaults()).analyze(new JavaParserFrontEnd().lowerSources(sources));
    Finding task = mapValueFinding(findings, 13);
    assertEquals(List.of("spawned"), evidence(task), task.toString());
    assertEquals(
        List.of(
            "`Tally.record()` starts a task running a lambda in `Tally.record()`",
            "a lambda in `Tally.record()` calls `Tally.append()`",
            "`byKey.computeIfAbsent(…).add(…)` writes in `Tally.append()`"),
        task.traces().get(0).steps().stream().map(Trace.Step::text).toList());
    Finding caller = mapValueFinding(findings, 16);
    assertEquals(dev.shareguard.core.finding.Confidence.HIGH, caller.confidence());
    assertEquals(List.of("declared shared", "spawned"), evidence(caller), caller.toString());
    org.junit.jupiter.api.Assertions.assertTrue(
        caller.message().startsWith("`byKey.get(…).clear()` changes a value held in `byKey` (a List)"
            + " in `Tally.clear()`, while `byKey.computeIfAbsent(…).add(…)` changes values of"
            + " `byKey` at the same time in `Tally.append()` (line 13), on the task started by"),
        caller.message());
  }

  private static Finding mapValueFinding(List<Finding> findings, int line) {
    return findings.stream()
        .filter(x -> x.ruleId().equals("UnguardedMapValueMutation") && x.location().line() == line)
        .findFirst()
        .orElseThrow(() -> new AssertionError(findings.toString()));
  }

  private static List<String> evidence(Finding f) {
    return f.traces().stream().map(t -> t.evidence().words()).toList();
  }

  /**
   * Where one place (or one other access) has several candidate findings, the surest is kept,
   * chosen before the floor applies: here the read of the list (a container race, high) rather
   * than the read of the label beside it on the line (a field's value, one level lower); and a
   * lower floor only adds findings, so what the default floor shows is shown, word for word, at
   * the low floor too.
   */
  @Test
  void onePerPlaceKeepsTheSurest_andALowerFloorOnlyAdds() {
    Map<String, String> sources =
        Map.of(
            "com/acme/Board.java",
            """
            package com.acme;
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.ExecutorService;
            public class Board {
              private String label = "";
              private final List<String> names = new ArrayList<>();
              public void post(ExecutorService pool, String name) {
                pool.execute(() -> {
                  synchronized (this) {
                    label = name;
                    names.add(name);
                  }
                });
              }
              public String show() {
                return label + names.get(0);
              }
            }
            """);
    List<Finding> atDefault = new Analyzer(Config.defaults())
        .analyze(new JavaParserFrontEnd().lowerSources(sources));
    assertEquals(1, atDefault.size(), atDefault.toString());
    assertEquals("com/acme/Board.java:17:20", atDefault.get(0).location().toString());
    assertEquals(dev.shareguard.core.finding.Confidence.HIGH, atDefault.get(0).confidence());
    List<String> atLow = messages(sources, dev.shareguard.core.finding.Confidence.LOW);
    org.junit.jupiter.api.Assertions.assertTrue(
        atLow.containsAll(messages(sources, dev.shareguard.core.finding.Confidence.MEDIUM)),
        atLow.toString());
  }

  private static List<String> messages(
      Map<String, String> sources, dev.shareguard.core.finding.Confidence floor) {
    return new Analyzer(Config.defaults().withMinConfidence(floor))
        .analyze(new JavaParserFrontEnd().lowerSources(sources)).stream()
        .map(f -> f.location() + " " + f.message())
        .toList();
  }

  /**
   * A thread object of an anonymous subclass runs the {@code run()} it inherits on itself: the
   * {@code doRun()} that {@code run()} calls is that subclass's own, named as a plain call (not
   * "may call, one of several"), and each daemon's path goes through its own {@code doRun()}.
   */
  @Test
  void inheritedRunCallsTheAnonymousSubclassOwnOverride() {
    Map<String, String> sources =
        Map.of(
            "com/acme/Daemons.java",
            """
            package com.acme;
            public class Daemons {
              private long last;
              public synchronized void start() {
                new Daemon() {
                  @Override void doRun() {
                    tick();
                  }
                }.start();
                new Daemon() {
                  @Override void doRun() {
                    tick();
                  }
                }.start();
              }
              private void tick() {
                if (last < System.nanoTime()) {
                  last = System.nanoTime();
                }
              }
              private abstract static class Daemon extends Thread {
                @Override public void run() {
                  while (!isInterrupted()) {
                    doRun();
                  }
                }
                abstract void doRun();
              }
            }
            """);
    List<Finding> findings =
        new Analyzer(Config.defaults()).analyze(new JavaParserFrontEnd().lowerSources(sources));
    assertEquals(1, findings.size(), findings.toString());
    List<List<String>> paths = findings.get(0).traces().stream()
        .map(t -> t.steps().stream().map(Trace.Step::text).toList())
        .toList();
    assertEquals(2, paths.size(), paths.toString());
    for (List<String> path : paths) {
      assertEquals(
          List.of(
              "`Daemons.start()` starts a task running `Daemon.run()`",
              "`Daemon.run()` calls `doRun()` of an anonymous `Daemon` in `Daemons`",
              "`doRun()` of an anonymous `Daemon` in `Daemons` calls `Daemons.tick()`"),
          path.subList(0, 3), paths.toString());
    }
    assertEquals(
        List.of(7, 12),
        findings.get(0).traces().stream().map(t -> t.steps().get(2).at().line()).sorted().toList(),
        "each daemon's path goes through its own doRun()");
  }
}
