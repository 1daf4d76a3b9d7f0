package com.acme;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
/** Listener lists made thread-safe by a helper handed the map. */
public class HelperMadeListLists {
  private final ConcurrentMap<Class<?>, List<Runnable>> listeners = new ConcurrentHashMap<>();
  public void addListener(Class<?> type, Runnable listener) {
    getList(listeners, type).add(listener);
  }
  public void register(ExecutorService pool, Class<?> type) {
    pool.execute(() -> addListener(type, () -> {}));
  }
  private <T> List<T> getList(ConcurrentMap<Class<?>, List<T>> map, Class<?> type) {
    return map.computeIfAbsent(type, k -> new CopyOnWriteArrayList<>());
  }
}
