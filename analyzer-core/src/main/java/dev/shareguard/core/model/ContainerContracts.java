package dev.shareguard.core.model;

import java.util.Set;

/** What the JDK's container types promise about their contents, beyond thread safety. */
public final class ContainerContracts {
  private ContainerContracts() {}

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

  /** Calls that read only how many elements a container holds. */
  private static final Set<String> COUNT_READS = Set.of("size", "isEmpty");

  /**
   * Whether calling {@code method} on a JDK collection or map of (erased) type {@code type} reads
   * only its element count: the JDK's containers keep it in one field (or compute it from two
   * indexes), so a read racing a change sees an old or a new count, never an exception or a
   * corrupt structure (unlike a look-up or an iteration, which walk the structure a writer may be
   * rebuilding).
   */
  public static boolean readsOnlyTheCount(String type, String method) {
    return type != null && type.startsWith("java.util.") && COUNT_READS.contains(method);
  }

  /**
   * Whether a JDK container of (erased) type {@code type} keeps each element in a fixed slot of
   * its own that no change moves: an {@code EnumMap} holds one array cell per constant of its key
   * enum, never resized or rehashed, and its iterators never throw {@code
   * ConcurrentModificationException} (its documentation: weakly consistent). Two threads that
   * look up, store or walk it at once see each entry's old or new value, and at worst an old
   * count: a stale value, not a corrupt structure.
   */
  public static boolean keepsFixedSlots(String type) {
    return "java.util.EnumMap".equals(type);
  }

  /** The JDK's shared immutable containers held in static fields (owner#field). */
  private static final Set<String> IMMUTABLE_CONSTANTS =
      Set.of(
          "java.util.Collections#EMPTY_SET",
          "java.util.Collections#EMPTY_LIST",
          "java.util.Collections#EMPTY_MAP");

  /**
   * Whether static field {@code field} of {@code owner} holds one of the JDK's shared empty
   * containers: immutable (every adding call throws, removing calls change nothing), as what
   * {@code Collections.emptySet()} returns.
   */
  public static boolean isImmutableConstant(String owner, String field) {
    return IMMUTABLE_CONSTANTS.contains(owner + "#" + field);
  }
}
