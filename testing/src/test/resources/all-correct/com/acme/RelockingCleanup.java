package com.acme;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A clean-up in a catch block that takes the lock unless a flag says it is already held: the
 * lock is held there on every path, as around every other change of the list.
 */
public class RelockingCleanup {
  private final ReentrantLock lock = new ReentrantLock();
  private final List<String> compacting = new ArrayList<>();

  public void compact(ExecutorService pool, List<String> files) {
    pool.submit(() -> run(files));
  }

  private void run(List<String> files) {
    lock.lock();
    try {
      compacting.addAll(files);
    } finally {
      lock.unlock();
    }
    boolean locked = false;
    try {
      merge(files);
      lock.lock();
      locked = true;
      compacting.removeAll(files);
    } catch (RuntimeException e) {
      if (!locked) {
        lock.lock();
        locked = true;
      }
      compacting.removeAll(files);
      throw e;
    } finally {
      if (locked) {
        lock.unlock();
      }
    }
  }

  private void merge(List<String> files) {
    if (files.isEmpty()) {
      throw new IllegalStateException("nothing to merge");
    }
  }
}
