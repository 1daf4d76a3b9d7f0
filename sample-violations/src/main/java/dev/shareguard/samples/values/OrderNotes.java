package dev.shareguard.samples.values;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Notes on an order, added by the checkout flow. */
final class OrderNotes {
  private OrderNotes() {}

  /** An order that hands out its notes read-only and its lines as a defensive copy. */
  static final class Order {
    private final List<String> notes = new ArrayList<>();
    private final List<String> lines = new ArrayList<>();

    List<String> getNotes() {
      return Collections.unmodifiableList(notes);
    }

    List<String> getLines() {
      return new ArrayList<>(lines);
    }

    void addNote(String note) {
      notes.add(note);
    }

    void addLine(String line) {
      lines.add(line);
    }
  }

  /**
   * Bug: the first change throws UnsupportedOperationException (the notes are read-only); the
   * second is silently lost (the lines are a copy).
   */
  static final class Unsafe {
    void checkout(Order order) {
      // BUG: Diagnostic contains: MutationOfDefensiveCopy
      order.getNotes().add("paid");
      // BUG: Diagnostic contains: MutationOfDefensiveCopy
      order.getLines().add("gift wrap");
    }
  }

  /** Fix: change the order through its own methods. */
  static final class Safe {
    void checkout(Order order) {
      order.addNote("paid");
      order.addLine("gift wrap");
    }
  }
}
