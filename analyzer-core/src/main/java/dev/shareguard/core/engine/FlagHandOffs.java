package dev.shareguard.core.engine;

import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.FieldDecl;
import dev.shareguard.core.ir.MethodDecl;
import dev.shareguard.core.ir.Pos;
import dev.shareguard.core.ir.Stmt;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Publication through a {@code volatile} flag (SPEC §2 orderings): a thread writes some state,
 * then stores a value into a volatile field of the same object ({@code initialized = true},
 * {@code setState(ONLINE)}); another thread reads the state only after it saw the flag hold that
 * value ({@code if (initialized) …}, {@code if (getState() == ONLINE) …}, {@code if (state !=
 * ONLINE) return;}). The volatile store and the volatile load that sees it order the write before
 * the read, so the two do not race.
 *
 * <p>The flag value must be stored at one place in the whole program, by code that runs once per
 * object (a task started once, a constructor, {@code start()}): then a reader that sees it saw
 * that one store, which the write precedes. A flag set to the value in two places, or a value
 * stored back and forth, proves nothing about which store the reader saw. The write side looks
 * for the store after the write in the write's own body and in each body its path calls it from
 * (in program order, after the call that leads to the write); the read side looks for the test
 * around the read in the read's body and in each body its path calls it from. A task's start
 * ends both searches. The flag is a field of the class that owns the state, read and stored on
 * the object itself ({@code this}), or a static field.
 */
final class FlagHandOffs {
  private final ConcurrencyIntent intent;
  /** How many places store each flag value, program-wide; built on the first question. */
  private Map<FlagValue, Integer> storeSites;
  private final Map<ProgramIndex.Body, List<Store>> storesByBody = new IdentityHashMap<>();
  private final Map<String, FlagRef> getterFlags = new HashMap<>();
  private final Map<String, Setter> setters = new HashMap<>();

  FlagHandOffs(ConcurrencyIntent intent) {
    this.intent = intent;
  }

  /** A volatile field. */
  private record FlagRef(String owner, String field) {}

  /** A volatile field holding one value (a literal's text, or a static constant's name). */
  private record FlagValue(FlagRef flag, String value) {}

  /** A store of a flag value at {@code pos}. */
  private record Store(Pos pos, FlagValue value) {}

  /**
   * A method storing into a flag: the parameter it stores ({@code index}, or -1) or the constant
   * it stores ({@code value}).
   */
  private record Setter(FlagRef flag, int index, String value) {}

  private static final Setter NO_SETTER = new Setter(null, -1, null);
  private static final FlagRef NO_FLAG = new FlagRef(null, null);

