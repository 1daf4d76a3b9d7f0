package dev.shareguard.core.finding;

import java.util.List;

/**
 * One side of a thread finding explained: the thread it runs on ({@code thread}, in the user's
 * names), the evidence that the thread runs concurrently, and the steps from that thread's root
 * or entry down to the access, outermost first. Each step is a place and what happens there
 * ({@code `Service.start()` calls `Worker.add()`}); the last step is the access itself.
 */
public record Trace(String thread, Evidence evidence, List<Step> steps) {
  public Trace {
    steps = List.copyOf(steps);
  }

  /** One step of a trace: a place and what happens there. */
  public record Step(Location at, String text) {}
}
