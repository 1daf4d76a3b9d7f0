package dev.shareguard.core.copies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.shareguard.core.config.Config;
import dev.shareguard.core.engine.ConcurrencyIntent;
import dev.shareguard.core.engine.FieldFacts;
import dev.shareguard.core.engine.ProgramIndex;
import dev.shareguard.core.ir.MethodDecl;
import dev.shareguard.core.model.LibraryModels;
import dev.shareguard.testing.FrontEnd;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The copy facts' return summaries flow through one call per round, two rounds: a method returning
 * another's unmodifiable copy is summed up, one returning that method's result is not. A second
 * round analyses again only what calls a method the first round summed up; the summaries are the
 * ones every body analysed again would give, through both front ends.
 */
class ReturnSummariesTest {
  private static final String SOURCE =
      """
      package com.acme;
      import java.util.ArrayList;
      import java.util.List;
      class Chain {
        private final List<String> names = new ArrayList<>();
        List<String> snapshot() {
          return List.copyOf(names);
        }
        List<String> viaSnapshot() {
          return snapshot();
        }
        List<String> viaViaSnapshot() {
          return viaSnapshot();
        }
        List<String> fresh() {
          return new ArrayList<>(names);
        }
        List<String> copyOf(List<String> p) {
          return new ArrayList<>(p);
        }
        List<String> live() {
          return names;
        }
      }
      """;

  @ParameterizedTest
  @EnumSource(FrontEnd.class)
  void summariesFlowThroughOneCallPerRound(FrontEnd frontEnd) {
    ProgramIndex index = new ProgramIndex(List.of(frontEnd.lower("com/acme/Chain.java", SOURCE)));
    LibraryModels models = new LibraryModels(index.hierarchy(), Config.defaults());
    CopyFacts facts = new CopyFacts(index, models, Config.defaults(),
        new ConcurrencyIntent(index, models, Set.of()), new FieldFacts(index, models));
    assertEquals(Prov.Summary.Kind.UNMODIFIABLE, summary(facts, index, "snapshot").kind());
    assertEquals(Prov.Summary.Kind.UNMODIFIABLE, summary(facts, index, "viaSnapshot").kind());
    assertNull(summary(facts, index, "viaViaSnapshot"), "a third call is past the two rounds");
    Prov.Summary fresh = summary(facts, index, "fresh");
    assertEquals(Prov.Summary.Kind.FRESH_COPY, fresh.kind());
    assertEquals("names", fresh.field());
    Prov.Summary copy = summary(facts, index, "copyOf");
    assertEquals(Prov.Summary.Kind.COPY_OF_ARGUMENT, copy.kind());
    assertEquals(0, copy.argument());
    assertNull(summary(facts, index, "live"));
  }

  private static Prov.Summary summary(CopyFacts facts, ProgramIndex index, String name) {
    for (ProgramIndex.Body b : index.bodies().values()) {
      MethodDecl m = b.isLambda() ? null : b.method();
      if (m != null && m.name().equals(name)) {
        return facts.classFacts().summary(m);
      }
    }
    throw new AssertionError("no method " + name);
  }
}
