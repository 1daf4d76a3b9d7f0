package dev.shareguard.core.model;

import java.util.Set;

/** What the JDK's map types promise about their contents, beyond thread safety. */
public final class MapContracts {
  private MapContracts() {}

  /**
   * Map types that never hold a null value: their {@code put} throws on one, so {@code get(k) ==
   * null} means exactly "no entry", as it does for {@code putIfAbsent} and {@code
   * computeIfAbsent}. (A HashMap may hold null values, so there {@code containsKey} and {@code
   * get(k) == null} differ.)
   */
  private static final Set<String> NO_NULL_VALUES =
      Set.of(
          "java.util.concurrent.ConcurrentHashMap",
          "java.util.concurrent.ConcurrentMap",
          "java.util.concurrent.ConcurrentSkipListMap",
          "java.util.concurrent.ConcurrentNavigableMap",
          "java.util.Hashtable");

  /** Whether a map of (erased) type {@code type} never holds null values. */
  public static boolean rejectsNullValues(String type) {
    return NO_NULL_VALUES.contains(type);
  }
}
