package dev.shareguard.core.ir;

import java.lang.reflect.RecordComponent;
import java.util.List;

/**
 * Whether two pieces of IR are the same code at two places: equal record by record, positions
 * ({@link Pos}) aside. For small statements compared now and then (the two branches of an {@code
 * if}); it reads records reflectively.
 */
public final class SameShape {
  private SameShape() {}

  /** Whether {@code a} and {@code b} are equal but for their positions. */
  public static boolean same(Object a, Object b) {
    if (a == b) {
      return true;
    }
    if (a == null || b == null || a.getClass() != b.getClass()) {
      return false;
    }
    if (a instanceof Pos) {
      return true;
    }
    if (a instanceof List<?> x) {
      List<?> y = (List<?>) b;
      if (x.size() != y.size()) {
        return false;
      }
      for (int i = 0; i < x.size(); i++) {
        if (!same(x.get(i), y.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (!a.getClass().isRecord()) {
      return a.equals(b);
    }
    for (RecordComponent c : a.getClass().getRecordComponents()) {
      try {
        if (!same(c.getAccessor().invoke(a), c.getAccessor().invoke(b))) {
          return false;
        }
      } catch (ReflectiveOperationException e) {
        return false;
      }
    }
    return true;
  }
}
