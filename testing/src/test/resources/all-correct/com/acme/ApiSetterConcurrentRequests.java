package com.acme;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A map published through an AtomicReference that the class only ever gives concurrent maps; an
 * API setter nothing calls lets a caller hand in another, expected to be concurrent as well.
 */
public class ApiSetterConcurrentRequests {
  private final AtomicReference<Map<String, CompletableFuture<String>>> inflight =
      new AtomicReference<>(new ConcurrentHashMap<>());
  private final ScheduledExecutorService timer;

  public ApiSetterConcurrentRequests(ScheduledExecutorService timer) {
    this.timer = timer;
  }

  public void setInflight(Map<String, CompletableFuture<String>> requests) {
    inflight.set(requests);
  }

  public void add(String id, CompletableFuture<String> f) {
    inflight.get().put(id, f);
    timer.schedule(() -> remove(id), 5, TimeUnit.SECONDS);
  }

  public CompletableFuture<String> remove(String id) {
    return inflight.get().remove(id);
  }

  public void close() {
    Map<String, CompletableFuture<String>> old = inflight.getAndSet(new ConcurrentHashMap<>());
    old.values().forEach(f -> f.cancel(true));
  }
}
