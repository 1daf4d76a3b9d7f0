package com.acme;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Double-checked creation of one cache per application: the second check, under the write lock
 * the put holds too, goes through a look-up helper.
 */
public class HelperRecheck {
  static final class AppCache {
    private final AtomicLong hits = new AtomicLong();

    void hit() {
      hits.incrementAndGet();
    }
  }

  private final ReentrantReadWriteLock.WriteLock writeLock =
      new ReentrantReadWriteLock().writeLock();
  private final Map<String, AppCache> caches = new ConcurrentHashMap<>();

  public AppCache cacheFor(String app) {
    AppCache cache = caches.get(app);
    if (cache == null) {
      writeLock.lock();
      try {
        if ((cache = cached(app)) == null) {
          cache = new AppCache();
          caches.put(app, cache);
        }
      } finally {
        writeLock.unlock();
      }
    }
    return cache;
  }

  public AppCache cached(String name) {
    return caches.get(name);
  }

  public void warm(ExecutorService pool, String app) {
    pool.execute(() -> cacheFor(app).hit());
  }
}
