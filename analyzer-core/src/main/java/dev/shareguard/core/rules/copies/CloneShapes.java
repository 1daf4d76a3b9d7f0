package dev.shareguard.core.rules.copies;

import dev.shareguard.core.engine.Describe;
import dev.shareguard.core.engine.IrWalker;
import dev.shareguard.core.ir.ClassDecl;
import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.FieldDecl;
import dev.shareguard.core.ir.MethodDecl;
import dev.shareguard.core.ir.Stmt;
import dev.shareguard.core.model.CopyModels;

/**
 * The shapes of copy code that {@link CloneSharesMutableState} looks for in the IR: the {@code
 * super.clone()} call, the local a copy method allocates, calls on the copy, and how to copy a
 * field's value in a fix.
 */
final class CloneShapes {
  private CloneShapes() {}

  /** Whether {@code m} makes the copy in local {@code local}: {@code new C(…)} or a clone. */
  static boolean allocatesCopy(MethodDecl m, String local, String cls) {
    boolean[] found = new boolean[1];
    for (Stmt st : m.body().stmts()) {
      if (st instanceof Stmt.LocalVar v && v.name().equals(local)) {
        Expr init = v.init();
        while (init instanceof Expr.Cast c) {
          init = c.expr();
        }
        found[0] |= init instanceof Expr.New n && n.type().erasure().equals(cls)
            || init instanceof Expr.Call c && c.target().name().equals("clone");
      }
    }
    return found[0];
  }

  /**
   * Whether {@code clone()} calls one of the class's own instance methods on the copy ({@code
   * copy.setItems(…)}, {@code copy.clear()}): those may give it new state by assignments the
   * analysis cannot always see (compare-and-set, reflection), so the clone is not judged.
   */
  static boolean callsOwnMethodOnCopy(MethodDecl clone, String cls) {
    boolean[] found = new boolean[1];
    IrWalker.forEachExpr(clone.body(), e -> {
      if (e instanceof Expr.Call call && call.receiver() instanceof Expr.LocalRef l
          && l.type().erasure().equals(cls) && !call.target().isStatic()) {
        found[0] = true;
      }
    });
    return found[0];
  }

  /** How to give a copy its own value of field {@code name}, by the field's type. */
  static String copyExpression(ClassDecl c, String name) {
    FieldDecl f = c.fields().stream().filter(x -> x.name().equals(name)).findFirst().orElse(null);
    if (f == null) {
      return "…";
    }
    if (f.type().isArray()) {
      return name + ".clone()";
    }
    String simple = Describe.simpleName(f.type().name());
    String impl = CopyModels.copyClassFor(simple);
    if (impl != null) {
      return "new " + impl + "<>(" + name + ")";
    }
    return f.type().name().startsWith("java.util.") ? "new " + simple + "<>(" + name + ")"
        : "a copy of " + name;
  }

  static boolean isLockType(FieldDecl f) {
    return CopyModels.isLockType(f.type().name());
  }

  /** The {@code this(…)} and {@code super(…)} calls in constructor {@code m}'s body. */
  static java.util.List<Expr.Call> delegatedConstructorCalls(MethodDecl m) {
    java.util.List<Expr.Call> out = new java.util.ArrayList<>();
    IrWalker.forEachExpr(m.body(), e -> {
      if (e instanceof Expr.Call c && c.receiver() instanceof Expr.ThisRef
          && c.target().name().equals(MethodDecl.CONSTRUCTOR)) {
        out.add(c);
      }
    });
    return out;
  }

  static Expr superClone(MethodDecl m) {
    Expr[] found = new Expr[1];
    IrWalker.forEachExpr(m.body(), e -> {
      if (found[0] == null && e instanceof Expr.Call c && c.target().name().equals("clone")
          && c.receiver() instanceof Expr.ThisRef t && t.isSuper()) {
        found[0] = e;
      }
    });
    return found[0];
  }
}
