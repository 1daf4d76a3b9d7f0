package dev.shareguard.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps the front ends apart: neither front end's module depends on the other, in any scope (tests
 * included), so code and tests that need both live here, in the testing module. A dependency of one
 * front end on the other would let a rule test pass through one front end's classes only.
 */
class ModuleLayeringTest {
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  /** Module directory to the artifacts of this repository it must not depend on. */
  private static final Map<String, List<String>> FORBIDDEN =
      Map.of(
          "analyzer-core",
          List.of("shareguard-cli", "shareguard-errorprone", "shareguard-testing"),
          "errorprone-plugin",
          List.of("shareguard-cli", "shareguard-testing"),
          "cli",
          List.of("shareguard-errorprone", "shareguard-testing"));

  @Test
  void frontEndsDoNotDependOnEachOther() throws IOException {
    Pattern artifact = Pattern.compile("<artifactId>([^<]+)</artifactId>");
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : FORBIDDEN.entrySet()) {
      String pom = Files.readString(ROOT.resolve(e.getKey()).resolve("pom.xml"));
      String deps = pom.substring(Math.max(0, pom.indexOf("<dependencies>")));
      Matcher m = artifact.matcher(deps);
      while (m.find()) {
        if (e.getValue().contains(m.group(1))) {
          problems.add(e.getKey() + " depends on " + m.group(1));
        }
      }
    }
    assertEquals(List.of(), problems);
  }
}
