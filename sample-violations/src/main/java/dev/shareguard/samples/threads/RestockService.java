package dev.shareguard.samples.threads;

import java.util.concurrent.ExecutorService;

/**
 * Books deliveries into the stock counts of {@link StockLevels} (another file) on a pool, so that
 * the caller (the goods-in scanner) does not wait, and answers the order pages' stock queries.
 * Nothing here is wrong in itself: the race is between the tasks' writes and the queries' reads of
 * the map in {@link StockLevels}, and is reported there.
 */
public final class RestockService {
  private RestockService() {}

  /** Submits each delivery as a task that writes the unsafe stock map, and reads it on request. */
  public static final class Unsafe {
    private final ExecutorService pool;
    private final StockLevels.Unsafe levels;

    public Unsafe(ExecutorService pool, StockLevels.Unsafe levels) {
      this.pool = pool;
      this.levels = levels;
    }

    public void delivered(String sku, int count) {
      pool.execute(() -> levels.add(sku, count));
    }

    public boolean inStock(String sku) {
      return levels.available(sku) > 0;
    }
  }

  /** The same service over the thread-safe stock map. */
  public static final class Safe {
    private final ExecutorService pool;
    private final StockLevels.Safe levels;

    public Safe(ExecutorService pool, StockLevels.Safe levels) {
      this.pool = pool;
      this.levels = levels;
    }

    public void delivered(String sku, int count) {
      pool.execute(() -> levels.add(sku, count));
    }

    public boolean inStock(String sku) {
      return levels.available(sku) > 0;
    }
  }
}
