package dev.shareguard.samples.copies;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Market quotes copied before a pricing experiment changes them. */
final class QuoteCopies {
  private QuoteCopies() {}

  /**
   * Bug: the copy is made by a Jackson round trip, which only carries properties Jackson can see:
   * {@code lastTradeNanos} has no getter, so every copy has it 0 and looks stale.
   */
  static final class Unsafe {
    private String symbol;
    private long lastTradeNanos;

    public String getSymbol() {
      return symbol;
    }

    public void setSymbol(String symbol) {
      this.symbol = symbol;
    }

    Unsafe copy(ObjectMapper mapper) throws Exception {
      String json = mapper.writeValueAsString(this);
      // BUG: Diagnostic contains: SerializationCopyLosesState
      return mapper.readValue(json, Unsafe.class);
    }
  }

  /** Fix: a copy constructor that copies every field. */
  static final class Safe {
    private String symbol;
    private long lastTradeNanos;

    Safe() {}

    Safe(Safe other) {
      this.symbol = other.symbol;
      this.lastTradeNanos = other.lastTradeNanos;
    }

    Safe copy() {
      return new Safe(this);
    }
  }
}
