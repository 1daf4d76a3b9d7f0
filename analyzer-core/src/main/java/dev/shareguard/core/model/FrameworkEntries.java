package dev.shareguard.core.model;

import java.util.Map;
import java.util.Set;

/** What the framework models say about the entries a framework calls on a shared object. */
final class FrameworkEntries {
  private FrameworkEntries() {}

  /** {@link FrameworkModel#protectedEntryCallbacks()} of every framework, by declaring type. */
  private static final Map<String, Set<String>> PROTECTED_ENTRY_CALLBACKS =
      FrameworkModels.byType(FrameworkModel::protectedEntryCallbacks);

  /**
   * Whether {@code classId}'s non-public method {@code name} is one a framework calls from its
   * request threads (a servlet's {@code doGet}): a supertype the models name declares it.
   */
  static boolean isProtectedEntryCallback(TypeHierarchy types, String classId, String name) {
    for (Map.Entry<String, Set<String>> e : PROTECTED_ENTRY_CALLBACKS.entrySet()) {
      if (e.getValue().contains(name) && types.isSubtype(classId, e.getKey())) {
        return true;
      }
    }
    return false;
  }
}
