package dev.shareguard.samples.threads;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A registry of named timers, with a configuration object that adds name filters at run time. */
public final class TimerRegistry {
  private TimerRegistry() {}

  /** A timer: how many times it ran and for how long in all. */
  public static final class Timer {
    private long count;
    private long totalNanos;

    public synchronized void record(long nanos) {
      count++;
      totalNanos += nanos;
    }

    public synchronized long count() {
      return count;
    }

    public synchronized long totalNanos() {
      return totalNanos;
    }
  }

  /**
   * Bug: the timers map is guarded by {@code timersLock}, but the configuration's {@code filter}
   * holds only its own monitor while it copies the map's keys: a request thread creating a timer
   * at the same time changes the map under the copy (ConcurrentModificationException, or a name
   * missed). Both methods lock, just not the same object.
   */
  public static final class Unsafe {
    private final Object timersLock = new Object();
    private final Map<String, Timer> timers = new HashMap<>();
    private final Set<String> stale = new HashSet<>();
    private final Config config = new Config();

    public Timer timer(String name) {
      synchronized (timersLock) {
        return timers.computeIfAbsent(name, n -> new Timer());
      }
    }

    public Config config() {
      return config;
    }

    /** Name filters; adding one marks every existing timer stale. */
    public final class Config {
      private final List<String> filters = new ArrayList<>();

      public synchronized Config filter(String prefix) {
        filters.add(prefix);
        // BUG: Diagnostic contains: held here: this; there: timersLock
        stale.addAll(timers.keySet());
        return this;
      }
    }
  }

  /** Fixed: the copy takes the lock the map's writers hold. */
  public static final class Safe {
    private final Object timersLock = new Object();
    private final Map<String, Timer> timers = new HashMap<>();
    private final Set<String> stale = new HashSet<>();
    private final Config config = new Config();

    public Timer timer(String name) {
      synchronized (timersLock) {
        return timers.computeIfAbsent(name, n -> new Timer());
      }
    }

    public Config config() {
      return config;
    }

    /** Name filters; adding one marks every existing timer stale. */
    public final class Config {
      private final List<String> filters = new ArrayList<>();

      public synchronized Config filter(String prefix) {
        filters.add(prefix);
        synchronized (timersLock) {
          stale.addAll(timers.keySet());
        }
        return this;
      }
    }
  }
}
