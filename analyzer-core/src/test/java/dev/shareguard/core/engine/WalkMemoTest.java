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
  private static final Ctx CALLER =
      new Ctx.Entry("t.Svc", "Svc", "m", null, Ctx.Phase.RUNNING, false);

  private static AbsVal alloc(int activation) {
    AllocSite site = AllocSite.of("t.Svc#m()", new dev.shareguard.core.ir.Pos(2, 3));
    return new AbsVal.Alloc(site.inActivation(activation), "java.util.HashMap", List.of(),
        false, false, false, false, false);
  }

  @Test
  void activationsAreReadAndLeftOut() {
    AllocSite site = AllocSite.of("t.Svc#m()", new dev.shareguard.core.ir.Pos(3, 5));
    assertEquals(12, WalkMemo.activationOf(site.inActivation(12)));
    assertEquals(0, WalkMemo.activationOf(site));
    assertEquals(site, site.inActivation(12).withoutActivation());
    assertTrue(site.unboundIn("t.Svc#m()"));
    assertFalse(site.inActivation(12).unboundIn("t.Svc#m()"));
  }

  @Test
  void anEqualWalkIsDoneOnceWhateverTheActivations() {
    WalkMemo memo = new WalkMemo();
    Frame first = WalkParts.frame(Map.of("p", alloc(1)), Set.of(), 1);
    Frame again = WalkParts.frame(Map.of("p", alloc(7)), Set.of(), 9);
    Held monitor = new Holding(new LockId.InstanceMonitor("t.Svc"), LockMode.EXCLUSIVE);
    Frame locked = WalkParts.frame(Map.of("p", alloc(1)), Set.of(monitor), 1);
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

  @Test
  void aBodyPastItsBudgetRefusesEveryWalkAndStaysPastIt() {
    WalkMemo memo = new WalkMemo();
    Frame first = null;
    for (int i = 0; i < 33; i++) {
      Held lock = new Holding(new LockId.FieldValue("t.Svc", "lock" + i), LockMode.EXCLUSIVE);
      Frame f = WalkParts.frame(Map.of(), Set.of(lock), 0);
      first = first == null ? f : first;
      memo.admit("b", f, CALLER);
    }
    assertTrue(memo.overBudget("b"));
    Held fresh = new Holding(new LockId.FieldValue("t.Svc", "another"), LockMode.EXCLUSIVE);
    assertFalse(memo.admit("b", WalkParts.frame(Map.of(), Set.of(fresh), 0), CALLER),
        "a walk not met before");
    assertFalse(memo.admit("b", first, CALLER), "a walk met before");
    assertTrue(memo.overBudget("b"));
    assertFalse(memo.overBudget("other"));
    assertTrue(memo.admit("other", first, CALLER), "another body has its own budget");
  }
}
