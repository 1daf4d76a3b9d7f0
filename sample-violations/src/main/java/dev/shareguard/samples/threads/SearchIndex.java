package dev.shareguard.samples.threads;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An in-memory search index rebuilt by a background thread while queries keep arriving. The
 * incident: the builder published the new index and a {@code ready} flag through plain fields, so a
 * query thread kept seeing {@code ready == false} long after the build (the JIT hoisted the read
 * out of its polling loop), and another saw {@code ready == true} but the old index.
 */
public final class SearchIndex {
  private SearchIndex() {}

  /** A document with the terms it was tokenized into. */
  public record Document(String id, List<String> terms) {}

  /** Maps each term to the ids of the documents containing it; the result is immutable. */
  static Map<String, List<String>> invert(List<Document> documents) {
    Map<String, List<String>> postings = new HashMap<>();
    for (Document document : documents) {
      for (String term : document.terms()) {
        postings.computeIfAbsent(term, t -> new ArrayList<>()).add(document.id());
      }
    }
    Map<String, List<String>> frozen = new HashMap<>();
    for (Map.Entry<String, List<String>> entry : postings.entrySet()) {
      frozen.put(entry.getKey(), List.copyOf(entry.getValue()));
    }
    return Map.copyOf(frozen);
  }

  /**
   * Bug: the builder thread writes {@code postings} and {@code ready}, plain fields, while query
   * threads read them. Without a lock or {@code volatile} there is no happens-before edge from the
   * builder to a reader, so a reader may never see the writes, or see them in another order.
   */
  public static final class Unsafe {
    private Map<String, List<String>> postings = Map.of();
    private boolean ready;

    public void rebuildInBackground(List<Document> documents) {
      Thread builder =
          new Thread(
              () -> {
                Map<String, List<String>> built = invert(documents);
                // Also a race, but one that replaces the reference whole: a reader sees the old
                // index or the new one, so it is reported only at --min-confidence low.
                postings = built;
                // Medium, shown at --min-confidence medium: one side is a public method that
                // only this class suggests other threads call (docs/index.md, "Evidence and
                // confidence").
                // BUG at medium: Diagnostic contains: UnguardedSharedWrite
                ready = true;
              });
      builder.setDaemon(true);
      builder.start();
    }

    public void awaitReady() {
      // The other side of the race on ready, reported at its write: a poller that never sees
      // the write waits for ever.
      while (!ready) {
        Thread.onSpinWait();
      }
    }

    public List<String> search(String term) {
      // The other side of a race reported once, at its write (related location there).
      return postings.getOrDefault(term, List.of());
    }
  }

  /**
   * Fix: both fields are {@code volatile} and the index is immutable. The volatile write of {@code
   * ready} happens-before every read that sees it, and {@code postings} is written before {@code
   * ready}, so a reader that sees {@code ready} also sees the new, complete index.
   */
  public static final class Safe {
    private volatile Map<String, List<String>> postings = Map.of();
    private volatile boolean ready;

    public void rebuildInBackground(List<Document> documents) {
      Thread builder =
          new Thread(
              () -> {
                Map<String, List<String>> built = invert(documents);
                postings = built;
                ready = true;
              });
      builder.setDaemon(true);
      builder.start();
    }

    public void awaitReady() {
      while (!ready) {
        Thread.onSpinWait();
      }
    }

    public List<String> search(String term) {
      return postings.getOrDefault(term, List.of());
    }
  }
}
