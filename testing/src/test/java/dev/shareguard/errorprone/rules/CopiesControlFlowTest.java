package dev.shareguard.errorprone.rules;

import dev.shareguard.core.rules.values.MutationOfDefensiveCopy;
import dev.shareguard.testing.RuleTestHelper;
import org.junit.jupiter.api.Test;

/**
 * The copy analysis follows the control-flow graph: {@code break}, {@code continue}, {@code
 * return} and {@code throw} go where Java sends them, and loops run to a fixpoint. Checked through
 * {@link MutationOfDefensiveCopy}, which reports a change only when the local holds the
 * unmodifiable value on every path that reaches it.
 */
class CopiesControlFlowTest {
  private static final String ORDER =
      """
      class Order {
        private final java.util.List<String> notes = new java.util.ArrayList<>();
        public java.util.List<String> getNotes() {
          return java.util.Collections.unmodifiableList(notes);
        }
      }
      """;

  /**
   * Checks {@code Checkout.note(Order order, List<String> extra)}, returning {@code returns}, with
   * body {@code body}, next to {@code Order}.
   */
  private static void check(String returns, String body) {
    String source =
        """
        package com.acme;
        import java.util.ArrayList;
        import java.util.List;
        public class Checkout {
          public %s note(Order order, List<String> extra) {
        %s  }
        }
        """
            .formatted(returns, body.indent(4));
    RuleTestHelper.rule(MutationOfDefensiveCopy.ID)
        .source("com/acme/Checkout.java", source + ORDER)
        .check();
  }

  @Test
  void positive_theViewReachesTheChangeOnlyThroughTheBreakOutOfTheLoop() {
    // A loop without a condition is left only by its break, which carries the view.
    check(
        "void",
        """
        List<String> target = new ArrayList<>();
        for (;;) {
          target = order.getNotes();
          if (extra.isEmpty()) {
            break;
          }
          extra = extra.subList(1, extra.size());
        }
        // BUG: Diagnostic contains: MutationOfDefensiveCopy
        target.add("checked");
        """);
  }

  @Test
  void negative_aContinueSkipsTheChangeAndCarriesTheViewToTheNextIteration() {
    // The continue path holds the view but skips the add; back at the head it meets the fresh
    // list of the first iteration, so the add sees the view only from the second iteration on
    // (and only after an empty element): not on every path.
    check(
        "void",
        """
        List<String> target = new ArrayList<>();
        for (String e : extra) {
          if (e.isEmpty()) {
            target = order.getNotes();
            continue;
          }
          target.add(e);
        }
        """);
  }

  @Test
  void positive_aContinueThatSkipsTheRestKeepsTheViewOnEveryIteration() {
    // Both the continue and the end of the body bring the same view back to the head.
    check(
        "void",
        """
        List<String> notes = order.getNotes();
        List<String> target = notes;
        for (String e : extra) {
          // BUG: Diagnostic contains: MutationOfDefensiveCopy
          target.add(e);
          if (e.isEmpty()) {
            continue;
          }
          target = notes;
        }
        """);
  }

  @Test
  void negative_theAliasMadeOnTheSecondIterationReachesTheChangeOnlyOnTheThird() {
    // Iterations 1 and 2 add to fresh lists; from iteration 3 on, b is the view. One silent run
    // of the body before the reporting one would still see a fresh list and report nothing
    // wrong; the fixpoint sees that b does not hold the view on every iteration.
    check(
        "void",
        """
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        for (String e : extra) {
          b.add(e);
          b = a;
          a = order.getNotes();
        }
        """);
  }

  @Test
  void positive_aReturnInsideTheLoopLeavesTheBodyNotTheLoop() {
    // The fresh list is returned, so it never reaches the add after the loop.
    check(
        "List<String>",
        """
        List<String> target = order.getNotes();
        for (String e : extra) {
          if (e.isEmpty()) {
            target = new ArrayList<>();
            return target;
          }
        }
        // BUG: Diagnostic contains: MutationOfDefensiveCopy
        target.add("checked");
        return target;
        """);
  }

  @Test
  void positive_aThrowInsideTheLoopLeavesTheBody() {
    check(
        "void",
        """
        List<String> target = order.getNotes();
        for (String e : extra) {
          if (e.isEmpty()) {
            target = new ArrayList<>();
            throw new IllegalArgumentException(target.toString());
          }
        }
        // BUG: Diagnostic contains: MutationOfDefensiveCopy
        target.add("checked");
        """);
  }

  @Test
  void regression_aCatchSeesTheStateWhereTheExceptionWasThrown() {
    // Only the two calls can throw, and both do so before the assignment: on every path into the
    // catch, target is still the view. (The interpreter joined the states before the try and at
    // its end, so it took target for unknown there.)
    check(
        "void",
        """
        List<String> target = order.getNotes();
        try {
          extra.size();
          target = new ArrayList<>();
        } catch (RuntimeException e) {
          // BUG: Diagnostic contains: MutationOfDefensiveCopy
          target.add("failed");
        }
        """);
  }
}
