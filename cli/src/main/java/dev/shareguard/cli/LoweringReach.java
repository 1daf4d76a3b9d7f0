package dev.shareguard.cli;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The files whose declarations the lowering of some files may read, so that a warm run lowers a
 * changed file against those files' skeletons only, not against every file's.
 *
 * <p>The front end resolves a file's type names within packages the file's text names: its own
 * package, the packages of its imports (single-type, on-demand, static), the package of each
 * qualified name it writes; and a member type inherited from a supertype is declared in that
 * supertype's file, which is in one of those packages. What it reads of those types' declarations
 * (supertypes, member signatures, field types) resolves the same way in their files. So the files
 * of every package a file's text names by a dotted prefix (any {@code a}, {@code a.b}, {@code
 * a.b.C} of a word {@code a.b.C}), closed over the files taken, hold everything its lowering reads;
 * whole packages are taken, so that whether a package exists is answered as against the whole
 * project. Over-approximate: a dotted word in a comment counts too.
 */
final class LoweringReach {
  /** A file's package declaration (a comment line starts with {@code *} or {@code //}). */
  private static final Pattern PACKAGE =
      Pattern.compile("(?m)^\\s*package\\s+([\\p{javaJavaIdentifierPart}.\\s]+?)\\s*;");

  private LoweringReach() {}

  /**
   * The indexes of {@code sources} the lowering of the files at {@code roots} reads: the roots,
   * whose whole text counts, and the closure through the others' skeletons; ascending.
   */
  static List<Integer> of(List<Audit.Source> sources, Set<Integer> roots) {
    List<Integer> out = new ArrayList<>(sources.size());
    if (roots.size() == sources.size()) {
      for (int i = 0; i < sources.size(); i++) {
        out.add(i);
      }
      return out;
    }
    Map<String, List<Integer>> byPackage = new HashMap<>();
    List<String> packageOf = new ArrayList<>(sources.size());
    for (int i = 0; i < sources.size(); i++) {
      Matcher m = PACKAGE.matcher(sources.get(i).skeleton().text());
      String p = m.find() ? m.group(1).replaceAll("\\s", "") : "";
      packageOf.add(p);
      byPackage.computeIfAbsent(p, k -> new ArrayList<>()).add(i);
    }
    BitSet in = new BitSet(sources.size());
    Set<String> taken = new HashSet<>();
    Deque<Integer> work = new ArrayDeque<>();
    for (int r : roots) {
      in.set(r);
      work.add(r);
    }
    while (!work.isEmpty()) {
      int i = work.poll();
      Audit.Source s = sources.get(i);
      Set<String> named = dottedPrefixes(roots.contains(i) ? s.text() : s.skeleton().text());
      named.add(packageOf.get(i));
      for (String p : named) {
        List<Integer> files = byPackage.get(p);
        if (files != null && taken.add(p)) {
          for (int f : files) {
            if (!in.get(f)) {
              in.set(f);
              work.add(f);
            }
          }
        }
      }
    }
    in.stream().forEach(out::add);
    return out;
  }

  /** Each word of {@code text} made of identifiers and dots, and each prefix of one at a dot. */
  private static Set<String> dottedPrefixes(String text) {
    Set<String> out = new HashSet<>();
    int n = text.length();
    int i = 0;
    while (i < n) {
      if (Character.isJavaIdentifierStart(text.charAt(i))) {
        int start = i;
        while (i < n && (Character.isJavaIdentifierPart(text.charAt(i)) || text.charAt(i) == '.')) {
          if (text.charAt(i) == '.') {
            out.add(text.substring(start, i));
          }
          i++;
        }
        out.add(text.substring(start, i));
      } else {
        i++;
      }
    }
    return out;
  }
}
