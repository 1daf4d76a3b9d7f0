package dev.shareguard.core.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shareguard.core.ir.Pos;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link TaskAncestry}: a point before a task's start is before the tasks only it starts. */
class TaskAncestryTest {
  private static final Ctx ENTRY =
      new Ctx.Entry("t.Svc", "Svc", "start", null, Ctx.Phase.RUNNING, false);

  private static TaskRoot.Spawn root(String body, int line) {
    return new TaskRoot.Spawn(body, 0, new Pos(line, 1));
  }

  private static Ctx task(TaskRoot root) {
    return new Ctx.Task(root, true, true, null, null, 1, false, null, null);
  }

  @Test
  void aTaskOnlyAnOrderedTaskStartsIsOrderedWithIt() {
    TaskAncestry a = new TaskAncestry();
    TaskRoot first = root("t.Svc#start()", 10);
    TaskRoot again = root("t.Svc.Task#run()", 30);
    a.started(first, ENTRY, false);
    a.started(again, task(first), false);
    a.started(again, task(again), false);
    assertTrue(a.startsOnlyAfter(again, Set.of(first)));
    assertFalse(a.startsOnlyAfter(again, Set.of()));
    // The root itself is judged by the caller, from its own marks.
    assertFalse(a.startsOnlyAfter(first, Set.of(first)));
  }

  @Test
  void aTaskAlsoStartedOutsideAnyTaskIsNotOrdered() {
    TaskAncestry a = new TaskAncestry();
    TaskRoot first = root("t.Svc#start()", 10);
    TaskRoot again = root("t.Svc.Task#run()", 30);
    a.started(first, ENTRY, false);
    a.started(again, task(first), false);
    a.started(again, ENTRY, false);
    assertFalse(a.startsOnlyAfter(again, Set.of(first)));
  }

  @Test
  void aTaskEndedBeforeThePointMayHaveStartedTasksStillRunning() {
    TaskAncestry a = new TaskAncestry();
    TaskRoot first = root("t.Svc#start()", 10);
    TaskRoot child = root("t.Svc#lambda$0", 12);
    a.started(child, task(first), false);
    assertFalse(a.startsOnlyAfter(child, Set.of(new Mark.Ended(first))));
  }

  @Test
  void aStartSiteInABodyWhoseWalksWereCutShortHasUnknownStarters() {
    TaskAncestry a = new TaskAncestry();
    TaskRoot first = root("t.Svc#start()", 10);
    TaskRoot again = root("t.Svc.Task#run()", 30);
    a.started(again, task(first), false);
    a.cutShort("t.Svc.Task#run()");
    assertFalse(a.startsOnlyAfter(again, Set.of(first)));
  }
}
