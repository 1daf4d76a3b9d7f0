package com.acme;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
/**
 * A router taking its locks through a helper that hands the lock to a second helper waiting for
 * it with a timeout and throwing when it does not get it: every access is under the lock.
 */
public class LockHelpers {
  private final ReentrantReadWriteLock rw = new ReentrantReadWriteLock(true);
  private final Lock readLock = rw.readLock();
  private final Lock writeLock = rw.writeLock();
  private final Map<String, String> routes = new HashMap<>();
  public void start(ExecutorService pool) {
    pool.execute(this::enable);
  }
  public void enable() {
    lock(writeLock);
    try {
      routes.put("a", "b");
    } finally {
      unlock(writeLock);
    }
  }
  public void disable() {
    lock(writeLock);
    try {
      routes.clear();
    } finally {
      unlock(writeLock);
    }
  }
  public String route(String k) {
    lock(readLock);
    try {
      return routes.get(k);
    } finally {
      unlock(readLock);
    }
  }
  protected void lock(Lock lock, int timeoutMillis) {
    try {
      if (lock.tryLock(timeoutMillis, TimeUnit.MILLISECONDS)) {
        System.out.println("locked");
      } else {
        throw new IllegalStateException("lock failed");
      }
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
  protected void lock(Lock lock) {
    lock(lock, 1000);
  }
  protected void unlock(Lock lock) {
    lock.unlock();
  }
}
