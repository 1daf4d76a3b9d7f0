package com.acme;
import java.util.AbstractSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
/** A project set over a ConcurrentHashMap set only by its constructor. */
public class ConstructorSetConcurrentSet {
  static class ConcurrentSet<E> extends AbstractSet<E> {
    private transient Map<E, Boolean> map;
    ConcurrentSet() {
      map = new ConcurrentHashMap<>();
    }
    @Override public boolean add(E e) {
      return map.put(e, Boolean.TRUE) == null;
    }
    @Override public void clear() {
      map.clear();
    }
    @Override public Iterator<E> iterator() {
      return map.keySet().iterator();
    }
    @Override public int size() {
      return map.size();
    }
  }
  private final ConcurrentSet<String> failed = new ConcurrentSet<>();
  public void start(ScheduledExecutorService timer) {
    timer.scheduleWithFixedDelay(() -> {
      for (String name : new HashSet<>(failed)) {
        System.out.println(name);
      }
    }, 1, 1, TimeUnit.SECONDS);
  }
  public void fail(String name) {
    failed.add(name);
  }
  public void recover() {
    failed.clear();
  }
}
