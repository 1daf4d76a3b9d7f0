package dev.shareguard.samples.threads;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A log shipper: batches of events are uploaded by a pool of four threads, batches that fail are
 * kept for a retry, and a health endpoint shows how many are waiting. The incident: the failed
 * batches went into an {@code ArrayList}, two uploads failing at once overwrote each other's slot,
 * and the lost batch's events were never shipped.
 *
 * <p>Both versions also keep a gauge, {@code lastBatchSize}, with an intended race: the dashboard
 * shows roughly how big recent batches are, a stale value is acceptable, and an {@code int} write
 * is never torn. The race is documented and suppressed where it happens, with the rule's name.
 */
public final class BatchUploader {
  private BatchUploader() {}

  /** A batch of serialized log events. */
  public record Batch(long sequence, List<String> events) {
    public int size() {
      return events.size();
    }
  }

  /** The remote collector; {@code post} returns false when the upload failed. */
  public interface Endpoint {
    boolean post(Batch batch);
  }

  /**
   * Bug: {@code send} runs on the pool's threads, several at once, and each failing upload adds to
   * {@code failed}, a plain {@code ArrayList} that the health endpoint also reads.
   */
  public static final class Unsafe {
    private final ExecutorService uploaders = Executors.newFixedThreadPool(4);
    private final Endpoint endpoint;
    private final List<Batch> failed = new ArrayList<>();
    private int lastBatchSize;

    public Unsafe(Endpoint endpoint) {
      this.endpoint = endpoint;
    }

    public void upload(Batch batch) {
      uploaders.execute(() -> send(batch));
    }

    public int pendingRetries() {
      // The other side of a race reported once, at its write (related location there).
      return failed.size();
    }

    /** Approximate by design; see the class comment. */
    @SuppressWarnings("UnguardedSharedRead")
    public int lastBatchSize() {
      return lastBatchSize;
    }

    private void send(Batch batch) {
      recordBatchSize(batch.size());
      if (!endpoint.post(batch)) {
        // BUG: Diagnostic contains: UnguardedSharedWrite
        failed.add(batch);
      }
    }

    /** Approximate by design; see the class comment. */
    @SuppressWarnings("UnguardedSharedWrite")
    private void recordBatchSize(int size) {
      lastBatchSize = size;
    }
  }

  /**
   * Fix: failed batches go into a {@code LinkedBlockingQueue}, which is safe for any number of
   * threads adding while another counts. The gauge is unchanged: it still races, on purpose, and
   * stays suppressed.
   */
  public static final class Safe {
    private final ExecutorService uploaders = Executors.newFixedThreadPool(4);
    private final Endpoint endpoint;
    private final LinkedBlockingQueue<Batch> failed = new LinkedBlockingQueue<>();
    private int lastBatchSize;

    public Safe(Endpoint endpoint) {
      this.endpoint = endpoint;
    }

    public void upload(Batch batch) {
      uploaders.execute(() -> send(batch));
    }

    public int pendingRetries() {
      return failed.size();
    }

    /** Approximate by design; see the class comment. */
    @SuppressWarnings("UnguardedSharedRead")
    public int lastBatchSize() {
      return lastBatchSize;
    }

    private void send(Batch batch) {
      recordBatchSize(batch.size());
      if (!endpoint.post(batch)) {
        failed.add(batch);
      }
    }

    /** Approximate by design; see the class comment. */
    @SuppressWarnings("UnguardedSharedWrite")
    private void recordBatchSize(int size) {
      lastBatchSize = size;
    }
  }
}
