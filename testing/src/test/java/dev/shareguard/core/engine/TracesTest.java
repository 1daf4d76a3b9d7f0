package dev.shareguard.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shareguard.cli.frontend.JavaParserFrontEnd;
import dev.shareguard.core.Analyzer;
import dev.shareguard.core.config.Config;
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
              public int size() {
                return names.size();
              }
            }
            """);
    List<Finding> findings =
        new Analyzer(Config.defaults()).analyze(new JavaParserFrontEnd().lowerSources(sources));
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
}
