package dev.shareguard.core.engine;

import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.Stmt;
import dev.shareguard.core.model.BlockingCalls;
import java.util.Set;

/**
 * Whether a plain store into a field ({@code f = v}) is decided on shared state: computed from
 * the field's old value ({@code f = f + 1}), made after the same body read the field ({@code if
 * (f == null) f = …}), or made under a condition that reads a field ({@code if (now > last +
 * 1000) { tokens = …; last = now; }}). Two threads deciding on the same old state both act on
 * it, so such a store loses an update; a store decided on nothing shared only replaces a value.
 */
final class StoreDecisions {
  private StoreDecisions() {}

  static boolean decidedOnSharedState(ProgramIndex.Body body, Expr.Assign store) {
    if (!(store.target() instanceof Expr.FieldAccess target) || body == null
        || body.block() == null) {
      return false;
    }
    Stmt.If sameValueTest = sameValueTest(body.block(), store, target.name());
    Set<Expr> tested = sameValueTest == null ? Set.of() : testedReads(body.block(), sameValueTest);
    boolean[] found = {readsField(store.value(), target.name())};
    IrWalker.forEachExpr(body.block(), e -> {
      if (!found[0] && e != target && e instanceof Expr.FieldAccess f
          && f.name().equals(target.name()) && f.pos().compareTo(store.pos()) < 0
          && !tested.contains(e)) {
        found[0] = true;
      }
    });
    IrWalker.forEachStmt(body.block(), st -> {
      if (found[0] || st == sameValueTest) {
        return;
      }
      if (st instanceof Stmt.If i && readsField(i.cond(), null)) {
        found[0] = contains(i.then(), store) || (i.orElse() != null && contains(i.orElse(), store));
      } else if (st instanceof Stmt.While w && readsField(w.cond(), null)) {
        found[0] = contains(w.body(), store);
      }
    });
    return found[0];
  }

  /**
   * The {@code if} around {@code store} ({@code f = v}, {@code v} a local or parameter) that only
   * asks whether the store would change the field: its condition is one or more of {@code g ==
   * null}, {@code g != v}, {@code !g.equals(v)}, {@code !v.equals(g)}, {@code !Objects.equals(g,
   * v)} joined by {@code ||}, where {@code g} is the field or a local set once from it. Such a
   * test only skips a store that would leave the field as it is, so two threads storing at once
   * end with one of their two values, as in either order: the store is a plain one. Null when
   * there is none.
   */
  private static Stmt.If sameValueTest(Stmt block, Expr.Assign store, String field) {
    if (!(store.value() instanceof Expr.LocalRef v)) {
      return null;
    }
    Stmt.If[] found = {null};
    IrWalker.forEachStmt(block, st -> {
      if (found[0] == null && st instanceof Stmt.If i && contains(i.then(), store)
          && sameValueTerms(block, i.cond(), field, v.name())) {
        found[0] = i;
      }
    });
    return found[0];
  }

  private static boolean sameValueTerms(Stmt block, Expr cond, String field, String value) {
    if (cond instanceof Expr.Binary b && b.op().equals("||")) {
      return sameValueTerms(block, b.left(), field, value)
          && sameValueTerms(block, b.right(), field, value);
    }
    Expr nullTested = IrWalker.nullCompared(cond, "==");
    if (nullTested != null) {
      return fieldValue(block, nullTested, field);
    }
    if (cond instanceof Expr.Binary b && b.op().equals("!=")) {
      return fieldValue(block, b.left(), field) && isLocal(b.right(), value)
          || fieldValue(block, b.right(), field) && isLocal(b.left(), value);
    }
    if (cond instanceof Expr.Unary u && u.op().equals("!")
        && u.operand() instanceof Expr.Call c && c.target().name().equals("equals")) {
      if (c.receiver() != null && c.args().size() == 1) {
        return fieldValue(block, c.receiver(), field) && isLocal(c.args().get(0), value)
            || isLocal(c.receiver(), value) && fieldValue(block, c.args().get(0), field);
      }
      return c.receiver() == null && c.args().size() == 2
          && "java.util.Objects".equals(c.target().owner())
          && (fieldValue(block, c.args().get(0), field) && isLocal(c.args().get(1), value)
              || isLocal(c.args().get(0), value) && fieldValue(block, c.args().get(1), field));
    }
    return false;
  }

