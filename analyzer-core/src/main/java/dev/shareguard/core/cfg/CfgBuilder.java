package dev.shareguard.core.cfg;

import dev.shareguard.core.cfg.Node.EdgeKind;
import dev.shareguard.core.cfg.Node.Kind;
import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.Stmt;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Builds a {@link Cfg} from a structured body. Expressions are linearized in Java's evaluation
 * order; {@code finally} blocks and monitor exits are copied onto every path that leaves their
 * region (normal, return, break, continue, exception), so lock analyses see exactly what each path
 * holds. Calls, allocations and {@code throw} get an exception edge to the innermost handler.
 */
public final class CfgBuilder {
  /** A dangling edge waiting for the next node. */
  private record Pending(Node from, EdgeKind kind) {}

  /** A region whose exit code must run when control leaves it abruptly. */
  private record Cleanup(Stmt.Block finallyBlock, Expr monitor, int handlerDepth) {}

  /** Where {@code break}/{@code continue} go, and how many cleanups were open when it was entered. */
  private static final class JumpTarget {
    final String label;
    final boolean isLoop;
    final boolean isSwitch;
    final Node continueNode;
    final List<Pending> breaks = new ArrayList<>();
    final int cleanupDepth;

    JumpTarget(String label, boolean isLoop, boolean isSwitch, Node continueNode, int depth) {
      this.label = label;
      this.isLoop = isLoop;
      this.isSwitch = isSwitch;
      this.continueNode = continueNode;
      this.cleanupDepth = depth;
    }
  }

  /** A switch expression being built: where its {@code yield}s go. */
  private static final class YieldTarget {
    final List<Pending> yields = new ArrayList<>();
    final int cleanupDepth;

    YieldTarget(int depth) {
      this.cleanupDepth = depth;
    }
  }

  private final List<Node> nodes = new ArrayList<>();
  private List<Pending> pending = new ArrayList<>();
  private final List<Node> handlers = new ArrayList<>();
  private final List<Cleanup> cleanups = new ArrayList<>();
  private final Deque<JumpTarget> jumps = new ArrayDeque<>();
  private final Deque<YieldTarget> yieldTargets = new ArrayDeque<>();
  private final List<Integer> loopStack = new ArrayList<>();
  /** {@link #loopStack} as an immutable list, made when it changes, shared by the nodes made. */
  private List<Integer> loops = List.of();
  private int nextLoopId;
  private String pendingLabel;
  private final Node entry;
  private final Node exit;
  private final Node exceptionalExit;
  /** Whether a call making a try resource returns a guard that holds a lock until closed. */
  private final java.util.function.Predicate<Expr.Call> lockGuardCall;

  private CfgBuilder(java.util.function.Predicate<Expr.Call> lockGuardCall) {
    this.lockGuardCall = lockGuardCall;
    entry = newNode(Kind.ENTRY, null, null);
    exit = newNode(Kind.EXIT, null, null);
    exceptionalExit = newNode(Kind.EXCEPTIONAL_EXIT, null, null);
    handlers.add(exceptionalExit);
    pending.add(new Pending(entry, EdgeKind.NORMAL));
  }

  /** The graph of {@code body}; a null body gives an entry wired straight to the exit. */
  public static Cfg build(Stmt.Block body) {
    return build(body, c -> false);
  }

  /**
   * The graph of {@code body}, where a try resource made by a call {@code lockGuardCall} accepts
   * is a lock guard too (see {@link #lockGuard}): the caller knows the resource's type.
   */
  public static Cfg build(Stmt.Block body, java.util.function.Predicate<Expr.Call> lockGuardCall) {
    CfgBuilder b = new CfgBuilder(lockGuardCall);
    if (body != null) {
      b.stmt(body);
    }
    b.connect(b.exit);
    return new Cfg(b.nodes, b.entry, b.exit, b.exceptionalExit);
  }

  // ---- graph plumbing ----

  private Node newNode(Kind kind, Expr expr, Stmt stmt) {
    Node n = new Node(nodes.size(), kind, expr, stmt, loops);
    nodes.add(n);
    return n;
  }

