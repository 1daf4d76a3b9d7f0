package com.acme;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Trackers held in a concurrent map, reconfigured only by tasks of a pool of at most one thread
 * (core 0, maximum 1: the thread is made when work comes and ends when idle): the changes to a
 * tracker run one at a time, in order.
 */
public class AtMostOneThreadPool {
  private final ExecutorService config =
      new ThreadPoolExecutor(0, 1, 20, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
  private final ConcurrentMap<String, Tracker> trackers = new ConcurrentHashMap<>();

  /** One context's settings, changed on the configuration thread. */
  static class Tracker {
    private Map<String, String> properties = Map.of();
    private int version;

    void reconfigure(Map<String, String> next) {
      properties = next;
      version = version + 1;
    }
  }

  public void register(String name) {
    trackers.putIfAbsent(name, new Tracker());
  }

  public void changed(String name, Map<String, String> next) {
    config.submit(() -> {
      Tracker t = trackers.get(name);
      if (t != null) {
        t.reconfigure(next);
      }
    });
  }
}
