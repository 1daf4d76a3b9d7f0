package com.acme;

import java.util.HashMap;
import java.util.Map;

/** Sessions stored under the lock but looked up without it: the lookup races with the store. */
public class SessionCache {
  private final Map<String, String> userById = new HashMap<>();

  public synchronized void store(String id, String user) {
    userById.put(id, user);
  }

  public String find(String id) {
    return userById.get(id); // Shareguard: UnguardedSharedRead
  }
}
