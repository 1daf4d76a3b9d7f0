package com.acme;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Pending requests keyed by fresh ids (an atomic counter's next value, a random UUID): only the
 * requester's own put ever inserts an id, so a look-up then a removal of it can race only with
 * another removal, which changes nothing the first one needed.
 */
public class FreshIdRequests {
  private final Map<Long, Map<String, String>> loads = new ConcurrentHashMap<>();
  private final Map<String, List<String>> traces = new ConcurrentHashMap<>();
  private final AtomicLong sequence = new AtomicLong();

  public long request(List<String> keys) {
    final long id = sequence.incrementAndGet();
    Map<String, String> pending = new ConcurrentHashMap<>();
    for (String k : keys) {
      pending.put(k, "");
    }
    loads.put(id, pending);
    return id;
  }

  public String take(long id, String key) {
    Map<String, String> pending = loads.get(id);
    if (pending == null) {
      return null;
    }
    String v = pending.remove(key);
    if (pending.isEmpty()) {
      loads.remove(id);
    }
    return v;
  }

  public boolean cancel(long id) {
    return loads.remove(id) != null;
  }

  public String trace(List<String> steps) {
    String id = UUID.randomUUID().toString();
    if (!traces.containsKey(id)) {
      traces.put(id, steps);
    }
    return id;
  }

  public List<String> finish(String id) {
    List<String> steps = traces.get(id);
    if (steps != null) {
      traces.remove(id);
    }
    return steps;
  }
}
