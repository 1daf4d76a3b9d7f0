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
        List.of("deep-from-different-holders", "different-fields-of-one-holder",
            "distinct-array-elements",
            "sibling-classes", "one-event-loop",
            "per-channel-state-on-loops", "new-object-own-state", "unshared-object-hooks",
            "builder-fills-its-product",
            "program-mains", "lifecycle-phases", "single-caller",
            "set-up-before-tasks", "ordered-by-start-or-join", "held-by-another-object",
            "own-fresh-task-objects", "one-run-per-thread-object", "same-serial-executor",
            "own-container-filled-before-start"),
        names);
  }

  private static final Ctx INIT = new Ctx.Init("t.Svc", "Svc", "<init>", false);
  private static final Ctx ENTRY =
      new Ctx.Entry("t.Svc", "Svc", "put", null, Ctx.Phase.RUNNING, false);

  private static Ctx.Task task(int line, String rootClass) {
    dev.shareguard.core.ir.Pos pos = new dev.shareguard.core.ir.Pos(line, 5);
    return new Ctx.Task(new TaskRoot.Spawn("t.Svc#start()", line, pos), true, true, null,
        rootClass, 1, false, "t.Svc#start()",
        new Ctx.Started("Executor.execute", "t/Svc.java", pos, null, false));
  }

  /** An access in context {@code ctx} to {@code target}; nothing else of it is asked here. */
  private static AccessInstance access(Ctx ctx, AbsVal target) {
    return new AccessInstance(null, null, ctx, null, AccessInstance.Sharing.PLAIN, target,
        Set.of(), Set.of(), Set.of(), Set.of(), null, null, Set.of());
  }

  private static Parallelism.Pair pair(Ctx x, Ctx y) {
    return new Parallelism.Pair(access(x, null), access(y, null), false).normalized();
  }

  @Test
  void theTableHasOneScopePerPairOfContextKinds() {
    assertEquals(Parallelism.Scope.INIT_TASK, pair(task(3, null), INIT).scope());
    assertEquals(null, pair(ENTRY, INIT).scope(), "an initializer never runs beside an entry");
    assertEquals(null, pair(INIT, INIT).scope());
    assertEquals(Parallelism.Scope.CALLERS, pair(ENTRY, ENTRY).scope());
    assertEquals(Parallelism.Scope.CALLER_TASK, pair(task(3, null), ENTRY).scope());
    assertEquals(Parallelism.Scope.TASKS, pair(task(3, null), task(3, null)).scope());
    assertEquals(Parallelism.Scope.DIFFERENT_TASKS, pair(task(3, null), task(4, null)).scope());
    // Two starts of one task class run the same code.
    assertEquals(Parallelism.Scope.TASKS, pair(task(3, "t.Worker"), task(4, "t.Worker")).scope());
    // Normalized: the initializer, else the entry, comes first.
    assertTrue(pair(task(3, null), INIT).a().ctx() instanceof Ctx.Init);
    assertTrue(pair(task(3, null), ENTRY).a().ctx() instanceof Ctx.Entry);
  }

  @Test
  void pathsTwoFieldsDeepFromTwoHoldersAreTwoObjects() {
    Parallelism.Filter deep = byName("deep-from-different-holders");
    AbsVal viaSingle = field(field(field(new AbsVal.This("t.Embedded"), "single"), "factory"),
        "port");
    AbsVal viaCluster = field(field(field(new AbsVal.This("t.Embedded"), "cluster"), "factory"),
        "port");
    AbsVal viaSingleAgain = field(field(new AbsVal.This("t.Embedded"), "single"), "port");
    AbsVal shallow = field(new AbsVal.This("t.Embedded"), "port");
    assertTrue(separates(deep, viaSingle, viaCluster));
    assertFalse(separates(deep, viaSingle, viaSingleAgain), "one holder, one object");
    assertFalse(separates(deep, viaSingle, shallow), "a shallow path is still paired");
  }

  private static AbsVal field(AbsVal base, String name) {
    return new AbsVal.Field(base, "t.X", name);
  }

  private static boolean separates(Parallelism.Filter f, AbsVal a, AbsVal b) {
    return f.test().separates(null,
        new Parallelism.Pair(access(ENTRY, a), access(task(3, null), b), false));
  }

  private static Parallelism.Filter byName(String name) {
    return Parallelism.filters().stream().filter(f -> f.name().equals(name)).findFirst()
        .orElseThrow();
  }
}
