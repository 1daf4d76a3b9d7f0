package dev.shareguard.core.engine;

import dev.shareguard.core.ir.ClassDecl;
import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.MethodDecl;
import dev.shareguard.core.ir.Stmt;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Once-gates kept by a lock: inside one {@code synchronized} block (or at the top of a {@code
 * synchronized} method), a test that leaves unless a field of the object (or class) still has
 * its first value, then the store that changes it:
 *
 * <pre>{@code
 * synchronized (lock) {
 *   if (closing) { return; }
 *   closing = true;
 * }
 * // runs once
 *
 * synchronized void commit() {
 *   checkOpen();                 // if (status != Status.OPEN) throw …;
 *   status = Status.COMMITTING;
 *   // runs once
 * }
 * }</pre>
 *
 * <p>Of the callers, the first to take the lock finds the first value and changes it; every later
 * one leaves. So what follows the store runs once, never beside another run of itself, as after a
 * won {@code compareAndSet(false, true)}. Only when no code (constructors aside) ever gives the
 * field its first value again: a flag reset by a {@code reopen()} lets a second run through. The
 * test may be a helper of the class whose body is only that test ({@code checkOpen()}).
 */
final class OnceGates {
  private OnceGates() {}

  /** A store that wins a gate: the field's value the test lets through, and the one stored. */
  record Win(String from, String to) {}

  /**
   * The stores in {@code root} that win such a gate, by identity; empty when there are none.
   * {@code method}: the method whose body {@code root} is, or null.
   */
  static Map<Expr, Win> wins(Stmt root, ProgramIndex index, MethodDecl method,
      Reopened reopened) {
    Map<Expr, Win> out = new IdentityHashMap<>();
    if (root == null) {
      return out;
    }
    if (method != null && method.isSynchronized() && root instanceof Stmt.Block b) {
      collect(b.stmts(), index, reopened, out);
    }
    IrWalker.forEachStmt(root, st -> {
      if (st instanceof Stmt.Synchronized sync) {
        collect(sync.body().stmts(), index, reopened, out);
      }
    });
    return out;
  }

  private static void collect(List<Stmt> stmts, ProgramIndex index, Reopened reopened,
      Map<Expr, Win> out) {
    Map<String, String> tested = new HashMap<>();
    for (Stmt st : stmts) {
      if (st instanceof Stmt.If i && i.orElse() == null && IrWalker.leaves(i.then())) {
        test(i.cond(), tested);
      } else if (st instanceof Stmt.ExprStmt es && es.expr() instanceof Expr.Call c) {
        Stmt.If only = onlyTest(c, index);
        if (only != null) {
          test(only.cond(), tested);
        }
      } else if (st instanceof Stmt.ExprStmt es && es.expr() instanceof Expr.Assign a
          && a.op().equals("=") && a.target() instanceof Expr.FieldAccess f && isOwn(f)
          && tested.containsKey(f.name())) {
        String from = tested.get(f.name());
        String to = constant(a.value());
        if (from.equals("false") && isOwnFlag(f)
            ? IrWalker.isTrueLiteral(a.value()) && onlyEverSetTrue(index, f)
            : to != null && !to.equals(from) && !reopened.test(f.ownerClass(), f.name(), from)) {
          out.put(a, new Win(from, to));
        }
      }
    }
  }

  /**
   * Records what test {@code cond}, leaving the method when true, lets through: {@code flag} (a
   * boolean of the object or class) goes on only when false; {@code field != V} only when the
   * field is {@code V}, a literal or a static constant.
   */
  private static void test(Expr cond, Map<String, String> tested) {
    if (cond instanceof Expr.FieldAccess f && isOwnFlag(f)) {
      tested.put(f.name(), "false");
    } else if (cond instanceof Expr.Binary b && b.op().equals("!=")) {
      if (b.left() instanceof Expr.FieldAccess f && isOwn(f) && constant(b.right()) != null) {
        tested.put(f.name(), constant(b.right()));
      } else if (b.right() instanceof Expr.FieldAccess f && isOwn(f)
          && constant(b.left()) != null) {
        tested.put(f.name(), constant(b.left()));
      }
    }
  }

  /**
   * The one statement of the helper {@code c} calls on the object itself, when that statement is
   * a test that leaves ({@code void checkOpen() { if (status != OPEN) throw …; }}); else null.
   */
  private static Stmt.If onlyTest(Expr.Call c, ProgramIndex index) {
    if (c.receiver() != null && !(c.receiver() instanceof Expr.ThisRef) || c.target().owner() == null
        || index.classById(c.target().owner()) == null) {
      return null;
    }
    MethodDecl m = index.findMethod(c.target().owner(), c.target().name(), c.target().arity(),
        c.target().paramTypes());
    if (m == null || m.body() == null || m.body().stmts().size() != 1
        || !(m.body().stmts().get(0) instanceof Stmt.If i) || i.orElse() != null
        || !IrWalker.leaves(i.then())) {
      return null;
    }
    return i;
  }

