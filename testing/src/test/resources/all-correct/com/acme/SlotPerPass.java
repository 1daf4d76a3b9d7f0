package com.acme;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Each pass of the loop fills its own slot of a per-call array before it starts the task that
 * uses the slot; the tasks are waited for before the results are read.
 */
public class SlotPerPass {
  @SuppressWarnings("unchecked")
  public List<Long> match(int ordinals) throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    final int threads = 4;
    final List<Long>[] results = new List[threads];
    for (int i = 0; i < threads; i++) {
      final int slot = i;
      results[slot] = new ArrayList<>();
      pool.execute(() -> {
        for (int t = slot; t < ordinals; t += threads) {
          results[slot].add((long) t);
        }
      });
    }
    pool.shutdown();
    pool.awaitTermination(1, TimeUnit.HOURS);
    List<Long> all = new ArrayList<>();
    for (List<Long> r : results) {
      all.addAll(r);
    }
    return all;
  }
}
