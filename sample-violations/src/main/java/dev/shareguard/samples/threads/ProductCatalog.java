package dev.shareguard.samples.threads;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/** A product catalog that fills its name cache on a miss: a read path that writes. */
public final class ProductCatalog {
  private ProductCatalog() {}

  /** How the catalog finds a name it has not cached yet. */
  public interface NameSource {
    String load(String sku);
  }

  /**
   * Bug: {@code displayName} fills the cache while holding only the read lock. Many request threads
   * hold the read lock at once, so two misses put into the {@code HashMap} at the same time, and a
   * put races with every concurrent {@code get}: entries vanish or the map's table is corrupted.
   */
  public static final class Unsafe {
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, String> names = new HashMap<>();
    private final NameSource source;

    public Unsafe(NameSource source) {
      this.source = source;
    }

    public String displayName(String sku) {
      lock.readLock().lock();
      try {
        String name = names.get(sku);
        if (name == null) {
          name = source.load(sku);
          // BUG: Diagnostic contains: WriteUnderReadLock
          names.put(sku, name);
        }
        return name;
      } finally {
        lock.readLock().unlock();
      }
    }

    public void rename(String sku, String name) {
      lock.writeLock().lock();
      try {
        names.put(sku, name);
      } finally {
        lock.writeLock().unlock();
      }
    }
  }

  /**
   * Fix: look up under the read lock; on a miss, release it, take the write lock and check again
   * before filling (a ReentrantReadWriteLock cannot upgrade a read lock to a write lock).
   */
  public static final class Safe {
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, String> names = new HashMap<>();
    private final NameSource source;

    public Safe(NameSource source) {
      this.source = source;
    }

    public String displayName(String sku) {
      lock.readLock().lock();
      try {
        String name = names.get(sku);
        if (name != null) {
          return name;
        }
      } finally {
        lock.readLock().unlock();
      }
      lock.writeLock().lock();
      try {
        return names.computeIfAbsent(sku, source::load);
      } finally {
        lock.writeLock().unlock();
      }
    }

    public void rename(String sku, String name) {
      lock.writeLock().lock();
      try {
        names.put(sku, name);
      } finally {
        lock.writeLock().unlock();
      }
    }
  }
}
