package dev.shareguard.errorprone;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.BugCheckerRefactoringTestHelper.TestMode;
import dev.shareguard.core.finding.Finding;
import dev.shareguard.core.finding.Fix;
import dev.shareguard.core.finding.Fix.Kind;
import dev.shareguard.core.finding.Fix.Node;
import dev.shareguard.core.finding.Fix.Part;
import dev.shareguard.core.finding.Location;
import dev.shareguard.core.finding.Severity;
import dev.shareguard.core.ir.Pos;
import dev.shareguard.core.rules.threads.NonAtomicMapUpdate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How a neutral {@link Fix} lands on javac trees, independently of what the rules find: an engine
 * stand-in reports one finding with a hand-made fix. Nodes resolve by kind and IR position; a node
 * that matches no tree or several drops the whole fix.
 */
class FixMappingTest {
  private static final String SOURCE =
      """
      package com.acme;
      class Holder {
        Holder inner;
        int n;
        void touch() {
          int unused = 0;
          this.inner.n = 1;
          n = 2;
        }
      }
      """;

  private static BugCheckerRefactoringTestHelper.ExpectOutput refactoring() {
    return BugCheckerRefactoringTestHelper.newInstance(
            NonAtomicMapUpdateChecker.class, FixMappingTest.class)
        .addInputLines("com/acme/Holder.java", SOURCE);
  }

  /** Runs {@code test} with an engine that reports one finding at 6:5 carrying {@code fix}. */
  private static void run(Fix fix, Runnable test) {
    UnitAnalysis.Restore restore =
        UnitAnalysis.useEngine(
            (files, config) ->
                List.of(
                    new Finding(
                        NonAtomicMapUpdate.ID,
                        Severity.WARNING,
                        new Location(files.get(0).path(), 6, 5),
                        "test",
                        "test finding",
                        List.of(),
                        List.of(fix))));
    try {
      test.run();
    } finally {
      restore.close();
    }
  }

  private static Fix.Edit replace(Node target, Part... parts) {
    return new Fix.Edit(target, List.of(parts));
  }

  @Test
  void statementsAndSourceCopiesResolveAndALoneDeclarationLosesItsLine() {
    Fix fix =
        new Fix(
            "test",
            List.of(
                new Fix.Edit(new Node(Kind.STATEMENT, new Pos(6, 9)), List.of()),
                replace(
                    new Node(Kind.STATEMENT, new Pos(8, 5)),
                    new Part.Text("n = "),
                    new Part.SourceOf(new Node(Kind.LITERAL, new Pos(7, 20))),
                    new Part.Text(" + "),
                    new Part.SourceOf(new Node(Kind.VARIABLE, new Pos(8, 5))),
                    new Part.Text(";"))));
    run(
        fix,
        () ->
            refactoring()
                .addOutputLines(
                    "com/acme/Holder.java",
                    """
                    package com.acme;
                    class Holder {
                      Holder inner;
                      int n;
                      void touch() {
                        this.inner.n = 1;
                        n = 1 + n;
                      }
                    }
                    """)
                .doTest(TestMode.TEXT_MATCH));
  }

  /** {@code this.inner.n} and {@code this.inner} are both field reads starting at 7:5. */
  @Test
  void anAmbiguousNodeDropsTheFix() {
    Fix fix =
        new Fix(
            "test",
            List.of(
                replace(
                    new Node(Kind.STATEMENT, new Pos(8, 5)),
                    new Part.SourceOf(new Node(Kind.VARIABLE, new Pos(7, 5))),
                    new Part.Text(" = 3;"))));
    run(fix, () -> refactoring().expectUnchanged().doTest(TestMode.TEXT_MATCH));
  }

  /** Nothing that is a statement starts at 8:7 (inside {@code n = 2}). */
  @Test
  void aNodeMatchingNoTreeDropsTheFix() {
    Fix fix =
        new Fix(
            "test",
            List.of(
                replace(new Node(Kind.STATEMENT, new Pos(8, 7)), new Part.Text("n = 3;")),
                replace(new Node(Kind.STATEMENT, new Pos(6, 9)), new Part.Text(""))));
    run(fix, () -> refactoring().expectUnchanged().doTest(TestMode.TEXT_MATCH));
  }
}
