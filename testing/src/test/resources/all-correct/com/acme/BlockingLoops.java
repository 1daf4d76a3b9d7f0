package com.acme;

import java.util.concurrent.BlockingQueue;

/**
 * Plain stop flags polled by loops that block on every pass (a sleep, a queue's take): the flag
 * is read again after each wait, so a stop is seen a pass late at worst, never missed for ever.
 */
public class BlockingLoops {
  private boolean stopping;
  private boolean drained;
  private final BlockingQueue<Runnable> work;

  public BlockingLoops(BlockingQueue<Runnable> work) {
    this.work = work;
  }

  public void start() {
    new Thread(this::sweep).start();
    new Thread(this::drain).start();
  }

  public void stop() {
    stopping = true;
    drained = true;
  }

  private void sweep() {
    try {
      do {
        Thread.sleep(1000);
      } while (!stopping);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void drain() {
    try {
      while (!drained) {
        work.take().run();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
