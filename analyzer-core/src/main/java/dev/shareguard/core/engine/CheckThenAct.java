package dev.shareguard.core.engine;

import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.IrPrinter;
import dev.shareguard.core.ir.MethodDecl;
import dev.shareguard.core.ir.Stmt;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Check-then-act sequences on one map inside one body, for rules about non-atomic map updates:
 * which checks ({@code get}, {@code containsKey}) on the same map and key run before an act
 * ({@code put}, {@code remove}), which of them cannot decide it, and what a put's value is.
 * Facts of one body in its own frame; whether other threads interleave is the thread walk's.
 */
public final class CheckThenAct {
  private CheckThenAct() {}

  /** Calls that look a key up: the check of a check-then-act. */
  public static final Set<String> CHECKS = Set.of("containsKey", "get", "getOrDefault");

  /**
   * Whether this body reads the map again for the same key after {@code put}: the winner's
   * object is read back, so the loser does not go on with its own.
   */
  public static boolean readBack(BodyResult body, BodyResult.RawAccess put, Expr.Call putCall) {
    String key = IrPrinter.expr(putCall.args().get(0));
    for (BodyResult.RawAccess a : body == null ? List.<BodyResult.RawAccess>of() : body.accesses()) {
      if (a.target().equals(put.target()) && put.at().pos().compareTo(a.at().pos()) < 0
          && a.expr() instanceof Expr.Call c && CHECKS.contains(c.target().name())
          && !c.args().isEmpty() && IrPrinter.expr(c.args().get(0)).equals(key)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether local {@code local} is read after {@code act} in the text of {@code body}: the object
   * it holds is used after being offered to the map. Nothing read after means the thread drops its
   * object whichever thread won.
   */
  public static boolean usedAfter(Stmt body, Expr.Call act, Expr.LocalRef local) {
    boolean[] used = {false};
    IrWalker.forEachExpr(body, e -> {
      if (e instanceof Expr.LocalRef r && r != local && r.name().equals(local.name())
          && act.pos().compareTo(r.pos()) < 0) {
        used[0] = true;
      }
    });
    return used[0];
  }

  /**
   * Whether {@code value} is a factory call's result: the call itself, or a local every
   * assignment of which in the body is one (flow-insensitive, so a local also assigned otherwise
   * does not count).
   */
  public static boolean createdByFactory(Stmt body, Expr value) {
    if (value instanceof Expr.Call c) {
      return isFactory(c);
    }
    if (!(value instanceof Expr.LocalRef local)) {
      return false;
    }
    List<Expr> defs = new java.util.ArrayList<>();
    IrWalker.forEachStmt(body, st -> {
      if (st instanceof Stmt.LocalVar v && v.name().equals(local.name())
          && v.init() != null) {
        defs.add(v.init());
      }
    });
    IrWalker.forEachExpr(body, e -> {
      if (e instanceof Expr.Assign a && a.target() instanceof Expr.LocalRef l
          && l.name().equals(local.name())) {
        defs.add(a.value());
      }
    });
    return !defs.isEmpty()
        && defs.stream().allMatch(d -> d instanceof Expr.Call c && isFactory(c));
  }

  private static boolean isFactory(Expr.Call c) {
    String name = c.target().name();
    for (String prefix : FACTORY_PREFIXES) {
      if (name.length() > prefix.length() && name.startsWith(prefix)
          && Character.isUpperCase(name.charAt(prefix.length()))) {
        return true;
      }
    }
    return false;
  }

  /** Method-name prefixes that, by convention, make a new instance on every call. */
  private static final List<String> FACTORY_PREFIXES = List.of("new", "create", "open");

  /**
   * The checks in the same body on the same map (same frame path) and key that run before the
   * act, in source order. A check inside the act's own arguments ({@code m.put(k, m.get(k) + 1)})
   * runs before it too, though it starts later in the source.
   */
  public static List<BodyResult.RawAccess> precedingChecks(
      BodyResult body, BodyResult.RawAccess act, Expr.Call actCall) {
    if (body == null) {
      return List.of();
    }
    String key = IrPrinter.expr(actCall.args().get(0));
    List<BodyResult.RawAccess> out = new java.util.ArrayList<>();
    for (BodyResult.RawAccess c : body.accesses()) {
      if (CHECKS.contains(c.what())
          && c.kind() == BodyResult.AccessKind.READ
          && c.target().equals(act.target())
          && !(c.target() instanceof AbsVal.Unknown)
          && c.expr() instanceof Expr.Call cc
          && !cc.args().isEmpty()
          && IrPrinter.expr(cc.args().get(0)).equals(key)
          && (c.at().pos().compareTo(act.at().pos()) < 0 || isArgumentOf(cc, actCall))) {
        out.add(c);
      }
    }
    out.sort((x, y) -> x.at().pos().compareTo(y.at().pos()));
    return out;
  }

  /**
   * Whether {@code callee}'s body looks up, in {@code map}, the parameter to which {@code call}
   * passes an argument printed as {@code key}: a {@code get}, {@code containsKey} or {@code
   * getOrDefault} on the same map whose key is that parameter, unassigned in the callee.
   */
  public static boolean looksUpParameter(
      BodyResult callee, AbsVal map, MethodDecl method, Expr.Call call, String key) {
    for (BodyResult.RawAccess c : callee.accesses()) {
      if (CHECKS.contains(c.what())
          && c.kind() == BodyResult.AccessKind.READ
          && c.target().equals(map)
          && c.expr() instanceof Expr.Call cc
          && !cc.args().isEmpty()
          && cc.args().get(0) instanceof Expr.LocalRef param) {
        for (int i = 0; i < method.params().size() && i < call.args().size(); i++) {
          if (method.params().get(i).name().equals(param.name())
              && IrPrinter.expr(call.args().get(i)).equals(key)
              && !IrWalker.assignsLocal(method.body(), param.name())) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /**
   * Whether a check sits in a block that ends the method ({@code return}, {@code throw}) and
   * does not hold the act: on that branch nothing is put, so the check does not decide the act
   * ({@code if (down) { return sessions.get(id); } … sessions.put(id, s)}). The block may be any
   * that holds the check, a {@code switch} case's statements too ({@code case EVENT: op =
   * m.get(id); …; return;} before a {@code m.remove(id)} after the switch), when a {@code return}
   * or {@code throw} of its own follows the check's statement with no {@code break} or {@code
   * continue} between that could leave the block another way.
   */
  public static boolean leavesBeforeTheAct(Stmt root, Expr check, Expr act) {
    List<List<Stmt>> lists = new ArrayList<>();
    IrWalker.forEachStmt(root, st -> {
      if (st instanceof Stmt.Block b) {
        lists.add(b.stmts());
      } else if (st instanceof Stmt.Switch sw) {
        sw.cases().forEach(c -> lists.add(c.body()));
      }
    });
    for (List<Stmt> list : lists) {
      int at = -1;
      for (int i = 0; i < list.size() && at < 0; i++) {
        at = contains(list.get(i), check) ? i : -1;
      }
      if (at < 0 || list.stream().anyMatch(x -> contains(x, act))) {
        continue;
      }
      for (int i = at; i < list.size(); i++) {
        Stmt x = list.get(i);
        if (x instanceof Stmt.Return || x instanceof Stmt.Throw) {
          return true;
        }
        if (jumps(x)) {
          break;
        }
      }
    }
    return false;
  }

  /** Whether {@code s} holds a {@code break} or {@code continue}. */
  private static boolean jumps(Stmt s) {
    boolean[] found = {false};
    IrWalker.forEachStmt(s, x -> found[0] |= x instanceof Stmt.Break || x instanceof Stmt.Continue);
    return found[0];
  }

  /**
   * Whether the act runs only for the thread that won an atomic claim of its key on the same map:
   * it sits in the branch of an {@code if} that tests that claim's result for {@code null}
   * ({@code lookup = m.putIfAbsent(k, mine); if (lookup == null) { … m.remove(k); }}, or the
   * claim in the condition itself). The winner owns the entry until it puts or removes it, so a
   * {@code get} before the claim decides nothing about the act.
   */
  public static boolean decidedByAClaim(Stmt root, Expr.Call act) {
    if (act.receiver() == null || act.args().isEmpty()) {
      return false;
    }
    String map = IrPrinter.expr(act.receiver());
    String key = IrPrinter.expr(act.args().get(0));
    // Each local given a claim's result, with where: an if before the claim tests something else.
    java.util.Map<String, java.util.List<dev.shareguard.core.ir.Pos>> claims =
        new java.util.HashMap<>();
    IrWalker.forEachStmt(root, st -> {
      if (st instanceof Stmt.LocalVar v && isClaim(v.init(), map, key)) {
        claims.computeIfAbsent(v.name(), n -> new java.util.ArrayList<>()).add(v.pos());
      }
    });
    IrWalker.forEachExpr(root, e -> {
      if (e instanceof Expr.Assign a && a.op().equals("=") && a.target() instanceof Expr.LocalRef l
          && isClaim(a.value(), map, key)) {
        claims.computeIfAbsent(l.name(), n -> new java.util.ArrayList<>()).add(a.pos());
      }
    });
    boolean[] found = {false};
    IrWalker.forEachStmt(root, st -> {
      if (!found[0] && st instanceof Stmt.If i && contains(i.then(), act)) {
        Expr tested = nullTested(i.cond());
        found[0] = tested != null
            && (isClaim(tested, map, key)
                || (tested instanceof Expr.LocalRef l
                    && claims.getOrDefault(l.name(), java.util.List.of()).stream()
                        .anyMatch(at -> at.compareTo(i.cond().pos()) < 0)));
      }
    });
    return found[0];
  }

  /**
   * Whether the act runs only when the check found no entry: it sits in the branch of an {@code
   * if} that tests the check for absence ({@code v == null} with {@code v} the look-up's local,
   * {@code m.get(k) == null}, {@code !m.containsKey(k)}), or after an {@code if} of the same
   * block that leaves when the check found one ({@code if (v != null) return v;}). Between such a
   * check and the act only another insertion for the key can be lost; a removal finds nothing to
   * take, or takes what a third thread inserted, which is that insertion's race.
   */
  public static boolean onAbsence(Stmt root, Expr.Call check, Expr.Call act) {
    java.util.Set<String> locals = new java.util.HashSet<>();
    IrWalker.forEachStmt(root, st -> {
      if (st instanceof Stmt.LocalVar v && v.init() == check) {
        locals.add(v.name());
      }
    });
    IrWalker.forEachExpr(root, e -> {
      if (e instanceof Expr.Assign a && a.op().equals("=") && a.value() == check
          && a.target() instanceof Expr.LocalRef l) {
        locals.add(l.name());
      }
    });
    boolean[] found = {false};
    IrWalker.forEachStmt(root, st -> {
      if (found[0] || !(st instanceof Stmt.If i)) {
        return;
      }
      if (contains(i.then(), act) && saysAbsent(i.cond(), check, locals, true)) {
        found[0] = true;
      } else if (i.orElse() != null && contains(i.orElse(), act)
          && saysAbsent(i.cond(), check, locals, false)) {
        found[0] = true;
      }
    });
    if (found[0]) {
      return true;
    }
    // if (v != null) return v; … m.put(k, …): the rest of the block runs on absence.
    IrWalker.forEachStmt(root, st -> {
      if (!found[0] && st instanceof Stmt.Block b) {
        boolean absentFromHere = false;
        for (Stmt x : b.stmts()) {
          if (absentFromHere && contains(x, act)) {
            found[0] = true;
            return;
          }
          if (x instanceof Stmt.If i && i.orElse() == null && IrWalker.leaves(i.then())
              && saysAbsent(i.cond(), check, locals, false)) {
            absentFromHere = true;
          }
        }
      }
    });
    return found[0];
  }

  /**
   * Whether {@code cond} evaluating to {@code truth} says the check found no entry: {@code v ==
   * null} (or {@code v != null} false) for the check or a local given it, {@code !containsKey}
   * (or {@code containsKey} false).
   */
  private static boolean saysAbsent(Expr cond, Expr.Call check, java.util.Set<String> locals,
      boolean truth) {
    if (cond instanceof Expr.Unary u && u.op().equals("!")) {
      return saysAbsent(u.operand(), check, locals, !truth);
    }
    if (cond == check) {
      return !truth && check.target().name().equals("containsKey");
    }
    Expr tested = IrWalker.nullCompared(cond, truth ? "==" : "!=");
    return tested != null && check.target().name().equals("get")
        && (tested == check || tested instanceof Expr.LocalRef l && locals.contains(l.name()));
  }

  /** {@code m.putIfAbsent(k, …)} on the map printed {@code map} with the key printed {@code key}. */
  private static boolean isClaim(Expr e, String map, String key) {
    return e instanceof Expr.Call c && c.target().name().equals("putIfAbsent")
        && c.receiver() != null && c.args().size() == 2
        && IrPrinter.expr(c.receiver()).equals(map)
        && IrPrinter.expr(c.args().get(0)).equals(key);
  }

  /** The expression {@code cond} compares with {@code null} for equality, or null. */
  static Expr nullTested(Expr cond) {
    return IrWalker.nullCompared(cond, "==");
  }

  /**
   * Whether the check and the act sit on the two branches of one {@code if}/{@code else}: one run
   * takes one branch, so the act never follows the check ({@code if (ok) { m.get(k)… } else {
   * m.remove(k); }}).
   */
  public static boolean onExclusiveBranches(Stmt root, Expr check, Expr act) {
    boolean[] found = {false};
    IrWalker.forEachStmt(root, st -> {
      if (!found[0] && st instanceof Stmt.If i && i.orElse() != null) {
        found[0] = contains(i.then(), check) && contains(i.orElse(), act)
            || contains(i.then(), act) && contains(i.orElse(), check);
      }
    });
    return found[0];
  }

  private static boolean contains(Stmt s, Expr e) {
    boolean[] found = {false};
    IrWalker.forEachExpr(s, x -> found[0] |= x == e);
    return found[0];
  }

  private static boolean isArgumentOf(Expr.Call check, Expr.Call act) {
    boolean[] found = {false};
    act.args().forEach(a -> IrWalker.forEachExpr(a, e -> found[0] |= e == check));
    return found[0];
  }

  /**
   * Whether {@code key} names the current thread ({@code Thread.currentThread()}, its id or name,
   * or a local only ever holding one of those): only the current thread uses that key, so no
   * other thread changes its entry between the check and the act. Also the value the current
   * thread keeps in a thread-local ({@code txId = currentTx.get()}), when {@code hierarchy} says
   * the holder is a {@code ThreadLocal} that does not pass values to child threads: each thread
   * reads its own ({@link #isPerThreadHolder}).
   */
  public static boolean keyOfTheCurrentThread(
      Stmt body, Expr key, dev.shareguard.core.model.TypeHierarchy hierarchy) {
    if (currentThread(key, hierarchy)) {
      return true;
    }
    return everyValue(body, key, v -> currentThread(v, hierarchy));
  }

  /**
   * Whether {@code key} is a local of {@code body} that is declared there and every value it is
   * ever given ({@code =} only) satisfies {@code test}.
   */
  private static boolean everyValue(Stmt body, Expr key,
      java.util.function.Predicate<Expr> test) {
    if (!(key instanceof Expr.LocalRef l) || body == null) {
      return false;
    }
    boolean[] assigned = {false};
    boolean[] other = {false};
    IrWalker.forEachStmt(body, st -> {
      if (st instanceof Stmt.LocalVar v && v.name().equals(l.name())) {
        assigned[0] = true;
        other[0] |= v.init() == null || !test.test(v.init());
      }
    });
    IrWalker.forEachExpr(body, e -> {
      if (e instanceof Expr.Assign a && a.target() instanceof Expr.LocalRef t
          && t.name().equals(l.name())) {
        other[0] |= !a.op().equals("=") || !test.test(a.value());
      }
    });
    return assigned[0] && !other[0];
  }

  /**
   * Whether {@code key} names an object {@code loopBound} says lives on one event loop (a
   * channel), or its identity ({@code hashCode()}, {@code id()}, {@code id().asLongText()}):
   * directly or through locals only ever given such a value.
   */
  public static boolean keyOfALoopBoundObject(Stmt body, Expr key,
      java.util.function.Predicate<Expr> loopBound) {
    for (int guard = 0; guard < 8; guard++) {
      while (key instanceof Expr.Call c && c.receiver() != null && c.args().isEmpty()
          && IDENTITY_CALLS.contains(c.target().name())) {
        key = c.receiver();
      }
      if (loopBound.test(key)) {
        return true;
      }
      if (!(key instanceof Expr.LocalRef l) || body == null) {
        return false;
      }
      Expr only = IrWalker.onlyValueOf(body, l.name());
      if (only == null) {
        return false;
      }
      key = only;
    }
    return false;
  }

  /** Calls that give an object's identity, as a key stands for the object. */
  private static final Set<String> IDENTITY_CALLS =
      Set.of("hashCode", "id", "asLongText", "asShortText");

  /**
   * Whether {@code check} runs in the same stretch of code as {@code act}: the innermost block
   * holding {@code check} (as part of one of its statements, a condition included) holds {@code
   * act} too. A check inside a branch that ends before the act (a look-up in an {@code if}'s body)
   * is not; a check in the condition of that {@code if}, or in a statement before the act, is.
   */
  public static boolean inTheActsBlock(Stmt body, Expr check, Expr act) {
    Stmt.Block[] innermost = {null};
    IrWalker.forEachStmt(body, st -> {
      if (st instanceof Stmt.Block b && contains(b, check)) {
        // forEachStmt visits outer blocks first: the last block holding the check is innermost.
        innermost[0] = b;
      }
    });
    return innermost[0] != null && contains(innermost[0], act);
  }

  /**
   * Whether {@code key} is a fresh key: a value no earlier call produced, made by this run (a
   * {@code UUID.randomUUID()}, an atomic counter's {@code incrementAndGet()} or {@code
   * getAndIncrement()}, their boxed or string forms), or a local of {@code body} only ever holding
   * one. An entry put under such a key is the only one there ever is for it, so no other
   * insertion can replace it and no earlier entry can be replaced by it.
   */
  public static boolean freshKey(Stmt body, Expr key) {
    return freshValue(key) || everyValue(body, key, CheckThenAct::freshValue);
  }

  private static final Set<String> ATOMIC_COUNTERS = Set.of(
      "java.util.concurrent.atomic.AtomicLong", "java.util.concurrent.atomic.AtomicInteger");

  private static boolean freshValue(Expr e) {
    if (e instanceof Expr.Cast c) {
      return freshValue(c.expr());
    }
    if (!(e instanceof Expr.Call c)) {
      return false;
    }
    String name = c.target().name();
    String owner = c.target().owner();
    if (c.args().isEmpty() && name.equals("randomUUID") && "java.util.UUID".equals(owner)) {
      return true;
    }
    if (c.args().isEmpty() && (name.equals("incrementAndGet") || name.equals("getAndIncrement"))
        && c.receiver() != null && c.receiver().type() != null
        && ATOMIC_COUNTERS.contains(c.receiver().type().erasure())) {
      return true;
    }
    if (c.args().isEmpty() && name.equals("toString") && c.receiver() != null) {
      return freshValue(c.receiver());
    }
    return c.args().size() == 1 && (name.equals("valueOf") || name.equals("toString"))
        && ("java.lang.Long".equals(owner) || "java.lang.Integer".equals(owner)
            || "java.lang.String".equals(owner))
        && freshValue(c.args().get(0));
  }

  private static boolean currentThread(Expr e, dev.shareguard.core.model.TypeHierarchy hierarchy) {
    if (e instanceof Expr.Call c && c.receiver() == null && c.target().name().equals("currentThread")
        && "java.lang.Thread".equals(c.target().owner())) {
      return true;
    }
    if (e instanceof Expr.Call c && c.receiver() != null && c.args().isEmpty()
        && c.target().name().equals("get") && c.receiver().type() != null
        && isPerThreadHolder(hierarchy, c.receiver().type().erasure())) {
      return true;
    }
    return e instanceof Expr.Call c && c.receiver() != null && c.args().isEmpty()
        && THREAD_KEYS.contains(c.target().name()) && currentThread(c.receiver(), hierarchy);
  }

  /**
   * A {@code ThreadLocal} (the JDK's or a subclass) whose values stay with the thread that set
   * them: not an {@code InheritableThreadLocal}, which hands a parent's value to every child.
   */
  public static boolean isPerThreadHolder(
      dev.shareguard.core.model.TypeHierarchy hierarchy, String type) {
    return hierarchy != null && type != null
        && (type.equals("java.lang.ThreadLocal")
            || hierarchy.isSubtype(type, "java.lang.ThreadLocal"))
        && !type.equals("java.lang.InheritableThreadLocal")
        && !hierarchy.isSubtype(type, "java.lang.InheritableThreadLocal");
  }

  private static final Set<String> THREAD_KEYS = Set.of("getId", "threadId", "getName");
}
