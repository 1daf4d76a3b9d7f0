package com.acme;

import java.util.concurrent.ExecutorService;

/** An object that hands itself to a pool: one activity, whose runs do not overlap each other. */
public class SelfSubmittingWorker implements Runnable {
  private int runs;

  public void receive(ExecutorService pool) {
    pool.submit(this);
  }

  @Override
  public void run() {
    runs++;
  }
}
