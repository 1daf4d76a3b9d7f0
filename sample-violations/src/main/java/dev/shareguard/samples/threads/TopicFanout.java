package dev.shareguard.samples.threads;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;

/** Subscribers per topic, registered by connection handlers on a thread pool. */
public final class TopicFanout {
  private TopicFanout() {}

  /** Somewhere to deliver messages. */
  public interface Subscriber {
    void deliver(String message);
  }

  /**
   * Bug: the map is a {@code ConcurrentHashMap}, but the lists it holds are plain {@code
   * ArrayList}s, appended to by several handler threads at once and walked by publishers. Two
   * appends to one topic's list lose a subscriber or corrupt the list's array.
   */
  public static final class Unsafe {
    private final Map<String, List<Subscriber>> byTopic = new ConcurrentHashMap<>();

    public void subscribe(ExecutorService handlers, String topic, Subscriber s) {
      handlers.execute(
          // BUG: Diagnostic contains: UnguardedMapValueMutation
          () -> byTopic.computeIfAbsent(topic, t -> new ArrayList<>()).add(s));
    }

    public int subscriberCount(String topic) {
      List<Subscriber> subscribers = byTopic.get(topic);
      return subscribers == null ? 0 : subscribers.size();
    }
  }

  /** Fix: hold thread-safe lists; CopyOnWriteArrayList suits many reads and few registrations. */
  public static final class Safe {
    private final Map<String, List<Subscriber>> byTopic = new ConcurrentHashMap<>();

    public void subscribe(ExecutorService handlers, String topic, Subscriber s) {
      handlers.execute(
          () -> byTopic.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(s));
    }

    public int subscriberCount(String topic) {
      List<Subscriber> subscribers = byTopic.get(topic);
      return subscribers == null ? 0 : subscribers.size();
    }
  }
}
