package com.acme;

/**
 * A service in a lifecycle framework's template-method style: {@code doStart()}, which the
 * framework's own {@code start()} calls once, recovers the state and then starts the snapshot
 * thread through a helper, so the recovery comes before the thread.
 */
public class TemplateStart {
  private long lastSnapshotTime;
  private Thread snapshotThread;

  protected void doStart() {
    recoverState();
    startSnapshotThread();
  }

  private void startSnapshotThread() {
    snapshotThread = new Thread(this::snapshotLoop);
    snapshotThread.start();
  }

  private void recoverState() {
    if (lastSnapshotTime == 0) {
      lastSnapshotTime = System.currentTimeMillis();
    }
  }

  private void snapshotLoop() {
    while (!Thread.currentThread().isInterrupted()) {
      synchronized (this) {
        lastSnapshotTime = System.currentTimeMillis();
      }
    }
  }

  public synchronized long lastSnapshot() {
    return lastSnapshotTime;
  }
}
