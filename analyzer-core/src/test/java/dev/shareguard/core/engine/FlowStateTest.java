package dev.shareguard.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The join of flow states, and its shortcut when one side adds nothing. */
class FlowStateTest {
  private static final HeldLock THIS_LOCK = new HeldLock(new AbsVal.This("A"), false);
  private static final HeldLock OTHER_LOCK = new HeldLock(new AbsVal.Param("lock"), false);

  private static FlowState state(Map<String, AbsVal> env, Set<HeldLock> locks,
      Set<Integer> spawned, Set<Integer> joined) {
    return new FlowState(env, locks, spawned, joined);
  }

  @Test
  void aStateThatAddsNothingLeavesTheOtherUnchanged() {
    FlowState loopHead = state(Map.of("a", new AbsVal.Param("p"), "b", AbsVal.UNKNOWN),
        Set.of(THIS_LOCK), Set.of(0, 1), Set.of());
    // Same locals (b differs but is already unknown), more locks held, fewer tasks started.
    FlowState backEdge = state(Map.of("a", new AbsVal.Param("p"), "b", new AbsVal.Param("q")),
        Set.of(THIS_LOCK, OTHER_LOCK), Set.of(1), Set.of(0));
    assertSame(loopHead, loopHead.joinWith(backEdge));
  }

  @Test
  void eachPartJoinsByItsOwnRule() {
    FlowState a = state(Map.of("a", new AbsVal.Param("p"), "b", new AbsVal.Param("p")),
        Set.of(THIS_LOCK, OTHER_LOCK), Set.of(0), Set.of(0, 1));
    FlowState b = state(Map.of("a", new AbsVal.Param("p"), "b", new AbsVal.Param("q"),
        "c", new AbsVal.This("A")), Set.of(THIS_LOCK), Set.of(1), Set.of(1));
    // Task 0 was waited for on the first path and never started on the second: finished on both.
    FlowState expected = state(
        Map.of("a", new AbsVal.Param("p"), "b", AbsVal.UNKNOWN, "c", new AbsVal.This("A")),
        Set.of(THIS_LOCK), Set.of(0, 1), Set.of(0, 1));
    assertEquals(expected, a.joinWith(b));
    assertEquals(expected, b.joinWith(a));
  }

  /**
   * A task counts as finished after a merge only when every path waited for it or never started
   * it: started and not waited for on one path, it may still run.
   */
  @Test
  void aTaskIsFinishedWhereEveryPathWaitedForItOrNeverStartedIt() {
    FlowState none = state(Map.of(), Set.of(), Set.of(), Set.of());
    FlowState waited = none.spawn(0).join(Set.of(0));
    FlowState running = none.spawn(0);
    assertEquals(Set.of(0), none.joinWith(waited).joined());
    assertEquals(Set.of(0), waited.joinWith(none).joined());
    assertEquals(Set.of(), running.joinWith(waited).joined());
    assertEquals(Set.of(), waited.joinWith(running).joined());
    assertEquals(Set.of(0), waited.joinWith(none).spawned());
    // Merging a path that adds nothing keeps the state itself.
    assertSame(waited, waited.joinWith(none));
  }

  /**
   * Locks let go of before a point join by intersection: a lock passed on one path only is not
   * passed after the join, and the shortcut does not keep it.
   */
  @Test
  void passedLocksJoinByIntersection() {
    FlowState none = state(Map.of(), Set.of(), Set.of(), Set.of());
    FlowState passed = none.acquire(THIS_LOCK).release(THIS_LOCK.lock());
    assertEquals(Set.of(THIS_LOCK.lock()), passed.passed());
    assertEquals(Set.of(), passed.joinWith(none).passed());
    assertEquals(Set.of(), none.joinWith(passed).passed());
    assertSame(none, none.joinWith(passed));
  }
}
