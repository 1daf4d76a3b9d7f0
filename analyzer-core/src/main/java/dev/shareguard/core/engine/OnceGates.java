package dev.shareguard.core.engine;

import dev.shareguard.core.ir.ClassDecl;
import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.MethodDecl;
import dev.shareguard.core.ir.Stmt;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Once-gates kept by a lock: inside one {@code synchronized} block, a test that leaves when a
 * boolean flag of the object (or class) is set, then the store that sets it:
 *
 * <pre>{@code
 * synchronized (lock) {
 *   if (closing) { return; }
 *   closing = true;
 * }
 * // runs once
 * }</pre>
 *
 * <p>Of the callers, the first to take the lock finds the flag unset and sets it; every later one
 * leaves. So what follows the store runs once, never beside another run of itself, as after a won
 * {@code compareAndSet(false, true)}. Only when no code (constructors aside) ever sets the flag
 * back to anything but {@code true}: a flag reset by a {@code reopen()} lets a second run through.
 */
final class OnceGates {
  private OnceGates() {}

  /** The stores in {@code root} that win such a gate, by identity; empty when there are none. */
  static Set<Expr> wins(Stmt root, ProgramIndex index) {
    Set<Expr> out = Collections.newSetFromMap(new IdentityHashMap<>());
    if (root == null) {
      return out;
    }
    IrWalker.forEachStmt(root, st -> {
      if (st instanceof Stmt.Synchronized sync) {
        collect(sync.body().stmts(), index, out);
      }
    });
    return out;
  }

  private static void collect(List<Stmt> stmts, ProgramIndex index, Set<Expr> out) {
    java.util.Set<String> tested = new java.util.HashSet<>();
    for (Stmt st : stmts) {
      if (st instanceof Stmt.If i && i.orElse() == null && IrWalker.leaves(i.then())
          && i.cond() instanceof Expr.FieldAccess f && isOwnFlag(f)) {
        tested.add(f.name());
      } else if (st instanceof Stmt.ExprStmt es && es.expr() instanceof Expr.Assign a
          && a.op().equals("=") && a.target() instanceof Expr.FieldAccess f
          && tested.contains(f.name()) && IrWalker.isTrueLiteral(a.value()) && onlyEverSetTrue(index, f)) {
        out.add(a);
      }
    }
  }

  /** A boolean field of this object or a static one, not of another object. */
  private static boolean isOwnFlag(Expr.FieldAccess f) {
    return f.type() != null && f.type().isPrimitive() && f.type().name().equals("boolean")
        && (f.isStatic() || f.receiver() == null || f.receiver() instanceof Expr.ThisRef);
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
