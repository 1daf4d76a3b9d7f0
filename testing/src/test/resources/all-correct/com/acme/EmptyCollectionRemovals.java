package com.acme;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;

/**
 * Removals from the JDK's shared empty collections: nothing to remove, nothing thrown
 * ({@code Collections.emptyList().clear()} is a no-op).
 */
public class EmptyCollectionRemovals {
  public Collection<String> regions() {
    return Collections.emptyList();
  }

  public Map<String, String> settings() {
    return Collections.emptyMap();
  }

  public void stop() {
    regions().clear();
    settings().remove("a");
  }
}
