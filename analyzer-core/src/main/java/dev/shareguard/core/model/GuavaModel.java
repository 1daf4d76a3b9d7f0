package dev.shareguard.core.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Guava, as a project sees it from its jar: its listening executors are executors (their {@code
 * submit} and {@code execute} hand tasks to other threads), and a {@code MapMaker} chain ends in
 * a concurrent map. Its concurrent factories and immutable collections are in {@link
 * LibraryModels}' tables.
 */
final class GuavaModel implements FrameworkModel {
  private static final String UC = "com.google.common.util.concurrent.";
  private static final String MAP_MAKER = "com.google.common.collect.MapMaker";

  @Override
  public String name() {
    return "Guava";
  }

  @Override
  public Map<String, List<String>> librarySupertypes() {
    return Map.of(
        UC + "ListeningExecutorService", List.of("java.util.concurrent.ExecutorService"),
        UC + "ListeningScheduledExecutorService",
        List.of("java.util.concurrent.ScheduledExecutorService", UC + "ListeningExecutorService"),
        UC + "ListenableFuture", List.of("java.util.concurrent.Future"),
        UC + "SettableFuture", List.of(UC + "ListenableFuture"));
  }

  /** Each step of a {@code MapMaker} chain returns the maker; {@code makeMap()} the map. */
  @Override
  public Map<String, String> libraryReturnTypes() {
    Map<String, String> m = new HashMap<>();
    for (String step : List.of("weakKeys", "weakValues", "concurrencyLevel", "initialCapacity")) {
      m.put(MAP_MAKER + "#" + step, MAP_MAKER);
    }
    m.put(MAP_MAKER + "#makeMap", "java.util.concurrent.ConcurrentMap");
    return Map.copyOf(m);
  }
}
