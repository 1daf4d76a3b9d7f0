package dev.shareguard.samples.values;

import java.util.HashMap;
import java.util.Map;

/** Stock levels kept in a map; reserving an item should lower its count. */
final class InventoryService {
  private InventoryService() {}

  /** A stock entry, copied before changes so readers never see a half-made update. */
  static final class Stock {
    private final String sku;
    private int available;

    Stock(String sku, int available) {
      this.sku = sku;
      this.available = available;
    }

    Stock(Stock other) {
      this(other.sku, other.available);
    }

    int getAvailable() {
      return available;
    }

    void setAvailable(int available) {
      this.available = available;
    }
  }

  /** Bug: the copy is changed and then dropped; the map keeps the old count. */
  static final class Unsafe {
    private final Map<String, Stock> stock = new HashMap<>();

    void reserve(String sku) {
      // BUG: Diagnostic contains: LostMapValueUpdate
      Stock updated = new Stock(stock.get(sku));
      updated.setAvailable(updated.getAvailable() - 1);
    }
  }

  /** Fix: put the changed copy back. */
  static final class Safe {
    private final Map<String, Stock> stock = new HashMap<>();

    void reserve(String sku) {
      Stock updated = new Stock(stock.get(sku));
      updated.setAvailable(updated.getAvailable() - 1);
      stock.put(sku, updated);
    }
  }
}
