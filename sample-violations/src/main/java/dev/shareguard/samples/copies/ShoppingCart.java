package dev.shareguard.samples.copies;

import java.util.ArrayList;
import java.util.List;

/** A cart cloned to price a "what if" variant without touching the customer's cart. */
final class ShoppingCart {
  private ShoppingCart() {}

  /**
   * Bug: {@code super.clone()} copies the reference of {@code lines}; adding a line to the variant
   * adds it to the customer's cart.
   */
  static final class Unsafe implements Cloneable {
    private List<String> lines = new ArrayList<>();

    void add(String sku) {
      lines.add(sku);
    }

    @Override
    public Unsafe clone() {
      try {
        // BUG: Diagnostic contains: CloneSharesMutableState
        return (Unsafe) super.clone();
      } catch (CloneNotSupportedException e) {
        throw new AssertionError(e);
      }
    }
  }

  /** Fix: give the clone its own list. */
  static final class Safe implements Cloneable {
    private List<String> lines = new ArrayList<>();

    void add(String sku) {
      lines.add(sku);
    }

    @Override
    public Safe clone() {
      try {
        Safe copy = (Safe) super.clone();
        copy.lines = new ArrayList<>(lines);
        return copy;
      } catch (CloneNotSupportedException e) {
        throw new AssertionError(e);
      }
    }
  }
}
