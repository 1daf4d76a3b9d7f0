package com.acme;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A commit that runs once per object: the task is started past a compareAndSet once-gate that
 * nothing sets back, so two runs of it are on two objects, each with its own map.
 */
public class OncePerObjectCommit {
  private final AtomicBoolean started = new AtomicBoolean(false);
  private final Map<String, String> seen = new HashMap<>();
  private final ExecutorService pool;

  public OncePerObjectCommit(ExecutorService pool) {
    this.pool = pool;
  }

  public void commitAsync(String key) {
    if (!started.compareAndSet(false, true)) {
      throw new IllegalStateException("committed");
    }
    pool.submit(() -> seen.put(key, "committed"));
  }
}
