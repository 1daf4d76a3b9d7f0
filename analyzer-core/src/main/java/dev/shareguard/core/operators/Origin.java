package dev.shareguard.core.operators;

import dev.shareguard.core.ir.Pos;

/**
 * Where a value shared with an informer cache came from: a read of the cache, or the object an
 * event handler method received. Immutable; compared by value.
 *
 * @param kind what sort of place it is
 * @param text the place in the user's words: {@code lister.get(…)}, or the parameter name
 * @param source the library member: {@code Lister.get}, {@code ResourceEventHandler.onUpdate}
 * @param bodyId the body the read is in
 * @param pos where the read is (for a parameter, the method)
 * @param fixable whether a deep copy can be inserted around the read: one fabric8 object read in
 *     the body itself
 */
public record Origin(Kind kind, String text, String source, String bodyId, Pos pos,
    boolean fixable) implements Comparable<Origin> {

  /** The sort of place a shared value came from. */
  public enum Kind {
    /** A read from a cache: a library model or a source declared in config. */
    CACHE_READ,
    /** A parameter of {@code ResourceEventHandler.onAdd/onUpdate/onDelete}. */
    EVENT_PARAMETER
  }

  /** Orders by body, then position: joins keep the first, so results never depend on order. */
  @Override
  public int compareTo(Origin o) {
    int c = bodyId.compareTo(o.bodyId);
    return c != 0 ? c : pos.compareTo(o.pos);
  }
}
