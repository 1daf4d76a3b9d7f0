package com.acme;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A subscriber of a library's own Reactive Streams interface: its signals come one at a time, so
 * the look-up and put of a group in onNext race with nobody.
 */
public final class OwnReactiveSubscriber {
  public interface Subscription {
    void request(long n);
  }

  public interface Subscriber<T> {
    void onSubscribe(Subscription s);

    void onNext(T item);

    void onError(Throwable t);

    void onComplete();
  }

  public static final class Group {
    private final List<String> items = new ArrayList<>();

    void add(String item) {
      items.add(item);
    }
  }

  public static final class GroupingSubscriber implements Subscriber<String> {
    private final Map<String, Group> groups = new ConcurrentHashMap<>();

    @Override
    public void onSubscribe(Subscription s) {
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(String item) {
      String key = item.substring(0, 1);
      Group g = groups.get(key);
      if (g == null) {
        g = new Group();
        groups.put(key, g);
      }
      g.add(item);
    }

    @Override
    public void onError(Throwable t) {
      groups.clear();
    }

    @Override
    public void onComplete() {
      groups.clear();
    }
  }
}
