package dev.shareguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shareguard.core.config.Config;
import dev.shareguard.core.finding.Confidence;
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

  /**
   * The findings at the {@code medium} floor: which methods are entries is what these tests check,
   * and a race of an entry without other evidence of threads is {@code medium}.
   */
  private List<String> audit(Path... paths) throws IOException {
    Audit.Result r =
        new Audit(Config.defaults().withMinConfidence(Confidence.MEDIUM), 1, null)
            .run(List.of(paths), root);
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

  /**
   * A file of the package that is not valid UTF-8 (a Latin-1 comment) is audited as ISO-8859-1, not
   * left out: the package stays whole and the uncalled hook no entry.
   */
  @Test
  void fileNotValidInTheEncodingKeepsItsPackageWhole() throws IOException {
    write("src/com/acme/Reporter.java", REPORTER);
    Path other = root.resolve("src/com/acme/Other.java");
    Files.createDirectories(other.getParent());
    Files.write(
        other,
        OTHER
            .replace("public class", "/** Fa\u00e7ade. */\npublic class")
            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    assertEquals(
        List.of("UnguardedSharedWrite com/acme/Reporter.java:14"), audit(root.resolve("src")));
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

  /**
   * A list class hidden in its package (no public modifier) whose task adds to its cursors, with a
   * cursor-clearing method nothing calls any more ({@code ACCESS}; the race is reported at the
   * task's add, line 8): in a package audited
   * whole only package code could call it, and none does. A public facade starts the task.
   */
  private static String cursors(String access) {
    return """
        package com.acme;
        import java.util.ArrayList;
        import java.util.List;
        import java.util.concurrent.ExecutorService;
        class Cursors {
          private final List<String> cursors = new ArrayList<>();
          void register(ExecutorService pool) {
            pool.submit(() -> cursors.add("c"));
          }
          ACCESS void invalidate() {
            cursors.clear();
          }
        }
        """.replace("ACCESS", access);
  }

  private static final String FACADE =
      """
      package com.acme;
      import java.util.concurrent.ExecutorService;
      public class Facade {
        private final Cursors c = new Cursors();
        public void open(ExecutorService pool) {
          c.register(pool);
        }
      }
      """;

  @Test
  void uncalledMethodOfAClassHiddenInAWholePackageIsNoEntry() throws IOException {
    write("src/com/acme/Cursors.java", cursors(""));
    write("src/com/acme/Facade.java", FACADE);
    assertEquals(List.of(), audit(root.resolve("src")));
    write("src/com/acme/Cursors.java", cursors("protected"));
    assertEquals(List.of(), audit(root.resolve("src")));
  }

  @Test
  void protectedMethodOpenedByAPublicSubclassIsAnEntry() throws IOException {
    write("src/com/acme/Cursors.java", cursors("protected"));
    write("src/com/acme/Facade.java", FACADE);
    write("src/com/acme/PublicCursors.java",
        "package com.acme;\npublic class PublicCursors extends Cursors {\n}\n");
    // A class in another package may extend the public subclass and call the method.
    assertEquals(List.of("UnguardedSharedWrite com/acme/Cursors.java:8"), audit(root.resolve("src")));
    write("src/com/acme/Cursors.java", cursors(""));
    // A package-private method stays hidden: only the package can call it.
    assertEquals(List.of(), audit(root.resolve("src")));
  }

  @Test
  void uncalledMethodOfAHiddenClassIsAnEntryWhenThePackageIsOpen() throws IOException {
    Path cursors = write("src/com/acme/Cursors.java", cursors(""));
    write("src/com/acme/Facade.java", FACADE);
    // Audited alone, its register() is an entry too: the task's add and the clear are reported.
    assertEquals(
        List.of("UnguardedSharedWrite src/com/acme/Cursors.java:8",
            "UnguardedSharedWrite src/com/acme/Cursors.java:11"),
        audit(cursors));
  }

  /**
   * A package-private abstract thread class whose package-private subclasses the package makes
   * and starts: audited whole, no thread of it runs but those, so the readers' static state meets
   * only readers the package starts (two {@code connect()} calls at once: below {@code medium}).
   * With a public subclass (which code outside the package could make and start) its run() is
   * also a thread of its own beside the started ones, and the static state pairs with it. (A
   * reader's instance state pairs with neither: each thread object runs its body once.)
   */
  @Test
  void packagePrivateThreadBaseOfAWholePackageHasNoOtherRuns() throws IOException {
    write("src/com/acme/SocketThread.java", SOCKET_THREAD);
    write("src/com/acme/Reader.java", READER.replace("PUBLIC", ""));
    write("src/com/acme/Client.java", CLIENT);
    assertEquals(List.of(), audit(root.resolve("src")));
    write("src/com/acme/Reader.java", READER.replace("PUBLIC", "public "));
    // One race between two runs of runMain(): reported once, at the store (the reads of the
    // same body are its other end).
    assertEquals(List.of("UnguardedSharedWrite com/acme/Reader.java:7"),
        audit(root.resolve("src")));
  }

  private static final String SOCKET_THREAD =
      """
      package com.acme;
      abstract class SocketThread extends Thread {
        @Override public void run() {
          runMain();
        }
        abstract void runMain();
      }
      """;

  /** A reader thread whose continuation state every reader's loop touches. */
  private static final String READER =
      """
      package com.acme;
      PUBLICclass Reader extends SocketThread {
        private static StringBuilder continuation;
        @Override void runMain() {
          while (!isInterrupted()) {
            if (continuation == null) {
              continuation = new StringBuilder();
            }
            continuation.append('x');
            if (continuation.length() > 8) {
              continuation = null;
            }
          }
        }
      }
      """;

  private static final String CLIENT =
      """
      package com.acme;
      public class Client {
        public void connect() {
          new Reader().start();
        }
      }
      """;
}
