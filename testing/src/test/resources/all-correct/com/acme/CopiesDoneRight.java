package com.acme;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Copies, views and map-held values handled correctly: deep copy constructors, defensive copies
 * that callers keep, immutable values replaced through the map, clones that copy their mutable
 * state, keys removed before they change, copy-on-write publication. No rule may report here.
 */
public class CopiesDoneRight implements Cloneable, Serializable {
  /** A value object: immutable, changed only by making a new one and putting it back. */
  public record Limit(String name, int max) {
    public Limit withMax(int m) {
      return new Limit(name, m);
    }
  }

  /** A key whose equals/hashCode use only the immutable id. */
  public static final class Key {
    private final String id;
    private int hits;

    public Key(String id) {
      this.id = id;
    }

    public void hit() {
      hits++;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.id.equals(id);
    }

    @Override
    public int hashCode() {
      return id.hashCode();
    }
  }

  private Map<String, List<String>> tags = new HashMap<>();
  private List<String> history = new ArrayList<>();
  private final Map<String, Limit> limits = new ConcurrentHashMap<>();
  private Map<Key, String> byKey = new HashMap<>();
  private final AtomicReference<List<String>> published = new AtomicReference<>(List.of());
  private transient Map<String, String> cache = new LinkedHashMap<>();

  public CopiesDoneRight() {}

  /** A deep copy constructor: every nested list is copied. */
  public CopiesDoneRight(CopiesDoneRight other) {
    Map<String, List<String>> copy = new HashMap<>();
    other.tags.forEach((k, v) -> copy.put(k, new ArrayList<>(v)));
    this.tags = copy;
    this.history = new ArrayList<>(other.history);
  }

  public void tag(String item, String tag) {
    tags.computeIfAbsent(item, k -> new ArrayList<>()).add(tag);
    history.add(item);
  }

  /** A defensive copy the caller owns and may change. */
  public List<String> historyCopy() {
    return new ArrayList<>(history);
  }

  public List<String> recentFirst() {
    List<String> mine = historyCopy();
    Collections.reverse(mine);
    mine.add(0, "latest");
    return mine;
  }

  /** An immutable value replaced through the map, atomically. */
  public void raise(String name) {
    limits.computeIfPresent(name, (n, l) -> l.withMax(l.max() + 10));
  }

  /** The same, as a read, a new value, and a write back. */
  public void lower(String name) {
    Limit l = limits.get(name);
    if (l != null) {
      Limit lowered = l.withMax(l.max() - 1);
      limits.replace(name, l, lowered);
    }
  }

  /** A key taken out of the map before a change it does not care about anyway. */
  public void touch(Key k) {
    byKey.put(k, "seen");
    k.hit();
    String v = byKey.remove(k);
    byKey.put(k, v);
  }

  /** Copy, change the copy, publish the copy. */
  public void publish(String flag) {
    published.updateAndGet(
        current -> {
          List<String> copy = new ArrayList<>(current);
          copy.add(flag);
          return copy;
        });
  }

  /** Iterating a copy to avoid ConcurrentModificationException while changing the original. */
  public void dropEmpty() {
    for (String item : new ArrayList<>(tags.keySet())) {
      if (tags.get(item).isEmpty()) {
        tags.remove(item);
      }
    }
  }

  /** A set built here, changed here, and returned unmodifiable: the caller only reads it. */
  public Set<String> items() {
    Set<String> out = new HashSet<>(tags.keySet());
    out.add("all");
    return Collections.unmodifiableSet(out);
  }

  public String cached(String k) {
    return cache.computeIfAbsent(k, x -> x.toUpperCase(java.util.Locale.ROOT));
  }

  /** A clone that copies its mutable state. */
  @Override
  public CopiesDoneRight clone() {
    try {
      CopiesDoneRight c = (CopiesDoneRight) super.clone();
      c.tags = new HashMap<>();
      tags.forEach((k, v) -> c.tags.put(k, new ArrayList<>(v)));
      c.history = new ArrayList<>(history);
      c.cache = new LinkedHashMap<>();
      c.byKey = new HashMap<>(byKey);
      return c;
    } catch (CloneNotSupportedException e) {
      throw new AssertionError(e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CopiesDoneRight c && Objects.equals(tags, c.tags);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(tags);
  }
}
