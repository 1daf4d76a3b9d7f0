package dev.shareguard.samples.threads;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A price-comparison service asks every supplier for a quote in parallel and returns what arrived
 * within two seconds. The incident: the pool tasks appended to one {@code ArrayList}, so quotes
 * went missing (two {@code add}s wrote the same slot) and, now and then, a {@code null} appeared in
 * the result.
 */
public final class QuoteCollector {
  private QuoteCollector() {}

  /** One supplier's price for a product. */
  public record Quote(String supplier, String sku, long priceCents) {}

  /** A supplier's quoting endpoint; a slow remote call. */
  public interface QuoteSource {
    Quote quote(String sku);
  }

  /**
   * Bug: each pool task adds to the {@code quotes} list that the calling method created. The tasks
   * run in parallel with each other, and {@code ArrayList} is not thread-safe. (The caller's poll of
   * its size is only a stale count: the loop sleeps on every pass, so it reads the size again after
   * each wait; Shareguard shows it at {@code --min-confidence low}.)
   */
  public static final class Unsafe {
    private final ExecutorService pool = Executors.newFixedThreadPool(8);
    private final List<QuoteSource> sources;

    public Unsafe(List<QuoteSource> sources) {
      this.sources = List.copyOf(sources);
    }

    public List<Quote> collect(String sku) throws InterruptedException {
      List<Quote> quotes = new ArrayList<>();
      for (QuoteSource source : sources) {
        CompletableFuture.runAsync(
            () -> {
              Quote quote = source.quote(sku);
              // BUG: Diagnostic contains: UnguardedSharedWrite
              quotes.add(quote);
            },
            pool);
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
      while (quotes.size() < sources.size() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      return quotes;
    }
  }

  /**
   * Fix: each task returns its quote instead of sharing a list, and only the calling thread builds
   * the result, from {@code Future.get}, which happens-after the task that produced the value. Late
   * suppliers are cancelled rather than left writing into a list the caller already returned.
   */
  public static final class Safe {
    private final ExecutorService pool = Executors.newFixedThreadPool(8);
    private final List<QuoteSource> sources;

    public Safe(List<QuoteSource> sources) {
      this.sources = List.copyOf(sources);
    }

    public List<Quote> collect(String sku) throws InterruptedException {
      List<CompletableFuture<Quote>> pending = new ArrayList<>();
      for (QuoteSource source : sources) {
        pending.add(CompletableFuture.supplyAsync(() -> source.quote(sku), pool));
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
      List<Quote> quotes = new ArrayList<>();
      for (CompletableFuture<Quote> future : pending) {
        long remaining = Math.max(0, deadline - System.nanoTime());
        try {
          quotes.add(future.get(remaining, TimeUnit.NANOSECONDS));
        } catch (ExecutionException | TimeoutException e) {
          future.cancel(true);
        }
      }
      return quotes;
    }
  }
}
