package com.acme;

import java.util.ArrayList;
import java.util.List;

/**
 * Pending callbacks collected under the object's lock and taken away whole: the taker reads the
 * list into a local and empties the field before the lock is released, so it owns the list it
 * returns and later additions go to a new one.
 */
public class HandedOverPending {
  private List<Runnable> pending;

  public synchronized void add(Runnable r) {
    if (pending == null) {
      pending = new ArrayList<>(1);
    }
    pending.add(r);
  }

  public synchronized List<Runnable> takeAll() {
    List<Runnable> result = pending;
    pending = null;
    return result;
  }

  public void runAll() {
    List<Runnable> taken = takeAll();
    if (taken != null) {
      for (Runnable r : taken) {
        r.run();
      }
    }
  }
}
