package com.acme;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
/**
 * A map the class fills with a concurrent map, which open() lets its pool replace with another
 * concurrent map: traversals that remove race with nothing.
 */
public class ReplaceableEndpoints {
  private volatile Map<String, String> endpoints = new ConcurrentHashMap<>();
  public synchronized void open(Map<String, String> endpoints) {
    this.endpoints = endpoints;
  }
  public void redirect(String key, String endpoint) {
    endpoints.put(key, endpoint);
  }
  public void removeBroken(ExecutorService pool, String endpoint) {
    pool.submit(() -> {
      for (Iterator<Map.Entry<String, String>> it = endpoints.entrySet().iterator(); it.hasNext(); ) {
        if (it.next().getValue().equals(endpoint)) {
          it.remove();
        }
      }
    });
  }
}
