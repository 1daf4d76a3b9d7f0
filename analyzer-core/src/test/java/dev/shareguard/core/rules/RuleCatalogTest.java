package dev.shareguard.core.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shareguard.core.RuleCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the conventions from drifting: every rule has a class named as its id, a doc page, a test
 * class through both front ends, and at least one marked sample in sample-violations.
 */
class RuleCatalogTest {
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  @Test
  void everyRuleHasClassDocTestAndSample() throws IOException {
    Set<String> testClasses = fileNames(ROOT.resolve("testing/src/test/java"));
    String samples = allText(ROOT.resolve("sample-violations/src/main/java"));
    List<String> problems = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (Rule rule : RuleCatalog.rules()) {
      String id = rule.info().id();
      if (!ids.add(id)) {
        problems.add(id + ": duplicate id");
      }
      if (!rule.getClass().getSimpleName().equals(id)) {
        problems.add(id + ": class is named " + rule.getClass().getSimpleName());
      }
      if (!Files.isRegularFile(ROOT.resolve(rule.info().docPath()))) {
        problems.add(id + ": no " + rule.info().docPath());
      }
      if (!testClasses.contains(id + "Test.java")) {
        problems.add(id + ": no " + id + "Test in testing/src/test");
      }
      if (!samples.contains("// BUG: Diagnostic contains: " + id)) {
        problems.add(id + ": no marked sample in sample-violations");
      }
    }
    assertEquals(List.of(), problems);
  }

  @Test
  void idsAreCamelCaseAndPacksAreKnown() {
    for (RuleInfo r : RuleCatalog.all()) {
      assertTrue(r.id().matches("[A-Z][A-Za-z]+"), r.id());
      assertTrue(Set.of("threads", "copies", "values", "operators").contains(r.pack()), r.pack());
    }
  }

  private static Set<String> fileNames(Path dir) throws IOException {
    Set<String> out = new HashSet<>();
    if (Files.isDirectory(dir)) {
      try (Stream<Path> s = Files.walk(dir)) {
        s.forEach(p -> out.add(p.getFileName().toString()));
      }
    }
    return out;
  }

  private static String allText(Path dir) throws IOException {
    StringBuilder sb = new StringBuilder();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) s.filter(x -> x.toString().endsWith(".java"))::iterator) {
        sb.append(Files.readString(p));
      }
    }
    return sb.toString();
  }
}
