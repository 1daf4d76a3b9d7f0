package dev.shareguard.core.copies;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shareguard.testing.FrontEnd;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Statements that leave a value without an expression node of their own still act in the copy
 * analysis on the CFG: a {@code yield} and a local class (each marked by a no-effect node) let a
 * copy escape, through both front ends.
 */
class CopyStatementsTest {
  private static final String SOURCE =
      """
      package com.acme;
      import java.util.ArrayList;
      import java.util.List;
      class Statements {
        Object pick(List<String> p, int m) {
          return switch (m) {
            case 1 -> {
              List<String> c = new ArrayList<>(p);
              yield c;
            }
            default -> List.of();
          };
        }
        int local(List<String> p) {
          List<String> c = new ArrayList<>(p);
          class Local {
            int n() {
              return c.size();
            }
          }
          return new Local().n();
        }
      }
      """;

  /** How the shallow copies of method {@code name} escape: "kind via" per escape event. */
  private static List<String> escapes(FrontEnd frontEnd, String name) {
    return CopyBodies.events(frontEnd, "com/acme/Statements.java", SOURCE, name).stream()
        .filter(e -> e instanceof CopyEvent.Escape x && x.value() instanceof Prov.Copy)
        .map(e -> ((CopyEvent.Escape) e).kind() + " " + ((CopyEvent.Escape) e).via())
        .toList();
  }

  @ParameterizedTest
  @EnumSource(FrontEnd.class)
  void aYieldedCopyEscapes(FrontEnd frontEnd) {
    assertEquals(List.of("ARGUMENT yield"), escapes(frontEnd, "pick"));
  }

  @ParameterizedTest
  @EnumSource(FrontEnd.class)
  void aLocalClassCapturesTheCopiesInScope(FrontEnd frontEnd) {
    assertEquals(List.of("CAPTURE class"), escapes(frontEnd, "local"));
  }
}
