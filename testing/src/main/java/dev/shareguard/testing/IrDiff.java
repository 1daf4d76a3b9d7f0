package dev.shareguard.testing;

import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.IrPrinter;
import dev.shareguard.core.ir.Pos;
import dev.shareguard.core.ir.SourceFile;
import dev.shareguard.core.ir.TypeRef;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where two lowerings of the same source differ, node by node: for front-end parity tests, whose
 * failures must say which construct the front ends disagree on, not just that the files differ.
 */
public final class IrDiff {
  private IrDiff() {}

  /** Each difference as {@code path.to.component: a | b}; empty when the IR is equal. */
  public static List<String> differences(SourceFile a, SourceFile b) {
    List<String> out = new ArrayList<>();
    diff(a.path(), a, b, out);
    return out;
  }

  private static void diff(String path, Object a, Object b, List<String> out) {
    if (Objects.equals(a, b)) {
      return;
    }
    if (a instanceof List<?> la && b instanceof List<?> lb && la.size() == lb.size()) {
      for (int i = 0; i < la.size(); i++) {
        diff(path + "[" + i + "]", la.get(i), lb.get(i), out);
      }
      return;
    }
    boolean leaf = a instanceof TypeRef || a instanceof Pos;
    if (a != null
        && b != null
        && a.getClass() == b.getClass()
        && a.getClass().isRecord()
        && !leaf) {
      for (RecordComponent rc : a.getClass().getRecordComponents()) {
        try {
          diff(
              path + "." + rc.getName(),
              rc.getAccessor().invoke(a),
              rc.getAccessor().invoke(b),
              out);
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      }
      return;
    }
    out.add(path + ": " + show(a) + " | " + show(b));
  }

  private static String show(Object o) {
    if (o instanceof Expr e) {
      return IrPrinter.expr(e) + " :" + e.type() + " @" + e.pos();
    }
    String s = String.valueOf(o);
    return s.length() > 200 ? s.substring(0, 200) + "…" : s;
  }
}
