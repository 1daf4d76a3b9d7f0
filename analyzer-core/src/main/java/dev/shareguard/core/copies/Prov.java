package dev.shareguard.core.copies;

import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.TypeRef;
import dev.shareguard.core.model.CopyModels.RoundTrip;

/**
 * Copy provenance: where a value came from, as far as copies, views and containers go. The
 * {@code site} of a value made in the body is the expression that made it (compared by identity
 * through {@link #site()}); a value that came in from outside is an {@link Origin}.
 *
 * <p>Lattice per local variable: bottom (not yet assigned) &lt; each provenance value &lt; {@link
 * #UNKNOWN}. Two different values join to {@link #UNKNOWN}, so a variable that may hold either a
 * copy or the original on different paths is not treated as a copy:
 *
 * <pre>
 *            UNKNOWN
 *      /   /    |    \     \
 *  Origin Fresh Copy View Held …
 *      \   \    |    /     /
 *            (unset)
 * </pre>
 */
public sealed interface Prov {
  /** Nothing known (unanalysed code, a join of different values). */
  Prov UNKNOWN = new Unknown();

  /** The expression that made this value in the body, or null. */
  default Expr site() {
    return null;
  }

  /** Joins two values of one variable (the least upper bound above). */
  static Prov join(Prov a, Prov b) {
    if (a == null) {
      return b;
    }
    if (b == null || a.equals(b)) {
      return a;
    }
    return UNKNOWN;
  }

  /** See {@link #UNKNOWN}. */
  record Unknown() implements Prov {}

  /** A value that came from outside the body: the field or parameter {@code src}. */
  record Origin(Src src) implements Prov {}

  /** A new object or an empty new container made at {@code site}. */
  record Fresh(Expr site, TypeRef type) implements Prov {}

  /**
   * A shallow copy of {@code of} made at {@code site} by {@code mechanism}: a new container or
   * object holding the same element objects. {@code unmodifiable} for the copyOf families.
   */
  record Copy(Expr site, Prov of, Made mechanism, boolean unmodifiable, TypeRef type)
      implements Prov {}

  /**
   * A live view of {@code of}: {@code Collections.unmodifiable*} ({@code unmodifiable}) or a
   * {@code keySet()}/{@code values()}/{@code entrySet()} view. Writes to {@code of} show through.
   */
  record View(Expr site, Prov of, Made mechanism, boolean unmodifiable) implements Prov {}

  /**
   * A container nobody can change ({@code List.of}, {@code Collections.emptyList}, a stream's
   * {@code toList()}); {@code fixedSize} for {@code Arrays.asList}, which only refuses size
   * changes; {@code empty} for the JDK's shared empty collections ({@code Collections.emptyList()}
   * …), which refuse additions but take every removing call as a no-op.
   */
  record Immutable(Expr site, Made mechanism, boolean fixedSize, boolean empty) implements Prov {
    public Immutable(Expr site, Made mechanism, boolean fixedSize) {
      this(site, mechanism, fixedSize, false);
    }
  }

  /**
   * A value held in the container {@code container}, read at {@code site} ({@code get}, {@code
   * computeIfAbsent}, an iteration variable, {@code entry.getValue()}); {@code key} is the key
   * expression when there is one.
   */
  record Held(Expr site, Prov container, Expr key) implements Prov {}

  /**
   * A copy of a value held in a container, made at {@code site} by {@code mechanism} (copy
   * constructor, {@code clone()}, {@code toBuilder()…build()}, a {@code with…} method); {@code
   * changed} when the making itself already applied a change ({@code with…}, builder setters).
   */
  record ValueCopy(Expr site, Held of, Made mechanism, boolean changed) implements Prov {}

  /** A builder made by {@code held.toBuilder()}; {@code changed} once a setter ran on it. */
  record Builder(Expr site, Held of, boolean changed) implements Prov {}

  /**
   * The result of calling an analysed method whose summary says what it returns; {@code callee}
   * is that method ({@link Made.How#ANALYSED}).
   */
  record Result(Expr site, Made callee, Summary summary) implements Prov {}

  /**
   * How a copy, view or container was made, or which analysed method was called: a typed value,
   * put into words only when a message is written ({@link CopyText#made}).
   *
   * @param owner the type or class involved (see each {@link How}), or null
   * @param name the method involved (see each {@link How}), or null
   */
  record Made(How how, String owner, String name) {
    /** The kind of call or construct. */
    public enum How {
      /** {@code new ArrayList<>(…)}: a container's copy constructor; {@code owner} its class. */
      CONTAINER_CONSTRUCTOR,
      /** {@code new Item(…)}: a copy constructor; {@code owner} its class. */
      CONSTRUCTOR,
      /** {@code clone()}. */
      CLONE,
      /** {@code toBuilder()…build()}; {@code name} the build method. */
      REBUILD,
      /** An instance call {@code name(…)}: a wither, {@code putAll}, {@code addAll}. */
      CALL,
      /** A container's view method {@code name} ({@code keySet}, {@code iterator}, …). */
      VIEW,
      /** A container's {@code stream()}. */
      STREAM,
      /** {@code stream().toList()}. */
      STREAM_TO_LIST,
      /** {@code stream().collect(Collectors.name(…))}. */
      STREAM_COLLECT,
      /** A static library call {@code owner.name(…)}; {@code owner} qualified. */
      STATIC_CALL,
      /** An analysed method {@code owner.name()}; {@code owner} its class's simple name or null. */
      ANALYSED
    }

    static Made of(How how) {
      return new Made(how, null, null);
    }

    /** Whether this is the view method {@code method} of a container. */
    public boolean isView(String method) {
      return how == How.VIEW && method.equals(name);
    }
  }

  /** Bytes or text made by serializing {@code of} ({@code writeValueAsString}, {@code toJson}). */
  record Serialized(Expr site, Prov of, RoundTrip how) implements Prov {}

  /**
   * A root a value can come from: a field of {@code this}, a field of a parameter or local
   * ({@code other.items}), a static field, or a parameter.
   */
  record Src(Kind kind, String root, String classId, String field, TypeRef type) {
    /** What the root is. */
    public enum Kind {
      THIS_FIELD,
      OTHER_FIELD,
      STATIC_FIELD,
      PARAM
    }

    /** The source as the user wrote it: {@code items}, {@code other.items}, {@code param}. */
    public String text() {
      return switch (kind) {
        case THIS_FIELD -> field;
        case OTHER_FIELD -> root + "." + field;
        case STATIC_FIELD -> root + "." + field;
        case PARAM -> root;
      };
    }
  }

  /**
   * What an analysed method returns, summed up over all its returns: {@code field} names the field
   * a copy or view is of, {@code argument} the parameter a copy is of (else -1); {@code empty}:
   * every return is one of the JDK's empty collections.
   */
  record Summary(Kind kind, String field, int argument, boolean unmodifiable, boolean empty) {
    public Summary(Kind kind, String field, int argument, boolean unmodifiable) {
      this(kind, field, argument, unmodifiable, false);
    }

    /** The kind of value returned. */
    public enum Kind {
      /** A fresh, modifiable shallow copy of field {@code field}: changes to it are lost. */
      FRESH_COPY,
      /** An unmodifiable view or immutable container: writes throw. */
      UNMODIFIABLE,
      /**
       * A shallow copy of its argument number {@code argument} (a "copy" helper that shares the
       * nested values): the caller gets a {@link Copy} of what it passed.
       */
      COPY_OF_ARGUMENT
    }
  }
}
