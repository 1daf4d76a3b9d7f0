package dev.shareguard.core.engine;

import static dev.shareguard.core.engine.Ir.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.shareguard.core.ir.MethodDecl;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Lock and event-loop identities, and the locks held at a point in a walk's frame. */
class LockKeysTest {
  private static final AbsVal SELF = new AbsVal.This(C);

  @Test
  void aLockIsKnownByWhatItIs() {
    assertEquals("this:t.Svc", LockKeys.lockKey(SELF));
    assertEquals("class:t.Svc", LockKeys.lockKey(new AbsVal.Static(C)));
    assertEquals("field:t.Svc.lock", LockKeys.lockKey(new AbsVal.Field(SELF, C, "lock")));
    assertEquals("?", LockKeys.lockKey(new AbsVal.Param("lock")));
  }

  @Test
  void anEventLoopTheEngineCannotNameIsNoLoop() {
    assertEquals("loop field:t.Svc.loop", LockKeys.loopKey(new AbsVal.Field(SELF, C, "loop")));
    assertNull(LockKeys.loopKey(AbsVal.UNKNOWN));
  }

  @Test
  void locksAtAPointAreTheCallersAndTheBodysWithTheirModes() {
    MethodDecl m = method("m", block());
    WalkParts parts = new WalkParts(file(List.of(), m));
    Frame f = WalkParts.frame(Map.of("rw", new AbsVal.Field(SELF, C, "rw")),
        Set.of("class:t.Svc:W"), 1);
    BodyResult.Point at = WalkParts.point(3,
        Set.of(new HeldLock(new AbsVal.Param("rw"), true),
            new HeldLock(new AbsVal.OnLoop(new AbsVal.Field(SELF, C, "loop")), false)),
        Set.of(), Set.of(), List.of());
    assertEquals(Set.of("class:t.Svc:W", "field:t.Svc.rw:R", "loop field:t.Svc.loop"),
        parts.lockKeys.locksAt(at, f, parts.body(m)));
  }
}
