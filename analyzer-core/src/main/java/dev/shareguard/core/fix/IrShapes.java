package dev.shareguard.core.fix;

import dev.shareguard.core.engine.IrWalker;
import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.Stmt;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Shapes of IR code a fix checks before it rewrites: plain expressions, null tests, paths. */
final class IrShapes {
  private IrShapes() {}

  /** A local, a field of this object or a static field, or a literal: read twice, same value. */
  static boolean isPlain(Expr e) {
    return e instanceof Expr.LocalRef
        || e instanceof Expr.Literal
        || e instanceof Expr.FieldAccess f
            && (f.receiver() == null || f.receiver() instanceof Expr.ThisRef t && !t.isSuper());
  }

  /** A plain expression ({@link #isPlain}) of the given primitive type or its box. */
  static boolean isOfType(Expr e, String primitive, String boxed) {
    String t = e.type().name();
    return isPlain(e) && (t.equals(primitive) || t.equals(boxed));
  }

  /** {@code x op null} or {@code null op x}, with {@code x} an expression {@code isX} accepts. */
  static boolean isNullTest(Expr cond, String op, Predicate<Expr> isX) {
    return cond instanceof Expr.Binary b
        && b.op().equals(op)
        && (isX.test(b.left()) && IrWalker.isNullLiteral(b.right())
            || isX.test(b.right()) && IrWalker.isNullLiteral(b.left()));
  }

  static boolean isLocal(Expr e, String name) {
    return e instanceof Expr.LocalRef l && l.name().equals(name);
  }

  /** How often local {@code name} is read in {@code block}, lambdas included. */
  static int uses(Stmt block, String name) {
    int[] n = {0};
    IrWalker.forEachExpr(block, e -> n[0] += isLocal(e, name) ? 1 : 0);
    return n[0];
  }

  /**
   * The statements from {@code s} down to the expression statement whose expression is {@code
   * call}, or null. Does not enter lambdas: they are bodies of their own.
   */
  static List<Stmt> pathTo(Stmt s, Expr.Call call) {
    if (s instanceof Stmt.ExprStmt e && e.expr() == call) {
      return new ArrayList<>(List.of(s));
    }
    for (Stmt child : IrWalker.childStatements(s)) {
      List<Stmt> p = pathTo(child, call);
      if (p != null) {
        p.add(0, s);
        return p;
      }
    }
    return null;
  }

}
