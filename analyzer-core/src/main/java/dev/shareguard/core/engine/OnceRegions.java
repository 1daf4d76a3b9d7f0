package dev.shareguard.core.engine;

import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.Stmt;
import java.util.List;
import java.util.function.Predicate;

/**
 * Code that runs at most once: the branch of {@code if (!flag)} that sets {@code flag = true}, or
 * what follows {@code if (flag) return;} in a block that sets it, where {@code flag} is a boolean
 * field nothing outside construction sets to anything but true. Once such a region has run, it
 * never runs again (the race finder's publication through a lock, the copies pack's one-time
 * fills).
 */
public final class OnceRegions {
  private OnceRegions() {}

  /**
   * Whether {@code store} (an expression of {@code block}) sits in a run-once region of {@code
   * block}, its flag accepted by {@code onlyEverSetTrue}.
   */
  public static boolean inOnceRegion(
      Stmt block, Expr store, Predicate<Expr.FieldAccess> onlyEverSetTrue) {
    boolean[] found = {false};
    IrWalker.forEachStmt(block, st -> {
      if (found[0]) {
        return;
      }
      if (st instanceof Stmt.If i && i.orElse() == null && i.cond() instanceof Expr.Unary u
          && u.op().equals("!") && u.operand() instanceof Expr.FieldAccess flag) {
        found[0] = holds(i.then(), store) && setsTrue(i.then(), flag.name())
            && onlyEverSetTrue.test(flag);
      } else if (st instanceof Stmt.Block b) {
        List<Stmt> list = b.stmts();
        for (int k = 0; k < list.size() && !found[0]; k++) {
          if (list.get(k) instanceof Stmt.If i && i.orElse() == null
              && i.cond() instanceof Expr.FieldAccess flag && IrWalker.leaves(i.then())) {
            Stmt rest = new Stmt.Block(b.pos(), list.subList(k + 1, list.size()));
            found[0] = holds(rest, store) && setsTrue(rest, flag.name())
                && onlyEverSetTrue.test(flag);
          }
        }
      }
    });
    return found[0];
  }

  /**
   * The flag of an {@code if (!flag) …} without {@code else} around {@code e} in {@code block},
   * or null: the guard of a call to a helper that sets the flag itself.
   */
  public static Expr.FieldAccess unsetFlagAround(Stmt block, Expr e) {
    Expr.FieldAccess[] out = {null};
    IrWalker.forEachStmt(block, st -> {
      if (out[0] == null && st instanceof Stmt.If i && i.orElse() == null
          && i.cond() instanceof Expr.Unary u && u.op().equals("!")
          && u.operand() instanceof Expr.FieldAccess flag && holds(i.then(), e)) {
        out[0] = flag;
      }
    });
    return out[0];
  }

  /**
   * Whether every store into boolean field {@code flag} in the analysed code outside constructors
   * and initializers stores {@code true}.
   */
  public static boolean onlyEverSetTrue(ProgramIndex index, Expr.FieldAccess flag) {
    return OnceGates.everyStoreIsTrue(index, flag, true);
  }

  /** Whether {@code s} holds the very expression {@code e}. */
  static boolean holds(Stmt s, Expr e) {
    boolean[] in = {false};
    IrWalker.forEachExpr(s, x -> in[0] |= x == e);
    return in[0];
  }

  /** Whether {@code s} stores {@code true} into field {@code flag}. */
  static boolean setsTrue(Stmt s, String flag) {
    boolean[] set = {false};
    IrWalker.forEachExpr(s, e -> set[0] |= e instanceof Expr.Assign a && a.op().equals("=")
        && a.target() instanceof Expr.FieldAccess f && f.name().equals(flag)
        && IrWalker.isTrueLiteral(a.value()));
    return set[0];
  }
}
