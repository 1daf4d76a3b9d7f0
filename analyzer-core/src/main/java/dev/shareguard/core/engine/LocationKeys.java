package dev.shareguard.core.engine;

import dev.shareguard.core.engine.BodyResult.Slot;

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
  static String locationKey(AbsVal target, Slot slot) {
    if (throughElement(target)) {
      // An object taken out of a container is usually handed over between threads (a queue, a
      // map of per-request state): its own fields are not shared by the path that reached it.
      return null;
    }
    AbsVal root = rootOf(target);
    String rootKey;
    if (root instanceof AbsVal.This || root instanceof AbsVal.Static) {
      rootKey = null;
    } else if (root instanceof AbsVal.Alloc a) {
      rootKey = "L:" + a.site();
    } else if (root instanceof AbsVal.Anon a) {
      rootKey = "L:" + a.site();
    } else {
      return null;
    }
    String path = pathOf(target, rootKey);
    if (path == null) {
      return null;
    }
    return (slot == Slot.CELL ? "cell " : "contents ") + path;
  }

  private static String pathOf(AbsVal v, String localRoot) {
    if (v instanceof AbsVal.Field f) {
      if (localRoot == null) {
        return (rootOf(f) instanceof AbsVal.Static ? "static " : "") + f.owner() + "." + f.field();
      }
      String base = pathOf(f.base(), localRoot);
      return base == null ? null : base + "." + f.field();
    }
    if (v instanceof AbsVal.Elem e) {
      String base = pathOf(e.base(), localRoot);
      return base == null ? null : base + "[*]";
    }
    if (v instanceof AbsVal.View w) {
      return pathOf(w.backing(), localRoot);
    }
    if (v instanceof AbsVal.This t) {
      return localRoot == null ? "this:" + t.classId() : null;
    }
    if (v instanceof AbsVal.Alloc || v instanceof AbsVal.Anon) {
      return localRoot;
    }
    return null;
  }

  /** The object a value's field path starts from ({@link AbsVal#root}). */
  static AbsVal rootOf(AbsVal v) {
    return AbsVal.root(v);
  }
}
