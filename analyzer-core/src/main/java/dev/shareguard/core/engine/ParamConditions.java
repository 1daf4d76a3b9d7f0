package dev.shareguard.core.engine;

import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.MethodDecl;
import dev.shareguard.core.ir.Pos;
import dev.shareguard.core.ir.Stmt;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Code a method runs only for one value of a boolean parameter: the branch of a test of the
 * parameter ({@code if (create) …}, {@code if (single == null && create) …}), and the rest of a
 * block after a test that leaves the method for the other value ({@code if (!create) return s;}).
 * A call that passes a constant for that parameter never runs the code needing the other value:
 * {@code current(false)} does not reach the store that {@code current(boolean create)} makes only
 * when {@code create} is true. Flag parameters of this kind ({@code getOrCreate(key, create)},
 * {@code close(force)}) are how one helper serves a reading caller and a writing one. Only
 * parameters the method never assigns count; a lambda's body needs nothing.
 */
final class ParamConditions {
  /** By body id: the parameter values each position needs, for the positions that need one. */
  private final Map<String, Map<Pos, Map<String, Boolean>>> byBody = new HashMap<>();

  /** The parameter values the code at {@code pos} of {@code body} needs; empty for none. */
  Map<String, Boolean> needs(ProgramIndex.Body body, Pos pos) {
    Map<Pos, Map<String, Boolean>> of = byBody.computeIfAbsent(body.id(), k -> compute(body));
    Map<String, Boolean> n = of.isEmpty() ? null : of.get(pos);
    return n == null ? Map.of() : n;
  }

  /**
   * Whether the code at {@code pos} of {@code body} never runs in a call whose parameters are
   * {@code params} (by name, as the walk binds them): it needs a parameter to have the value
   * other than the constant the call passes.
   */
  boolean excluded(ProgramIndex.Body body, Pos pos, Map<String, AbsVal> params) {
    if (params.isEmpty()) {
      return false;
    }
    for (Map.Entry<String, Boolean> n : needs(body, pos).entrySet()) {
      if (params.get(n.getKey()) instanceof AbsVal.Constant c && c.value() != n.getValue()) {
        return true;
      }
    }
    return false;
  }

  private static Map<Pos, Map<String, Boolean>> compute(ProgramIndex.Body body) {
    MethodDecl m = body.method();
    if (body.lambda() != null || m == null || body.block() == null || m.params().isEmpty()) {
      return Map.of();
    }
    Set<String> flags = new HashSet<>();
    for (var p : m.params()) {
      if (p.type() != null && p.type().isPrimitive() && "boolean".equals(p.type().name())
          && !IrWalker.assignsLocal(body.block(), p.name())) {
        flags.add(p.name());
      }
    }
    if (flags.isEmpty()) {
      return Map.of();
    }
    Map<Pos, Map<String, Boolean>> out = new HashMap<>();
    new Scan(flags, out).block(body.block().stmts(), Map.of());
    return out.isEmpty() ? Map.of() : out;
  }

  /** One pass over a body, marking every position with what the code there needs. */
  private record Scan(Set<String> flags, Map<Pos, Map<String, Boolean>> out) {
    /** A block's statements in order: a test that leaves for one value narrows the rest. */
    void block(List<Stmt> stmts, Map<String, Boolean> needs) {
      Map<String, Boolean> now = needs;
      for (Stmt s : stmts) {
        stmt(s, now);
        if (s instanceof Stmt.If i) {
          boolean thenLeaves = IrWalker.leaves(i.then());
          boolean elseLeaves = i.orElse() != null && IrWalker.leaves(i.orElse());
          if (thenLeaves && !elseLeaves) {
            now = with(now, i.cond(), false);
          } else if (elseLeaves && !thenLeaves) {
            now = with(now, i.cond(), true);
          }
        }
      }
    }

    void stmt(Stmt s, Map<String, Boolean> needs) {
      if (s == null) {
        return;
      }
      mark(s.pos(), needs);
      if (s instanceof Stmt.Block b) {
        block(b.stmts(), needs);
      } else if (s instanceof Stmt.If i) {
        exprs(i.cond(), needs);
        stmt(i.then(), with(needs, i.cond(), true));
        stmt(i.orElse(), with(needs, i.cond(), false));
      } else {
        for (Expr e : IrWalker.ownExpressions(s)) {
          exprs(e, needs);
        }
        for (Stmt c : IrWalker.childStatements(s)) {
          stmt(c, needs);
        }
      }
    }

    private void exprs(Expr e, Map<String, Boolean> needs) {
      if (!needs.isEmpty()) {
        IrWalker.forEachExpr(e, x -> mark(x.pos(), needs));
      }
    }

    private void mark(Pos pos, Map<String, Boolean> needs) {
      if (!needs.isEmpty() && pos != null) {
        out.put(pos, needs);
      }
    }

    /** {@code needs} and what {@code cond} evaluating to {@code truth} says of the flags. */
    Map<String, Boolean> with(Map<String, Boolean> needs, Expr cond, boolean truth) {
      Map<String, Boolean> known = new HashMap<>();
      facts(cond, truth, known, 0);
      if (known.isEmpty()) {
        return needs;
      }
      Map<String, Boolean> out = new HashMap<>(needs);
      for (Map.Entry<String, Boolean> k : known.entrySet()) {
        Boolean before = out.putIfAbsent(k.getKey(), k.getValue());
        if (before != null && !before.equals(k.getValue())) {
          // Code needing both values never runs; marking it either way says nothing wrong.
          return needs;
        }
      }
      return Map.copyOf(out);
    }

    private void facts(Expr cond, boolean truth, Map<String, Boolean> known, int depth) {
      if (depth > 8 || cond == null) {
        return;
      }
      if (cond instanceof Expr.LocalRef l && flags.contains(l.name())) {
        known.put(l.name(), truth);
      } else if (cond instanceof Expr.Unary u && u.op().equals("!")) {
        facts(u.operand(), !truth, known, depth + 1);
      } else if (cond instanceof Expr.Binary b
          && (b.op().equals("&&") && truth || b.op().equals("||") && !truth)) {
        // a && b true: both true; a || b false: both false.
        facts(b.left(), truth, known, depth + 1);
        facts(b.right(), truth, known, depth + 1);
      }
    }
  }
}
