package com.acme;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A memo cache of compiled patterns: a pattern object fills its fields in its constructor and
 * only reads them afterwards, so two threads that both miss build equal objects, and whichever
 * the map keeps serves.
 */
public class BuiltOnceMemo {
  private final Map<String, Compiled> cache = new ConcurrentHashMap<>();

  public boolean matches(String pattern, String path) {
    Compiled c = cache.get(pattern);
    if (c == null) {
      c = new Compiled(pattern);
      cache.put(pattern, c);
    }
    return c.test(path);
  }

  static final class Compiled {
    private final List<String> parts = new ArrayList<>();
    private boolean wildcard;

    Compiled(String pattern) {
      for (String p : pattern.split("/")) {
        parts.add(p);
        wildcard |= p.equals("*");
      }
    }

    boolean test(String path) {
      int i = 0;
      for (String p : path.split("/")) {
        if (i >= parts.size() || !(wildcard || parts.get(i).equals(p))) {
          return false;
        }
        i++;
      }
      return i == parts.size();
    }
  }
}
