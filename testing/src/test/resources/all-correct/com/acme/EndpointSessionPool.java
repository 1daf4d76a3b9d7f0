package com.acme;

import java.util.concurrent.ConcurrentHashMap;

/** Opens every session with a concurrent map of its own. */
public class EndpointSessionPool {
  public ReplaceableEndpoints make() {
    ReplaceableEndpoints s = new ReplaceableEndpoints();
    s.open(new ConcurrentHashMap<>());
    return s;
  }
}
