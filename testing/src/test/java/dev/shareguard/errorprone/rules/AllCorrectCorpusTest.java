package dev.shareguard.errorprone.rules;

import dev.shareguard.testing.RuleTestHelper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Tricky but correct concurrent code (lambdas under locks, joins, confinement, every lock form,
 * thread-safe containers, modern syntax): every rule, through both front ends, must report
 * nothing. A false positive found in real code joins this corpus before it is fixed.
 */
class AllCorrectCorpusTest {
  @Test
  void everyRuleIsQuietOnTheCorpus() throws IOException, URISyntaxException {
    Path root = Path.of(getClass().getResource("/all-correct").toURI());
    RuleTestHelper helper = RuleTestHelper.allRules();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java")).sorted()::iterator) {
        helper.source(root.relativize(p).toString().replace('\\', '/'), Files.readString(p));
      }
    }
    helper.check();
  }
}
