package dev.shareguard.core.engine;

import java.util.Map;
import java.util.Set;

/**
 * The caller's view of a body: how its frame-relative values map into the caller's. {@code
 * thisOf}, {@code params}, {@code captured}: what the body's {@code this} (by class), parameters
 * and captured locals are in the caller's frame (see {@link FrameBinding}). {@code held}: the
 * locks held by the caller and the event loops it runs on ({@link LockKeys}); {@code excluded}
 * and {@code live}: the tasks and marks the body is ordered after or runs alongside ({@link HappensBefore}). {@code
 * depth}: calls from the entry; {@code activation}: this walk of the body (its allocations are its
 * own); {@code once}: the body runs once per run of its entry or task; {@code thisClass}: the
 * subclass {@code this} is known to be; {@code path}: how the walk got here. Immutable; equality
 * is the record's, though walks are memoized on a key that leaves activations out ({@link
 * WalkMemo}).
 */
record Frame(
    Map<String, AbsVal> thisOf,
    Map<String, AbsVal> params,
    Map<String, AbsVal> captured,
    Set<Held> held,
    Set<Mark> excluded,
    Set<Mark> live,
    int depth,
    int activation,
    boolean once,
    String thisClass,
    CallPath path) {

  /** This frame with {@code extra} held as well (a loop its code is known to run on). */
  Frame holding(Held extra) {
    Set<Held> more = new java.util.LinkedHashSet<>(held);
    more.add(extra);
    return new Frame(thisOf, params, captured, java.util.Collections.unmodifiableSet(more),
        excluded, live, depth, activation, once, thisClass, path);
  }

  /** {@code once}: the entry runs once per program run (a constructor, a lifecycle method). */
  static Frame rootFrame(boolean once) {
    return new Frame(
        Map.of(), Map.of(), Map.of(), Set.of(), Set.of(), Set.of(), 0, 0, once, null, null);
  }
}
