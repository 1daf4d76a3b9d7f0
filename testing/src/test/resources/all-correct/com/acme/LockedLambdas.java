package com.acme;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/** Lambdas run by synchronous APIs inside a lock are guarded by it. */
public class LockedLambdas {
  private final Map<String, List<String>> index = new HashMap<>();
  private final ExecutorService pool;

  public LockedLambdas(ExecutorService pool) {
    this.pool = pool;
  }

  public void start(List<String> words) {
    pool.submit(() -> {
      synchronized (index) {
        words.forEach(w -> index.computeIfAbsent(w.substring(0, 1), k -> new ArrayList<>()).add(w));
      }
    });
  }

  public int size() {
    synchronized (index) {
      return index.size();
    }
  }
}