  /** Whether {@code a} and {@code b}, one a write and one a read, are ordered by a flag. */
  boolean ordered(AccessInstance a, AccessInstance b) {
    if (a.isWrite() == b.isWrite()) {
      return false;
    }
    AccessInstance write = a.isWrite() ? a : b;
    AccessInstance read = a.isWrite() ? b : a;
    if (!runsOnce(write.ctx())) {
      return false;
    }
    Set<FlagValue> published = publishedAfter(write);
    if (published.isEmpty()) {
      return false;
    }
    String stateOwner = stateOwner(write.key());
    for (FlagValue v : gatesBefore(read)) {
      if (published.contains(v) && (stateOwner == null || v.flag().owner().equals(stateOwner)
          || intent.field(stateOwner, v.flag().field()) != null)
          && storeSites().getOrDefault(v, 0) == 1) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the code making the write runs once per object: a task that does not repeat, a
   * constructor, a set-up or lifecycle entry ({@code start()}, {@code init()}), a program's
   * {@code main}. Code that runs again (a public method any caller may call twice, a periodic
   * task) writes again after the flag already holds its value, while a reader that saw it reads.
   */
  private static boolean runsOnce(Ctx ctx) {
    if (ctx instanceof Ctx.Task t) {
      return !t.repeats();
    }
    if (ctx instanceof Ctx.Entry e) {
      return e.phase() == Ctx.Phase.SET_UP || e.phase() == Ctx.Phase.TRANSITION
          || e.programEntry();
    }
    return true;
  }

  /** The class whose field the state is, or null for state that is no field's. */
  private static String stateOwner(Location key) {
    Location f = key.sharedField();
    if (f instanceof Location.InstanceField i) {
      return i.owner();
    }
    return f instanceof Location.StaticField s ? s.owner() : null;
  }

  // ---- the write side: flag values stored after the write ----

  private Set<FlagValue> publishedAfter(AccessInstance w) {
    Set<FlagValue> out = new HashSet<>();
    addStoresAfter(w.body(), w.raw().at().pos(), out);
    for (CallPath p = w.path(); p != null && p.via() != CallPath.Via.STARTS; p = p.parent()) {
      addStoresAfter(intent.body(p.fromBody()), p.at(), out);
    }
    return out;
  }

  /**
   * The flag values {@code body} stores after the point at {@code at}: later in program order,
   * and not in a loop around the point (whose next pass would write again after the store).
   */
  private void addStoresAfter(ProgramIndex.Body body, Pos at, Set<FlagValue> out) {
    if (body == null || body.block() == null) {
      return;
    }
    List<Stmt> loops = null;
    for (Store s : storesByBody.computeIfAbsent(body, this::storesIn)) {
      if (s.pos().compareTo(at) <= 0) {
        continue;
      }
      if (loops == null) {
        loops = loopsAround(body.block(), at);
      }
      boolean inLoop = false;
      for (Stmt loop : loops) {
        inLoop |= holdsPos(loop, s.pos());
      }
      if (!inLoop) {
        out.add(s.value());
      }
    }
  }

  /** The loops of {@code block} that hold an expression at {@code at}. */
  private static List<Stmt> loopsAround(Stmt block, Pos at) {
    List<Stmt> out = new ArrayList<>();
    IrWalker.forEachStmt(block, st -> {
      if ((st instanceof Stmt.While || st instanceof Stmt.DoWhile || st instanceof Stmt.For
          || st instanceof Stmt.ForEach) && holdsPos(st, at)) {
        out.add(st);
      }
    });
    return out;
  }

  private static boolean holdsPos(Stmt s, Pos at) {
    boolean[] found = {false};
    IrWalker.forEachExpr(s, x -> found[0] |= x.pos().equals(at));
    return found[0];
  }

  /** The flag values {@code body} stores, directly or by calling a setter of its own object. */
  private List<Store> storesIn(ProgramIndex.Body body) {
    List<Store> out = new ArrayList<>();
    if (body.block() == null) {
      return out;
    }
    String self = body.owner().id();
    // A lambda's stores run when the lambda does: they are its own body's.
    IrWalker.forEachExprOutsideLambdas(body.block(), e -> {
      if (e instanceof Expr.Assign as && as.op().equals("=")) {
        FlagRef f = flagField(as.target(), self);
        String v = constant(as.value());
        if (f != null && v != null) {
          out.add(new Store(as.pos(), new FlagValue(f, v)));
        }
      } else if (e instanceof Expr.Call c && onSelf(c.receiver())) {
        Setter s = setter(c);
        if (s.flag() != null) {
          String v = s.index() >= 0 && s.index() < c.args().size()
              ? constant(c.args().get(s.index())) : s.value();
          if (v != null) {
            out.add(new Store(c.pos(), new FlagValue(s.flag(), v)));
          }
        }
      }
    });
    return out;
  }

  /**
   * What the analysed method {@code c} calls stores into a flag of its object: a parameter
   * ({@code state = s}) or a constant ({@code online = true}), when it stores into one flag only.
   */
  private Setter setter(Expr.Call c) {
    ProgramIndex.Body body = calledBody(c);
    if (body == null) {
      return NO_SETTER;
    }
    return setters.computeIfAbsent(body.id(), id -> {
      List<Setter> found = new ArrayList<>();
      List<dev.shareguard.core.ir.Param> params = body.method().params();
      IrWalker.forEachExprOutsideLambdas(body.block(), e -> {
        if (e instanceof Expr.Assign as && as.op().equals("=")) {
          FlagRef f = flagField(as.target(), body.owner().id());
          if (f == null) {
            return;
          }
          int index = -1;
          if (as.value() instanceof Expr.LocalRef l) {
            for (int i = 0; i < params.size(); i++) {
              index = params.get(i).name().equals(l.name()) ? i : index;
            }
          }
          found.add(new Setter(f, index, index >= 0 ? null : constant(as.value())));
        }
      });
      return found.size() == 1 && (found.get(0).index() >= 0 || found.get(0).value() != null)
          ? found.get(0) : NO_SETTER;
    });
  }

  /** How many places store each flag value, over every analysed body. */
  private Map<FlagValue, Integer> storeSites() {
    if (storeSites == null) {
      storeSites = new HashMap<>();
      for (ProgramIndex.Body body : intent.index().bodies().values()) {
        for (Store s : storesByBody.computeIfAbsent(body, this::storesIn)) {
          storeSites.merge(s.value(), 1, Integer::sum);
        }
      }
      // A declaration's initializer stores its value too.
      for (dev.shareguard.core.ir.ClassDecl c : intent.index().classes().values()) {
        for (FieldDecl f : c.fields()) {
          String v = f.initializer() == null ? null : constant(f.initializer());
          if (f.isVolatile() && v != null) {
            storeSites.merge(new FlagValue(new FlagRef(c.id(), f.name()), v), 1, Integer::sum);
          }
        }
      }
    }
    return storeSites;
  }

  // ---- the read side: flag values tested before the read ----

  private Set<FlagValue> gatesBefore(AccessInstance r) {
    Set<FlagValue> out = new HashSet<>();
    Expr read = r.raw().expr();
    addGates(r.body(), x -> x == read, out);
    for (CallPath p = r.path(); p != null && p.via() != CallPath.Via.STARTS; p = p.parent()) {
      Pos at = p.at();
      addGates(intent.body(p.fromBody()), x -> x.pos().equals(at)
          && (x instanceof Expr.Call || x instanceof Expr.New || x instanceof Expr.Lambda
              || x instanceof Expr.MethodRef), out);
    }
    return out;
  }

  private void addGates(ProgramIndex.Body body, Predicate<Expr> target, Set<FlagValue> out) {
    if (body == null || body.block() == null) {
      return;
    }
    Set<FlagValue> found = gatesTo(body.block(), target, body.owner().id());
    if (found != null) {
      out.addAll(found);
    }
  }

  /**
   * The flag values known to hold where {@code s} evaluates {@code target}, or null when it does
   * not: the tests of the {@code if}s around it, and of the {@code if}s before it in its blocks
   * that leave unless the flag holds a value ({@code if (state != ONLINE) return;}).
   */
  private Set<FlagValue> gatesTo(Stmt s, Predicate<Expr> target, String self) {
    if (s == null) {
      return null;
    }
    if (s instanceof Stmt.Block b) {
      Set<FlagValue> established = new HashSet<>();
      for (Stmt x : b.stmts()) {
        Set<FlagValue> inner = gatesTo(x, target, self);
        if (inner != null) {
          inner.addAll(established);
          return inner;
        }
        if (x instanceof Stmt.If i && i.orElse() == null && alwaysLeaves(i.then())) {
          established.addAll(values(i.cond(), false, self));
        }
      }
      return null;
    }
    if (s instanceof Stmt.If i) {
      Set<FlagValue> inCond = exprGates(i.cond(), target, self);
      if (inCond != null) {
        return inCond;
      }
      Set<FlagValue> inner = gatesTo(i.then(), target, self);
      if (inner != null) {
        inner.addAll(values(i.cond(), true, self));
        return inner;
      }
      inner = gatesTo(i.orElse(), target, self);
      if (inner != null) {
        inner.addAll(values(i.cond(), false, self));
      }
      return inner;
    }
    for (Stmt child : IrWalker.childStatements(s)) {
      Set<FlagValue> inner = gatesTo(child, target, self);
      if (inner != null) {
        return inner;
      }
    }
    for (Expr e : IrWalker.ownExpressions(s)) {
      Set<FlagValue> inner = exprGates(e, target, self);
      if (inner != null) {
        return inner;
      }
    }
    return evaluates(s, target) ? new HashSet<>() : null;
  }

  /**
   * The flag values known to hold where expression {@code e} evaluates {@code target}, or null
   * when it does not: the conditions of the {@code ?:} arms and of the {@code &&} / {@code ||}
   * left operands it sits behind ({@code ready ? names.get(0) : null}). A lambda's body runs
   * later, maybe elsewhere: nothing around it holds there.
   */
  private Set<FlagValue> exprGates(Expr e, Predicate<Expr> target, String self) {
    if (e == null || e instanceof Expr.Lambda) {
      return null;
    }
    if (target.test(e)) {
      return new HashSet<>();
    }
    if (e instanceof Expr.Conditional c) {
      Set<FlagValue> inner = exprGates(c.condition(), target, self);
      if (inner != null) {
        return inner;
      }
      inner = exprGates(c.whenTrue(), target, self);
      if (inner != null) {
        inner.addAll(values(c.condition(), true, self));
        return inner;
      }
      inner = exprGates(c.whenFalse(), target, self);
      if (inner != null) {
        inner.addAll(values(c.condition(), false, self));
      }
      return inner;
    }
    if (e instanceof Expr.Binary b && (b.op().equals("&&") || b.op().equals("||"))) {
      Set<FlagValue> inner = exprGates(b.left(), target, self);
      if (inner != null) {
        return inner;
      }
      inner = exprGates(b.right(), target, self);
      if (inner != null) {
        inner.addAll(values(b.left(), b.op().equals("&&"), self));
      }
      return inner;
    }
    for (Expr child : IrWalker.childExpressions(e)) {
      Set<FlagValue> inner = exprGates(child, target, self);
      if (inner != null) {
        return inner;
      }
    }
    return null;
  }

  /** Whether {@code s}'s own expressions (not those of nested statements) hold the target. */
  private static boolean evaluates(Stmt s, Predicate<Expr> target) {
    if (s instanceof Stmt.Block || s instanceof Stmt.If) {
      return false;
    }
    boolean[] found = {false};
    IrWalker.forEachExpr(s, x -> found[0] |= target.test(x));
    return found[0];
  }

  /** Whether {@code s} always leaves the enclosing body or loop pass. */
  private static boolean alwaysLeaves(Stmt s) {
    if (s instanceof Stmt.Return || s instanceof Stmt.Throw) {
      return true;
    }
    return s instanceof Stmt.Block b && !b.stmts().isEmpty()
        && alwaysLeaves(b.stmts().get(b.stmts().size() - 1));
  }

  /** The flag values that hold when {@code cond} evaluates to {@code when}. */
  private Set<FlagValue> values(Expr cond, boolean when, String self) {
    Set<FlagValue> out = new HashSet<>();
    if (cond instanceof Expr.Binary b) {
      if (b.op().equals(when ? "&&" : "||")) {
        out.addAll(values(b.left(), when, self));
        out.addAll(values(b.right(), when, self));
      } else if (b.op().equals(when ? "==" : "!=")) {
        FlagRef f = flagRead(b.left(), self);
        String v = constant(b.right());
        if (f == null) {
          f = flagRead(b.right(), self);
          v = constant(b.left());
        }
        if (f != null && v != null) {
          out.add(new FlagValue(f, v));
        }
      }
    } else if (cond instanceof Expr.Unary u && u.op().equals("!")) {
      out.addAll(values(u.operand(), !when, self));
    } else {
      FlagRef f = flagRead(cond, self);
      if (f != null) {
        out.add(new FlagValue(f, when ? "true" : "false"));
      }
    }
    return out;
  }

  // ---- flags and constants ----

  /** The flag {@code e} reads on the object itself: the field, or a getter returning it. */
  private FlagRef flagRead(Expr e, String self) {
    FlagRef f = flagField(e, self);
    if (f != null || !(e instanceof Expr.Call c) || !c.args().isEmpty() || !onSelf(c.receiver())) {
      return f;
    }
    ProgramIndex.Body body = calledBody(c);
    if (body == null) {
      return null;
    }
    FlagRef got = getterFlags.computeIfAbsent(body.id(), id -> {
      List<Expr> returned = IrWalker.returned(body.block());
      FlagRef r = returned.size() == 1 ? flagField(returned.get(0), body.owner().id()) : null;
      return r == null ? NO_FLAG : r;
    });
    return got == NO_FLAG ? null : got;
  }

  /** The volatile field {@code e} names on the object itself or statically, or null. */
  private FlagRef flagField(Expr e, String self) {
    if (!(e instanceof Expr.FieldAccess f) || !(f.isStatic() || onSelf(f.receiver()))) {
      return null;
    }
    String owner = f.ownerClass() != null ? f.ownerClass() : self;
    FieldDecl decl = intent.field(owner, f.name());
    return decl != null && decl.isVolatile() ? new FlagRef(owner, f.name()) : null;
  }

  private static boolean onSelf(Expr receiver) {
    return receiver == null || receiver instanceof Expr.ThisRef;
  }

  /** A literal's text or a static field's name, as the value a flag is compared with. */
  private static String constant(Expr e) {
    if (e instanceof Expr.Literal l) {
      return l.text();
    }
    if (e instanceof Expr.FieldAccess f && f.isStatic()) {
      return f.ownerClass() + "." + f.name();
    }
    return null;
  }

  /** The analysed body of the method a call on the object itself names, or null. */
  private ProgramIndex.Body calledBody(Expr.Call c) {
    MethodDecl m = intent.index().calledMethod(c);
    return m == null || m.body() == null ? null : intent.body(intent.index().bodyIdOf(m));
  }
}
