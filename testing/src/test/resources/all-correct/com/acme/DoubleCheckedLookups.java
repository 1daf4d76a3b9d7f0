package com.acme;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * Double checks: an unlocked look-up (or test of an enum state) is only a fast path; a miss sends
 * the thread into the lock every writer holds, where it looks again before it acts.
 */
public class DoubleCheckedLookups {
  enum State { NEW, READY, WRITING }

  private final Map<String, Object> beans = new HashMap<>();
  private State state = State.NEW;

  public void start(ExecutorService pool, String name) {
    pool.execute(() -> lookup(name));
    pool.execute(this::ready);
    pool.execute(this::write);
  }

  public Object lookup(String name) {
    Object b = beans.get(name);
    if (b != null) {
      return b;
    }
    synchronized (beans) {
      b = beans.get(name);
      if (b == null) {
        b = new Object();
        beans.put(name, b);
      }
      return b;
    }
  }

  void ready() {
    synchronized (this) {
      state = State.READY;
    }
  }

  void write() {
    if (state == State.READY) {
      synchronized (this) {
        if (state == State.READY) {
          state = State.WRITING;
        }
      }
    }
  }
}
