package dev.shareguard.core.engine;

import dev.shareguard.core.engine.BodyResult.Slot;
import java.util.List;
import java.util.Objects;

/**
 * The abstract location an access touches ({@link AccessInstance#key}): its {@link Slot} (the
 * field's cell, or the contents of the container it holds) on one of
 *
 * <ul>
 *   <li>{@link InstanceField}: a field of any object of a class, by declaring class and name (any
 *       two instances may be one object);
 *   <li>{@link StaticField}: a static field;
 *   <li>{@link ThisObject}: {@code this} of a class, as a container;
 *   <li>{@link LocalObject}: an object the analysed code made (its allocation site with the walk's
 *       activation), or a field path from it;
 *   <li>{@link MapValue}: a value held in a thread-safe map (its contents, or one field of it);
 *   <li>{@link Snapshot}: the contents of a published snapshot (a collection an {@code
 *       AtomicReference} holds, or a copy-on-write volatile field).
 * </ul>
 *
 * <p>Record equality: two accesses race only on equal locations.
 *
 * <p>{@code equals} and {@code hashCode} are written out, the same as the generated ones, for the
 * reason {@link AbsVal} gives.
 */
public sealed interface Location {

  /** A field of any object of class {@code owner}. */
  record InstanceField(Slot slot, String owner, String field) implements Location {
    @Override
    public boolean equals(Object o) {
      return o == this
          || o instanceof InstanceField v
              && Objects.equals(slot, v.slot)
              && Objects.equals(owner, v.owner)
              && Objects.equals(field, v.field);
    }

    @Override
    public int hashCode() {
      int h = Objects.hashCode(slot);
      h = 31 * h + Objects.hashCode(owner);
      h = 31 * h + Objects.hashCode(field);
      return h;
    }
  }

  /** Static field {@code owner.field}. */
  record StaticField(Slot slot, String owner, String field) implements Location {
    @Override
    public boolean equals(Object o) {
      return o == this
          || o instanceof StaticField v
              && Objects.equals(slot, v.slot)
              && Objects.equals(owner, v.owner)
              && Objects.equals(field, v.field);
    }

    @Override
    public int hashCode() {
      int h = Objects.hashCode(slot);
      h = 31 * h + Objects.hashCode(owner);
      h = 31 * h + Objects.hashCode(field);
      return h;
    }
  }

  /** {@code this} of class {@code classId}. */
  record ThisObject(Slot slot, String classId) implements Location {
    @Override
    public boolean equals(Object o) {
      return o == this
          || o instanceof ThisObject v
              && Objects.equals(slot, v.slot)
              && Objects.equals(classId, v.classId);
    }

    @Override
    public int hashCode() {
      int h = Objects.hashCode(slot);
      h = 31 * h + Objects.hashCode(classId);
      return h;
    }
  }

  /** The object made at {@code site}, or the field path {@code fields} from it. */
  record LocalObject(Slot slot, AllocSite site, List<String> fields) implements Location {
    @Override
    public boolean equals(Object o) {
      return o == this
          || o instanceof LocalObject v
              && Objects.equals(slot, v.slot)
              && Objects.equals(site, v.site)
              && Objects.equals(fields, v.fields);
    }

    @Override
    public int hashCode() {
      int h = Objects.hashCode(slot);
      h = 31 * h + Objects.hashCode(site);
      h = 31 * h + Objects.hashCode(fields);
      return h;
    }

    public LocalObject {
      fields = List.copyOf(fields);
    }
  }

  /**
   * A value held in the map whose contents are {@code map}: its contents ({@code field} null,
   * {@code slot} contents) or its field {@code field}'s cell or contents.
   */
  record MapValue(Location map, String field, Slot slot) implements Location {
    @Override
    public boolean equals(Object o) {
      return o == this
          || o instanceof MapValue v
              && Objects.equals(map, v.map)
              && Objects.equals(field, v.field)
              && Objects.equals(slot, v.slot);
    }

    @Override
    public int hashCode() {
      int h = Objects.hashCode(map);
      h = 31 * h + Objects.hashCode(field);
      h = 31 * h + Objects.hashCode(slot);
      return h;
    }
  }

  /** The contents of a published snapshot, the collection at {@code contents}. */
  record Snapshot(Location contents) implements Location {
    @Override
    public boolean equals(Object o) {
      return o == this || o instanceof Snapshot v && Objects.equals(contents, v.contents);
    }

    @Override
    public int hashCode() {
      return Objects.hashCode(contents);
    }
  }

  /**
   * The shared field this location is on, or in (the map of a map value, the holder of a
   * snapshot): an {@link InstanceField} or {@link StaticField}, or null for objects the code
   * made and {@code this}.
   */
  default Location sharedField() {
    if (this instanceof InstanceField || this instanceof StaticField) {
      return this;
    }
    if (this instanceof MapValue v) {
      return v.map().sharedField();
    }
    return this instanceof Snapshot s ? s.contents().sharedField() : null;
  }

  /** Whether the location is on (or in) an object the analysed code made. */
  default boolean onLocalObject() {
    if (this instanceof LocalObject) {
      return true;
    }
    if (this instanceof MapValue v) {
      return v.map().onLocalObject();
    }
    return this instanceof Snapshot s && s.contents().onLocalObject();
  }

  /**
   * Whether the location is on (or in) a field declared by {@code classId} or a class nested in
   * it (whose id extends {@code classId}'s with a dot).
   */
  default boolean inFieldOf(String classId) {
    Location f = sharedField();
    String owner = f instanceof InstanceField i ? i.owner()
        : f instanceof StaticField s ? s.owner() : null;
    return owner != null && (owner.equals(classId) || owner.startsWith(classId + "."));
  }

  /** Whether the location is on (or in) a static field. */
  default boolean isStatic() {
    return sharedField() instanceof StaticField;
  }
}
