package com.acme;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
/**
 * A subscriber whose groups are put only by its serial onNext, when the look-up found none, and
 * removed conditionally by cancelGroup from any thread: a removal cannot make the put lose
 * anything.
 */
public final class PutOnAbsenceBesideRemovals {
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
    synchronized void add(String item) {
      items.add(item);
    }
  }
  public static final class GroupingSubscriber implements Subscriber<String> {
    private final Map<String, Group> groups = new ConcurrentHashMap<>();
    @Override public void onSubscribe(Subscription s) {
      s.request(Long.MAX_VALUE);
    }
    @Override public void onNext(String item) {
      String key = item.substring(0, 1);
      Group g = groups.get(key);
      if (g == null) {
        g = new Group();
        groups.put(key, g);
      }
      g.add(item);
    }
    @Override public void onError(Throwable t) {
    }
    @Override public void onComplete() {
    }
    public void cancelGroup(String key, Group g) {
      groups.remove(key, g);
    }
  }
}
