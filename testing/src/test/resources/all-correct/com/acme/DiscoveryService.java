package com.acme;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A service that runs itself on a plain thread kept in a field, and whose stop() joins that
 * thread: what shutdown() does after stop() returns comes after every add of the thread.
 */
public class DiscoveryService implements Runnable {
  private final List<String> devices = new ArrayList<>();
  private final AtomicBoolean running = new AtomicBoolean(false);
  private Thread runner;

  public void start() {
    if (!running.compareAndSet(false, true)) {
      return;
    }
    runner = new Thread(this, "discovery");
    runner.setDaemon(true);
    runner.start();
  }

  public void stop() {
    if (!running.compareAndSet(true, false)) {
      return;
    }
    try {
      runner.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    runner = null;
  }

  @Override
  public void run() {
    do {
      devices.add("device");
    } while (running.get());
  }

  public void shutdown() {
    stop();
    devices.clear();
  }
}
