package com.acme;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * A map made by the project's own factory of synchronized wrappers: every single call locks the
 * wrapper, and the one traversal holds its monitor.
 */
public class FactoryMadeSynchronizedMap {
  static <K, V> Map<K, V> synchronizedLinkedMap() {
    return java.util.Collections.synchronizedMap(new LinkedHashMap<K, V>());
  }

  final Map<String, String> declarations = synchronizedLinkedMap();

  public void declare(ExecutorService pool, String name, String spec) {
    pool.submit(() -> declarations.put(name, spec));
  }

  public void forget(ExecutorService pool, String name) {
    pool.submit(() -> declarations.remove(name));
  }

  public int totalLength() {
    int n = 0;
    synchronized (declarations) {
      for (String spec : declarations.values()) {
        n += spec.length();
      }
    }
    return n;
  }
}
