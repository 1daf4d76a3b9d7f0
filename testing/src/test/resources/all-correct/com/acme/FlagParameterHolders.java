package com.acme;

import java.util.concurrent.ExecutorService;

/**
 * A helper that fills a static field only when asked to create it: the lock-holding configure()
 * passes true, the task's lookup passes false and so never stores; the field is volatile, so
 * the lookup sees the holder configure() made.
 */
public class FlagParameterHolders {
  private static volatile Holder single;

  static final class Holder {}

  private static Holder current(boolean create) {
    if (single == null && create) {
      single = new Holder();
    }
    return single;
  }

  public static synchronized void configure() {
    current(true);
  }

  public static Object lookup() {
    return current(false);
  }

  public static void watch(ExecutorService pool) {
    pool.submit(FlagParameterHolders::lookup);
  }
}
