package dev.shareguard.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the rules thin: a rule reads the engine through {@code facts} and names only the engine's
 * values (an access, a race, an abstract value, a thread context, the program index's bodies) and
 * their display ({@code Describe}, {@code Traces}); never the walk's machinery (the race finder,
 * lock keys, body results, check-then-act scans, the IR walker). The names are read from the
 * sources, so the test needs no build of its own.
 */
class RulesAskFactsTest {
  private static final Path RULES = Path.of("src/main/java/dev/shareguard/core/rules");

  /** The engine types a rule may name: values and their display text. */
  private static final Set<String> VALUES =
      Set.of("AbsVal", "AccessInstance", "Conflict", "Ctx", "ProgramIndex", "Describe", "Traces");

  /**
   * Rule files that still name engine machinery, each with its reason. {@link
   * #knownFilesStillNeedTheirEntry()} fails as soon as one no longer does, so the entry goes.
   */
  private static final Map<String, String> KNOWN =
      Map.of(
          "copies/CloneShapes.java",
          "walks IR with IrWalker, a plain IR walker that still lives in engine");

  @Test
  void rulesNameOnlyEngineValues() throws IOException {
    List<String> found = machineryNamed();
    found.removeIf(f -> KNOWN.containsKey(f.substring(0, f.indexOf(' '))));
    assertEquals(List.of(), found);
  }

  @Test
  void knownFilesStillNeedTheirEntry() throws IOException {
    Set<String> files = new TreeSet<>();
    machineryNamed().forEach(f -> files.add(f.substring(0, f.indexOf(' '))));
    for (String file : KNOWN.keySet()) {
      assertEquals(true, files.contains(file), file + " no longer names engine machinery; remove"
          + " it from KNOWN (" + KNOWN.get(file) + ")");
    }
  }

  @Test
  void findsMachineryWhereItIsNamed() {
    assertEquals(List.of("ConflictFinder", "LockKeys"), machinery(
        "import dev.shareguard.core.engine.AccessInstance;\n"
            + "import dev.shareguard.core.engine.ConflictFinder;\n"
            + "x = dev.shareguard.core.engine.LockKeys.lockKey(v);"));
  }

  /** {@code "<file relative to rules/> <engine type>"} for every machinery type a rule names. */
  private static List<String> machineryNamed() throws IOException {
    List<String> out = new java.util.ArrayList<>();
    try (Stream<Path> files = Files.walk(RULES)) {
      for (Path p : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        String rel = RULES.relativize(p).toString().replace('\\', '/');
        machinery(Files.readString(p)).forEach(t -> out.add(rel + " " + t));
      }
    }
    return out;
  }

  /** The engine types {@code source} names that are not values, sorted, each once. */
  private static List<String> machinery(String source) {
    Matcher m =
        Pattern.compile("\\bdev\\.shareguard\\.core\\.engine\\.([A-Z]\\w*)").matcher(source);
    Set<String> out = new TreeSet<>();
    while (m.find()) {
      if (!VALUES.contains(m.group(1))) {
        out.add(m.group(1));
      }
    }
    return List.copyOf(out);
  }
}
