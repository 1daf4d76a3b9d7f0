package dev.shareguard.core.fix;

import static dev.shareguard.core.fix.FixBuilder.source;
import static dev.shareguard.core.fix.FixBuilder.text;

import dev.shareguard.core.finding.Fix;
import dev.shareguard.core.finding.Fix.Part;
import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.IrPrinter;
import dev.shareguard.core.ir.Stmt;
import dev.shareguard.core.ir.TypeRef;
import java.util.List;

/**
 * The {@code merge} rewrites of {@link MapUpdateFix}: a put of the value read plus a delta becomes
 * {@code m.merge(k, d, Integer::sum)} (or {@code Long::sum}), which adds atomically and treats an
 * absent key as zero, exactly as the original's null test or {@code getOrDefault(k, 0)} did.
 */
final class MergeFix {
  private MergeFix() {}

  /** {@code m.put(k, m.get(k) + d)} or {@code m.put(k, m.getOrDefault(k, 0) + d)}. */
  static Fix inPlace(List<Stmt> path, Expr.Call check, Expr.Call act) {
    if (!(act.args().get(1) instanceof Expr.Binary sum) || !sum.op().equals("+")) {
      return null;
    }
    Expr delta = sum.left() == check ? sum.right() : sum.right() == check ? sum.left() : null;
    String name = check.target().name();
    boolean readsValue =
        name.equals("get")
            || name.equals("getOrDefault")
                && check.args().size() == 2
                && check.args().get(1) instanceof Expr.Literal zero
                && (zero.text().equals("0") || zero.text().equalsIgnoreCase("0L"));
    if (delta == null || !readsValue) {
      return null;
    }
    return merge(path.get(path.size() - 1), null, check.type(), delta, act);
  }

  /**
   * {@code Integer v = m.get(k); m.put(k, v == null ? d : v + d);}, {@code v} used nowhere else
   * in {@code block}, the body's block.
   */
  static Fix throughLocal(Stmt block, List<Stmt> path, Expr.Call check, Expr.Call act) {
    Stmt put = path.get(path.size() - 1);
    if (path.size() < 2 || !(path.get(path.size() - 2) instanceof Stmt.Block inner)) {
      return null;
    }
    int at = inner.stmts().indexOf(put);
    if (at < 1
        || !(inner.stmts().get(at - 1) instanceof Stmt.LocalVar v)
        || v.init() != check
        || !check.target().name().equals("get")
        || !(act.args().get(1) instanceof Expr.Conditional c)) {
      return null;
    }
    Expr absent;
    Expr present;
    if (IrShapes.isNullTest(c.condition(), "==", e -> IrShapes.isLocal(e, v.name()))) {
      absent = c.whenTrue();
      present = c.whenFalse();
    } else if (IrShapes.isNullTest(c.condition(), "!=", e -> IrShapes.isLocal(e, v.name()))) {
      absent = c.whenFalse();
      present = c.whenTrue();
    } else {
      return null;
    }
    if (!(present instanceof Expr.Binary sum) || !sum.op().equals("+")) {
      return null;
    }
    Expr delta =
        IrShapes.isLocal(sum.left(), v.name())
            ? sum.right()
            : IrShapes.isLocal(sum.right(), v.name()) ? sum.left() : null;
    if (delta == null
        || !IrPrinter.expr(delta).equals(IrPrinter.expr(absent))
        || IrShapes.uses(block, v.name()) != 2) {
      return null;
    }
    return merge(put, v, check.type(), delta, act);
  }

  /** {@code m.merge(k, d, T::sum);} in place of {@code put}, deleting {@code local} if given. */
  private static Fix merge(
      Stmt put, Stmt.LocalVar local, TypeRef valueType, Expr delta, Expr.Call act) {
    String box = valueType == null ? "" : valueType.name();
    Part d;
    if (box.equals("java.lang.Integer") && IrShapes.isOfType(delta, "int", "java.lang.Integer")) {
      d = source(delta);
    } else if (box.equals("java.lang.Long") && IrShapes.isOfType(delta, "long", "java.lang.Long")) {
      d = source(delta);
    } else if (box.equals("java.lang.Long")
        && delta instanceof Expr.Literal l
        && IrShapes.isOfType(l, "int", "int")) {
      // An int literal widens in `v + 1` but would not box to Long as merge's argument.
      d = text(l.text() + "L");
    } else {
      return null;
    }
    String sum = box.equals("java.lang.Integer") ? "Integer::sum" : "Long::sum";
    FixBuilder fix = FixBuilder.fix("Use one atomic merge call instead of a get and a put");
    if (local != null) {
      fix.delete(local);
    }
    return fix.replace(
            put,
            List.of(
                source(act.receiver()),
                text(".merge("),
                source(act.args().get(0)),
                text(", "),
                d,
                text(", " + sum + ");")))
        .build();
  }
}
