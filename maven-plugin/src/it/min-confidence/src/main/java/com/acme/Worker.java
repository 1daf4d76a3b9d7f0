package com.acme;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Records events on a pool of threads and answers queries on the caller's. */
public class Worker {
  private final Registry registry = new Registry();
  private final ExecutorService pool = Executors.newFixedThreadPool(4);

  public void submit(String key) {
    pool.execute(() -> registry.record(key));
  }

  public int seen(String key) {
    return registry.count(key);
  }
}
