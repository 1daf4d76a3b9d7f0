package dev.shareguard.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps analyzer-core's packages layered: no two packages depend on each other, directly or through
 * others. A package depends on another when one of its files names a class of it, by an import or
 * a qualified name. The graph is read from the sources, so the test needs no build of its own.
 */
class PackageCyclesTest {
  private static final Path SOURCES = Path.of("src/main/java");

  /**
   * The files whose references are left out of the graph, each with its reason. A file listed here
   * closes a cycle that is being removed elsewhere; {@link
   * #knownCyclesComeOnlyFromTheListedFiles()} fails as soon as the file no longer closes one, so
   * the entry is removed with it.
   */
  private static final Map<String, String> KNOWN = Map.of();

  @Test
  void noCycleBetweenPackages() throws IOException {
    assertEquals(List.of(), cycles(graph(Set.copyOf(KNOWN.keySet()))));
  }

  @Test
  void knownCyclesComeOnlyFromTheListedFiles() throws IOException {
    for (String file : KNOWN.keySet()) {
      Set<String> others = new TreeSet<>(KNOWN.keySet());
      others.remove(file);
      assertEquals(
          false,
          cycles(graph(others)).isEmpty(),
          file + " no longer closes a cycle; remove it from KNOWN (" + KNOWN.get(file) + ")");
    }
  }

  @Test
  void findsACycleWhereThereIsOne() {
    Map<String, Map<String, Set<String>>> g = new TreeMap<>();
    g.computeIfAbsent("a", k -> new TreeMap<>()).put("b", Set.of("A.java"));
    g.computeIfAbsent("b", k -> new TreeMap<>()).put("c", Set.of("B.java"));
    g.computeIfAbsent("c", k -> new TreeMap<>()).put("a", Set.of("C.java"));
    g.computeIfAbsent("c", k -> new TreeMap<>()).put("d", Set.of("C.java"));
    assertEquals(List.of("a -> b (A.java)", "b -> c (B.java)", "c -> a (C.java)"), cycles(g));
  }

  /** Package to package it names to the files that name it, leaving out {@code skipped} files. */
  private static Map<String, Map<String, Set<String>>> graph(Set<String> skipped)
      throws IOException {
    Pattern pkg = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    Pattern ref = Pattern.compile("\\bdev\\.shareguard\\.core((?:\\.[a-z]\\w*)*)\\.[A-Z]");
    Map<String, Map<String, Set<String>>> g = new TreeMap<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path p : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        String rel = SOURCES.relativize(p).toString().replace('\\', '/');
        if (skipped.contains(rel)) {
          continue;
        }
        String text = Files.readString(p);
        Matcher pm = pkg.matcher(text);
        if (!pm.find()) {
          continue;
        }
        String from = pm.group(1);
        Matcher m = ref.matcher(text);
        while (m.find()) {
          String to = "dev.shareguard.core" + m.group(1);
          if (!to.equals(from)) {
            g.computeIfAbsent(from, k -> new TreeMap<>())
                .computeIfAbsent(to, k -> new TreeSet<>())
                .add(p.getFileName().toString());
          }
        }
      }
    }
    return g;
  }

  /**
   * The edges inside strongly connected components of more than one package (Tarjan), as {@code
   * from -> to (files)}, sorted; empty when the packages form a DAG.
   */
  static List<String> cycles(Map<String, Map<String, Set<String>>> g) {
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    Deque<String> stack = new ArrayDeque<>();
    Map<String, Integer> component = new HashMap<>();
    int[] counter = {0, 0};
    for (String v : g.keySet()) {
      if (!index.containsKey(v)) {
        connect(v, g, index, low, stack, component, counter);
      }
    }
    Map<Integer, Integer> sizes = new HashMap<>();
    component.values().forEach(c -> sizes.merge(c, 1, Integer::sum));
    List<String> out = new ArrayList<>();
    g.forEach(
        (from, tos) ->
            tos.forEach(
                (to, files) -> {
                  Integer c = component.get(from);
                  if (c.equals(component.get(to)) && sizes.get(c) > 1) {
                    out.add(from + " -> " + to + " (" + String.join(", ", files) + ")");
                  }
                }));
    return out.stream().sorted().toList();
  }

  private static void connect(
      String v,
      Map<String, Map<String, Set<String>>> g,
      Map<String, Integer> index,
      Map<String, Integer> low,
      Deque<String> stack,
      Map<String, Integer> component,
      int[] counter) {
    index.put(v, counter[0]);
    low.put(v, counter[0]);
    counter[0]++;
    stack.push(v);
    for (String w : g.getOrDefault(v, Map.of()).keySet()) {
      if (!index.containsKey(w)) {
        connect(w, g, index, low, stack, component, counter);
        low.put(v, Math.min(low.get(v), low.get(w)));
      } else if (stack.contains(w)) {
        low.put(v, Math.min(low.get(v), index.get(w)));
      }
    }
    if (low.get(v).equals(index.get(v))) {
      String w;
      do {
        w = stack.pop();
        component.put(w, counter[1]);
      } while (!w.equals(v));
      counter[1]++;
    }
  }
}
