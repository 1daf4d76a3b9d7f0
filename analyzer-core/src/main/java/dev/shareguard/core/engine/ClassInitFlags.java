package dev.shareguard.core.engine;

import dev.shareguard.core.ir.ClassDecl;
import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.FieldDecl;
import dev.shareguard.core.ir.MethodDecl;
import dev.shareguard.core.ir.Stmt;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Static flags that their class's initialization sets: a static {@code boolean} field that the
 * static initializer sets to {@code true} (in its own top-level statements, or in the top-level
 * statements of a static method of the class it calls there) and that no code sets to anything
 * else.
 *
 * <pre>{@code
 * private static boolean initialized;
 * static { initialize(); }
 * private static void initialize() { ...; initialized = true; }
 * public static List<X> get(K k) {
 *   if (!initialized) initialize();   // never taken once the class is initialized
 *   ...
 * }
 * }</pre>
 *
 * <p>Class initialization completes before any other code of any thread uses the class, and what
 * it did is visible to all of them (JLS 12.4.2: initialization is done under the class's
 * initialization lock, which every later user of the class goes through). From then on every
 * thread reads {@code true}, so a branch taken when the flag is {@code false} runs only during
 * initialization itself, on one thread.
 */
final class ClassInitFlags {
  private final ProgramIndex index;
  /** By "owner#field"; bodies are analysed on several threads at once. */
  private final Map<String, Boolean> byField = new ConcurrentHashMap<>();

  ClassInitFlags(ProgramIndex index) {
    this.index = index;
  }

  /** Whether {@code f} is such a flag: {@code true} once its class is initialized. */
  boolean trueAfterClassInit(Expr.FieldAccess f) {
    if (!f.isStatic() || f.ownerClass() == null || f.type() == null || !f.type().isPrimitive()
        || !"boolean".equals(f.type().name())) {
      return false;
    }
    return byField.computeIfAbsent(f.ownerClass() + "#" + f.name(), k -> compute(f));
  }

  private boolean compute(Expr.FieldAccess f) {
    ClassDecl c = index.classById(f.ownerClass());
    if (c == null) {
      return false;
    }
    boolean declared = false;
    for (FieldDecl d : c.fields()) {
      if (d.name().equals(f.name()) && d.isStatic()) {
        declared = true;
        if (d.initializer() != null && !IrWalker.isTrueLiteral(d.initializer())) {
          return false;
        }
      }
    }
    if (!declared || !OnceGates.everyStoreIsTrue(index, f, false)) {
      return false;
    }
    for (MethodDecl m : c.methods()) {
      if (m.name().equals(MethodDecl.STATIC_INIT) && m.body() != null
          && setsAtTopLevel(c, m.body(), f, true)) {
        return true;
      }
    }
    for (FieldDecl d : c.fields()) {
      if (d.name().equals(f.name()) && d.initializer() != null && IrWalker.isTrueLiteral(d.initializer())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the top-level statements of {@code body} set the flag: a store of {@code true}, or
   * (when {@code follow}) a call of a static method of the class whose own top-level statements
   * store it.
   */
  private boolean setsAtTopLevel(ClassDecl c, Stmt.Block body, Expr.FieldAccess f, boolean follow) {
    for (Stmt st : body.stmts()) {
      if (!(st instanceof Stmt.ExprStmt es)) {
        continue;
      }
      if (es.expr() instanceof Expr.Assign a && a.op().equals("=")
          && a.target() instanceof Expr.FieldAccess t && sameField(t, f) && IrWalker.isTrueLiteral(a.value())) {
        return true;
      }
      if (follow && es.expr() instanceof Expr.Call call && call.receiver() == null) {
        MethodDecl m = index.findMethod(c.id(), call.target().name(), call.target().arity(),
            call.target().paramTypes());
        if (m != null && m.isStatic() && m.body() != null && setsAtTopLevel(c, m.body(), f, false)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean sameField(Expr.FieldAccess a, Expr.FieldAccess b) {
    return a.name().equals(b.name()) && java.util.Objects.equals(a.ownerClass(), b.ownerClass());
  }

}
