package com.acme;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Views of changing collections handed to a constructor and a setter that copy what they are
 * given: the receivers keep copies, so later changes do not reach them.
 */
public class ViewsHandedToCopiers {
  public static final class Batch {
    private final List<String> items;

    public Batch(List<String> given) {
      items = List.copyOf(given);
    }

    public List<String> items() {
      return items;
    }
  }

  public static final class Changes {
    private Set<String> keys = Set.of();

    public void setKeys(Set<String> given) {
      if (given != null) {
        keys = Set.copyOf(new HashSet<>(given));
      }
    }
  }

  private final List<String> pending = new ArrayList<>();
  private final Set<String> seen = new HashSet<>();

  public void add(String item) {
    pending.add(item);
    seen.add(item);
  }

  public Batch flush(Changes changes) {
    Batch b = new Batch(Collections.unmodifiableList(pending));
    changes.setKeys(Collections.unmodifiableSet(seen));
    pending.clear();
    seen.clear();
    return b;
  }
}
