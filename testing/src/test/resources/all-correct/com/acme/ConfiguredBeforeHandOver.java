package com.acme;

import com.google.errorprone.annotations.ThreadSafe;
import java.util.ArrayList;
import java.util.List;

/**
 * A session of a class declared thread-safe, given its destinations by a setter while it is
 * fresh, before its owner hands it over; its other methods read them later.
 */
@ThreadSafe
public class ConfiguredBeforeHandOver {
  private final List<String> dest = new ArrayList<>();

  public void setDest(List<String> given) {
    dest.addAll(given);
  }

  public String describe() {
    return String.join(",", dest);
  }
}
