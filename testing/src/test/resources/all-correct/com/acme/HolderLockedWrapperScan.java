package com.acme;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * A synchronized wrapper traversed without its own monitor, but only in synchronized methods of
 * the object holding it, which every change of it runs in too: that monitor keeps them apart.
 */
public class HolderLockedWrapperScan {
  private final Map<String, String> attached = Collections.synchronizedMap(new HashMap<>());
  private Thread scanner;

  public synchronized void start() {
    scanner =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                scan();
              }
            });
    scanner.start();
  }

  public synchronized void stop() {
    attached.clear();
  }

  synchronized void scan() {
    for (Map.Entry<String, String> e : attached.entrySet()) {
      e.getValue();
    }
    attached.put("device", "present");
  }
}
