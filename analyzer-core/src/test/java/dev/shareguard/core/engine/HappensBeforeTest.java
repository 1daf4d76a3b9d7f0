package dev.shareguard.core.engine;

import static dev.shareguard.core.engine.Ir.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shareguard.core.engine.BodyResult.Point;
import dev.shareguard.core.ir.MethodDecl;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a point is ordered with: tasks not yet started or joined, tasks running alongside. */
class HappensBeforeTest {

  @Test
  void aPointComesBeforeALaterOneOutsideACommonLoop() {
    Point early = WalkParts.point(3, Set.of(), Set.of(), Set.of(), List.of());
    Point late = WalkParts.point(9, Set.of(), Set.of(), Set.of(), List.of());
    Point earlyInLoop = WalkParts.point(3, Set.of(), Set.of(), Set.of(), List.of(1));
    Point lateInLoop = WalkParts.point(9, Set.of(), Set.of(), Set.of(), List.of(1));
    assertTrue(HappensBefore.before(early, late));
    assertFalse(HappensBefore.before(late, early));
    assertFalse(HappensBefore.before(earlyInLoop, lateInLoop), "the loop runs both again");
    assertFalse(HappensBefore.before(
        new Point(dev.shareguard.core.ir.Pos.UNKNOWN, Set.of(), Set.of(), Set.of(), List.of(),
            Set.of()), late));
  }

  @Test
  void tasksNotYetStartedOrJoinedAreExcludedAndRunningOnesLive() {
    MethodDecl m = method("m", block());
    WalkParts parts = new WalkParts(file(List.of(), m));
    TaskRoot first = new TaskRoot.Spawn("b", 0, new dev.shareguard.core.ir.Pos(2, 5));
    TaskRoot second = new TaskRoot.Spawn("b", 1, new dev.shareguard.core.ir.Pos(3, 5));
    TaskRoot third = new TaskRoot.Spawn("b", 2, new dev.shareguard.core.ir.Pos(7, 5));
    TaskRoot callers = new TaskRoot.ThreadClass("t.Worker");
    Map<Integer, TaskRoot> spawnKeys = Map.of(0, first, 1, second, 2, third);
    // Task 0 started and joined, task 1 started and running, task 2 not started yet.
    Point at = WalkParts.point(5, Set.of(), Set.of(0, 1), Set.of(0), List.of());
    Frame f = new Frame(Map.of(), Map.of(), Map.of(), Set.of(), Set.of(new Mark.SetUp(C)),
        Set.of(callers), 0, 1, true, null, null);
    // A joined task is marked as ended, not as not yet started: tasks it started may still run.
    assertEquals(Set.of(new Mark.Ended(first), third, new Mark.SetUp(C)),
        parts.order.excludedAt(at, f, spawnKeys));
    assertEquals(Set.of(second, callers), HappensBefore.liveAt(at, f, spawnKeys));
  }
}