  /**
   * The text of a constant value: a literal's text, or a static field's {@code Owner.NAME} (an
   * enum constant); null for anything else.
   */
  static String constant(Expr e) {
    if (e instanceof Expr.Literal l) {
      return l.text();
    }
    if (e instanceof Expr.FieldAccess f && f.isStatic() && f.ownerClass() != null) {
      return f.ownerClass() + "." + f.name();
    }
    return null;
  }

  /** A field of this object or a static one, not of another object. */
  private static boolean isOwn(Expr.FieldAccess f) {
    return f.isStatic() || f.receiver() == null || f.receiver() instanceof Expr.ThisRef;
  }

  /** The calls that set an atomic flag to their first argument. */
  private static final Set<String> SETTERS =
      Set.of("set", "lazySet", "getAndSet", "setPlain", "setOpaque", "setRelease");

  /**
   * {@link #reopened} of one program, each flag and value asked once (a scan of the whole
   * program): body analyses (on several threads) and the walk share it.
   */
  static final class Reopened {
    private final ProgramIndex index;
    private final Map<String, Boolean> known = new java.util.concurrent.ConcurrentHashMap<>();

    Reopened(ProgramIndex index) {
      this.index = index;
    }

    boolean test(String owner, String field, String from) {
      return known.computeIfAbsent(owner + "#" + field + "#" + from,
          k -> reopened(index, owner, field, from));
    }
  }

  /**
   * Whether code other than constructors and initializers ever gives flag {@code owner#field}
   * its value {@code from} again: a plain store of that literal, an atomic's {@code set(from)}
   * (and its kin), or a {@code compareAndSet(…, from)}. A gate from {@code from} that nothing
   * reopens is won once per object (per class for a static flag).
   */
  private static boolean reopened(ProgramIndex index, String owner, String field, String from) {
    boolean[] found = {false};
    for (ClassDecl c : index.classes().values()) {
      for (MethodDecl m : c.methods()) {
        if (m.body() == null || m.isInitializer() || found[0]) {
          continue;
        }
        IrWalker.forEachExpr(m.body(), e -> {
          if (e instanceof Expr.Assign a && a.target() instanceof Expr.FieldAccess t
              && t.name().equals(field) && java.util.Objects.equals(t.ownerClass(), owner)
              && !(a.op().equals("=") && constant(a.value()) != null
                  && !constant(a.value()).equals(from))) {
            found[0] = true;
          } else if (e instanceof Expr.Call call
              && call.receiver() instanceof Expr.FieldAccess t && t.name().equals(field)
              && java.util.Objects.equals(t.ownerClass(), owner)) {
            String name = call.target().name();
            List<Expr> args = call.args();
            Expr value = SETTERS.contains(name) && !args.isEmpty() ? args.get(args.size() - 1)
                : name.contains("ompareAndSet") || name.contains("ompareAndExchange")
                    ? args.size() >= 2 ? args.get(args.size() - 1) : null
                    : null;
            if (value != null && !(constant(value) != null && !constant(value).equals(from))) {
              found[0] = true;
            }
          }
        });
      }
    }
    return found[0];
  }

  /** A boolean field of this object or a static one, not of another object. */
  private static boolean isOwnFlag(Expr.FieldAccess f) {
    return f.type() != null && f.type().isPrimitive() && f.type().name().equals("boolean")
        && isOwn(f);
  }

  /** Whether every store into {@code flag} in the analysed code stores {@code true}. */
  private static boolean onlyEverSetTrue(ProgramIndex index, Expr.FieldAccess flag) {
    return isOwnFlag(flag) && everyStoreIsTrue(index, flag, true);
  }

  /**
   * Whether every {@code flag = …} in the analysed code stores {@code true} ({@code
   * skipInitializers}: constructors and initializers aside).
   */
  static boolean everyStoreIsTrue(
      ProgramIndex index, Expr.FieldAccess flag, boolean skipInitializers) {
    boolean[] other = {false};
    for (ClassDecl c : index.classes().values()) {
      for (MethodDecl m : c.methods()) {
        if (m.body() == null || (skipInitializers && m.isInitializer()) || other[0]) {
          continue;
        }
        IrWalker.forEachExpr(m.body(), e -> {
          if (e instanceof Expr.Assign a && a.target() instanceof Expr.FieldAccess t
              && t.name().equals(flag.name())
              && java.util.Objects.equals(t.ownerClass(), flag.ownerClass())
              && !(a.op().equals("=") && IrWalker.isTrueLiteral(a.value()))) {
            other[0] = true;
          }
        });
      }
    }
    return !other[0];
  }
}
