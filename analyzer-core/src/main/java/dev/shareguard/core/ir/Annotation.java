package dev.shareguard.core.ir;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An annotation on a declaration. {@code name} is the qualified name when resolved, else the source
 * text ({@code GuardedBy}). {@code values} keeps only the string-valued elements ({@code value} for
 * the single-element form), in source order, because that is what {@code @SuppressWarnings} and
 * {@code @GuardedBy} carry; other element values are left out.
 */
public record Annotation(String name, Map<String, List<String>> values) {
  public Annotation {
    values = java.util.Collections.unmodifiableMap(new TreeMap<>(values));
  }

  public static Annotation of(String name) {
    return new Annotation(name, Map.of());
  }

  /** The simple name: {@code javax.annotation.concurrent.GuardedBy} gives {@code GuardedBy}. */
  public String simpleName() {
    int dot = name.lastIndexOf('.');
    return dot < 0 ? name : name.substring(dot + 1);
  }

  /** String values of element {@code key}, empty if absent. */
  public List<String> strings(String key) {
    return values.getOrDefault(key, List.of());
  }
}
