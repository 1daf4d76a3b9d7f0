package com.acme;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
/** Double-checked lazy set-up of EnumMap slots: a stale slot at worst. */
public class EnumMapPools {
  enum Kind { ACCEPTOR, WORKER }
  private final Object lock = new Object();
  private final Map<Kind, StringBuilder> pools = new EnumMap<>(Kind.class);
  public StringBuilder pool(Kind kind) {
    StringBuilder p = pools.get(kind);
    if (p == null) {
      synchronized (lock) {
        p = new StringBuilder(kind.name());
        pools.put(kind, p);
      }
    }
    return p;
  }
  public void warm(ExecutorService ex) {
    ex.execute(() -> pool(Kind.WORKER));
  }
}
