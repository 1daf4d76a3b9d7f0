package dev.shareguard.core.operators;

/**
 * The abstract value of a local: how it is linked to an informer cache. Untracked values (fresh
 * objects, deep copies, anything else) have no {@code Shared} at all.
 *
 * <pre>
 *            OBJECT            a cached instance, or a live part of one: changing it is the bug
 *              |
 *           ELEMENTS           a new container of cached instances: its elements are OBJECT
 *              |
 *            COPY              a builder copy: its own maps and typed parts are new, its maps'
 *              |               values are OBJECT
 *           BUILDER            a builder initialised from a cached instance
 *              |
 *           HANDLE             a cache: a store, indexer, lister, the operator SDK's context
 * </pre>
 *
 * Join of two values: equal values stay; otherwise the higher kind, and of two origins the first
 * ({@link Origin#compareTo}). Within a body, a local is tracked after a merge only when it is on
 * both paths ({@code CachedFlow.Env}); across bodies (what callers pass, what a method may return,
 * what a field may hold) null is bottom and the join keeps the value, so one caller passing a
 * cached object is enough.
 *
 * @param kind what the value is
 * @param origin where the cached instance came from
 * @param via for a value reached through a builder copy, the copy as written; for a {@link
 *     Kind#HANDLE}, the qualified cache type it is; else null
 */
public record Shared(Kind kind, Origin origin, String via) {

  /** What a value is, lowest first (see the diagram). */
  public enum Kind {
    HANDLE,
    BUILDER,
    COPY,
    ELEMENTS,
    OBJECT
  }

  public Shared as(Kind k) {
    return new Shared(k, origin, via);
  }

  /** The least upper bound of two values (null is bottom: untracked). */
  public static Shared join(Shared a, Shared b) {
    if (a == null || a.equals(b)) {
      return b == null ? a : b;
    }
    if (b == null) {
      return a;
    }
    if (a.kind != b.kind) {
      return a.kind.compareTo(b.kind) > 0 ? a : b;
    }
    return a.origin.compareTo(b.origin) <= 0 ? a : b;
  }
}
