package com.acme;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.concurrent.locks.StampedLock;

/** Every lock form the engine models, used correctly. */
public class Locks {
  private final ReentrantLock lock = new ReentrantLock();
  private final ReadWriteLock rw = new ReentrantReadWriteLock();
  private final StampedLock stamped = new StampedLock();
  private final Map<String, String> byLock = new HashMap<>();
  private final Map<String, String> byRw = new HashMap<>();
  private final List<String> byStamp = new ArrayList<>();
  private static final Map<String, String> STATIC_MAP = new HashMap<>();

  public void start(ExecutorService pool) {
    pool.submit(() -> {
      lock.lock();
      try {
        byLock.put("k", "v");
      } finally {
        lock.unlock();
      }
      rw.writeLock().lock();
      try {
        byRw.put("k", "v");
      } finally {
        rw.writeLock().unlock();
      }
      long stamp = stamped.writeLock();
      try {
        byStamp.add("x");
      } finally {
        stamped.unlockWrite(stamp);
      }
      synchronized (Locks.class) {
        STATIC_MAP.put("k", "v");
      }
    });
  }

  public String tryGet() {
    if (lock.tryLock()) {
      try {
        return byLock.get("k");
      } finally {
        lock.unlock();
      }
    }
    return null;
  }

  public String read() {
    rw.readLock().lock();
    try {
      return byRw.get("k");
    } finally {
      rw.readLock().unlock();
    }
  }

  public int stamps() {
    long stamp = stamped.readLock();
    try {
      return byStamp.size();
    } finally {
      stamped.unlockRead(stamp);
    }
  }

  public static synchronized String staticRead() {
    return STATIC_MAP.get("k");
  }
}
