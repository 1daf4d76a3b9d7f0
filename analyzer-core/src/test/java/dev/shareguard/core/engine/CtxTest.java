package dev.shareguard.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shareguard.core.ir.Pos;
import org.junit.jupiter.api.Test;

/** Thread contexts: what each kind has, their equality, and how messages name them. */
class CtxTest {
  private static final TaskRoot SPAWN = new TaskRoot.Spawn("t.Svc#start()", 0, new Pos(12, 5));

  private static Ctx.Task started(String threadClass, boolean anonymous) {
    return new Ctx.Task(SPAWN, true, true, null, threadClass, 3, false, "t.Svc#start()",
        new Ctx.Started("Executor.execute", "src/t/Svc.java", new Pos(12, 5), threadClass,
            anonymous));
  }

  @Test
  void messagesNameEachKindOfThread() {
    assertEquals("`Svc.put()`", Describe.thread(
        new Ctx.Entry("t.Svc", "Svc", "put", null, Ctx.Phase.RUNNING, false)));
    assertEquals("the constructor of `Svc`",
        Describe.thread(new Ctx.Init("t.Svc", "Svc", "<init>", false)));
    assertEquals("`Svc.init()` (called while the bean is built)",
        Describe.thread(new Ctx.Init("t.Svc", "Svc", "init", true)));
    assertEquals("thread `Worker.run()`", Describe.thread(new Ctx.Task(
        new TaskRoot.ThreadClass("t.Worker"), false, true, null, "t.Worker", 1, false, null,
        new Ctx.OwnRun("Worker"))));
    assertEquals("the task started by Executor.execute at Svc.java:12",
        Describe.thread(started(null, false)));
    assertEquals("the task started by Executor.execute at Svc.java (a Worker):12",
        Describe.thread(started("t.Svc.Worker", false)));
    assertEquals("the task started by Executor.execute at Svc.java (a Thread subclass):12",
        Describe.thread(started(null, true)));
  }

  @Test
  void entriesOfTheSameMethodNameInTwoClassesAreTwoContexts() {
    Ctx a = new Ctx.Entry("a.Svc", "Svc", "put", null, Ctx.Phase.RUNNING, false);
    Ctx b = new Ctx.Entry("b.Svc", "Svc", "put", null, Ctx.Phase.RUNNING, false);
    assertNotEquals(a, b);
    assertEquals(a, new Ctx.Entry("a.Svc", "Svc", "put", null, Ctx.Phase.RUNNING, false));
    assertNotEquals(new Ctx.Init("a.Svc", "Svc", "<init>", false), a);
  }

  @Test
  void onlyAnEntryHasAPhaseOrIsAProgramsMain() {
    Ctx setter = new Ctx.Entry("t.Svc", "Svc", "setX", null, Ctx.Phase.PROPERTY, false);
    Ctx main = new Ctx.Entry("t.Tool", "Tool", "main", null, Ctx.Phase.RUNNING, true);
    assertTrue(Ctx.configuring(setter));
    assertFalse(Ctx.programMain(setter));
    assertTrue(Ctx.programMain(main));
    assertFalse(Ctx.configuring(main));
    assertFalse(Ctx.configuring(started(null, false)));
    assertFalse(Ctx.configuring(new Ctx.Init("t.Svc", "Svc", "<init>", false)));
    assertNull(Ctx.serialExecutor(main));
  }
}