  /** Attaches all dangling edges to {@code n}; afterwards {@code n} is the only dangling end. */
  private void connect(Node n) {
    for (Pending p : pending) {
      p.from().addSuccessor(n, p.kind());
    }
    pending = new ArrayList<>();
  }

  /** Adds {@code n} after the current point and makes it the current point. */
  private Node append(Kind kind, Expr expr, Stmt stmt) {
    Node n = newNode(kind, expr, stmt);
    connect(n);
    pending.add(new Pending(n, EdgeKind.NORMAL));
    return n;
  }

  private Node currentHandler() {
    return handlers.get(handlers.size() - 1);
  }

  private void exceptionEdge(Node from) {
    from.addSuccessor(currentHandler(), EdgeKind.EXCEPTION);
  }

  private boolean reachable() {
    return !pending.isEmpty();
  }

  // ---- statements ----

  private void stmt(Stmt s) {
    if (s == null) {
      return;
    }
    String label = pendingLabel;
    pendingLabel = null;
    if (s instanceof Stmt.Block b) {
      if (label != null) {
        JumpTarget t = new JumpTarget(label, false, false, null, cleanups.size());
        jumps.push(t);
        b.stmts().forEach(this::stmt);
        jumps.pop();
        pending.addAll(t.breaks);
      } else {
        b.stmts().forEach(this::stmt);
      }
    } else if (s instanceof Stmt.ExprStmt e) {
      int before = nodes.size();
      expr(e.expr());
      if (nodes.size() == before || nodes.get(nodes.size() - 1).expr() != e.expr()) {
        // An expression with no node of its own (an opaque one): a no-effect node marks the
        // statement, so an analysis can see its value dropped.
        append(Kind.NOP, null, s);
      }
    } else if (s instanceof Stmt.LocalVar v) {
      if (v.init() != null) {
        expr(v.init());
      }
      append(Kind.DECL, null, v);
    } else if (s instanceof Stmt.If i && optionalLock(i) != null && wrapped.add(i)) {
      // if (mode.unsynchronized()) { work } else { synchronized (lock) { work } }: the object
      // takes its lock unless a mode says one thread uses it; in that mode the work runs as
      // if under the lock (no other thread shares the object), so the whole choice holds it.
      monitorRegion(optionalLock(i), i, s);
    } else if (s instanceof Stmt.If i) {
      expr(i.cond());
      Node br = append(Kind.BRANCH, i.cond(), s);
      pending = new ArrayList<>(List.of(new Pending(br, EdgeKind.TRUE)));
      stmt(i.then());
      List<Pending> afterThen = pending;
      pending = new ArrayList<>(List.of(new Pending(br, EdgeKind.FALSE)));
      if (i.orElse() != null) {
        stmt(i.orElse());
      }
      pending.addAll(afterThen);
    } else if (s instanceof Stmt.While w) {
      loop(label, w.cond(), w.body(), List.of(), s, false);
    } else if (s instanceof Stmt.DoWhile d) {
      loop(label, d.cond(), d.body(), List.of(), s, true);
    } else if (s instanceof Stmt.For f) {
      f.init().forEach(this::stmt);
      loop(label, f.cond(), f.body(), f.update(), s, false);
    } else if (s instanceof Stmt.ForEach f) {
      forEach(label, f);
    } else if (s instanceof Stmt.Try t) {
      tryStmt(t);
    } else if (s instanceof Stmt.Synchronized y) {
      synchronizedStmt(y);
    } else if (s instanceof Stmt.Return r) {
      if (r.expr() != null) {
        expr(r.expr());
        // A no-effect node where the value is returned, so an analysis can read it in the state
        // of that path (the exit merges every path).
        append(Kind.NOP, null, s);
      }
      runCleanups(0);
      connect(exit);
    } else if (s instanceof Stmt.Throw t) {
      expr(t.expr());
      Node n = append(Kind.NOP, null, s);
      exceptionEdge(n);
      pending = new ArrayList<>();
    } else if (s instanceof Stmt.Break b) {
      JumpTarget t = findTarget(b.label(), false);
      if (t != null) {
        runCleanups(t.cleanupDepth);
        t.breaks.addAll(pending);
      }
      pending = new ArrayList<>();
    } else if (s instanceof Stmt.Continue c) {
      JumpTarget t = findTarget(c.label(), true);
      if (t != null) {
        runCleanups(t.cleanupDepth);
        connect(t.continueNode);
      }
      pending = new ArrayList<>();
    } else if (s instanceof Stmt.Yield y) {
      expr(y.expr());
      // As for return: a no-effect node where the value leaves, in the state of its path.
      append(Kind.NOP, null, s);
      YieldTarget t = yieldTargets.peek();
      if (t != null) {
        runCleanups(t.cleanupDepth);
        t.yields.addAll(pending);
      }
      pending = new ArrayList<>();
    } else if (s instanceof Stmt.Labeled l) {
      pendingLabel = l.label();
      stmt(l.body());
      pendingLabel = null;
    } else if (s instanceof Stmt.Switch sw) {
      expr(sw.selector());
      switchCases(label, sw.cases(), s);
    } else if (s instanceof Stmt.Assert a) {
      expr(a.cond());
      if (a.message() != null) {
        expr(a.message());
      }
      // A false condition throws AssertionError, so what follows may rely on it being true
      // (Netty's {@code assert eventLoop().inEventLoop()}).
      Node br = append(Kind.BRANCH, a.cond(), s);
      exceptionEdge(br);
      pending = new ArrayList<>(List.of(new Pending(br, EdgeKind.TRUE)));
    } else if (s instanceof Stmt.LocalClass) {
      // A local class's body is analysed on its own; a no-effect node marks where it captures
      // the locals in scope.
      append(Kind.NOP, null, s);
    }
    // Empty has no effect.
  }

