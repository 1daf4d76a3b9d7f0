package com.acme;

import java.util.HashMap;
import java.util.Map;

/**
 * Prices per SKU in a plain HashMap. The threads are in another file: PriceRefresher writes the map
 * from pool tasks, several at once, while callers read it here. Neither file races on its own.
 */
public class PriceBook {
  private final Map<String, Double> prices = new HashMap<>();

  void update(String sku, double price) {
    prices.put(sku, price); // Shareguard: UnguardedSharedWrite
  }

  public Double price(String sku) {
    return prices.get(sku); // races with update() too: medium, seen at MinConfidence=medium
  }
}
