package dev.shareguard.errorprone.rules;

import dev.shareguard.testing.RuleTestHelper;

/**
 * A project set kept in a map that its subclass hands to the base class's constructor ({@code
 * super(new X<E, Boolean>())}), shared by the rule tests that check when such a set is inferred
 * thread-safe.
 */
final class MapBackedSets {
  private MapBackedSets() {}

  /**
   * {@code h} with {@code com.acme.MapBackedSet} (a final {@code Map} field given by its
   * constructor) and {@code com.acme.SharedSet}, which passes a new {@code backing} map.
   */
  static RuleTestHelper withSharedSet(RuleTestHelper h, String backing) {
    return h
        .source(
            "com/acme/MapBackedSet.java",
            """
            package com.acme;
            import java.util.AbstractSet;
            import java.util.Iterator;
            import java.util.Map;
            public class MapBackedSet<E> extends AbstractSet<E> {
              protected final Map<E, Boolean> map;
              public MapBackedSet(Map<E, Boolean> map) {
                this.map = map;
              }
              @Override public boolean add(E e) {
                return map.put(e, Boolean.TRUE) == null;
              }
              @Override public boolean remove(Object e) {
                return map.remove(e) != null;
              }
              @Override public Iterator<E> iterator() {
                return map.keySet().iterator();
              }
              @Override public int size() {
                return map.size();
              }
            }
            """)
        .source(
            "com/acme/SharedSet.java",
            """
            package com.acme;
            public class SharedSet<E> extends MapBackedSet<E> {
              public SharedSet() {
                super(new %s<E, Boolean>());
              }
            }
            """.formatted(backing));
  }
}
