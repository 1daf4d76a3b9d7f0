package dev.shareguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shareguard.core.config.Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A package-private method nothing calls is an entry for other threads only while the audit may
 * not see all of its package: in a package audited whole, only tests (or reflection) call it.
 */
class ClosedPackageTest {
  @TempDir Path root;

  /**
   * A class that locks, with an uncalled package-private hook that skips the lock (line 11) and a
   * serialization hook that does too, on another field (line 14): two races (updates from the old
   * value, so lost updates, above the default floor), two findings.
   */
  private static final String REPORTER =
      """
      package com.acme;
      public class Reporter {
        private int state, restored;
        public synchronized void update(int s) {
          state = s; restored = s;
        }
        public synchronized int state() {
          return state + restored;
        }
        void forceState(int s) {
          state += s;
        }
        void readObject(java.io.ObjectInputStream in) {
          restored += 1;
        }
      }
      """;

  private static final String OTHER =
      """
      package com.acme;
      public class Other {
        public int answer() {
          return 42;
        }
      }
      """;

  private List<String> audit(Path... paths) throws IOException {
    Audit.Result r = new Audit(Config.defaults(), 1, null).run(List.of(paths), root);
    return r.findings().stream()
        .map(f -> f.ruleId() + " " + f.location().path() + ":" + f.location().line())
        .toList();
  }

  private Path write(String path, String text) throws IOException {
    Path p = root.resolve(path);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return p;
  }

  @Test
  void uncalledPackagePrivateMethodOfAWholePackageIsNoEntry() throws IOException {
    write("src/com/acme/Reporter.java", REPORTER);
    write("src/com/acme/Other.java", OTHER);
    // The serialization hook stays an entry: the JVM calls it by name.
    assertEquals(
        List.of("UnguardedSharedWrite com/acme/Reporter.java:14"), audit(root.resolve("src")));
  }

  @Test
  void packageWithAFileLeftOutIsOpen() throws IOException {
    Path reporter = write("src/com/acme/Reporter.java", REPORTER);
    write("src/com/acme/Other.java", OTHER);
    assertEquals(
        List.of(
            "UnguardedSharedWrite src/com/acme/Reporter.java:11",
            "UnguardedSharedWrite src/com/acme/Reporter.java:14"),
        audit(reporter));
  }

  @Test
  void packageSplitOverTwoDirectoriesIsOpenUnlessBothAreWhole() throws IOException {
    write("main/com/acme/Reporter.java", REPORTER);
    write("test/com/acme/Other.java", OTHER);
    write("test/com/acme/Extra.java", OTHER.replace("Other", "Extra"));
    assertEquals(
        List.of("UnguardedSharedWrite main/com/acme/Reporter.java:14"),
        audit(root.resolve("main"), root.resolve("test")));
    assertEquals(
        List.of(
            "UnguardedSharedWrite main/com/acme/Reporter.java:11",
            "UnguardedSharedWrite main/com/acme/Reporter.java:14"),
        audit(root.resolve("main"), root.resolve("test/com/acme/Other.java")));
  }
}
