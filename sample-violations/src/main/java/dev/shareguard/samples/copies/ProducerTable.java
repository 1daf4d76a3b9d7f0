package dev.shareguard.samples.copies;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A broker's table of producer channels per group, handed out as a snapshot for admin queries: the
 * shape of a shipped bug where only the outer map was copied.
 */
public final class ProducerTable {
  private ProducerTable() {}

  /**
   * Bug: the snapshot copies the outer map under the lock, but its values are the live inner maps,
   * which {@code register} and {@code unregister} change in place; a caller iterating a group's
   * channels races with them.
   */
  public static final class Unsafe {
    private final Lock lock = new ReentrantLock();
    private final Map<String, Map<String, Long>> byGroup = new HashMap<>();

    public Map<String, Map<String, Long>> snapshot() {
      Map<String, Map<String, Long>> copy = new HashMap<>();
      lock.lock();
      try {
        copy.putAll(byGroup);
      } finally {
        lock.unlock();
      }
      // BUG: Diagnostic contains: ShallowCopyMutation
      return copy;
    }

    public void register(String group, String channel) {
      lock.lock();
      try {
        byGroup.computeIfAbsent(group, g -> new HashMap<>()).put(channel, System.nanoTime());
      } finally {
        lock.unlock();
      }
    }

    public void unregister(String group, String channel) {
      lock.lock();
      try {
        Map<String, Long> channels = byGroup.get(group);
        if (channels != null) {
          channels.remove(channel);
        }
      } finally {
        lock.unlock();
      }
    }
  }

  /** Fix: copy each inner map too, under the same lock. */
  public static final class Safe {
    private final Lock lock = new ReentrantLock();
    private final Map<String, Map<String, Long>> byGroup = new HashMap<>();

    public Map<String, Map<String, Long>> snapshot() {
      Map<String, Map<String, Long>> copy = new HashMap<>();
      lock.lock();
      try {
        byGroup.forEach((group, channels) -> copy.put(group, new HashMap<>(channels)));
      } finally {
        lock.unlock();
      }
      return copy;
    }

    public void register(String group, String channel) {
      lock.lock();
      try {
        byGroup.computeIfAbsent(group, g -> new HashMap<>()).put(channel, System.nanoTime());
      } finally {
        lock.unlock();
      }
    }
  }
}
