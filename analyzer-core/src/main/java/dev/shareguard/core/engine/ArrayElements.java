package dev.shareguard.core.engine;

import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.Pos;
import dev.shareguard.core.ir.Stmt;

/**
 * Two accesses to one array that surely touch two different elements, which are two variables
 * (JLS 10: an array's components are variables of their own), so they do not race:
 *
 * <ul>
 *   <li>two constant indices that differ ({@code stats[0]} and {@code stats[1]});
 *   <li>accesses of the tasks one loop starts, each indexing the per-call array with its own copy
 *       of the loop's counter ({@code for (int i = 0; i < n; i++) { final int slot = i;
 *       pool.execute(() -> results[slot] = work(slot)); }}): every pass starts one task with a
 *       counter value no other pass has, on an array that call made.
 * </ul>
 */
final class ArrayElements {
  private final ProgramIndex index;

  ArrayElements(ProgramIndex index) {
    this.index = index;
  }

  /** Whether {@code a} and {@code b}, accesses to one array's contents, touch two elements. */
  boolean distinct(AccessInstance a, AccessInstance b) {
    Expr i = indexOf(a);
    Expr j = indexOf(b);
    if (i == null || j == null) {
      return false;
    }
    if (i instanceof Expr.Literal x && j instanceof Expr.Literal y) {
      return isInt(x) && isInt(y) && !x.text().equals(y.text());
    }
    return a.ctx() instanceof Ctx.Task x && b.ctx() instanceof Ctx.Task y
        && x.root().equals(y.root()) && a.key().onLocalObject()
        && i instanceof Expr.LocalRef l && j instanceof Expr.LocalRef m && l.name().equals(m.name())
        && perPassCounterCopy(x, l.name());
  }

  /** The index expression of an array element access, or null. */
  static Expr indexOf(AccessInstance a) {
    if (a.raw().slot() != BodyResult.Slot.CONTENTS) {
      return null;
    }
    Expr e = a.raw().expr();
    Expr target = e instanceof Expr.Assign as ? as.target()
        : e instanceof Expr.Unary u ? u.operand() : e;
    return target instanceof Expr.ArrayAccess aa ? aa.index() : null;
  }

  private static boolean isInt(Expr.Literal l) {
    return l.text().matches("-?[0-9]+");
  }

  /**
   * Whether local {@code name}, which the task reads from the code that started it, is declared
   * in the body of the loop around the start as a copy of the loop's counter ({@code final int
   * slot = i;}), the counter moving only in the loop's update: each pass has its own value.
   */
  private boolean perPassCounterCopy(Ctx.Task task, String name) {
    if (!(task.root() instanceof TaskRoot.Spawn spawn) || task.spawnerBody() == null) {
      return false;
    }
    ProgramIndex.Body spawner = index.body(task.spawnerBody());
    if (spawner == null || spawner.block() == null) {
      return false;
    }
    boolean[] found = {false};
    IrWalker.forEachStmt(spawner.block(), st -> {
      if (!found[0] && st instanceof Stmt.For loop && contains(loop.body(), spawn.pos())) {
        found[0] = copiesCounter(loop, name);
      }
    });
    return found[0];
  }

  private static boolean contains(Stmt s, Pos p) {
    boolean[] in = {false};
    IrWalker.forEachExpr(s, e -> in[0] |= e.pos().equals(p));
    return in[0];
  }

  private static boolean copiesCounter(Stmt.For loop, String name) {
    if (loop.init().size() != 1 || !(loop.init().get(0) instanceof Stmt.LocalVar counter)
        || loop.update().size() != 1 || !(loop.update().get(0) instanceof Expr.Unary step)
        || !step.writes() || !(step.operand() instanceof Expr.LocalRef stepped)
        || !stepped.name().equals(counter.name())
        || !(loop.body() instanceof Stmt.Block block)) {
      return false;
    }
    boolean copied = false;
    for (Stmt st : block.stmts()) {
      if (st instanceof Stmt.LocalVar v && v.name().equals(name)
          && v.init() instanceof Expr.LocalRef from && from.name().equals(counter.name())) {
        copied = true;
      }
    }
    if (!copied) {
      return false;
    }
    boolean[] moved = {false};
    IrWalker.forEachExpr(loop.body(), e -> {
      Expr target = e instanceof Expr.Assign as ? as.target()
          : e instanceof Expr.Unary u && u.writes() ? u.operand() : null;
      if (target instanceof Expr.LocalRef r
          && (r.name().equals(counter.name()) || r.name().equals(name))) {
        moved[0] = true;
      }
    });
    return !moved[0];
  }
}
