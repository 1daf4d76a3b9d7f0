package com.acme;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Two daemons of one private Thread subclass, each an anonymous subclass: the cleanup daemon runs
 * only its own doRun(), so the snapshot time is checked and set on the snapshot daemon alone, and
 * read in start() before either starts.
 */
public class AnonymousDaemons {
  private long lastSnapshotTime;
  private long cleanups;
  private Daemon cleanupThread;
  private Daemon snapshotThread;

  public synchronized void start() {
    restore();
    cleanupThread = new Daemon() {
      @Override
      void doRun() {
        cleanup();
      }
    };
    cleanupThread.start();
    snapshotThread = new Daemon() {
      @Override
      void doRun() {
        snapshot();
      }
    };
    snapshotThread.start();
  }

  private synchronized void restore() {
    if (lastSnapshotTime == 0) {
      System.out.println("fresh");
    }
  }

  private void cleanup() {
    synchronized (this) {
      cleanups++;
    }
  }

  private void snapshot() {
    long now = System.currentTimeMillis();
    if (lastSnapshotTime < now - 1000) {
      lastSnapshotTime = now;
    }
  }

  public void stop() {
    cleanupThread.shutdown();
    snapshotThread.shutdown();
  }

  private abstract static class Daemon extends Thread {
    private final AtomicBoolean stopped = new AtomicBoolean();

    @Override
    public void run() {
      while (!stopped.get()) {
        doRun();
      }
    }

    abstract void doRun();

    void shutdown() {
      stopped.set(true);
    }
  }
}
