package dev.shareguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.javaparser.JavaParser;
import dev.shareguard.cli.frontend.JavaParserFrontEnd;
import dev.shareguard.cli.frontend.ParsedFile;
import dev.shareguard.core.Analyzer;
import dev.shareguard.core.config.Config;
import dev.shareguard.core.finding.Finding;
import dev.shareguard.core.ir.SourceFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bounded memory: files held as skeletons until they are lowered, their bodies parsed again then
 * ({@link Audit#withWholeTreeBudget}), give the same IR, record for record, and the same findings
 * as files held whole, on the samples and on the shapes where a skeleton could differ (classes and
 * lambdas numbered across bodies and field initializers, enum constant bodies, records, local
 * classes, text blocks and CRLF line ends inside bodies).
 */
class DeferredBodiesTest {
  @TempDir Path dir;

  private static final String SHAPES =
      """
      package com.acme;

      import java.util.ArrayList;
      import java.util.List;
      import java.util.Map;
      import java.util.concurrent.ConcurrentHashMap;
      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.Executors;
      import java.util.function.Supplier;

      public class Shapes {
        private final List<String> seen = new ArrayList<>();
        private final ExecutorService pool = Executors.newFixedThreadPool(2);

        public void first() {
          pool.execute(new Runnable() {
            @Override
            public void run() {
              seen.add("first");
            }
          });
          Runnable r = () -> seen.add(\"""
              text
              block\""");
          pool.execute(r);
        }

        private final Supplier<String> late = new Supplier<>() {
          @Override
          public String get() {
            return seen.isEmpty() ? "none" : seen.get(0);
          }
        };

        private final Runnable lambdaField = () -> seen.clear();

        static {
          System.setProperty("shapes", "loaded");
        }

        {
          seen.add("init");
        }

        public Shapes() {
          class Local {
            void go() {
              pool.submit(() -> seen.add("local"));
            }
          }
          new Local().go();
        }

        enum Mode {
          FAST {
            @Override
            int weight() {
              return 1;
            }
          },
          SLOW;

          int weight() {
            return 2;
          }
        }

        record Range(int from, int to) {
          Range {
            if (from > to) {
              throw new IllegalArgumentException();
            }
          }
        }

        public int size() {
          return seen.size() + late.get().length();
        }

        private final Map<String, Integer> counts = new ConcurrentHashMap<>();

        public void count(String key) {
          pool.execute(() -> {
            if (!counts.containsKey(key)) {
              counts.put(key, 1);
            }
          });
        }
      }
      """;

  private record Run(List<SourceFile> ir, List<Finding> findings) {}

  private static Run audit(Path root, long budget) throws IOException {
    return audit(root, budget, Audit.Options.defaults());
  }

  private static Run audit(Path root, long budget, Audit.Options options) throws IOException {
    List<SourceFile> ir = new ArrayList<>();
    Analyzer analyzer = new Analyzer(Config.defaults());
    Audit.Engine engine =
        files -> {
          ir.addAll(files);
          return analyzer.analyze(files);
        };
    Audit audit = new Audit(Config.defaults(), 2, engine, Audit.Progress.NONE, options);
    if (budget >= 0) {
      audit.withWholeTreeBudget(budget);
    }
    Audit.Result r = audit.run(List.of(root), root);
    assertEquals(List.of(), r.problems());
    return new Run(ir, r.findings());
  }

  @Test
  void theSamplesLowerAndAuditTheSameFromSkeletons() throws IOException {
    Path samples = Path.of("../sample-violations/src/main/java").toAbsolutePath().normalize();
    Run whole = audit(samples, Long.MAX_VALUE);
    Run deferred = audit(samples, 0);
    assertFalse(whole.findings().isEmpty());
    assertEquals(whole.ir(), deferred.ir());
    assertEquals(whole.findings(), deferred.findings());
  }

  @Test
  void aFileIsHeldAsItsSkeletonWithItsDeclarationsInPlace() {
    for (String text : List.of(SHAPES, SHAPES.replace("\n", "\r\n"))) {
      JavaParser parser = JavaParserFrontEnd.newParser();
      ParsedFile whole = JavaParserFrontEnd.parse(parser, "com/acme/Shapes.java", text);
      ParsedFile held = JavaParserFrontEnd.deferBodies(parser, whole);
      assertTrue(held.bodiesDeferred());
      assertEquals(whole.unit().getRange(), held.unit().getRange());
      assertFalse(held.unit().toString().contains("seen.add"), held.unit().toString());
    }
  }

  @Test
  void shapesThatNumberAcrossBodiesLowerTheSameFromSkeletons() throws IOException {
    Path file = dir.resolve("src/com/acme/Shapes.java");
    Files.createDirectories(file.getParent());
    Files.writeString(file, SHAPES, StandardCharsets.UTF_8);
    Path crlf = dir.resolve("src/com/acme/Crlf.java");
    Files.writeString(
        crlf,
        SHAPES
            .replace("class Shapes", "class Crlf")
            .replace("Shapes()", "Crlf()")
            .replace("\n", "\r\n"),
        StandardCharsets.UTF_8);
    Run whole = audit(dir.resolve("src"), Long.MAX_VALUE);
    Run deferred = audit(dir.resolve("src"), 0);
    assertFalse(whole.findings().isEmpty());
    assertEquals(whole.ir(), deferred.ir());
    assertEquals(whole.findings(), deferred.findings());
    // Half of each: the first file whole, the second deferred.
    Run half = audit(dir.resolve("src"), Files.size(crlf));
    assertEquals(whole.ir(), half.ir());
    assertEquals(whole.findings(), half.findings());
  }

  @Test
  void throughTheCacheColdAndWarmFilesHeldAsSkeletonsLowerTheSame() throws IOException {
    Path samples = Path.of("../sample-violations/src/main/java").toAbsolutePath().normalize();
    Run whole = audit(samples, Long.MAX_VALUE);
    Audit.Options cached = Audit.Options.defaults().withCache(dir.resolve("cache"));
    Run cold = audit(samples, 0, cached);
    Run warm = audit(samples, 0, cached);
    assertEquals(whole.ir(), cold.ir());
    assertEquals(whole.findings(), cold.findings());
    assertEquals(whole.findings(), warm.findings());
  }
}
