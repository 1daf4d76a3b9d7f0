package dev.shareguard.core.engine;

import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.Stmt;
import java.util.Objects;

/**
 * A method that hands its field's object over instead of sharing it: it reads the field into a
 * local ({@code List<X> result = pending;}), then stores something else into the field ({@code
 * pending = null;} or a new container), and returns the local. Later changes through the field
 * go to another object, so the caller owns the one it got (a value taken out of shared state
 * belongs to the taker, SPEC §2).
 */
public final class HandOvers {
  private HandOvers() {}

  /**
   * Whether {@code returned}, an expression {@code body} returns, is such a handed-over object
   * of field {@code field} (any field when null).
   */
  public static boolean handsOver(Stmt body, Expr returned, String field) {
    if (!(returned instanceof Expr.LocalRef l) || body == null
        || !(IrWalker.onlyValueOf(body, l.name()) instanceof Expr.FieldAccess read)
        || (field != null && !read.name().equals(field))) {
      return false;
    }
    boolean[] storedAfter = {false};
    IrWalker.forEachExpr(body, e -> storedAfter[0] |=
        e instanceof Expr.Assign a && a.op().equals("=")
            && a.target() instanceof Expr.FieldAccess t && t.name().equals(read.name())
            && Objects.equals(t.ownerClass(), read.ownerClass())
            && sameObject(t.receiver(), read.receiver())
            && a.pos().compareTo(read.pos()) > 0
            && a.pos().compareTo(returned.pos()) < 0
            && !(a.value() instanceof Expr.LocalRef back && back.name().equals(l.name())));
    return storedAfter[0];
  }

  /** Both receivers name the same object: both static or implicit, or both {@code this}. */
  private static boolean sameObject(Expr a, Expr b) {
    return (a == null || a instanceof Expr.ThisRef) && (b == null || b instanceof Expr.ThisRef);
  }
}
