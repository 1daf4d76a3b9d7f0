package dev.shareguard.samples.threads;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A market-data feed: one thread drains ticks from the network queue and keeps the last price per
 * symbol, and pricing threads read it. The incident: the feed thread wrote a plain {@code HashMap}
 * that user threads read, and a read during a resize returned no price for a quoted symbol.
 */
public final class PriceFeed {
  private PriceFeed() {}

  /** One trade or quote update from the exchange. */
  public record Tick(String symbol, double price) {}

  /**
   * Bug: {@code run} (the feed thread) puts into {@code lastPrices} while any other thread may call
   * {@code lastPrice}. The map is not thread-safe and nothing orders the two threads.
   */
  public static final class Unsafe extends Thread {
    private final BlockingQueue<Tick> inbound;
    private final Map<String, Double> lastPrices = new HashMap<>();
    private volatile boolean running = true;

    public Unsafe(BlockingQueue<Tick> inbound) {
      super("price-feed");
      this.inbound = inbound;
    }

    @Override
    public void run() {
      while (running) {
        Tick tick;
        try {
          tick = inbound.poll(100, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          return;
        }
        if (tick != null) {
          // Medium, shown at --min-confidence medium: one side is a public method that only
          // this class suggests other threads call (docs/index.md, "Evidence and confidence").
          // BUG at medium: Diagnostic contains: UnguardedSharedWrite
          lastPrices.put(tick.symbol(), tick.price());
        }
      }
    }

    public double lastPrice(String symbol) {
      // The other side of a race reported once, at its write (related location there).
      Double price = lastPrices.get(symbol);
      return price == null ? Double.NaN : price;
    }

    public void shutdown() {
      running = false;
      interrupt();
    }
  }

  /**
   * Fix: a {@code ConcurrentHashMap}, whose {@code put} and {@code get} are each atomic and
   * ordered. The {@code volatile} stop flag was already right: one thread writes it, another reads
   * it, and a volatile field needs no lock for that.
   */
  public static final class Safe extends Thread {
    private final BlockingQueue<Tick> inbound;
    private final ConcurrentHashMap<String, Double> lastPrices = new ConcurrentHashMap<>();
    private volatile boolean running = true;

    public Safe(BlockingQueue<Tick> inbound) {
      super("price-feed");
      this.inbound = inbound;
    }

    @Override
    public void run() {
      while (running) {
        Tick tick;
        try {
          tick = inbound.poll(100, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          return;
        }
        if (tick != null) {
          lastPrices.put(tick.symbol(), tick.price());
        }
      }
    }

    public double lastPrice(String symbol) {
      Double price = lastPrices.get(symbol);
      return price == null ? Double.NaN : price;
    }

    public void shutdown() {
      running = false;
      interrupt();
    }
  }
}
