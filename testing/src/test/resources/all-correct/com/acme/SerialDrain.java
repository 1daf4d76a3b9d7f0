package com.acme;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A subscriber that serializes its own deliveries: whoever wins the {@code running} flag hands
 * the run to {@code drain()}, which sets the flag back when done, so runs never overlap and the
 * batch list is the one runner's.
 */
public class SerialDrain {
  private final Queue<String> pending = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean running = new AtomicBoolean();
  private final Executor executor;
  private final List<String> batch = new ArrayList<>();

  public SerialDrain(Executor executor) {
    this.executor = executor;
  }

  public void onNext(String item) {
    pending.add(item);
    schedule();
  }

  private void schedule() {
    if (!running.compareAndSet(false, true)) {
      return;
    }
    executor.execute(() -> drain());
  }

  private void drain() {
    try {
      String s;
      while ((s = pending.poll()) != null) {
        batch.add(s);
        if (batch.size() >= 16) {
          System.out.println(String.join(",", batch));
          batch.clear();
        }
      }
    } finally {
      running.set(false);
    }
    if (!pending.isEmpty()) {
      schedule();
    }
  }
}
