package dev.shareguard.errorprone.rules;

import dev.shareguard.core.rules.threads.UnguardedSharedWrite;
import dev.shareguard.testing.RuleTestHelper;
import org.junit.jupiter.api.Test;

/**
 * Test and example code is analysed but its findings are not reported unless asked for
 * ({@code --include-tests}, {@code -XepOpt:Shareguard:IncludeTests=true}): a race in a test
 * harness or a demo is not a race a release ships. (Blind round 14: half the findings read on one
 * release sat in the tests and demos its sources jar ships.)
 */
class TestAndExampleCodeTest {
  private static RuleTestHelper helper() {
    return RuleTestHelper.rule(UnguardedSharedWrite.ID);
  }

  /** A load test whose worker tasks count into one plain map. */
  private static String loadTest(String pkg, String marker) {
    return """
        package PKG;
        import java.util.HashMap;
        import java.util.Map;
        import java.util.concurrent.ExecutorService;
        public class LoadTest {
          private final Map<String, Integer> counts = new HashMap<>();
          public void run(ExecutorService pool) {
            for (int i = 0; i < 4; i++) {
              pool.execute(() -> {
                MARKERcounts.merge("ok", 1, Integer::sum);
              });
            }
          }
        }
        """.replace("PKG", pkg).replace("MARKER", marker);
  }

  private static final String MARKER = "// BUG: Diagnostic contains: UnguardedSharedWrite\n        ";

  @Test
  void negative_raceInAMavenTestSourceFolder() {
    helper().source("src/test/java/com/acme/LoadTest.java", loadTest("com.acme", "")).check();
  }

  @Test
  void negative_raceInATestPackageOfASourcesJar() {
    helper().source("test/unit/LoadTest.java", loadTest("test.unit", "")).check();
    helper().source("examples/busy/LoadTest.java", loadTest("examples.busy", "")).check();
  }

  @Test
  void positive_testCodeReportedWhenAskedFor() {
    helper().includeTests()
        .source("src/test/java/com/acme/LoadTest.java", loadTest("com.acme", MARKER))
        .check();
    helper().includeTests()
        .source("test/unit/LoadTest.java", loadTest("test.unit", MARKER))
        .check();
  }

  /** The same code in the main source folder and an ordinary package: reported. */
  @Test
  void positive_raceInMainCode() {
    helper().source("src/main/java/com/acme/LoadTest.java", loadTest("com.acme", MARKER)).check();
    helper().source("com/acme/testing/LoadTest.java", loadTest("com.acme.testing", MARKER))
        .check();
  }
}
