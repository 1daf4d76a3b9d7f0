package dev.shareguard.core.copies;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shareguard.testing.FrontEnd;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The copy analysis runs loops to a fixpoint: a value is reported at a point in a loop only if the
 * local holds it on every iteration, also when it takes several iterations to flow in through
 * other locals. Two runs of the body (what the analysis used to do) see only the first step.
 */
class LoopFixpointTest {
  private static final String SOURCE =
      """
      package com.acme;
      import java.util.ArrayList;
      import java.util.List;
      class Loops {
        private final List<String> field = new ArrayList<>();
        void rotate(List<String> p, int n) {
          List<String> a = List.copyOf(p);
          List<String> b = a;
          for (int i = 0; i < n; i++) {
            b.add("x");
            b = a;
            a = field;
          }
        }
        void direct(List<String> p, int n) {
          List<String> a = List.copyOf(p);
          for (int i = 0; i < n; i++) {
            a.add("x");
          }
        }
      }
      """;

  /** The provenance of the receiver of the one mutation in method {@code name}. */
  private static Prov mutated(FrontEnd frontEnd, String name) {
    List<Prov> targets =
        CopyBodies.events(frontEnd, "com/acme/Loops.java", SOURCE, name).stream()
            .filter(e -> e instanceof CopyEvent.Mutation)
            .map(e -> ((CopyEvent.Mutation) e).target())
            .toList();
    assertEquals(1, targets.size(), "one mutation in " + name + ": " + targets);
    return targets.get(0);
  }

  @ParameterizedTest
  @EnumSource(FrontEnd.class)
  void aValueThatReachesTheLocalOnlyOnTheThirdIterationMakesItUnknown(FrontEnd frontEnd) {
    // Iterations 1 and 2 add to the unmodifiable copy; iteration 3 adds to the field.
    assertEquals(Prov.UNKNOWN, mutated(frontEnd, "rotate"));
  }

  @ParameterizedTest
  @EnumSource(FrontEnd.class)
  void aLocalTheLoopDoesNotChangeKeepsItsValue(FrontEnd frontEnd) {
    Prov p = mutated(frontEnd, "direct");
    assertEquals(true, p instanceof Prov.Copy c && c.unmodifiable(), String.valueOf(p));
  }
}
