package com.acme;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Shards of work: each task a loop starts fills the slot of its own pass in an array of this
 * call, and the caller waits for all before combining; two gauges kept in two fixed elements of
 * one array, started once. Distinct elements of an array are distinct variables.
 */
public class PerTaskSlots {
  private final long[] gauges = new long[2];

  public long[] count(List<List<String>> shards) throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(shards.size());
    long[] sizes = new long[shards.size()];
    for (int i = 0; i < shards.size(); i++) {
      final int shard = i;
      pool.execute(() -> {
        long n = 0;
        for (String s : shards.get(shard)) {
          n += s.length();
        }
        sizes[shard] = n;
      });
    }
    pool.shutdown();
    pool.awaitTermination(1, TimeUnit.MINUTES);
    return sizes;
  }

  public void start(ExecutorService pool) {
    pool.execute(() -> gauges[0] = System.nanoTime());
    pool.execute(() -> gauges[1] = Runtime.getRuntime().freeMemory());
  }
}
