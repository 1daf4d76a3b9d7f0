package dev.shareguard.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Memo keys and budgets of the walk: equal walks once, activations left out, bounded per body. */
class WalkMemoTest {
  private static final Ctx CALLER = new Ctx(Ctx.Kind.CALLER, null, false, null, null, "`m()`",
      "m", 0, false, null, null);

  private static AbsVal alloc(String site) {
    return new AbsVal.Alloc(site, "java.util.HashMap", List.of(), false, false, false, false,
        false);
  }

  @Test
  void activationTagsAreReadAndLeftOut() {
    assertEquals(12, WalkMemo.activationOf("t.Svc.m()#12@3:5"));
    assertEquals(0, WalkMemo.activationOf("t.Svc.m()@3:5"));
    assertEquals("t.Svc.m()@3:5", WalkMemo.withoutActivation("t.Svc.m()#12@3:5"));
    // A '#' not followed by digits and '@' is no tag.
    assertEquals("a#b@1", WalkMemo.withoutActivation("a#b@1"));
  }

  @Test
  void anEqualWalkIsDoneOnceWhateverTheActivations() {
    WalkMemo memo = new WalkMemo();
    Frame first = WalkParts.frame(Map.of("p", alloc("b#1@2:3")), Set.of(), 1);
    Frame again = WalkParts.frame(Map.of("p", alloc("b#7@2:3")), Set.of(), 9);
    Frame locked = WalkParts.frame(Map.of("p", alloc("b#1@2:3")), Set.of(new Holding(new LockId.InstanceMonitor("t.Svc"), LockMode.EXCLUSIVE)), 1);
    assertTrue(memo.admit("b", first, CALLER));
    assertFalse(memo.admit("b", again, CALLER), "only activations differ");
    assertTrue(memo.admit("b", locked, CALLER), "the locks held differ");
    assertTrue(memo.admit("other", first, CALLER), "another body");
  }

  @Test
  void aBodyIsWalkedInABoundedNumberOfContexts() {
    WalkMemo memo = new WalkMemo();
    int admitted = 0;
    for (int i = 0; i < 100; i++) {
      Held lock = new Holding(new LockId.FieldValue("t.Svc", "lock" + i), LockMode.EXCLUSIVE);
      if (memo.admit("b", WalkParts.frame(Map.of(), Set.of(lock), 0), CALLER)) {
        admitted++;
      }
    }
    assertEquals(32, admitted);
  }
}
