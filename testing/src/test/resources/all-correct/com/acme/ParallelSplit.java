package com.acme;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Work split over pool tasks started in a loop, each filling its own slot of a per-call array
 * under the array's monitor, then a wait for every task before the slots are summed: no task
 * runs once the wait returns, whether the loop started four tasks or none.
 */
public class ParallelSplit {
  private long lastTotal;

  public long sum(long[] values, int parts) throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(parts);
    long[] partial = new long[parts];
    for (int p = 0; p < parts; p++) {
      final int part = p;
      pool.execute(() -> {
        long s = 0;
        for (int i = part; i < values.length; i += parts) {
          s += values[i];
        }
        synchronized (partial) {
          partial[part] = s;
        }
      });
    }
    pool.shutdown();
    pool.awaitTermination(1, TimeUnit.MINUTES);
    long total = 0;
    for (long s : partial) {
      total += s;
    }
    lastTotal = total;
    return total;
  }
}
