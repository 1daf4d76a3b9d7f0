package com.acme;

import java.util.HashMap;
import java.util.Map;

/**
 * Settings given by plain fluent setters and read inside a synchronized lazy getter: the lock
 * guards the lazily built client, not the settings, which no locked code changes.
 */
public class LockedLazyGetter {
  private final Map<String, String> options = new HashMap<>();
  private Object client;

  public LockedLazyGetter option(String key, String value) {
    options.put(key, value);
    return this;
  }

  public synchronized Object client() {
    if (client == null) {
      client = String.valueOf(options.get("endpoint"));
    }
    return client;
  }
}
