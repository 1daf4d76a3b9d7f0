package dev.shareguard.core.model;

import java.util.Set;

/**
 * Test and example code: what a build compiles but does not ship. Its races are not the races a
 * release ships, so by default its findings are not reported (it is analysed with the rest: its
 * calls and threads still count), as SpotBugs' and PMD's build plugins leave test classes out
 * unless asked. A file is test or example code when its path runs through a Maven or Gradle test
 * source folder ({@code src/test/…}, {@code src/testFixtures/…}, {@code src/it/…}, {@code
 * src/integrationTest/…}) or when its package starts with a segment that names test or example
 * code ({@code test}, {@code tests}, {@code example}, {@code examples}, {@code demo}, {@code
 * demos}: {@code test.unit.…} in a sources jar that ships its tests).
 */
public final class TestSources {
  private TestSources() {}

  /** Test source folders of the Maven and Gradle layouts, under {@code src/}. */
  private static final Set<String> TEST_FOLDERS =
      Set.of("test", "testFixtures", "it", "integrationTest");

  /** First package segments that name test or example code. */
  private static final Set<String> TEST_PACKAGES =
      Set.of("test", "tests", "example", "examples", "demo", "demos");

  /**
   * Whether the file at {@code path} (any separators), declaring package {@code packageName}
   * (null when unknown), is test or example code.
   */
  public static boolean isTestOrExample(String path, String packageName) {
    if (path != null) {
      String[] parts = path.replace('\\', '/').split("/");
      for (int i = 0; i + 1 < parts.length; i++) {
        if (parts[i].equals("src") && TEST_FOLDERS.contains(parts[i + 1])) {
          return true;
        }
      }
    }
    if (packageName != null && !packageName.isEmpty()) {
      int dot = packageName.indexOf('.');
      return TEST_PACKAGES.contains(dot < 0 ? packageName : packageName.substring(0, dot));
    }
    return false;
  }
}
