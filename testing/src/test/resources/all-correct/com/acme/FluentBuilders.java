package com.acme;

import java.util.HashMap;
import java.util.Map;

/**
 * Mutable builders held in a map and filled in place through fluent {@code with…} setters that
 * return {@code this}: no copy is made, so no update is lost.
 */
public class FluentBuilders {
  public static class Builder {
    private String doc;
    private String name;

    public Builder withDoc(String d) {
      this.doc = d;
      return this;
    }

    public Builder withName(String n) {
      this.name = n;
      return this;
    }
  }

  public Map<String, Builder> read(String name, String doc) {
    Map<String, Builder> builders = new HashMap<>();
    Builder b = builders.computeIfAbsent(name, n -> new Builder().withName(n));
    b.withDoc(doc);
    return builders;
  }
}
