package dev.shareguard.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The registry of pairing filters: one ordered list, each filter named once and judging the
 * context pairs of its scopes. (What each filter decides is proven through both front ends by
 * the rule tests that name it in their javadoc.)
 */
class ParallelismTest {

  @Test
  void everyFilterHasAUniqueNameAndAScope() {
    Set<String> names = new HashSet<>();
    for (Parallelism.Filter f : Parallelism.filters()) {
      assertTrue(names.add(f.name()), "duplicate filter name " + f.name());
      assertFalse(f.scopes().isEmpty(), f.name() + " judges no pair");
      assertTrue(f.name().matches("[a-z]+(-[a-z]+)*"), f.name() + " is not a kebab-case name");
    }
  }

  @Test
  void filtersJudgeOnlyTheirScopes() {
    Parallelism.Filter setUp = byName("set-up-before-tasks");
    assertTrue(setUp.judges(Parallelism.Scope.CALLER_TASK));
    assertFalse(setUp.judges(Parallelism.Scope.CALLERS));
    assertFalse(setUp.judges(Parallelism.Scope.TASKS));
    Parallelism.Filter loop = byName("one-event-loop");
    for (Parallelism.Scope s : Parallelism.Scope.values()) {
      assertTrue(loop.judges(s), "one-event-loop should judge " + s);
    }
    // Runs of the same task code are judged by the table (several instances at once), not by
    // the orderings between different tasks.
    assertFalse(byName("ordered-by-start-or-join").judges(Parallelism.Scope.TASKS));
    assertFalse(byName("same-serial-executor").judges(Parallelism.Scope.TASKS));
  }

  @Test
  void theOrderIsTheDocumentedOne() {
    List<String> names = Parallelism.filters().stream().map(Parallelism.Filter::name).toList();
    assertEquals(
        List.of("deep-from-different-holders", "sibling-classes", "one-event-loop",
            "new-object-own-state", "program-mains", "lifecycle-phases", "single-caller",
            "set-up-before-tasks", "ordered-by-start-or-join", "held-by-another-object",
            "own-fresh-task-objects", "same-serial-executor"),
        names);
  }

  private static Parallelism.Filter byName(String name) {
    return Parallelism.filters().stream().filter(f -> f.name().equals(name)).findFirst()
        .orElseThrow();
  }
}
