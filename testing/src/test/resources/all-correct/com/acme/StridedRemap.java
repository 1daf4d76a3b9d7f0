package com.acme;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A helper splits work over pool tasks, each taking every n-th element from its own start, and
 * waits for them all before it returns; the caller reads what they wrote after the call.
 */
public class StridedRemap {
  private int lastSize;

  public String[] remapAll(List<String> names) throws InterruptedException {
    String[] out = new String[names.size()];
    remap(names, out);
    lastSize = out.length == 0 ? 0 : out[out.length - 1].length();
    return out;
  }

  private void remap(List<String> names, String[] out) throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    final int tasks = 4;
    for (int i = 0; i < tasks; i++) {
      final int start = i;
      pool.execute(() -> {
        for (int k = start; k < names.size(); k += tasks) {
          out[k] = names.get(k).toUpperCase();
        }
      });
    }
    pool.shutdown();
    pool.awaitTermination(1, TimeUnit.MINUTES);
  }
}
