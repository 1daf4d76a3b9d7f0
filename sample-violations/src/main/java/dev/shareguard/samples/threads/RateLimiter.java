package dev.shareguard.samples.threads;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A fixed-window rate limiter for an API gateway: each client may make {@code limitPerSecond}
 * requests per window, and a scheduler thread opens a new window every second. The incident: the
 * window reset cleared the counters while request threads were updating them, so the map lost
 * entries mid-update and some clients got through at many times their limit.
 */
public final class RateLimiter {
  private RateLimiter() {}

  /**
   * Bug: the reset task on the scheduler thread clears {@code requestsInWindow} while request
   * threads read and update it in {@code tryAcquire}, with no lock in common. A {@code HashMap}
   * cleared during a {@code put} can drop the entry or corrupt the table.
   */
  public static final class Unsafe {
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final Map<String, Integer> requestsInWindow = new HashMap<>();
    private final int limitPerSecond;

    public Unsafe(int limitPerSecond) {
      this.limitPerSecond = limitPerSecond;
    }

    public void start() {
      scheduler.scheduleAtFixedRate(
          new Runnable() {
            @Override
            public void run() {
              // Medium, shown at --min-confidence medium: one side is a public method that only
              // this class suggests other threads call (docs/index.md, "Evidence and confidence").
              // BUG at medium: Diagnostic contains: UnguardedSharedWrite
              requestsInWindow.clear();
            }
          },
          1,
          1,
          TimeUnit.SECONDS);
    }

    public boolean tryAcquire(String clientId) {
      // The other side of a race reported once, at its write (related location there).
      Integer used = requestsInWindow.get(clientId);
      int count = used == null ? 0 : used;
      if (count >= limitPerSecond) {
        return false;
      }
      // Medium, shown at --min-confidence medium: one side is a public method that only
      // this class suggests other threads call (docs/index.md, "Evidence and confidence").
      // BUG at medium: Diagnostic contains: UnguardedSharedWrite
      requestsInWindow.put(clientId, count + 1);
      return true;
    }
  }

  /**
   * Fix: one {@code ReentrantLock} guards every access to {@code requestsInWindow}, taken with
   * {@code lock()} and released in {@code finally}. The reset and each check-and-count run one at a
   * time, so the read, the test and the increment in {@code tryAcquire} are also atomic together.
   */
  public static final class Safe {
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Integer> requestsInWindow = new HashMap<>();
    private final int limitPerSecond;

    public Safe(int limitPerSecond) {
      this.limitPerSecond = limitPerSecond;
    }

    public void start() {
      scheduler.scheduleAtFixedRate(
          new Runnable() {
            @Override
            public void run() {
              lock.lock();
              try {
                requestsInWindow.clear();
              } finally {
                lock.unlock();
              }
            }
          },
          1,
          1,
          TimeUnit.SECONDS);
    }

    public boolean tryAcquire(String clientId) {
      lock.lock();
      try {
        Integer used = requestsInWindow.get(clientId);
        int count = used == null ? 0 : used;
        if (count >= limitPerSecond) {
          return false;
        }
        requestsInWindow.put(clientId, count + 1);
        return true;
      } finally {
        lock.unlock();
      }
    }
  }
}
