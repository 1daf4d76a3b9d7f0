package dev.shareguard.cli.cache;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A program cut into parts that cannot change each other's findings, so that the findings of a part
 * whose inputs did not change can be taken from the cache: two files are in one part when one names
 * a class the other declares (or a class of the same id), or when both name a field of another
 * class one of them stores into ({@link FileLinks}); parts are the connected groups.
 *
 * <p>What the engine gathers over the whole program without a name ({@link FileLinks#effects}) does
 * not join parts: each part's key holds the program's effects that can reach it (every constructor
 * effect; a store into an unresolved {@code x} only where a file names {@code x}), and a part
 * analysed alone is analysed with one file of the rest for each such effect it lacks ({@link
 * #providers}), whose own findings are dropped. Only the first class of an id counts, as in the
 * engine's index, so an effect counts only from the file that declares its class first.
 */
public final class Components {
  /**
   * One part.
   *
   * @param files indexes of its files in the program's list, ascending
   * @param key what its findings depend on: its files' paths and IR, whether their packages are
   *     closed, the program's effects that reach it, and the salt (tool, settings)
   * @param effects the program's effects that reach it
   */
  public record Part(List<Integer> files, String key, Set<String> effects) {}

  private final List<FileLinks> files;
  private final int[] partOf;
  private final List<Part> parts;

  /** For each effect of the program, the first file (in the program's order) that has it. */
  private final Map<String, Integer> providers = new TreeMap<>();

  /**
   * @param files the program's files in the order the engine is given them (by path)
   * @param closedPackages the packages the engine is told are complete
   * @param salt what every part's findings also depend on (tool version, config)
   */
  public Components(List<FileLinks> files, Set<String> closedPackages, String salt) {
    this.files = List.copyOf(files);
    int n = files.size();
    int[] parent = new int[n];
    for (int i = 0; i < n; i++) {
      parent[i] = i;
    }
    // Anchors: the hash of each class id and of each field stored into from outside its class,
    // with the first file that declares or stores it; every other such file joins it.
    Map<Long, Integer> anchors = new HashMap<>();
    Map<String, Boolean> seenIds = new HashMap<>();
    for (int i = 0; i < n; i++) {
      FileLinks f = files.get(i);
      for (int c = 0; c < f.classIds().size(); c++) {
        String id = f.classIds().get(c);
        if (seenIds.putIfAbsent(id, Boolean.TRUE) == null) {
          for (String e : f.effects().get(c)) {
            providers.putIfAbsent(e, i);
          }
        }
        anchor(anchors, FileLinks.hash(id), i, parent);
      }
      for (String w : f.fieldWrites()) {
        anchor(anchors, FileLinks.hash(w), i, parent);
      }
    }
    long[] keys = new long[anchors.size()];
    int[] owners = new int[anchors.size()];
    int k = 0;
    for (Map.Entry<Long, Integer> e : new TreeMap<>(anchors).entrySet()) {
      keys[k] = e.getKey();
      owners[k++] = e.getValue();
    }
    for (int i = 0; i < n; i++) {
      for (long h : files.get(i).names()) {
        int at = Arrays.binarySearch(keys, h);
        if (at >= 0) {
          union(parent, i, owners[at]);
        }
      }
    }
    this.partOf = new int[n];
    Map<Integer, List<Integer>> groups = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      groups.computeIfAbsent(find(parent, i), r -> new ArrayList<>()).add(i);
    }
    List<Part> out = new ArrayList<>(groups.size());
    for (List<Integer> g : groups.values()) {
      for (int i : g) {
        partOf[i] = out.size();
      }
      Set<String> effects = reaching(g);
      out.add(new Part(List.copyOf(g), key(g, effects, closedPackages, salt), effects));
    }
    this.parts = List.copyOf(out);
  }

  private static void anchor(Map<Long, Integer> anchors, long h, int file, int[] parent) {
    Integer first = anchors.putIfAbsent(h, file);
    if (first != null) {
      union(parent, file, first);
    }
  }

  /**
   * The program's effects that can change the findings of the files {@code g}: every constructor
   * effect (a constructor of any class may be the one made open), and a store into an unresolved
   * field only where one of the files names a field so called.
   */
  private Set<String> reaching(List<Integer> g) {
    Set<String> out = new TreeSet<>();
    for (String e : providers.keySet()) {
      if (!e.startsWith(FileLinks.STORE)) {
        out.add(e);
        continue;
      }
      String name = e.substring(FileLinks.STORE.length());
      for (int i : g) {
        if (files.get(i).mentions(name)) {
          out.add(e);
          break;
        }
      }
    }
    return out;
  }

  private String key(List<Integer> g, Set<String> effects, Set<String> closed, String salt) {
    StringBuilder sb = new StringBuilder(salt).append('\n');
    Set<String> packages = new TreeSet<>();
    for (int i : g) {
      FileLinks f = files.get(i);
      sb.append(f.path()).append('\0').append(f.irDigest()).append('\n');
      packages.add(f.packageName());
    }
    for (String p : packages) {
      sb.append(closed.contains(p) ? "closed " : "open ").append(p).append('\n');
    }
    for (String e : effects) {
      sb.append("effect ").append(e).append('\n');
    }
    return IrCache.hash(sb.toString());
  }

  private static int find(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }

  private static void union(int[] parent, int a, int b) {
    int ra = find(parent, a);
    int rb = find(parent, b);
    if (ra != rb) {
      // The smaller index is the root, so that a group's root is its first file.
      parent[Math.max(ra, rb)] = Math.min(ra, rb);
    }
  }

  /** The parts, in the order of their first files. */
  public List<Part> parts() {
    return parts;
  }

  /** The part of file {@code i}. */
  public int partOf(int i) {
    return partOf[i];
  }

  /**
   * The files outside the {@code stale} parts to analyse with them so that each effect reaching one
   * of them is in the analysis as in the whole program's: for each such effect no stale part has,
   * its first provider. Ascending.
   */
  public List<Integer> providers(Set<Integer> stale) {
    Set<Integer> out = new TreeSet<>();
    for (int p : stale) {
      for (String e : parts.get(p).effects()) {
        int provider = providers.get(e);
        if (!stale.contains(partOf[provider])) {
          out.add(provider);
        }
      }
    }
    return List.copyOf(out);
  }
}
