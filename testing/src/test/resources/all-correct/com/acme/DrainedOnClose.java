package com.acme;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A cache whose loads run on its own single-thread loader; closing it shuts the loader down and
 * waits for it before it drops what the loads filled in, so no load runs any more by then.
 */
public class DrainedOnClose {
  private final ExecutorService loader = Executors.newSingleThreadExecutor();
  private final Map<String, String> loaded = new HashMap<>();

  public void load(String key) {
    loader.execute(() -> loaded.put(key, key.toUpperCase()));
  }

  public void close() throws InterruptedException {
    loader.shutdown();
    loader.awaitTermination(1, TimeUnit.MINUTES);
    loaded.clear();
  }
}