  /** {@code e} is field {@code field}, or a local whose only value is read from it. */
  private static boolean fieldValue(Stmt block, Expr e, String field) {
    if (e instanceof Expr.FieldAccess f) {
      return f.name().equals(field);
    }
    if (!(e instanceof Expr.LocalRef l)) {
      return false;
    }
    boolean[] fromField = {false};
    boolean[] reassigned = {false};
    IrWalker.forEachStmt(block, st -> fromField[0] |= st instanceof Stmt.LocalVar lv
        && lv.name().equals(l.name()) && lv.init() instanceof Expr.FieldAccess f
        && f.name().equals(field));
    IrWalker.forEachExpr(block, x -> reassigned[0] |= x instanceof Expr.Assign as
        && as.target() instanceof Expr.LocalRef t && t.name().equals(l.name()));
    return fromField[0] && !reassigned[0];
  }

  /**
   * The reads of the field that {@code test} makes, directly or through the locals it reads
   * ({@code String old = e.converter;}).
   */
  private static Set<Expr> testedReads(Stmt block, Stmt.If test) {
    Set<Expr> out = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    Set<String> locals = new java.util.HashSet<>();
    IrWalker.forEachExpr(test.cond(), x -> {
      if (x instanceof Expr.FieldAccess) {
        out.add(x);
      } else if (x instanceof Expr.LocalRef l) {
        locals.add(l.name());
      }
    });
    IrWalker.forEachStmt(block, st -> {
      if (st instanceof Stmt.LocalVar lv && locals.contains(lv.name())
          && lv.init() instanceof Expr.FieldAccess) {
        out.add(lv.init());
      }
    });
    return out;
  }

  private static boolean isLocal(Expr e, String name) {
    return e instanceof Expr.LocalRef l && l.name().equals(name);
  }

  /**
   * Whether read {@code a} of a field's value is the check of a check-then-act: its own body
   * later stores the field decided on shared state ({@link #decidedOnSharedState}) or updates it
   * in place ({@code n++}, {@code n += d}).
   */
  static boolean readDecidesAStore(AccessInstance a) {
    if (!(a.raw().expr() instanceof Expr.FieldAccess read) || a.body() == null
        || a.body().block() == null) {
      return false;
    }
    boolean[] found = {false};
    IrWalker.forEachExpr(a.body().block(), e -> {
      if (found[0] || e.pos().compareTo(read.pos()) < 0) {
        return;
      }
      if (e instanceof Expr.Assign as && as.target() instanceof Expr.FieldAccess f
          && f.name().equals(read.name())) {
        found[0] = !as.op().equals("=") || decidedOnSharedState(a.body(), as);
      } else if (e instanceof Expr.Unary u && u.operand() instanceof Expr.FieldAccess f
          && f.name().equals(read.name()) && (u.op().contains("++") || u.op().contains("--"))) {
        found[0] = true;
      }
    });
    return found[0];
  }

  /** Whether {@code e} reads field {@code name}, or any field when {@code name} is null. */
  private static boolean readsField(Expr e, String name) {
    boolean[] found = {false};
    IrWalker.forEachExpr(e, x -> found[0] |= x instanceof Expr.FieldAccess f
        && (name == null || f.name().equals(name)));
    return found[0];
  }

  private static boolean contains(Stmt s, Expr e) {
    boolean[] found = {false};
    IrWalker.forEachExpr(s, x -> found[0] |= x == e);
    return found[0];
  }

  /**
   * Whether read {@code a} of a field's value or of a container's element count decides whether a
   * loop goes on: it is in a loop's condition ({@code while (queue.size() < n)}), or in a method
   * called from one ({@code while (!isReady())}), the call being the last step of its path.
   */
  static boolean polledInALoop(
      AccessInstance a, java.util.function.Function<String, ProgramIndex.Body> bodies) {
    if (a.isWrite()
        || (a.raw().slot() != BodyResult.Slot.CELL && !RaceConfidence.readsOnlyTheCount(a))) {
      return false;
    }
    if (inLoopCondition(a.body().block(), x -> x == a.raw().expr())) {
      return true;
    }
    CallPath last = a.path();
    if (last == null || last.via() != CallPath.Via.CALLS) {
      return false;
    }
    ProgramIndex.Body caller = bodies.apply(last.fromBody());
    return caller != null
        && inLoopCondition(caller.block(), x -> x instanceof Expr.Call c && c.pos().equals(last.at()));
  }

