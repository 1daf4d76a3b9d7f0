package dev.shareguard.errorprone.rules;

import dev.shareguard.core.rules.threads.WriteUnderReadLock;
import dev.shareguard.testing.RuleTestHelper;
import org.junit.jupiter.api.Test;

/** {@link WriteUnderReadLock}: mutations of shared state under only a read lock. */
class WriteUnderReadLockTest {
  private static RuleTestHelper helper() {
    return RuleTestHelper.rule(WriteUnderReadLock.ID);
  }

  @Test
  void positive_lazyFillUnderTheReadLock() {
    helper()
        .source(
            "com/acme/Catalog.java",
            """
            package com.acme;
            import java.util.HashMap;
            import java.util.Map;
            import java.util.concurrent.locks.ReadWriteLock;
            import java.util.concurrent.locks.ReentrantReadWriteLock;
            public class Catalog {
              private final ReadWriteLock lock = new ReentrantReadWriteLock();
              private final Map<String, String> names = new HashMap<>();
              public String name(String sku) {
                lock.readLock().lock();
                try {
                  String n = names.get(sku);
                  if (n == null) {
                    n = sku.toUpperCase();
                    // BUG: Diagnostic contains: WriteUnderReadLock
                    names.put(sku, n);
                  }
                  return n;
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
            """)
        .check();
  }

  @Test
  void positive_counterBumpedUnderAStampedReadLockHeldInAField() {
    helper()
        .source(
            "com/acme/Lookups.java",
            """
            package com.acme;
            import java.util.concurrent.locks.Lock;
            import java.util.concurrent.locks.ReentrantReadWriteLock;
            import java.util.concurrent.locks.StampedLock;
            public class Lookups {
              private final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
              private final Lock reading = rw.readLock();
              private final StampedLock stamps = new StampedLock();
              private long lookups;
              private long misses;
              public void lookup() {
                reading.lock();
                try {
                  // BUG: Diagnostic contains: lookups
                  lookups++;
                } finally {
                  reading.unlock();
                }
              }
              public void miss() {
                long stamp = stamps.readLock();
                try {
                  // BUG: Diagnostic contains: misses
                  misses += 1;
                } finally {
                  stamps.unlockRead(stamp);
                }
              }
            }
            """)
        .check();
  }

  @Test
  void negative_writesUnderTheWriteLockAndReadsUnderTheReadLock() {
    helper()
        .source(
            "com/acme/Registry.java",
            """
            package com.acme;
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.ConcurrentHashMap;
            import java.util.concurrent.atomic.AtomicLong;
            import java.util.concurrent.locks.ReentrantReadWriteLock;
            public class Registry {
              private final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
              private final List<String> names = new ArrayList<>();
              private final ConcurrentHashMap<String, Long> seen = new ConcurrentHashMap<>();
              private final AtomicLong reads = new AtomicLong();
              public void add(String n) {
                rw.writeLock().lock();
                try {
                  names.add(n);
                } finally {
                  rw.writeLock().unlock();
                }
              }
              public boolean has(String n) {
                rw.readLock().lock();
                try {
                  reads.incrementAndGet();
                  seen.merge(n, 1L, Long::sum);
                  List<String> copy = new ArrayList<>(names);
                  copy.add("scratch");
                  return copy.contains(n);
                } finally {
                  rw.readLock().unlock();
                }
              }
            }
            """)
        .check();
  }
}
