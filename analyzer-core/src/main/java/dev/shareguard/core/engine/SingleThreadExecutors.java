package dev.shareguard.core.engine;

import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.MethodDecl;
import dev.shareguard.core.ir.Stmt;
import dev.shareguard.core.model.LibraryModels;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether an expression makes an executor that runs its tasks on one thread, one at a time: a
 * library factory or constructor the models know ({@link
 * LibraryModels#isSingleThreadExecutorFactory}, {@link
 * LibraryModels#isSingleThreadExecutorConstruction}), or a static factory of the analysed code
 * that returns one (a project's own {@code newSingleThreadExecutor(name)} wrapper), followed a few
 * calls deep.
 */
final class SingleThreadExecutors {
  /** How many project factories deep a wrapper is followed. */
  private static final int MAX_DEPTH = 3;

  private SingleThreadExecutors() {}

  static boolean made(Expr e, ProgramIndex index, LibraryModels models) {
    return made(e, index, models, 0);
  }

  private static boolean made(Expr e, ProgramIndex index, LibraryModels models, int depth) {
    if (e instanceof Expr.New n) {
      return n.anonymousClassId() == null
          && models.isSingleThreadExecutorConstruction(n.type().erasure(), literals(n.args()));
    }
    if (!(e instanceof Expr.Call c) || c.receiver() != null || c.target().owner() == null) {
      return false;
    }
    String owner = c.target().owner();
    String name = c.target().name();
    if (models.isSingleThreadExecutorFactory(owner, name, literals(c.args()))) {
      return true;
    }
    if (depth >= MAX_DEPTH) {
      return false;
    }
    MethodDecl m = index.findMethod(owner, name, c.args().size(), c.target().paramTypes());
    Expr returned = m == null || !m.isStatic() || m.body() == null ? null : onlyReturn(m);
    return returned != null && made(returned, index, models, depth + 1);
  }

  /**
   * The value a method returns when its body ends in its only {@code return}, either of the made
   * object itself or of a local that holds it ({@code var ex = new …; ex.setX(…); return ex;}).
   */
  private static Expr onlyReturn(MethodDecl m) {
    List<Stmt> stmts = m.body().stmts();
    if (stmts.isEmpty() || !(stmts.get(stmts.size() - 1) instanceof Stmt.Return r)
        || r.expr() == null) {
      return null;
    }
    if (!(r.expr() instanceof Expr.LocalRef local)) {
      return r.expr();
    }
    Expr init = null;
    for (Stmt s : stmts) {
      if (s instanceof Stmt.LocalVar v && v.name().equals(local.name())) {
        init = v.init();
      }
    }
    return init;
  }

  private static List<String> literals(List<Expr> args) {
    List<String> out = new ArrayList<>(args.size());
    for (Expr a : args) {
      out.add(a instanceof Expr.Literal l ? l.text() : null);
    }
    return out;
  }
}
