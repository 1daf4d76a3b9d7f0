package dev.shareguard.core.model;

/**
 * Naming conventions that say what a container class is when nothing else does: a dependency's
 * class neither the models' tables nor the audited program declare.
 */
final class ContainerNaming {
  private ContainerNaming() {}

  private static final String CONCURRENT = "Concurrent";

  /**
   * A dependency's class the models and the audit know nothing else of, named by the convention
   * for thread-safe containers: {@code Concurrent…} ({@code ConcurrentHashMap}, {@code
   * ConcurrentSkipListSet} and {@code ConcurrentLinkedQueue} in the JDK; libraries' and bundled
   * copies' {@code ConcurrentLinkedHashMap}, {@code ConcurrentHashSet}, {@code
   * ConcurrentReferenceHashMap}). A class of the audited program is judged by its code instead.
   */
  static boolean threadSafeByName(TypeHierarchy types, String type) {
    if (types.knows(type)) {
      return false;
    }
    String simple = type.substring(type.lastIndexOf('.') + 1);
    return simple.length() > CONCURRENT.length() && simple.startsWith(CONCURRENT)
        && Character.isUpperCase(simple.charAt(CONCURRENT.length()));
  }
}
