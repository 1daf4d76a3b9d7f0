package dev.shareguard.samples.threads;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

/** Per-topic subscriber counts updated by many request threads. */
public final class SubscriptionRegistry {
  private SubscriptionRegistry() {}

  /**
   * Bug: the map is a {@code ConcurrentHashMap}, so every single call is safe, but {@code
   * subscribe} reads the count and writes it back in two calls. Two subscribers to one topic both
   * read 4 and both write 5: one subscription is lost. {@code topic} has the same gap between
   * {@code containsKey} and {@code put}.
   */
  public static final class Unsafe {
    private final Map<String, Integer> subscribers = new ConcurrentHashMap<>();

    public void subscribe(ExecutorService requests, String topic) {
      requests.execute(() -> {
        // BUG: Diagnostic contains: NonAtomicMapUpdate
        Integer n = subscribers.get(topic);
        subscribers.put(topic, n == null ? 1 : n + 1);
      });
    }

    public void open(String topic) {
      // BUG: Diagnostic contains: NonAtomicMapUpdate
      if (!subscribers.containsKey(topic)) {
        subscribers.put(topic, 0);
      }
    }
  }

  /** Fix: one atomic call per update: {@code merge} adds, {@code putIfAbsent} only creates. */
  public static final class Safe {
    private final Map<String, Integer> subscribers = new ConcurrentHashMap<>();

    public void subscribe(ExecutorService requests, String topic) {
      requests.execute(() -> subscribers.merge(topic, 1, Integer::sum));
    }

    public void open(String topic) {
      subscribers.putIfAbsent(topic, 0);
    }
  }
}
