package com.acme;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Fluent configuration of a compose file, through overloads that return this. */
public class FluentCompose {
  private final Map<String, List<String>> waits = new ConcurrentHashMap<>();

  public FluentCompose withExposedService(String name, int port) {
    waits.computeIfAbsent(name, k -> new ArrayList<>()).add(name + port);
    return this;
  }

  public FluentCompose withExposedService(String name, int instance, int port) {
    return withExposedService(name + "-" + instance, port);
  }

  public void start() {
    for (List<String> w : waits.values()) {
      System.out.println(w);
    }
  }
}
