package dev.shareguard.samples.threads;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicReference;

/** Feature flags read on every request and updated by an admin task, copy-on-write. */
public final class FeatureFlags {
  private FeatureFlags() {}

  static List<String> initial() {
    List<String> flags = new ArrayList<>();
    flags.add("search-v2");
    return flags;
  }

  /**
   * Bug: readers take the list from the AtomicReference and iterate it without a lock, which is
   * only safe if a published list never changes. {@code disable} changes the published list in
   * place, so a request thread iterating it fails with ConcurrentModificationException or misses a
   * flag.
   */
  public static final class Unsafe {
    private final AtomicReference<List<String>> enabled = new AtomicReference<>(initial());

    public void disable(ExecutorService admin, String flag) {
      // BUG: Diagnostic contains: MutatedPublishedSnapshot
      admin.execute(() -> enabled.get().remove(flag));
    }

    public boolean isEnabled(String flag) {
      for (String f : enabled.get()) {
        if (f.equals(flag)) {
          return true;
        }
      }
      return false;
    }
  }

  /** Fix: build a new list from the current one and publish it; a published list never changes. */
  public static final class Safe {
    private final AtomicReference<List<String>> enabled = new AtomicReference<>(initial());

    public void disable(ExecutorService admin, String flag) {
      admin.execute(
          () ->
              enabled.updateAndGet(
                  current -> {
                    List<String> copy = new ArrayList<>(current);
                    copy.remove(flag);
                    return copy;
                  }));
    }

    public boolean isEnabled(String flag) {
      for (String f : enabled.get()) {
        if (f.equals(flag)) {
          return true;
        }
      }
      return false;
    }
  }
}