  private JumpTarget findTarget(String label, boolean forContinue) {
    for (JumpTarget t : jumps) {
      if (label == null) {
        if (t.isLoop || (!forContinue && t.isSwitch)) {
          return t;
        }
      } else if (label.equals(t.label)) {
        return t;
      }
    }
    return null;
  }

  private void loop(
      String label, Expr cond, Stmt body, List<Expr> update, Stmt s, boolean conditionLast) {
    int loopId = nextLoopId++;
    loopStack.add(loopId);
    loops = List.copyOf(loopStack);
    Node head = newNode(Kind.NOP, null, s);
    Node continueNode = newNode(Kind.NOP, null, s);
    JumpTarget t = new JumpTarget(label, true, false, continueNode, cleanups.size());
    connect(head);
    pending.add(new Pending(head, EdgeKind.NORMAL));
    jumps.push(t);
    if (conditionLast) {
      stmt(body);
      connect(continueNode);
      pending.add(new Pending(continueNode, EdgeKind.NORMAL));
      exitTest(cond, s, head, t);
    } else {
      Node br = null;
      if (cond != null) {
        expr(cond);
        br = append(Kind.BRANCH, cond, s);
        pending = new ArrayList<>(List.of(new Pending(br, EdgeKind.TRUE)));
      }
      stmt(body);
      connect(continueNode);
      pending.add(new Pending(continueNode, EdgeKind.NORMAL));
      update.forEach(this::expr);
      connect(head);
      if (br != null) {
        pending.add(new Pending(br, EdgeKind.FALSE));
      }
    }
    jumps.pop();
    loopStack.remove(loopStack.size() - 1);
    loops = List.copyOf(loopStack);
    pending.addAll(t.breaks);
  }

  private void exitTest(Expr cond, Stmt s, Node head, JumpTarget t) {
    expr(cond);
    Node br = append(Kind.BRANCH, cond, s);
    br.addSuccessor(head, EdgeKind.TRUE);
    pending = new ArrayList<>(List.of(new Pending(br, EdgeKind.FALSE)));
  }

