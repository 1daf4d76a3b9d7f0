package dev.shareguard.core.copies;

import dev.shareguard.core.engine.IrWalker;
import dev.shareguard.core.engine.ProgramIndex;
import dev.shareguard.core.ir.ClassDecl;
import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.MethodDecl;
import dev.shareguard.core.ir.Stmt;
import java.util.ArrayList;
import java.util.List;

/**
 * Changes of a container that run once, under a lock, before the container is first handed out:
 * a lazy fill behind a flag. {@code if (!loaded) { loaded = true; list.addAll(…); }} in a {@code
 * synchronized} method, or in a private helper that sets the flag itself and that only such a
 * guard calls ({@code if (!defined) define();}), where nothing but construction sets the flag to
 * anything but {@code true}: the region runs the first time and never again, and the lock its
 * callers hold orders it before whatever a later holder of that lock returns.
 */
final class OnceFills {
  private OnceFills() {}

  /**
   * Whether the change at {@code at} in {@code body} is such a fill, under the monitor that a
   * {@code synchronized} method of the same class and staticness ({@code isStatic}) holds.
   */
  static boolean filledOnce(ProgramIndex.Body body, Expr at, boolean isStatic) {
    if (body.isLambda() || body.method() == null) {
      return false;
    }
    MethodDecl m = body.method();
    ClassDecl owner = body.owner();
    if (m.isSynchronized() && m.isStatic() == isStatic) {
      Expr.FieldAccess flag = guardOf(m.body(), at);
      return flag != null && onlyEverSetTrue(owner, flag.name());
    }
    if (!m.isPrivate() || m.isStatic() != isStatic) {
      return false;
    }
    String flag = flagSetAtTheStart(m);
    if (flag == null || !onlyEverSetTrue(owner, flag)) {
      return false;
    }
    List<Expr.Call> calls = new ArrayList<>();
    boolean[] unguarded = {false};
    for (MethodDecl caller : owner.methods()) {
      if (caller.body() == null) {
        continue;
      }
      IrWalker.forEachExpr(caller.body(), e -> {
        if (e instanceof Expr.Call c && c.target().name().equals(m.name())
            && c.args().size() == m.params().size()
            && (c.receiver() == null || c.receiver() instanceof Expr.ThisRef)) {
          calls.add(c);
          Expr.FieldAccess g = guardOf(caller.body(), c);
          unguarded[0] |= !caller.isSynchronized() || caller.isStatic() != isStatic
              || g == null || !g.name().equals(flag);
        }
      });
    }
    return !calls.isEmpty() && !unguarded[0];
  }

  /**
   * The flag of an {@code if (!flag) …} around {@code at} in {@code body}, whose branch sets
   * {@code flag = true} (or calls a method that does at its start), or null.
   */
  private static Expr.FieldAccess guardOf(Stmt body, Expr at) {
    Expr.FieldAccess[] out = {null};
    IrWalker.forEachStmt(body, st -> {
      if (out[0] == null && st instanceof Stmt.If i && i.orElse() == null
          && i.cond() instanceof Expr.Unary u && u.op().equals("!")
          && u.operand() instanceof Expr.FieldAccess flag && contains(i.then(), at)
          && (setsTrue(i.then(), flag.name()) || at instanceof Expr.Call)) {
        out[0] = flag;
      }
    });
    return out[0];
  }

  /** The flag a method sets to {@code true} in its first statement, or null. */
  private static String flagSetAtTheStart(MethodDecl m) {
    if (m.body() == null || m.body().stmts().isEmpty()
        || !(m.body().stmts().get(0) instanceof Stmt.ExprStmt es)
        || !(es.expr() instanceof Expr.Assign a) || !a.op().equals("=")
        || !(a.target() instanceof Expr.FieldAccess f) || !IrWalker.isTrueLiteral(a.value())) {
      return null;
    }
    return f.name();
  }

  /** Whether no code of {@code c} but its constructors sets field {@code flag} to other than true. */
  private static boolean onlyEverSetTrue(ClassDecl c, String flag) {
    boolean[] other = {false};
    for (MethodDecl m : c.methods()) {
      if (m.body() == null || m.isConstructor() || m.isInitializer()) {
        continue;
      }
      IrWalker.forEachExpr(m.body(), e -> other[0] |= e instanceof Expr.Assign a
          && a.target() instanceof Expr.FieldAccess f && f.name().equals(flag)
          && !(a.op().equals("=") && IrWalker.isTrueLiteral(a.value())));
    }
    return !other[0];
  }

  private static boolean setsTrue(Stmt s, String flag) {
    boolean[] set = {false};
    IrWalker.forEachExpr(s, e -> set[0] |= e instanceof Expr.Assign a && a.op().equals("=")
        && a.target() instanceof Expr.FieldAccess f && f.name().equals(flag)
        && IrWalker.isTrueLiteral(a.value()));
    return set[0];
  }

  private static boolean contains(Stmt s, Expr e) {
    boolean[] in = {false};
    IrWalker.forEachExpr(s, x -> in[0] |= x == e);
    return in[0];
  }
}
