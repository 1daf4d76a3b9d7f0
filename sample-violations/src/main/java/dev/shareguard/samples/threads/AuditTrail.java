package dev.shareguard.samples.threads;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;

/** An audit trail that request handlers append to while an exporter walks it. */
public final class AuditTrail {
  private AuditTrail() {}

  /** Where exported entries go. */
  public interface Sink {
    void write(String line);
  }

  /**
   * Bug: the list is a {@code Collections.synchronizedList}, so each {@code add} is safe, but
   * {@code export} walks it with a for-each loop without holding its monitor. A handler adding
   * an entry mid-walk makes the iterator throw ConcurrentModificationException.
   */
  public static final class Unsafe {
    private final List<String> entries = Collections.synchronizedList(new ArrayList<>());

    public void record(ExecutorService handlers, String user, String action) {
      handlers.execute(() -> entries.add(user + " " + action));
    }

    public void export(Sink sink) {
      // BUG: Diagnostic contains: SynchronizedCollectionIteration
      for (String entry : entries) {
        sink.write(entry);
      }
    }
  }

  /**
   * Fix: take a copy while holding the list's own monitor (the lock every single call of the
   * wrapper uses), then write the copy out without holding it.
   */
  public static final class Safe {
    private final List<String> entries = Collections.synchronizedList(new ArrayList<>());

    public void record(ExecutorService handlers, String user, String action) {
      handlers.execute(() -> entries.add(user + " " + action));
    }

    public void export(Sink sink) {
      List<String> copy;
      synchronized (entries) {
        copy = new ArrayList<>(entries);
      }
      for (String entry : copy) {
        sink.write(entry);
      }
    }
  }
}