  private void forEach(String label, Stmt.ForEach f) {
    expr(f.iterable());
    append(Kind.ITER_START, f.iterable(), f);
    int loopId = nextLoopId++;
    loopStack.add(loopId);
    loops = List.copyOf(loopStack);
    Node head = newNode(Kind.BRANCH, null, f);
    JumpTarget t = new JumpTarget(label, true, false, head, cleanups.size());
    connect(head);
    pending.add(new Pending(head, EdgeKind.TRUE));
    append(Kind.ITER_NEXT, f.iterable(), f);
    jumps.push(t);
    stmt(f.body());
    jumps.pop();
    connect(head);
    loopStack.remove(loopStack.size() - 1);
    loops = List.copyOf(loopStack);
    pending.add(new Pending(head, EdgeKind.FALSE));
    pending.addAll(t.breaks);
  }

  private void switchCases(String label, List<Stmt.SwitchCase> cases, Stmt s) {
    Node dispatch = append(Kind.NOP, null, s);
    pending = new ArrayList<>();
    JumpTarget t = new JumpTarget(label, false, true, null, cleanups.size());
    jumps.push(t);
    boolean hasDefault = false;
    for (Stmt.SwitchCase c : cases) {
      hasDefault |= c.isDefault();
      if (c.arrow()) {
        t.breaks.addAll(pending);
        pending = new ArrayList<>();
      }
      pending.add(new Pending(dispatch, EdgeKind.NORMAL));
      c.labels().forEach(this::expr);
      c.body().forEach(this::stmt);
    }
    jumps.pop();
    pending.addAll(t.breaks);
    if (!hasDefault) {
      pending.add(new Pending(dispatch, EdgeKind.NORMAL));
    }
  }

  /** The {@code if} statements already wrapped in the lock they take on one branch only. */
  private final java.util.Set<Stmt.If> wrapped =
      java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

  /**
   * The lock of an optional-locking choice, or null: an {@code if} one branch of which is a
   * {@code synchronized (lock)} block and the other the same statements without it. Which branch
   * runs is the object's mode (locking, or used by one thread); the work is the same either way.
   */
  static Expr optionalLock(Stmt.If i) {
    if (i.orElse() == null) {
      return null;
    }
    Stmt.Synchronized locked = onlySynchronized(i.then());
    Stmt plain = i.orElse();
    if (locked == null) {
      locked = onlySynchronized(i.orElse());
      plain = i.then();
    }
    if (locked == null) {
      return null;
    }
    Stmt work = plain instanceof Stmt.Block b && b.stmts().size() == 1 ? b.stmts().get(0) : plain;
    Stmt lockedWork = locked.body().stmts().size() == 1 ? locked.body().stmts().get(0)
        : locked.body();
    return dev.shareguard.core.ir.SameShape.same(work, lockedWork)
        || dev.shareguard.core.ir.SameShape.same(plain, locked.body()) ? locked.monitor() : null;
  }

  /** The statement {@code s} is a {@code synchronized} block, alone in a block or not. */
  private static Stmt.Synchronized onlySynchronized(Stmt s) {
    if (s instanceof Stmt.Block b && b.stmts().size() == 1) {
      s = b.stmts().get(0);
    }
    return s instanceof Stmt.Synchronized y ? y : null;
  }

