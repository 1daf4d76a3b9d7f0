package dev.shareguard.errorprone.lowering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shareguard.core.ir.IrPrinter;
import dev.shareguard.core.ir.SourceFile;
import dev.shareguard.testing.ErrorProneRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The lowering never throws: over real code (this repository's own sources) and over code javac
 * cannot fully compile. A throw would cost the user every finding of the file.
 */
class LoweringRobustnessTest {
  /** Source roots of the repository, relative to this module. */
  private static final List<String> ROOTS =
      List.of(
          "../analyzer-core/src/main/java",
          "../errorprone-plugin/src/main/java",
          "src/main/java",
          "src/test/java",
          "../sample-violations/src/main/java");

  @Test
  void lowersEverySourceOfThisRepository() throws IOException {
    Map<String, String> sources = new LinkedHashMap<>();
    for (String root : ROOTS) {
      Path dir = Path.of(root);
      assertTrue(Files.isDirectory(dir), dir.toAbsolutePath().toString());
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.filter(f -> f.toString().endsWith(".java")).toList()) {
          sources.put(root + "/" + dir.relativize(p), Files.readString(p));
        }
      }
    }
    // Lowered root by root: classes with the same name in two roots would clash in one task.
    List<SourceFile> lowered = new ArrayList<>();
    for (String root : ROOTS) {
      Map<String, String> ofRoot = new LinkedHashMap<>();
      sources.forEach(
          (k, v) -> {
            if (k.startsWith(root + "/")) ofRoot.put(k, v);
          });
      lowered.addAll(ErrorProneRunner.lowerAll(ofRoot));
    }
    assertEquals(sources.size(), lowered.size());
    for (SourceFile f : lowered) {
      assertFalse(IrPrinter.print(f).isEmpty());
    }
  }

  @Test
  void lowersCodeWithUnresolvedNamesAndTypeErrors() {
    SourceFile f =
        ErrorProneRunner.lower(
            "com/acme/Broken.java",
            """
            package com.acme;
            import com.missing.*;
            import static com.missing.Util.helper;
            class Broken extends MissingBase implements MissingApi<Thing> {
              @MissingAnnotation("x") Unknown field = new Unknown(1, missingLocal);
              Object go(Object o) {
                int i = "not an int";
                helper(field.call().chain());
                MissingType.staticCall();
                Runnable r = () -> undefined.run();
                java.util.function.Function<String, Integer> f = Missing::method;
                for (var x : unknownIterable()) { x.use(); }
                switch (o) { case 1 -> {} default -> {} }
                return new Object() { int y = missingField; }.y + inheritedField;
              }
            }
            """);
    assertFalse(IrPrinter.print(f).isEmpty());
  }

  @Test
  void lowersSyntacticallyBrokenCode() {
    SourceFile f =
        ErrorProneRunner.lower(
            "com/acme/Truncated.java",
            """
            package com.acme;
            class Truncated {
              int n;
              void m() {
                n = (1 + ;
                if (n > ) { }
                new Object() { void x() { n++; }
            """);
    assertFalse(IrPrinter.print(f).isEmpty());
  }
}
