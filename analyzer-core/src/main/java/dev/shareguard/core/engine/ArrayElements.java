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
 *       counter value no other pass has, on an array that call made; or with a counter of its own
 *       that starts at that copy and steps by the loop's bound ({@code for (int t = slot; t <
 *       size; t += n)}): the tasks take disjoint strides;
 *   <li>such a loop's own access with its pass's copy, before the pass starts its task, against
 *       the tasks' accesses with their copies ({@code parts[slot] = new Part();} then {@code
 *       pool.execute(() -> parts[slot].add(x))}): the pass's own task starts after it, the
 *       others use other elements.
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
    if (!(i instanceof Expr.LocalRef l && j instanceof Expr.LocalRef m
        && l.name().equals(m.name()) && a.key().onLocalObject())) {
      return false;
    }
    if (a.ctx() instanceof Ctx.Task x && b.ctx() instanceof Ctx.Task y) {
      return x.root().equals(y.root()) && a.body() == b.body()
          && (spawnLoop(x, l.name()) != null || stridedFromACopy(x, a.body(), l.name()));
    }
    return passBeforeItsTask(a, b, l.name()) || passBeforeItsTask(b, a, l.name());
  }

  /**
   * Whether {@code pass}, in the loop that starts {@code task}'s task, indexes with the pass's copy
   * of the counter ({@code name}) before that pass starts its task, and the task indexes with the
   * copy it captured ({@code parts[slot] = new Part(); pool.execute(() -> parts[slot].fill());}):
   * the task of that pass starts after the access, and every other pass's task uses another
   * element.
   */
  private boolean passBeforeItsTask(AccessInstance pass, AccessInstance task, String name) {
    if (!(task.ctx() instanceof Ctx.Task t) || !(t.root() instanceof TaskRoot.Spawn spawn)
        || !pass.body().id().equals(t.spawnerBody())) {
      return false;
    }
    Stmt.For loop = spawnLoop(t, name);
    return loop != null && contains(loop.body(), pass.raw().expr().pos())
        && pass.raw().expr().pos().compareTo(spawn.pos()) < 0;
  }

  /**
   * Whether {@code name} is the counter of a loop in the task's code that starts at the per-pass
   * copy of the spawning loop's counter and steps by that loop's bound ({@code for (int t = first;
   * t < size; t += parts)} in each of {@code parts} tasks): the tasks touch disjoint strides.
   */
  private boolean stridedFromACopy(Ctx.Task task, ProgramIndex.Body code, String name) {
    if (code == null || code.block() == null) {
      return false;
    }
    boolean[] found = {false};
    IrWalker.forEachStmt(code.block(), st -> {
      if (found[0] || !(st instanceof Stmt.For inner) || inner.init().size() != 1
          || !(inner.init().get(0) instanceof Stmt.LocalVar v) || !v.name().equals(name)
          || !(v.init() instanceof Expr.LocalRef from) || inner.update().size() != 1
          || !(inner.update().get(0) instanceof Expr.Assign step) || !step.op().equals("+=")
          || !(step.target() instanceof Expr.LocalRef stepped) || !stepped.name().equals(name)) {
        return;
      }
      Stmt.For outer = spawnLoop(task, from.name());
      if (outer != null && outer.cond() instanceof Expr.Binary lt && lt.op().equals("<")
          && startsAtZero(outer) && sameValue(step.value(), lt.right(), spawnerBlock(task))) {
        found[0] = !IrWalker.assignsLocal(inner.body(), name);
      }
    });
    return found[0];
  }

  private static boolean startsAtZero(Stmt.For loop) {
    return loop.init().get(0) instanceof Stmt.LocalVar c && c.init() instanceof Expr.Literal l
        && l.text().equals("0");
  }

  /**
   * Whether two expressions of the spawning code surely have one value: the same expression, or a
   * local of the spawning body initialized with the other ({@code final int parts =
   * pool.getCorePoolSize();} against {@code i < pool.getCorePoolSize()}).
   */
  private static boolean sameValue(Expr x, Expr y, Stmt.Block spawner) {
    if (dev.shareguard.core.ir.SameShape.same(x, y)) {
      return true;
    }
    Expr xi = x instanceof Expr.LocalRef l ? IrWalker.onlyValueOf(spawner, l.name()) : null;
    Expr yi = y instanceof Expr.LocalRef l ? IrWalker.onlyValueOf(spawner, l.name()) : null;
    return xi != null && dev.shareguard.core.ir.SameShape.same(xi, y)
        || yi != null && dev.shareguard.core.ir.SameShape.same(x, yi)
        || xi != null && yi != null && dev.shareguard.core.ir.SameShape.same(xi, yi);
  }

  private Stmt.Block spawnerBlock(Ctx.Task task) {
    ProgramIndex.Body spawner = task.spawnerBody() == null ? null : index.body(task.spawnerBody());
    return spawner == null ? null : spawner.block();
  }

  /** The index expression of an array element access, or null. */
  static Expr indexOf(AccessInstance a) {
    if (a.raw().slot() != BodyResult.Slot.CONTENTS) {
      return null;
    }
    Expr e = a.raw().expr();
    Expr target = IrWalker.writtenTarget(e) != null ? IrWalker.writtenTarget(e) : e;
    return target instanceof Expr.ArrayAccess aa ? aa.index() : null;
  }

  private static boolean isInt(Expr.Literal l) {
    return l.text().matches("-?[0-9]+");
  }

  /**
   * The loop around the start in whose body local {@code name}, which the task reads from the
   * code that started it, is declared as a copy of the loop's counter ({@code final int slot =
   * i;}), the counter moving only in the loop's update, so each pass has its own value; or null.
   */
  private Stmt.For spawnLoop(Ctx.Task task, String name) {
    if (!(task.root() instanceof TaskRoot.Spawn spawn)) {
      return null;
    }
    Stmt.Block block = spawnerBlock(task);
    if (block == null) {
      return null;
    }
    Stmt.For[] found = {null};
    IrWalker.forEachStmt(block, st -> {
      if (found[0] == null && st instanceof Stmt.For loop && contains(loop.body(), spawn.pos())
          && copiesCounter(loop, name)) {
        found[0] = loop;
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
      Expr target = IrWalker.writtenTarget(e);
      if (target instanceof Expr.LocalRef r
          && (r.name().equals(counter.name()) || r.name().equals(name))) {
        moved[0] = true;
      }
    });
    return !moved[0];
  }
}
