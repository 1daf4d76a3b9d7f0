package dev.shareguard.core.engine;

import dev.shareguard.core.engine.BodyResult.Slot;
import java.util.ArrayList;
import java.util.List;

/**
 * The abstract location of an access as the walk keys it: the cell or the contents of a field
 * path from {@code this}, a static, or a fresh object's allocation.
 */
final class LocationKeys {
  private LocationKeys() {}

  private static boolean throughElement(AbsVal v) {
    int guard = 0;
    while (guard++ < 64) {
      if (v instanceof AbsVal.Elem) {
        return true;
      } else if (v instanceof AbsVal.Field f) {
        v = f.base();
      } else if (v instanceof AbsVal.View w) {
        v = w.backing();
      } else {
        return false;
      }
    }
    return false;
  }

  /**
   * The abstract location of an access, or null if it has none (an unknown or caller-owned
   * object). Fields of shared objects are keyed by declaring class and name (any two instances
   * may alias); fields and contents of fresh objects by their allocation site.
   */
  static Location locationKey(AbsVal target, Slot slot) {
    if (throughElement(target)) {
      // An object taken out of a container is usually handed over between threads (a queue, a
      // map of per-request state): its own fields are not shared by the path that reached it.
      return null;
    }
    AbsVal root = rootOf(target);
    if (root instanceof AbsVal.This || root instanceof AbsVal.Static) {
      return sharedPath(target, slot);
    }
    AllocSite site;
    if (root instanceof AbsVal.Alloc a) {
      site = a.site();
    } else if (root instanceof AbsVal.Anon a) {
      site = a.site();
    } else {
      return null;
    }
    List<String> fields = new ArrayList<>();
    return localPath(target, fields) ? new Location.LocalObject(slot, site, fields) : null;
  }

  /** The location of a path from {@code this} or a static: its last field, or {@code this}. */
  private static Location sharedPath(AbsVal v, Slot slot) {
    while (v instanceof AbsVal.View w) {
      v = w.backing();
    }
    if (v instanceof AbsVal.Field f) {
      return rootOf(f) instanceof AbsVal.Static
          ? new Location.StaticField(slot, f.owner(), f.field())
          : new Location.InstanceField(slot, f.owner(), f.field());
    }
    if (v instanceof AbsVal.This t) {
      return new Location.ThisObject(slot, t.classId());
    }
    return null;
  }

  /** Adds the fields of a path from a fresh object to {@code fields}; false if it has no such. */
  private static boolean localPath(AbsVal v, List<String> fields) {
    if (v instanceof AbsVal.Field f) {
      if (!localPath(f.base(), fields)) {
        return false;
      }
      fields.add(f.field());
      return true;
    }
    if (v instanceof AbsVal.View w) {
      return localPath(w.backing(), fields);
    }
    return v instanceof AbsVal.Alloc || v instanceof AbsVal.Anon;
  }

  /** The object a value's field path starts from ({@link AbsVal#root}). */
  static AbsVal rootOf(AbsVal v) {
    return AbsVal.root(v);
  }
}
