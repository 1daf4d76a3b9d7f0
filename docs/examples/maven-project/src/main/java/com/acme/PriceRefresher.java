package com.acme;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Refreshes prices in the background, several at once on a pool, and quotes them to callers: the
 * tasks write, and the quote reads, the map that PriceBook.java holds.
 */
public class PriceRefresher {
  private final ExecutorService pool = Executors.newFixedThreadPool(4);
  private final PriceBook book;

  public PriceRefresher(PriceBook book) {
    this.book = book;
  }

  public void refresh(String sku, double price) {
    pool.execute(() -> book.update(sku, price));
  }

  public Double quote(String sku) {
    return book.price(sku);
  }
}
