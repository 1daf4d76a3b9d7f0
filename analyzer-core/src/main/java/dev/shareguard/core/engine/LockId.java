package dev.shareguard.core.engine;

import java.util.Comparator;
import java.util.Objects;

/**
 * Which object a lock is, as the thread walk names it. Two accesses share a lock when their
 * {@code LockId}s are equal (record equality: same kind, same names); locks the engine cannot
 * name are all {@link #UNNAMED}, so they count as common (the walk does not claim a race it
 * cannot tell apart from a guarded access).
 *
 * <ul>
 *   <li>{@link InstanceMonitor}: {@code synchronized (this)} or a synchronized method, on the
 *       objects of a class (any two instances may be one object, as for fields);
 *   <li>{@link ClassMonitor}: {@code synchronized (C.class)} or a static synchronized method;
 *   <li>{@link FieldValue}: the lock object held in a field of a shared object or a static
 *       ({@code lock.lock()}, {@code synchronized (lock)}), by declaring class and name;
 *   <li>{@link LocalObject}: an object made by the analysed code (an allocation site, with the
 *       walk's activation), or a field of one;
 *   <li>{@link Unnamed}: anything else (a parameter bound to nothing known, a call result).
 * </ul>
 *
 * <p>Ordered (kind, then names) so that sets of locks iterate deterministically.
 *
 * <p>{@code equals} and {@code hashCode} are written out, the same as the generated ones, for the
 * reason {@link AbsVal} gives.
 */
public sealed interface LockId extends Comparable<LockId> {

  /** The one identity of every lock the engine cannot name. */
  LockId UNNAMED = new Unnamed();

  /** The monitor of the objects of {@code classId}. */
  record InstanceMonitor(String classId) implements LockId {
    @Override
    public boolean equals(Object o) {
      return o == this || o instanceof InstanceMonitor v && Objects.equals(classId, v.classId);
    }

    @Override
    public int hashCode() {
      return Objects.hashCode(classId);
    }
  }

  /** The monitor of class {@code classId} itself. */
  record ClassMonitor(String classId) implements LockId {
    @Override
    public boolean equals(Object o) {
      return o == this || o instanceof ClassMonitor v && Objects.equals(classId, v.classId);
    }

    @Override
    public int hashCode() {
      return Objects.hashCode(classId);
    }
  }

  /** The object held in field {@code owner.field} of a shared object or a class. */
  record FieldValue(String owner, String field) implements LockId {
    @Override
    public boolean equals(Object o) {
      return o == this
          || o instanceof FieldValue v
              && Objects.equals(owner, v.owner)
              && Objects.equals(field, v.field);
    }

    @Override
    public int hashCode() {
      int h = Objects.hashCode(owner);
      h = 31 * h + Objects.hashCode(field);
      return h;
    }
  }

  /** An object allocated at {@code site}, or its field {@code field} when not null. */
  record LocalObject(AllocSite site, String field) implements LockId {
    @Override
    public boolean equals(Object o) {
      return o == this
          || o instanceof LocalObject v
              && Objects.equals(site, v.site)
              && Objects.equals(field, v.field);
    }

    @Override
    public int hashCode() {
      int h = Objects.hashCode(site);
      h = 31 * h + Objects.hashCode(field);
      return h;
    }
  }

  /**
   * A {@code compareAndSet} once-gate: the change of the atomic held in field {@code owner.field}
   * from {@code from} to {@code to} (see {@code AbsVal.OnceGate}).
   */
  record Gate(String owner, String field, String from, String to) implements LockId {
    @Override
    public boolean equals(Object o) {
      return o == this
          || o instanceof Gate v
              && Objects.equals(owner, v.owner)
              && Objects.equals(field, v.field)
              && Objects.equals(from, v.from)
              && Objects.equals(to, v.to);
    }

    @Override
    public int hashCode() {
      int h = Objects.hashCode(owner);
      h = 31 * h + Objects.hashCode(field);
      h = 31 * h + Objects.hashCode(from);
      h = 31 * h + Objects.hashCode(to);
      return h;
    }
  }

  /** A lock the engine cannot name. */
  record Unnamed() implements LockId {
    @Override
    public boolean equals(Object o) {
      return o instanceof Unnamed;
    }

    @Override
    public int hashCode() {
      return 0;
    }
  }

  /**
   * Some event loop of a framework, the one it calls a callback on (see {@code
   * EventLoop#FRAMEWORK}): a loop, but which one the engine cannot tell, so it orders nothing.
   */
  record FrameworkLoop() implements LockId {
    @Override
    public boolean equals(Object o) {
      return o instanceof FrameworkLoop;
    }

    @Override
    public int hashCode() {
      return 0;
    }
  }

  /** Names compared with nulls first. */
  Comparator<String> NAMES = Comparator.nullsFirst(Comparator.naturalOrder());

  /** The kind, then the names: a total order consistent with equality. */
  @Override
  default int compareTo(LockId o) {
    int c = Integer.compare(rank(this), rank(o));
    if (c != 0) {
      return c;
    }
    if (this instanceof Gate a && o instanceof Gate b) {
      return Comparator.comparing(Gate::owner).thenComparing(Gate::field)
          .thenComparing(Gate::from).thenComparing(Gate::to).compare(a, b);
    }
    if (this instanceof LocalObject a && o instanceof LocalObject b) {
      c = a.site().compareTo(b.site());
      return c != 0 ? c : NAMES.compare(a.field(), b.field());
    }
    c = NAMES.compare(first(this), first(o));
    return c != 0 ? c : NAMES.compare(second(this), second(o));
  }

  private static int rank(LockId l) {
    if (l instanceof InstanceMonitor) {
      return 0;
    }
    if (l instanceof ClassMonitor) {
      return 1;
    }
    if (l instanceof FieldValue) {
      return 2;
    }
    if (l instanceof LocalObject) {
      return 3;
    }
    if (l instanceof Gate) {
      return 4;
    }
    return l instanceof FrameworkLoop ? 6 : 5;
  }

  private static String first(LockId l) {
    if (l instanceof InstanceMonitor m) {
      return m.classId();
    }
    if (l instanceof ClassMonitor m) {
      return m.classId();
    }
    return l instanceof FieldValue f ? f.owner() : null;
  }

  private static String second(LockId l) {
    return l instanceof FieldValue f ? f.field() : null;
  }
}
