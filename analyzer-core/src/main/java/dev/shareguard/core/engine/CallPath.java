package dev.shareguard.core.engine;

import dev.shareguard.core.ir.Pos;
import java.util.ArrayList;
import java.util.List;

/**
 * How the thread walk reached a body: the site in the calling body ({@code fromBody} at {@code
 * at}) where it {@link Via calls}, runs or starts it, and how that body was reached ({@code
 * parent}); null stands for an entry or a task's root. An immutable list shared by every frame
 * below it, so recording it costs one small object per call walked. {@code guessed}: the call
 * was dispatched to an implementation chosen among several with nothing showing which runs
 * (fan-out), which weakens what is found below it.
 */
public record CallPath(String fromBody, Pos at, Via via, boolean guessed, CallPath parent) {

  /** What the step does to the body below it. */
  public enum Via {
    /** An ordinary call on this thread. */
    CALLS,
    /** A lambda, anonymous object or method reference run here synchronously. */
    RUNS,
    /** A task started here on another thread (the root of a task's walk). */
    STARTS
  }

  /** The steps of {@code path}, outermost first (empty for null). */
  public static List<CallPath> steps(CallPath path) {
    List<CallPath> out = new ArrayList<>();
    for (CallPath p = path; p != null && out.size() < 64; p = p.parent()) {
      out.add(0, p);
    }
    return out;
  }

  /** Whether some step of {@code path} was a guessed dispatch (see the class comment). */
  /** How many steps of {@code path} were dispatches guessed among several implementations. */
  public static int guessedSteps(CallPath path) {
    int n = 0;
    for (CallPath p = path; p != null; p = p.parent()) {
      n += p.guessed() ? 1 : 0;
    }
    return n;
  }

  public static boolean anyGuessed(CallPath path) {
    for (CallPath p = path; p != null; p = p.parent()) {
      if (p.guessed()) {
        return true;
      }
    }
    return false;
  }
}
