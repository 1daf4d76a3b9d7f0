package com.acme;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The team's own way to run work in the background. Shareguard cannot know that {@code later} runs
 * its argument on another thread; the pom says so with -XepOpt:Shareguard:Spawners.
 */
public final class Jobs {
  private static final ExecutorService POOL = Executors.newFixedThreadPool(4);

  private Jobs() {}

  public static void later(Runnable task) {
    POOL.execute(task);
  }
}
