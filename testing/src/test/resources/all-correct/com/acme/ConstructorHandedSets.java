package com.acme;

import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

/**
 * A set given through a constructor's parameter, which the only call of that constructor (the
 * public one's this(…)) passes as a concurrent set: adds and removes from any thread are safe.
 */
public class ConstructorHandedSets {
  private final Set<String> consumers;

  public ConstructorHandedSets() {
    this(Collections.newSetFromMap(new ConcurrentHashMap<>()));
  }

  ConstructorHandedSets(Set<String> consumers) {
    this.consumers = Objects.requireNonNull(consumers, "consumers");
  }

  public void create(String consumer) {
    consumers.add(consumer);
  }

  public void closeLater(ExecutorService pool, String consumer) {
    pool.submit(() -> consumers.remove(consumer));
  }
}
