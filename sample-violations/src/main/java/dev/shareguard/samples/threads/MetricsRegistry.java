package dev.shareguard.samples.threads;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A timing registry: jobs run on a worker pool and add their elapsed time to a per-operation total,
 * and an admin endpoint renders the totals. The incident: a {@code HashMap} updated by several pool
 * threads at once loses updates and can corrupt its buckets during a resize, and the report
 * iterates it while it changes.
 */
public final class MetricsRegistry {
  private MetricsRegistry() {}

  /**
   * Bug: every pool thread calls {@code merge} on the same {@code HashMap}, and {@code report}
   * iterates it with no lock. Pool tasks run in parallel with each other and with the caller of
   * {@code report}, so both the update and the iteration race.
   */
  public static final class Unsafe {
    private final ExecutorService workers = Executors.newFixedThreadPool(8);
    private final Map<String, Long> totalNanos = new HashMap<>();

    public void runTimed(String operation, Runnable job) {
      workers.execute(
          () -> {
            long start = System.nanoTime();
            job.run();
            long elapsed = System.nanoTime() - start;
            // BUG: Diagnostic contains: UnguardedSharedWrite
            totalNanos.merge(operation, elapsed, Long::sum);
          });
    }

    public String report() {
      StringBuilder out = new StringBuilder();
      // Medium, shown at --min-confidence medium: one side is a public method that only
      // this class suggests other threads call (docs/index.md, "Evidence and confidence").
      // BUG at medium: Diagnostic contains: UnguardedSharedRead
      for (Map.Entry<String, Long> entry : totalNanos.entrySet()) {
        out.append(entry.getKey()).append('=').append(entry.getValue()).append('\n');
      }
      return out.toString();
    }
  }

  /**
   * Fix: a {@code ConcurrentHashMap}, whose {@code merge} is atomic and whose iteration is weakly
   * consistent (never throws, never sees a corrupt table). The report copies it into a local {@code
   * TreeMap} for a stable order.
   */
  public static final class Safe {
    private final ExecutorService workers = Executors.newFixedThreadPool(8);
    private final ConcurrentHashMap<String, Long> totalNanos = new ConcurrentHashMap<>();

    public void runTimed(String operation, Runnable job) {
      workers.execute(
          () -> {
            long start = System.nanoTime();
            job.run();
            long elapsed = System.nanoTime() - start;
            totalNanos.merge(operation, elapsed, Long::sum);
          });
    }

    public String report() {
      StringBuilder out = new StringBuilder();
      for (Map.Entry<String, Long> entry : new TreeMap<>(totalNanos).entrySet()) {
        out.append(entry.getKey()).append('=').append(entry.getValue()).append('\n');
      }
      return out.toString();
    }
  }
}
