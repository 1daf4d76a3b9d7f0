package com.acme;

/** A pool filled once under the monitor, read after the reader passed the same monitor. */
public class OnceFilledPool {
  private final StringBuilder first = new StringBuilder();
  private int poolSize = 4;
  private StringBuilder[] pool;
  private int roundRobin;
  private boolean initialized;

  public synchronized void setPoolSize(int size) {
    poolSize = size;
  }

  public synchronized void initialize() {
    if (!initialized) {
      pool = new StringBuilder[poolSize];
      pool[0] = first;
      for (int i = 1; i < poolSize; i++) {
        pool[i] = new StringBuilder(pool[i - 1]);
      }
      initialized = true;
    }
  }

  public synchronized boolean isInitialized() {
    return initialized;
  }

  public String digest(String message) {
    if (!isInitialized()) {
      initialize();
    }
    int position;
    synchronized (this) {
      position = roundRobin;
      roundRobin = (roundRobin + 1) % poolSize;
    }
    return pool[position].toString() + message;
  }
}
