package com.acme;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

/**
 * A round-by-round memory: the previous round's map is the current one of the round before, and
 * every map either field is ever given is a concurrent one, so tasks may change it at once.
 */
public class SwappedRoundMaps {
  private Map<String, Long> current = new ConcurrentHashMap<>();
  private volatile Map<String, Long> previous = new ConcurrentHashMap<>();

  public synchronized void nextRound() {
    previous = current;
    current = new ConcurrentHashMap<>();
  }

  public void drain(ExecutorService pool, Iterable<String> keys) {
    for (String k : keys) {
      pool.submit(() -> previous.remove(k));
    }
  }
}
