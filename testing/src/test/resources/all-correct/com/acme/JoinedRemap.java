package com.acme;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A history used from one thread at a time that remaps its states on pool tasks and waits for
 * them before the call returns: the tasks run only inside that call.
 */
public class JoinedRemap {
  private final List<String> states = new ArrayList<>();

  public void remapAll() throws InterruptedException {
    ExecutorService workers = Executors.newFixedThreadPool(4);
    for (int i = 0; i < 4; i++) {
      final int first = i;
      workers.execute(() -> {
        for (int t = first; t < states.size(); t += 4) {
          System.out.println(states.get(t));
        }
      });
    }
    workers.shutdown();
    workers.awaitTermination(1, TimeUnit.HOURS);
  }

  public void add(String state) {
    states.add(0, state);
  }
}
