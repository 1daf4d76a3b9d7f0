package dev.shareguard.core.copies;

import dev.shareguard.core.engine.ProgramIndex;
import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.TypeRef;
import dev.shareguard.core.model.CopyModels.RoundTrip;
import java.util.Set;

/**
 * What the copy analysis saw happen in one body, in the user's code: the facts the {@code copies}
 * and {@code values} rules decide on. Each event names the expression it happened at.
 */
public sealed interface CopyEvent {
  ProgramIndex.Body body();

  Expr at();

  /**
   * An in-place change of the value {@code target}: a container write ({@code method} is {@code
   * add}, {@code put}, …), a call of a method that assigns fields ({@code fields} lists them when
   * known), a setter, a field or array element assignment. {@code structural} when it changes a
   * container's size (throws on a fixed-size list).
   */
  record Mutation(
      ProgramIndex.Body body,
      Expr at,
      Expr receiver,
      Prov target,
      Change change,
      String method,
      boolean structural,
      Set<String> fields)
      implements CopyEvent {}

  /** How a {@link Mutation} changes its target. */
  enum Change {
    /** A call of {@code method} on it, or a static call that writes its first argument. */
    CALL,
    /** An assignment or increment of one of its fields ({@code fields}). */
    FIELD_STORE,
    /** An assignment to one of its elements (an array). */
    ARRAY_STORE
  }

  /** {@code field = value} on {@code target}. */
  record FieldStore(ProgramIndex.Body body, Expr.Assign at, Prov.Src target, Prov value)
      implements CopyEvent {}

  /** {@code return value}. */
  record Return(ProgramIndex.Body body, Expr at, Prov value) implements CopyEvent {}

  /**
   * {@code return local} where the local held the shallow copy {@code copy} on some path (a
   * copy made only when a lock could be taken, say), whatever it holds on the others.
   */
  record MayReturnCopy(ProgramIndex.Body body, Expr at, Prov.Copy copy) implements CopyEvent {}

  /**
   * The value {@code value} leaves the body's hands at {@code at}: returned, stored in a field,
   * passed to a call or a constructor ({@code via} names it), captured by a lambda or class.
   */
  record Escape(ProgramIndex.Body body, Expr at, Prov value, EscapeKind kind, String via)
      implements CopyEvent {}

  /** How a value escapes. */
  enum EscapeKind {
    RETURN,
    FIELD_STORE,
    OTHER_OBJECT_FIELD_STORE,
    ARGUMENT,
    CONSTRUCTOR_ARGUMENT,
    CAPTURE,
    /** Captured by a task that another thread runs. */
    THREAD
  }

  /** A copy of a value held in a container was made at {@code at} (see {@link Prov.ValueCopy}). */
  record ValueCopied(ProgramIndex.Body body, Expr at, Prov.ValueCopy value) implements CopyEvent {}

  /** A value computed and thrown away: the top expression of an expression statement. */
  record Dropped(ProgramIndex.Body body, Expr at, Prov value) implements CopyEvent {}

  /** A deep copy of a {@code type} value made by the round trip {@code how}. */
  record RoundTripCopy(ProgramIndex.Body body, Expr at, RoundTrip how, TypeRef type)
      implements CopyEvent {}

  /**
   * A change to field {@code field}, which {@code equals}/{@code hashCode} use, of the object in
   * local {@code local} while it is a key of the hash-based container {@code container} (the expression it was put in by) (put
   * there at {@code keyedAt}).
   */
  record MutatedKey(
      ProgramIndex.Body body,
      Expr at,
      String local,
      String field,
      String classId,
      Expr keyedAt,
      Expr container)
      implements CopyEvent {}
}
