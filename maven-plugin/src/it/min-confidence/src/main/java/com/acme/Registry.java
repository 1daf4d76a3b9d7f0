package com.acme;

import java.util.HashMap;
import java.util.Map;

/** Counts events by key. */
public class Registry {
  private final Map<String, Integer> counts = new HashMap<>();

  public void record(String key) {
    counts.merge(key, 1, Integer::sum);
  }

  public int count(String key) {
    return counts.getOrDefault(key, 0);
  }
}
