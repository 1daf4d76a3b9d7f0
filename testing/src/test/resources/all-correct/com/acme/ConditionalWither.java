package com.acme;

import java.util.ArrayList;
import java.util.List;

/** A record's wither result chosen by a conditional and passed on: used, not dropped. */
public class ConditionalWither {
  public record Dimension(String name, int size) {
    public Dimension withSize(int s) {
      return new Dimension(name, s);
    }
  }

  private final List<Dimension> dimensions = new ArrayList<>();

  public List<Dimension> packed() {
    List<Dimension> out = new ArrayList<>();
    for (Dimension d : dimensions) {
      out.add(d.size() > 0 ? d.withSize((d.size() + 7) / 8) : d);
    }
    return out;
  }
}