  private void tryStmt(Stmt.Try t) {
    boolean hasFinally = t.finallyBlock() != null;
    Node outerHandler = currentHandler();
    Node finallyOnThrow = hasFinally ? newNode(Kind.NOP, null, t) : null;
    Node dispatch = t.catches().isEmpty() ? null : newNode(Kind.NOP, null, t);
    int handlerDepth = handlers.size();
    if (hasFinally) {
      cleanups.add(new Cleanup(t.finallyBlock(), null, handlerDepth));
    }
    handlers.add(dispatch != null ? dispatch : hasFinally ? finallyOnThrow : outerHandler);
    t.resources().forEach(this::stmt);
    Expr guard = lockGuard(t.resources(), lockGuardCall);
    if (guard != null) {
      // try (AutoLock l = lock.lock()) { … }: the resource's close() lets the lock go, so the
      // body runs holding it, as in synchronized (lock) { … }.
      monitorRegion(guard, t.body(), t);
    } else {
      stmt(t.body());
    }
    handlers.remove(handlers.size() - 1);
    List<Pending> ends = pending;
    if (dispatch != null) {
      handlers.add(hasFinally ? finallyOnThrow : outerHandler);
      for (Stmt.Catch c : t.catches()) {
        pending = new ArrayList<>(List.of(new Pending(dispatch, EdgeKind.NORMAL)));
        stmt(c.body());
        ends.addAll(pending);
      }
      handlers.remove(handlers.size() - 1);
      // An exception no catch clause matches goes on outwards (through the finally, if any).
      dispatch.addSuccessor(hasFinally ? finallyOnThrow : outerHandler, EdgeKind.EXCEPTION);
    }
    if (hasFinally) {
      cleanups.remove(cleanups.size() - 1);
      pending = ends;
      if (reachable()) {
        stmt(t.finallyBlock());
      }
      List<Pending> normal = pending;
      pending = new ArrayList<>(List.of(new Pending(finallyOnThrow, EdgeKind.NORMAL)));
      stmt(t.finallyBlock());
      for (Pending p : pending) {
        p.from().addSuccessor(currentHandler(), EdgeKind.EXCEPTION);
      }
      pending = normal;
    } else {
      pending = ends;
    }
  }

  private void synchronizedStmt(Stmt.Synchronized y) {
    expr(y.monitor());
    monitorRegion(y.monitor(), y.body(), y);
  }

  /**
   * {@code body} run holding {@code monitor}: entered before it, let go on every way out (normal
   * end, jumps through the cleanups, exceptions).
   */
  private void monitorRegion(Expr monitor, Stmt body, Stmt owner) {
    Node enter = append(Kind.MONITOR_ENTER, monitor, owner);
    exceptionEdge(enter);
    Node onThrow = newNode(Kind.NOP, null, owner);
    cleanups.add(new Cleanup(null, monitor, handlers.size()));
    handlers.add(onThrow);
    stmt(body);
    handlers.remove(handlers.size() - 1);
    cleanups.remove(cleanups.size() - 1);
    if (reachable()) {
      append(Kind.MONITOR_EXIT, monitor, owner);
    }
    List<Pending> normal = pending;
    pending = new ArrayList<>(List.of(new Pending(onThrow, EdgeKind.NORMAL)));
    Node exitOnThrow = append(Kind.MONITOR_EXIT, monitor, owner);
    exitOnThrow.addSuccessor(currentHandler(), EdgeKind.EXCEPTION);
    pending = normal;
  }

  /**
   * The lock a try-with-resources statement holds for its body, or null: a resource made by a
   * no-argument {@code lock()} call on an object ({@code try (AutoLock l = lock.lock())}). A call
   * that returns a resource whose {@code close()} ends it is the closeable-lock idiom (a JDK
   * {@code Lock.lock()} returns nothing, so it cannot be a resource); the object it is called on
   * names the lock. So does a call {@code lockGuardCall} accepts: one whose resource type's
   * {@code close()} releases a lock ({@code try (Change c = lifecycle.goTo(START))}).
   */
  private static Expr lockGuard(
      List<Stmt> resources, java.util.function.Predicate<Expr.Call> lockGuardCall) {
    for (Stmt r : resources) {
      if (r instanceof Stmt.LocalVar v && v.init() instanceof Expr.Call c
          && c.receiver() != null && !(c.receiver() instanceof Expr.ThisRef)
          && (c.target().name().equals("lock") && c.args().isEmpty()
              || lockGuardCall.test(c))) {
        return c.receiver();
      }
    }
    return null;
  }

