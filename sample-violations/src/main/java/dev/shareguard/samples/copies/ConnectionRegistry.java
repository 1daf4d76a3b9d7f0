package dev.shareguard.samples.copies;

import java.util.Collections;
import java.util.HashSet;
import java.util.Set;

/** Open connections of a server, listed by an admin endpoint while workers open and close them. */
public final class ConnectionRegistry {
  private ConnectionRegistry() {}

  /**
   * Bug: {@code openIds} returns a read-only view, not a copy. Workers keep changing the set under
   * the lock, while the admin endpoint iterates the view without it and fails with
   * ConcurrentModificationException.
   */
  public static final class Unsafe {
    private final Set<String> ids = new HashSet<>();

    public synchronized void open(String id) {
      ids.add(id);
    }

    public synchronized void close(String id) {
      ids.remove(id);
    }

    public synchronized Set<String> openIds() {
      // BUG: Diagnostic contains: UnmodifiableViewAsSnapshot
      return Collections.unmodifiableSet(ids);
    }
  }

  /** Fix: hand out a snapshot taken under the lock. */
  public static final class Safe {
    private final Set<String> ids = new HashSet<>();

    public synchronized void open(String id) {
      ids.add(id);
    }

    public synchronized void close(String id) {
      ids.remove(id);
    }

    public synchronized Set<String> openIds() {
      return Set.copyOf(ids);
    }
  }
}
