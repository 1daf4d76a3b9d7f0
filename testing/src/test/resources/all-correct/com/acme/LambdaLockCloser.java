package com.acme;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A lockable wrapper whose withLock() returns an unlocking lambda from a static helper: every
 * access to its items sits in try (Closer c = names.withLock()).
 */
public class LambdaLockCloser {
  public interface Closer extends AutoCloseable {
    @Override
    void close();
  }

  static final class Lockable {
    private final ReentrantLock internal = new ReentrantLock();
    final List<String> items = new ArrayList<>();

    Closer withLock() {
      return take(internal);
    }
  }

  static Closer take(ReentrantLock lock) {
    lock.lock();
    return () -> lock.unlock();
  }

  private final Lockable names = new Lockable();

  public void register(String name) {
    try (Closer c = names.withLock()) {
      names.items.add(name);
    }
  }

  public void report(ExecutorService pool) {
    pool.execute(() -> {
      try (Closer c = names.withLock()) {
        for (String n : names.items) {
          System.out.println(n);
        }
      }
    });
  }
}
