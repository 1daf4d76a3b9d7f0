package com.acme;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A lock taken as the first statement of a {@code try} whose {@code finally} block writes before
 * letting it go: taking the lock throws nothing, so the write always runs holding it.
 */
public class LockTakenInsideTry {
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final Map<String, Integer> counts = new HashMap<>();

  public void start(ExecutorService pool) {
    pool.submit(() -> record("a"));
    pool.submit(this::reset);
  }

  public void record(String key) {
    try {
      lock.writeLock().lock();
    } finally {
      counts.merge(key, 1, Integer::sum);
      lock.writeLock().unlock();
    }
  }

  public void reset() {
    lock.writeLock().lock();
    try {
      counts.clear();
    } finally {
      lock.writeLock().unlock();
    }
  }
}
