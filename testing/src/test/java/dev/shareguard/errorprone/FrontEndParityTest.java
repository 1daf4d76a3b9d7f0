package dev.shareguard.errorprone;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shareguard.cli.frontend.JavaParserFrontEnd;
import dev.shareguard.core.ir.SourceFile;
import dev.shareguard.testing.ErrorProneRunner;
import dev.shareguard.testing.IrDiff;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Both front ends lower the same source to equal IR, record for record: positions, ids, types,
 * targets. Checked on the samples and on a corpus of the constructs the conventions cover (nested,
 * anonymous and local classes, lambdas, enums and records, switch forms, folded strings, tabs).
 */
class FrontEndParityTest {
  private static Map<String, String> sources(Path root) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        out.put(
            root.relativize(p).toString().replace(java.io.File.separatorChar, '/'),
            Files.readString(p));
      }
    }
    return out;
  }

  private static void assertSameIr(Map<String, String> sources) {
    assertSameIr(sources, new JavaParserFrontEnd());
  }

  /**
   * javac sees the test class path (the samples use Jackson, as real code does), so the CLI front
   * end is given the same class path, as a user would pass {@code --classpath}.
   */
  private static JavaParserFrontEnd withTestClassPath() {
    List<Path> entries = new ArrayList<>();
    for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      if (!e.isEmpty()) {
        entries.add(Path.of(e));
      }
    }
    return new JavaParserFrontEnd(entries);
  }

  private static void assertSameIr(Map<String, String> sources, JavaParserFrontEnd frontEnd) {
    List<SourceFile> javac = ErrorProneRunner.lowerAll(sources);
    List<SourceFile> javaParser = frontEnd.lowerSources(sources);
    assertEquals(javac.size(), javaParser.size());
    List<String> differences = new ArrayList<>();
    for (int i = 0; i < javac.size(); i++) {
      differences.addAll(IrDiff.differences(javac.get(i), javaParser.get(i)));
    }
    assertEquals(List.of(), differences, "javac | JavaParser");
  }

  @Test
  void samples() throws IOException {
    assertSameIr(sources(Path.of("../sample-violations/src/main/java")), withTestClassPath());
  }

  @Test
  void constructsCorpus() throws IOException {
    assertSameIr(sources(Path.of("src/test/resources/parity")));
  }
}
