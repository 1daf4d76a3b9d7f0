package dev.shareguard.core.copies;

import dev.shareguard.core.engine.IrWalker;
import dev.shareguard.core.engine.OnceRegions;
import dev.shareguard.core.engine.ProgramIndex;
import dev.shareguard.core.ir.ClassDecl;
import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.MethodDecl;
import dev.shareguard.core.ir.Stmt;

/**
 * Changes of a container that run once, under a lock, before the container is first handed out:
 * a lazy fill in a run-once region ({@link OnceRegions}) of a {@code synchronized} method ({@code
 * if (!loaded) { loaded = true; list.addAll(…); }}), or in a private helper that sets the flag
 * itself and that only such a guard calls ({@code if (!defined) define();}). The region runs the
 * first time and never again, and the lock its callers hold orders it before whatever a later
 * holder of that lock returns.
 */
final class OnceFills {
  private OnceFills() {}

  /**
   * Whether the change at {@code at} in {@code body} is such a fill, under the monitor that a
   * {@code synchronized} method of the same class and staticness ({@code isStatic}) holds.
   */
  static boolean filledOnce(
      ProgramIndex index, ProgramIndex.Body body, Expr at, boolean isStatic) {
    if (body.isLambda() || body.method() == null) {
      return false;
    }
    MethodDecl m = body.method();
    if (m.isSynchronized() && m.isStatic() == isStatic) {
      return OnceRegions.inOnceRegion(m.body(), at, f -> OnceRegions.onlyEverSetTrue(index, f));
    }
    Expr.FieldAccess flag = flagSetAtTheStart(m);
    if (!m.isPrivate() || m.isStatic() != isStatic || flag == null
        || !OnceRegions.onlyEverSetTrue(index, flag)) {
      return false;
    }
    return everyCallGuardedBy(body.owner(), m, flag.name(), isStatic);
  }

  /**
   * Whether {@code owner} calls helper {@code m} somewhere, and always from a {@code
   * synchronized} method of the given staticness, under {@code if (!flag)}.
   */
  private static boolean everyCallGuardedBy(
      ClassDecl owner, MethodDecl m, String flag, boolean isStatic) {
    boolean[] called = {false};
    boolean[] unguarded = {false};
    for (MethodDecl caller : owner.methods()) {
      if (caller.body() == null) {
        continue;
      }
      IrWalker.forEachExpr(caller.body(), e -> {
        if (e instanceof Expr.Call c && c.target().name().equals(m.name())
            && c.args().size() == m.params().size()
            && (c.receiver() == null || c.receiver() instanceof Expr.ThisRef)) {
          called[0] = true;
          Expr.FieldAccess g = OnceRegions.unsetFlagAround(caller.body(), c);
          unguarded[0] |= !caller.isSynchronized() || caller.isStatic() != isStatic
              || g == null || !g.name().equals(flag);
        }
      });
    }
    return called[0] && !unguarded[0];
  }

  /** The flag a method sets to {@code true} in its first statement, or null. */
  private static Expr.FieldAccess flagSetAtTheStart(MethodDecl m) {
    if (m.body() == null || m.body().stmts().isEmpty()
        || !(m.body().stmts().get(0) instanceof Stmt.ExprStmt es)
        || !(es.expr() instanceof Expr.Assign a) || !a.op().equals("=")
        || !(a.target() instanceof Expr.FieldAccess f) || !IrWalker.isTrueLiteral(a.value())) {
      return null;
    }
    return f;
  }
}