  /** Copies the cleanup code of every region deeper than {@code depth}, innermost first. */
  private void runCleanups(int depth) {
    List<Node> savedHandlers = new ArrayList<>(handlers);
    List<Cleanup> saved = new ArrayList<>(cleanups);
    for (int i = saved.size() - 1; i >= depth && reachable(); i--) {
      Cleanup c = saved.get(i);
      // Inside its own cleanup code a region's handlers no longer apply.
      while (handlers.size() > c.handlerDepth()) {
        handlers.remove(handlers.size() - 1);
      }
      while (cleanups.size() > i) {
        cleanups.remove(cleanups.size() - 1);
      }
      if (c.monitor() != null) {
        append(Kind.MONITOR_EXIT, c.monitor(), null);
      } else {
        stmt(c.finallyBlock());
      }
    }
    handlers.clear();
    handlers.addAll(savedHandlers);
    cleanups.clear();
    cleanups.addAll(saved);
  }

  // ---- expressions ----

  private void expr(Expr e) {
    if (e == null) {
      return;
    }
    if (e instanceof Expr.FieldAccess f) {
      expr(f.receiver());
      append(Kind.EXPR, e, null);
    } else if (e instanceof Expr.ArrayAccess a) {
      expr(a.array());
      expr(a.index());
      append(Kind.EXPR, e, null);
    } else if (e instanceof Expr.Call c) {
      expr(c.receiver());
      c.args().forEach(this::expr);
      exceptionEdge(append(Kind.EXPR, e, null));
    } else if (e instanceof Expr.New n) {
      expr(n.outer());
      n.args().forEach(this::expr);
      exceptionEdge(append(Kind.EXPR, e, null));
    } else if (e instanceof Expr.NewArray n) {
      n.dimensions().forEach(this::expr);
      n.initializers().forEach(this::expr);
      append(Kind.EXPR, e, null);
    } else if (e instanceof Expr.Lambda) {
      append(Kind.EXPR, e, null);
    } else if (e instanceof Expr.MethodRef m) {
      expr(m.receiver());
      append(Kind.EXPR, e, null);
    } else if (e instanceof Expr.Assign a) {
      targetParts(a.target());
      expr(a.value());
      append(Kind.EXPR, e, null);
    } else if (e instanceof Expr.Unary u) {
      if (u.writes()) {
        targetParts(u.operand());
        append(Kind.EXPR, e, null);
      } else {
        expr(u.operand());
      }
    } else if (e instanceof Expr.Binary b) {
      expr(b.left());
      expr(b.right());
    } else if (e instanceof Expr.Conditional c) {
      expr(c.condition());
      Node br = append(Kind.BRANCH, c.condition(), null);
      pending = new ArrayList<>(List.of(new Pending(br, EdgeKind.TRUE)));
      expr(c.whenTrue());
      List<Pending> afterTrue = pending;
      pending = new ArrayList<>(List.of(new Pending(br, EdgeKind.FALSE)));
      expr(c.whenFalse());
      pending.addAll(afterTrue);
    } else if (e instanceof Expr.Cast c) {
      expr(c.expr());
    } else if (e instanceof Expr.InstanceOf i) {
      expr(i.expr());
    } else if (e instanceof Expr.SwitchExpr s) {
      expr(s.selector());
      YieldTarget t = new YieldTarget(cleanups.size());
      yieldTargets.push(t);
      Node dispatch = append(Kind.NOP, null, null);
      pending = new ArrayList<>();
      for (Stmt.SwitchCase c : s.cases()) {
        pending = new ArrayList<>(List.of(new Pending(dispatch, EdgeKind.NORMAL)));
        c.labels().forEach(this::expr);
        c.body().forEach(this::stmt);
        // An arrow case with a single expression body is lowered with a Yield; anything that
        // falls off the end (a throw does not) also reaches the switch's end.
        t.yields.addAll(pending);
      }
      yieldTargets.pop();
      pending = new ArrayList<>(t.yields);
    } else if (e instanceof Expr.Opaque o) {
      o.parts().forEach(this::expr);
    }
    // Literals, locals, this, class literals: no effect.
  }

  /** Evaluates the parts of an assignment target that run before the value (receiver, index). */
  private void targetParts(Expr target) {
    if (target instanceof Expr.FieldAccess f) {
      expr(f.receiver());
    } else if (target instanceof Expr.ArrayAccess a) {
      expr(a.array());
      expr(a.index());
    }
  }
}