  /**
   * Whether a loop of {@code block} tests {@code wanted} in its condition and may spin: a loop
   * that blocks on every pass ({@link #blocksOnEveryPass}) reads the value from memory again
   * after each wait, so a write another thread makes is seen one pass late at worst.
   */
  private static boolean inLoopCondition(Stmt block, java.util.function.Predicate<Expr> wanted) {
    if (block == null) {
      return false;
    }
    boolean[] found = {false};
    IrWalker.forEachStmt(block, st -> {
      Expr cond = st instanceof Stmt.While w ? w.cond()
          : st instanceof Stmt.DoWhile d ? d.cond()
          : st instanceof Stmt.For f ? f.cond() : null;
      if (!found[0] && cond != null) {
        boolean[] tests = {false};
        IrWalker.forEachExpr(cond, x -> tests[0] |= wanted.test(x));
        found[0] = tests[0] && !blocksOnEveryPass(st);
      }
    });
    return found[0];
  }

  /**
   * Whether every pass of {@code loop} blocks the thread before it tests its condition again:
   * its condition or a statement its body always runs calls a blocking JDK method ({@link
   * BlockingCalls}) or enters a {@code synchronized} block. A statement that may jump ({@code
   * continue}, {@code break}, {@code return}) ends the statements known to run; a branch blocks
   * when both arms do.
   */
  static boolean blocksOnEveryPass(Stmt loop) {
    if (loop instanceof Stmt.While w) {
      return blocks(w.cond()) || alwaysBlocks(w.body());
    }
    if (loop instanceof Stmt.DoWhile d) {
      return blocks(d.cond()) || alwaysBlocks(d.body());
    }
    if (loop instanceof Stmt.For f) {
      boolean update = false;
      for (Expr u : f.update()) {
        update |= blocks(u);
      }
      return update || blocks(f.cond()) || alwaysBlocks(f.body());
    }
    return false;
  }

  /** Whether running {@code s} to its end surely makes a blocking call. */
  private static boolean alwaysBlocks(Stmt s) {
    if (s == null) {
      return false;
    }
    if (s instanceof Stmt.Block b) {
      for (Stmt x : b.stmts()) {
        if (alwaysBlocks(x)) {
          return true;
        }
        if (mayJump(x)) {
          return false;
        }
      }
      return false;
    }
    if (s instanceof Stmt.Synchronized) {
      return true;
    }
    if (s instanceof Stmt.ExprStmt e) {
      return blocks(e.expr());
    }
    if (s instanceof Stmt.LocalVar v) {
      return blocks(v.init());
    }
    if (s instanceof Stmt.Return r) {
      return blocks(r.expr());
    }
    if (s instanceof Stmt.Throw t) {
      return blocks(t.expr());
    }
    if (s instanceof Stmt.Labeled l) {
      return alwaysBlocks(l.body());
    }
    if (s instanceof Stmt.If i) {
      return blocks(i.cond()) || alwaysBlocks(i.then()) && alwaysBlocks(i.orElse());
    }
    if (s instanceof Stmt.Try t) {
      for (Stmt r : t.resources()) {
        if (alwaysBlocks(r)) {
          return true;
        }
      }
      return alwaysBlocks(t.body()) || alwaysBlocks(t.finallyBlock());
    }
    if (s instanceof Stmt.While w) {
      return blocks(w.cond());
    }
    if (s instanceof Stmt.DoWhile d) {
      return alwaysBlocks(d.body()) || blocks(d.cond());
    }
    if (s instanceof Stmt.For f) {
      for (Stmt x : f.init()) {
        if (alwaysBlocks(x)) {
          return true;
        }
      }
      return blocks(f.cond());
    }
    if (s instanceof Stmt.ForEach f) {
      return blocks(f.iterable());
    }
    if (s instanceof Stmt.Switch sw) {
      return blocks(sw.selector());
    }
    return false;
  }

  /** Whether {@code s} holds a {@code continue}, {@code break} or {@code return} of its own. */
  private static boolean mayJump(Stmt s) {
    boolean[] found = {false};
    IrWalker.forEachStmt(s, x -> found[0] |=
        x instanceof Stmt.Continue || x instanceof Stmt.Break || x instanceof Stmt.Return);
    return found[0];
  }

  /**
   * Whether evaluating {@code e} makes a blocking call ({@link BlockingCalls}); calls inside a
   * lambda are not made where the lambda is written.
   */
  private static boolean blocks(Expr e) {
    if (e == null) {
      return false;
    }
    boolean[] found = {false};
    IrWalker.forEachExprOutsideLambdas(e, x -> found[0] |=
        x instanceof Expr.Call c && c.target() != null
            && BlockingCalls.blocks(c.target().owner(), c.target().name(), c.args().size()));
    return found[0];
  }
}
