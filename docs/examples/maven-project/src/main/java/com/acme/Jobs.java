package com.acme;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The team's own way to run work in the background. Shareguard sees that {@code later} hands its
 * argument to a pool because this file is compiled in the same javac run as its callers; were it in
 * a library jar, {@code -XepOpt:Shareguard:Spawners=com.acme.Jobs#later:0} would say so.
 */
public final class Jobs {
  private static final ExecutorService POOL = Executors.newFixedThreadPool(4);

  private Jobs() {}

  public static void later(Runnable task) {
    POOL.execute(task);
  }
}
