package dev.shareguard.cli.frontend;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The named classes of every file being audited, by qualified name, and their packages. Filled on
 * one thread in file order (so when two files declare the same class, the first path wins), then
 * only read.
 */
final class ProjectIndex {
  private final Map<String, ProjectClass> classes = new HashMap<>();
  private final Set<String> packages = new HashSet<>();

  /** Registers a top-level class of package {@code packageName} and its member classes. */
  void add(String packageName, ProjectClass topLevel) {
    packages.add(packageName);
    register(topLevel);
  }

  private void register(ProjectClass c) {
    classes.putIfAbsent(c.name(), c);
    for (ProjectClass m : c.memberTypes().values()) {
      register(m);
    }
  }

  ProjectClass find(String qualifiedName) {
    return classes.get(qualifiedName);
  }

  boolean hasPackage(String packageName) {
    return packages.contains(packageName);
  }
}
