package com.acme;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

/**
 * Stores guarded only by a test of whether they would change anything: two callers at once end
 * with one of their values, as in either order. A stale value at worst, below the default floor.
 */
public class SetIfDifferent {
  static final class Entry {
    String converter;
  }

  private final Map<String, Entry> types = new ConcurrentHashMap<>();
  private String mode = "default";

  public void start(ExecutorService pool) {
    types.put("a", new Entry());
    pool.execute(() -> setConverter("a", "x"));
    pool.execute(() -> setConverter("a", "y"));
    pool.execute(() -> setMode("fast"));
    pool.execute(() -> setMode("safe"));
  }

  public void setConverter(String type, String name) {
    Entry e = types.get(type);
    if (e == null) {
      return;
    }
    String old = e.converter;
    if (old == null || !old.equals(name)) {
      e.converter = name;
    }
  }

  public void setMode(String m) {
    if (!Objects.equals(mode, m)) {
      mode = m;
    }
  }
}
