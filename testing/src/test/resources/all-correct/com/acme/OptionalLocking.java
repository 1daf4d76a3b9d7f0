package com.acme;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * A buffer that takes its lock unless it was built for one thread: in that mode the same work
 * runs without it, and no other thread shares the object.
 */
public class OptionalLocking {
  private final Object lock = new Object();
  private final boolean singleThreaded;
  private final List<String> lines = new ArrayList<>();

  public OptionalLocking(boolean singleThreaded) {
    this.singleThreaded = singleThreaded;
  }

  public void start(ExecutorService pool) {
    pool.execute(() -> append("ready"));
  }

  public void append(String line) {
    if (singleThreaded) {
      lines.add(line);
    } else {
      synchronized (lock) {
        lines.add(line);
      }
    }
  }

  public String text() {
    synchronized (lock) {
      return String.join("\n", lines);
    }
  }
}
