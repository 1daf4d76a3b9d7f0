package dev.shareguard.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shareguard.testing.ErrorProneRunner.Diag;
import dev.shareguard.testing.RuleTestHelper.Expected;
import java.util.List;
import java.util.Map;
import javax.tools.Diagnostic;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The marker check fails both ways: a marker without a finding, a finding without a marker. */
class RuleTestHelperTest {
  private static final Map<String, String> SOURCES =
      Map.of(
          "a/A.java",
          """
          class A {
            // BUG: Diagnostic contains: UnguardedSharedWrite
            // BUG: Diagnostic contains: `n`
            int n;
            int m;
          }
          """);

  private static Diag diag(long line, String check, String message) {
    return new Diag(
        Diagnostic.Kind.WARNING, "/tmp/a/A.java", "a/A.java", line, 3, check, message, null);
  }

  @Test
  void stackedMarkersMarkTheNextCodeLine() {
    assertEquals(
        List.of(
            new Expected("a/A.java", 4, "UnguardedSharedWrite"),
            new Expected("a/A.java", 4, "`n`")),
        RuleTestHelper.markers(SOURCES));
  }

  @Test
  void matchingFindingsLeaveNoProblems() {
    assertEquals(
        List.of(),
        RuleTestHelper.problems(
            SOURCES,
            List.of(
                diag(4, "UnguardedSharedWrite", "writes `n`"),
                diag(4, "UnguardedSharedWrite", "also `n`"))));
  }

  @Test
  void missingAndUnexpectedFindingsAreAllListed() {
    List<String> problems =
        RuleTestHelper.problems(
            SOURCES,
            List.of(
                diag(4, "UnguardedSharedWrite", "writes n"), diag(5, "UnguardedSharedRead", "m")));
    assertEquals(2, problems.size(), problems.toString());
    assertEquals(true, problems.get(0).startsWith("missing: a/A.java:4"), problems.toString());
    assertEquals(true, problems.get(1).startsWith("unexpected: a/A.java:5"), problems.toString());
  }

  @Test
  void checkFailsOnAnUnmarkedFinding() {
    RuleTestHelper unmarked =
        RuleTestHelper.rule("UnguardedSharedRead")
            .source(
                "com/acme/Sessions.java",
                """
                package com.acme;
                import java.util.HashMap;
                import java.util.Map;
                public class Sessions {
                  private final Map<String, String> byId = new HashMap<>();
                  public synchronized void store(String id, String user) { byId.put(id, user); }
                  public String find(String id) { return byId.get(id); }
                }
                """);
    assertThrows(AssertionFailedError.class, unmarked::check);
  }

  @Test
  void theJavaParserSideReportsWhatThePluginReports() {
    // The CLI front end really runs in check(): on a racing map it finds the same place as javac.
    Map<String, String> racing =
        Map.of(
            "com/acme/Sessions.java",
            """
            package com.acme;
            import java.util.HashMap;
            import java.util.Map;
            public class Sessions {
              private final Map<String, String> byId = new HashMap<>();
              public synchronized void store(String id, String user) { byId.put(id, user); }
              public String find(String id) { return byId.get(id); }
            }
            """);
    List<Diag> cli = CliAudit.diagnostics(
            racing, java.util.Set.of("UnguardedSharedRead"), dev.shareguard.core.finding.Confidence.LOW,
            false, false);
    assertEquals(1, cli.size(), cli.toString());
    assertEquals("com/acme/Sessions.java", cli.get(0).file());
    assertEquals(7, cli.get(0).line());
  }

  @Test
  void driftListsWhatOnlyOneFrontEndReports() {
    List<String> drift =
        RuleTestHelper.drift(
            List.of(diag(4, "UnguardedSharedWrite", "a"), diag(5, "UnguardedSharedRead", "b")),
            List.of(diag(4, "UnguardedSharedWrite", "other words"), diag(6, "UnguardedSharedRead", "b")));
    assertEquals(
        List.of("only javac: UnguardedSharedRead a/A.java:5", "only JavaParser: UnguardedSharedRead a/A.java:6"),
        drift);
  }
}
