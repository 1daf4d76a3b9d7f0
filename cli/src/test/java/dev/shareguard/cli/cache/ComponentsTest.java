package dev.shareguard.cli.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * How {@link Components} cuts a program: by the names its files' IR holds, by fields stored into
 * from outside their class, and with the program-wide effects carried into each part they reach.
 */
class ComponentsTest {
  /**
   * A file declaring {@code id} (with {@code effects}), storing into {@code writes}, whose IR holds
   * the strings {@code names}.
   */
  private static FileLinks file(
      String path, String id, List<String> effects, List<String> writes, String... names) {
    Set<String> all = new HashSet<>();
    for (String s : Stream.concat(Stream.of(id), Arrays.stream(names)).toList()) {
      // As FileLinks.of notes them: the dotted names in each string, and a field key whole.
      FileLinks.addNames(s, all);
      all.add(s);
    }
    long[] hashes = all.stream().mapToLong(FileLinks::hash).sorted().distinct().toArray();
    String pkg = id.substring(0, id.lastIndexOf('.'));
    return new FileLinks(path, pkg, path + "-ir", List.of(id), List.of(effects), writes, hashes);
  }

  private static FileLinks file(String path, String id, String... names) {
    return file(path, id, List.of(), List.of(), names);
  }

  private static List<List<Integer>> parts(Components c) {
    return c.parts().stream().map(Components.Part::files).toList();
  }

  @Test
  void filesThatNameEachOthersClassesAreOnePart() {
    Components c =
        new Components(
            List.of(
                file("a/A.java", "a.A", "a.B#run(int)"),
                file("a/B.java", "a.B"),
                file("c/C.java", "c.C", "java.util.Map", "B")),
            Set.of(),
            "salt");
    assertEquals(List.of(List.of(0, 1), List.of(2)), parts(c));
  }

  @Test
  void aFieldStoredIntoFromOutsideItsClassJoinsEveryFileThatNamesIt() {
    Components c =
        new Components(
            List.of(
                file("a/A.java", "a.A", List.of(), List.of("lib.Conf#flag"), "lib.Conf#flag"),
                file("b/B.java", "b.B", "lib.Conf#flag"),
                file("c/C.java", "c.C", "lib.Conf", "flag")),
            Set.of(),
            "salt");
    assertEquals(List.of(List.of(0, 1), List.of(2)), parts(c));
  }

  @Test
  void aConstructorEffectReachesEveryPartWithItsFirstProvider() {
    List<String> open = List.of(FileLinks.ARITY + "1");
    Components c =
        new Components(
            List.of(
                file("a/A.java", "a.A"),
                file("b/B.java", "b.B", open, List.of()),
                file("c/C.java", "c.C", open, List.of())),
            Set.of(),
            "salt");
    assertEquals(3, c.parts().size());
    assertEquals(Set.of("arity:1"), c.parts().get(0).effects());
    assertEquals(List.of(1), c.providers(Set.of(0)));
    assertEquals(List.of(), c.providers(Set.of(0, 1)), "a stale part has it itself");
    Components without =
        new Components(
            List.of(file("a/A.java", "a.A"), file("b/B.java", "b.B"), file("c/C.java", "c.C")),
            Set.of(),
            "salt");
    assertNotEquals(
        c.parts().get(0).key(), without.parts().get(0).key(), "the effect is in the key");
  }

  @Test
  void aStoreIntoAnUnresolvedFieldReachesOnlyPartsThatNameTheField() {
    Components c =
        new Components(
            List.of(
                file("a/A.java", "a.A", "count"),
                file("b/B.java", "b.B", "total"),
                file("c/C.java", "c.C", List.of(FileLinks.STORE + "count"), List.of())),
            Set.of(),
            "salt");
    assertEquals(Set.of("store:count"), c.parts().get(0).effects());
    assertEquals(Set.of(), c.parts().get(1).effects());
    assertEquals(List.of(2), c.providers(Set.of(0)));
    assertEquals(List.of(), c.providers(Set.of(1)));
  }

  @Test
  void onlyTheFirstClassOfAnIdHasEffects() {
    Components c =
        new Components(
            List.of(
                file("a/A.java", "a.A"),
                file("d/D.java", "d.D"),
                file("e/D.java", "d.D", List.of(FileLinks.CTOR_REF), List.of())),
            Set.of(),
            "salt");
    assertEquals(List.of(List.of(0), List.of(1, 2)), parts(c));
    assertEquals(Set.of(), c.parts().get(0).effects(), "the engine indexes the first d.D only");
  }

  @Test
  void theKeyHoldsWhetherAPackageIsClosedAndTheSalt() {
    List<FileLinks> files = List.of(file("a/A.java", "a.A"));
    String open = new Components(files, Set.of(), "salt").parts().get(0).key();
    assertNotEquals(open, new Components(files, Set.of("a"), "salt").parts().get(0).key());
    assertNotEquals(open, new Components(files, Set.of(), "other").parts().get(0).key());
    assertEquals(open, new Components(files, Set.of("b"), "salt").parts().get(0).key());
  }
}
