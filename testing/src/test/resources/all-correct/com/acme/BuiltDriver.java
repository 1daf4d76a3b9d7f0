package com.acme;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A load driver whose builder fills the driver it holds and hands it out only from build(); the
 * driver's scheduled task starts later, in start().
 */
public class BuiltDriver {
  private int threads;
  private long rate;
  private ScheduledExecutorService executor;

  public void start() {
    executor.scheduleAtFixedRate(new Runnable() {
      @Override
      public void run() {
        rate = rate / threads + 1;
      }
    }, 1, 1, TimeUnit.SECONDS);
  }

  public static class Builder {
    private BuiltDriver driver = new BuiltDriver();

    public Builder withThreads(int n) {
      driver.threads = n;
      return this;
    }

    public BuiltDriver build() {
      driver.executor = Executors.newScheduledThreadPool(driver.threads);
      return driver;
    }
  }
}
