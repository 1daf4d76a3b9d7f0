package com.acme;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;

/** Thread-safe and immutable containers, atomics and volatile flags. */
public class SafeContainers {
  private final Map<String, Long> counts = new ConcurrentHashMap<>();
  private final Map<String, String> synced = Collections.synchronizedMap(new HashMap<>());
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private final AtomicLong total = new AtomicLong();
  private final Map<String, Integer> fixed = Map.of("a", 1, "b", 2);
  private volatile boolean running = true;

  public void start(ExecutorService pool) {
    pool.submit(() -> {
      while (running) {
        counts.merge("tick", 1L, Long::sum);
        synced.put("last", "tick");
        total.incrementAndGet();
        listeners.forEach(Runnable::run);
        Integer a = fixed.get("a");
        if (a == null) {
          return;
        }
      }
    });
  }

  public void stop() {
    running = false;
  }

  public long ticks() {
    return counts.getOrDefault("tick", 0L) + total.get() + synced.size() + fixed.size();
  }

  public void listen(Runnable r) {
    listeners.add(r);
  }
}
