package dev.shareguard.core.ir;

/**
 * One copy of each name the IR holds. The same few names repeat across a program's IR (a type's
 * name at every expression of that type, a field's owner and name at every access, a method's at
 * every call), and a large tree's IR is held whole while the engine runs, so sharing them shrinks
 * it by about a seventh (bench/RESULTS.md). The JVM's string table holds them, so copies made by
 * either front end or read from the cache share one.
 */
final class Names {
  private Names() {}

  /** The shared copy of {@code name}, or null. */
  static String of(String name) {
    return name == null ? null : name.intern();
  }
}
