package com.acme;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Locks held through fields that keep a read/write lock's halves, and helpers declared to run
 * with a lock held (callers hold it, so the helper's accesses are guarded).
 */
public class LockConventions {
  private final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
  private final Lock readLock = rw.readLock();
  private final Lock writeLock = rw.writeLock();
  private final Map<String, Integer> table = new HashMap<>();
  private final Object monitor = new Object();
  private final Map<String, Integer> guarded = new HashMap<>();

  public void start(ExecutorService pool) {
    pool.submit(() -> {
      writeLock.lock();
      try {
        table.put("k", 1);
      } finally {
        writeLock.unlock();
      }
      synchronized (monitor) {
        bump("k");
      }
    });
  }

  public Integer get(String k) {
    readLock.lock();
    try {
      return table.get(k);
    } finally {
      readLock.unlock();
    }
  }

  @GuardedBy("monitor")
  private void bump(String k) {
    guarded.merge(k, 1, Integer::sum);
  }

  public int guardedSize() {
    synchronized (monitor) {
      return sizeLocked();
    }
  }

  @GuardedBy("monitor")
  int sizeLocked() {
    return guarded.size();
  }

  /** Called by code outside this corpus, with {@code monitor} held as the annotation requires. */
  @GuardedBy("monitor")
  int peekLocked(String k) {
    return guarded.getOrDefault(k, 0);
  }
}
