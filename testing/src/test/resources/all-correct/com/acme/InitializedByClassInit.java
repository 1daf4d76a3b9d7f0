package com.acme;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * A registry of codecs filled when the class is initialized; lookups guard a re-fill with a flag
 * that the initialization sets and nothing clears, so the re-fill never runs once any thread can
 * call them (class initialization completes before any other use of the class, JLS 12.4.2).
 */
public final class InitializedByClassInit {
  private static final Map<String, Integer> CODECS = new HashMap<>();
  private static boolean loaded;

  static {
    load();
  }

  private InitializedByClassInit() {}

  private static void load() {
    CODECS.put("gzip", 1);
    CODECS.put("zstd", 2);
    loaded = true;
  }

  public static int codec(String name) {
    if (!loaded) {
      load();
    }
    return CODECS.getOrDefault(name, 0);
  }

  public static void warmUp(ExecutorService pool) {
    pool.submit(() -> codec("gzip"));
    pool.submit(() -> codec("zstd"));
  }
}
