package dev.shareguard.samples.threads;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stock on hand per SKU, kept by the warehouse module and read by the order pages. The threads are
 * in another file: {@link RestockService} changes these counts from pool tasks. Neither file races
 * on its own, so only an analysis that sees both finds the bug (the CLI over the tree, the plugin
 * over the {@code javac} run that compiles the module). The incident: a restock during a resize of
 * the map made an in-stock item show as sold out.
 */
public final class StockLevels {
  private StockLevels() {}

  /**
   * Bug: {@code add} runs in the restock tasks of {@link RestockService.Unsafe} while order pages
   * call {@code available} (through {@code RestockService.Unsafe.inStock}) on their own threads, on
   * a plain {@code HashMap}.
   */
  public static final class Unsafe {
    private final Map<String, Integer> onHand = new HashMap<>();

    public void add(String sku, int count) {
      // BUG: Diagnostic contains: UnguardedSharedWrite
      onHand.merge(sku, count, Integer::sum);
    }

    public int available(String sku) {
      // Medium, shown at --min-confidence medium: one side is a public method that only
      // this class suggests other threads call (docs/index.md, "Evidence and confidence").
      // BUG at medium: Diagnostic contains: UnguardedSharedRead
      return onHand.getOrDefault(sku, 0);
    }
  }

  /** Fix: a {@code ConcurrentHashMap}, whose {@code merge} is atomic and whose reads are safe. */
  public static final class Safe {
    private final Map<String, Integer> onHand = new ConcurrentHashMap<>();

    public void add(String sku, int count) {
      onHand.merge(sku, count, Integer::sum);
    }

    public int available(String sku) {
      return onHand.getOrDefault(sku, 0);
    }
  }
}
