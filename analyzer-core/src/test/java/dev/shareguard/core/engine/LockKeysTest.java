package dev.shareguard.core.engine;

import static dev.shareguard.core.engine.Ir.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shareguard.core.ir.MethodDecl;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Lock and event-loop identities, and the locks held at a point in a walk's frame. */
class LockKeysTest {
  private static final AbsVal SELF = new AbsVal.This(C);
  private static final AllocSite SITE =
      AllocSite.of("t.Svc#m()", new dev.shareguard.core.ir.Pos(3, 5)).inActivation(2);

  @Test
  void aLockIsKnownByWhatItIs() {
    assertEquals(new LockId.InstanceMonitor(C), LockKeys.lockKey(SELF));
    assertEquals(new LockId.ClassMonitor(C), LockKeys.lockKey(new AbsVal.Static(C)));
    assertEquals(new LockId.FieldValue(C, "lock"),
        LockKeys.lockKey(new AbsVal.Field(SELF, C, "lock")));
    AbsVal fresh = new AbsVal.Alloc(SITE, "t.Box", List.of(), false, false, false, false,
        false);
    assertEquals(new LockId.LocalObject(SITE, null), LockKeys.lockKey(fresh));
    assertEquals(new LockId.LocalObject(SITE, "lock"),
        LockKeys.lockKey(new AbsVal.Field(fresh, "t.Box", "lock")));
    assertEquals(LockId.UNNAMED, LockKeys.lockKey(new AbsVal.Param("lock")));
  }

  @Test
  void anEventLoopTheEngineCannotNameIsNoLoop() {
    assertEquals(new EventLoop(new LockId.FieldValue(C, "loop")),
        LockKeys.loopKey(new AbsVal.Field(SELF, C, "loop")));
    assertNull(LockKeys.loopKey(AbsVal.UNKNOWN));
    assertFalse(EventLoop.UNKNOWN.named());
  }

  @Test
  void twoHoldsOfOneLockExcludeEachOtherUnlessBothAreShared() {
    LockId rw = new LockId.FieldValue(C, "rw");
    Holding read = new Holding(rw, LockMode.SHARED);
    Holding write = new Holding(rw, LockMode.EXCLUSIVE);
    Holding other = new Holding(new LockId.FieldValue(C, "other"), LockMode.EXCLUSIVE);
    assertTrue(write.excludes(read));
    assertTrue(read.excludes(write));
    assertFalse(read.excludes(read));
    assertFalse(write.excludes(other));
  }

  @Test
  void locksAtAPointAreTheCallersAndTheBodysWithTheirModes() {
    MethodDecl m = method("m", block());
    WalkParts parts = new WalkParts(file(List.of(), m));
    Holding callers = new Holding(new LockId.ClassMonitor(C), LockMode.EXCLUSIVE);
    Frame f = WalkParts.frame(Map.of("rw", new AbsVal.Field(SELF, C, "rw")), Set.of(callers), 1);
    BodyResult.Point at = WalkParts.point(3,
        Set.of(new HeldLock(new AbsVal.Param("rw"), true),
            new HeldLock(new AbsVal.OnLoop(new AbsVal.Field(SELF, C, "loop")), false)),
        Set.of(), Set.of(), List.of());
    assertEquals(
        Set.of(callers, new Holding(new LockId.FieldValue(C, "rw"), LockMode.SHARED),
            new EventLoop(new LockId.FieldValue(C, "loop"))),
        parts.lockKeys.locksAt(at, f, parts.body(m)));
  }

  @Test
  void lockSetsIterateInOneOrder() {
    Set<Held> held = new java.util.TreeSet<>(List.of(
        new EventLoop(new LockId.FieldValue(C, "loop")),
        new Holding(LockId.UNNAMED, LockMode.EXCLUSIVE),
        new Holding(new LockId.InstanceMonitor(C), LockMode.SHARED),
        new Holding(new LockId.InstanceMonitor(C), LockMode.EXCLUSIVE)));
    assertEquals(List.of(
        new Holding(new LockId.InstanceMonitor(C), LockMode.SHARED),
        new Holding(new LockId.InstanceMonitor(C), LockMode.EXCLUSIVE),
        new Holding(LockId.UNNAMED, LockMode.EXCLUSIVE),
        new EventLoop(new LockId.FieldValue(C, "loop"))), List.copyOf(held));
  }
}
