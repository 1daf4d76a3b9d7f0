package dev.shareguard.core.engine;

import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.MethodDecl;
import dev.shareguard.core.model.LibraryModels;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether an expression makes an executor that runs its tasks on one thread, one at a time: a
 * library factory or constructor the models know ({@link
 * LibraryModels#isSingleThreadExecutorFactory}, {@link
 * LibraryModels#isSingleThreadExecutorConstruction}), or a static factory of the analysed code
 * that returns one (a project's own {@code newSingleThreadExecutor(name)} wrapper), or a method of
 * the object itself that does, with its analysed overrides ({@code executor =
 * createPrivateExecutor();}), followed a few calls deep.
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
    if (!(e instanceof Expr.Call c) || c.target().owner() == null
        || !(c.receiver() == null || c.receiver() instanceof Expr.ThisRef)) {
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
    MethodDecl m = index.calledMethod(c);
    if (m == null || m.body() == null) {
      return false;
    }
    if (!returnsOne(m, index, models, depth)) {
      return false;
    }
    // A method of the object itself (createExecutor() called on this): its analysed overrides
    // must make one too.
    for (MethodDecl o : m.isStatic() || m.isPrivate() ? List.<MethodDecl>of() : index.overrides(m)) {
      if (o.body() == null || !returnsOne(o, index, models, depth)) {
        return false;
      }
    }
    return true;
  }

  /** Whether every value {@code m} returns makes a single-thread executor. */
  private static boolean returnsOne(
      MethodDecl m, ProgramIndex index, LibraryModels models, int depth) {
    List<Expr> returned = IrWalker.returned(m.body());
    if (returned.isEmpty()) {
      return false;
    }
    for (Expr r : returned) {
      if (!made(r instanceof Expr.LocalRef l ? IrWalker.onlyValueOf(m.body(), l.name()) : r,
          index, models, depth + 1)) {
        return false;
      }
    }
    return true;
  }

  private static List<String> literals(List<Expr> args) {
    List<String> out = new ArrayList<>(args.size());
    for (Expr a : args) {
      out.add(a instanceof Expr.Literal l ? l.text() : null);
    }
    return out;
  }
}
