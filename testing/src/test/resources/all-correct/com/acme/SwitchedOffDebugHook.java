package com.acme;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * An allocation counter behind a debugging switch that is a compile-time constant {@code false}:
 * the hook's branch is never compiled, so the tasks never reach the plain map.
 */
public class SwitchedOffDebugHook {
  private static final boolean DEBUG = false;
  private static final boolean COUNT_ALLOCATIONS = DEBUG && Boolean.TRUE;

  public void encode(ExecutorService pool, String kind) {
    pool.submit(() -> {
      if (COUNT_ALLOCATIONS) {
        Counter.INSTANCE.count(kind);
      }
    });
    pool.submit(() -> {
      if (!COUNT_ALLOCATIONS) {
        return;
      }
      Counter.INSTANCE.count(kind);
    });
  }

  static final class Counter {
    static final Counter INSTANCE = new Counter();
    private final Map<String, Integer> counts = new HashMap<>();

    void count(String kind) {
      Integer c = counts.get(kind);
      counts.put(kind, c == null ? 1 : c + 1);
    }
  }
}
