package dev.shareguard.core.engine;

import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.MethodDecl;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the locals of a method are given: every value each plain local is assigned (for following
 * a local back to the objects it may hold), and the one new value of locals given exactly one.
 * Results per method are cached; the cache is bounded by the program's methods.
 */
final class LocalDefs {
  // Identity keys: a method's record hash walks its whole body, and this is asked per local use.
  private final Map<MethodDecl, Map<String, List<Expr>>> cache =
      java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>());

  /**
   * Every value local {@code name} of {@code m} is ever given, or null when it is not a plain
   * local (a parameter, a loop or catch variable, or a name declared twice).
   */
  List<Expr> localValues(MethodDecl m, String name) {
    return m.body() == null ? null : defsOf(m).get(name);
  }

  /**
   * Every value each local of {@code m} is given, by name; a name also bound some other way (a
   * loop variable, a catch or lambda parameter, an assigned parameter) maps to null, and a
   * parameter that is assigned is marked {@code name#bound}.
   */
  Map<String, List<Expr>> defsOf(MethodDecl m) {
    Map<String, List<Expr>> known = cache.get(m);
    if (known != null) {
      return known;
    }
    Map<String, List<Expr>> defs = new HashMap<>();
    Set<String> declared = new HashSet<>();
    Set<String> other = new HashSet<>();
    declareLocals(m.body(), declared, other, defs);
    IrWalker.forEachExpr(m.body(), e -> {
      if (e instanceof Expr.Assign a && a.target() instanceof Expr.LocalRef l) {
        if (a.op().equals("=")) {
          defs.computeIfAbsent(l.name(), k -> new ArrayList<>()).add(a.value());
        } else {
          other.add(l.name());
        }
        if (FieldFacts.paramIndex(m, l.name()) >= 0) {
          other.add(l.name());
        }
      } else if (e instanceof Expr.Lambda lam) {
        lam.params().forEach(p -> other.add(p.name()));
        declareLocals(lam.body(), declared, other, defs);
      } else if (e instanceof Expr.InstanceOf io && io.binding() != null) {
        other.add(io.binding());
      }
    });
    Map<String, List<Expr>> out = new HashMap<>();
    for (String name : declared) {
      out.put(name, other.contains(name) ? null : defs.getOrDefault(name, List.of()));
    }
    for (String name : other) {
      out.put(name, null);
      if (FieldFacts.paramIndex(m, name) >= 0) {
        out.put(name + "#bound", null);
      }
    }
    cache.put(m, out);
    return out;
  }

  private static void declareLocals(dev.shareguard.core.ir.Stmt s, Set<String> declared,
      Set<String> other, Map<String, List<Expr>> defs) {
    if (s instanceof dev.shareguard.core.ir.Stmt.LocalVar v) {
      if (!declared.add(v.name())) {
        // Two locals of one name (in different blocks): which one a use means is not tracked.
        other.add(v.name());
      }
      if (v.init() != null) {
        defs.computeIfAbsent(v.name(), k -> new ArrayList<>()).add(v.init());
      }
    } else if (s instanceof dev.shareguard.core.ir.Stmt.Block b) {
      b.stmts().forEach(x -> declareLocals(x, declared, other, defs));
    } else if (s instanceof dev.shareguard.core.ir.Stmt.If i) {
      declareLocals(i.then(), declared, other, defs);
      declareLocals(i.orElse(), declared, other, defs);
    } else if (s instanceof dev.shareguard.core.ir.Stmt.While w) {
      declareLocals(w.body(), declared, other, defs);
    } else if (s instanceof dev.shareguard.core.ir.Stmt.DoWhile d) {
      declareLocals(d.body(), declared, other, defs);
    } else if (s instanceof dev.shareguard.core.ir.Stmt.For f) {
      f.init().forEach(x -> declareLocals(x, declared, other, defs));
      declareLocals(f.body(), declared, other, defs);
    } else if (s instanceof dev.shareguard.core.ir.Stmt.ForEach f) {
      other.add(f.var());
      declareLocals(f.body(), declared, other, defs);
    } else if (s instanceof dev.shareguard.core.ir.Stmt.Try t) {
      t.resources().forEach(x -> declareLocals(x, declared, other, defs));
      declareLocals(t.body(), declared, other, defs);
      t.catches().forEach(c -> {
        other.add(c.var());
        declareLocals(c.body(), declared, other, defs);
      });
      declareLocals(t.finallyBlock(), declared, other, defs);
    } else if (s instanceof dev.shareguard.core.ir.Stmt.Synchronized y) {
      declareLocals(y.body(), declared, other, defs);
    } else if (s instanceof dev.shareguard.core.ir.Stmt.Labeled l) {
      declareLocals(l.body(), declared, other, defs);
    } else if (s instanceof dev.shareguard.core.ir.Stmt.Switch sw) {
      sw.cases().forEach(c -> c.body().forEach(x -> declareLocals(x, declared, other, defs)));
    }
  }

  /**
   * Values that are not new: read out of a map ({@code get…}, {@code putIfAbsent}), copied from
   * another local, or a literal ({@code null}). A local given one new value besides these holds
   * that value whenever it is new.
   */
  private static boolean isRead(Expr e) {
    return e instanceof Expr.Call c && c.receiver() != null
            && (c.target().name().startsWith("get") || c.target().name().equals("putIfAbsent"))
        || e instanceof Expr.Literal
        || e instanceof Expr.LocalRef;
  }

  /**
   * The one new value each local of a body is given, for locals given exactly one (not counting
   * reads, copies and literals, see {@link #isRead}).
   */
  static Map<String, Expr> singleNewValues(dev.shareguard.core.ir.Stmt.Block body) {
    Map<String, Expr> one = new HashMap<>();
    Map<String, Integer> count = new HashMap<>();
    java.util.function.BiConsumer<String, Expr> note = (name, value) -> {
      if (isRead(value)) {
        return;
      }
      count.merge(name, 1, Integer::sum);
      one.put(name, value);
    };
    collectLocals(body, note);
    IrWalker.forEachExpr(body, e -> {
      if (e instanceof Expr.Assign a && a.target() instanceof Expr.LocalRef l) {
        note.accept(l.name(), a.value());
      }
    });
    one.keySet().removeIf(k -> count.get(k) != 1 || one.get(k) == null);
    return one;
  }

  private static void collectLocals(
      dev.shareguard.core.ir.Stmt s, java.util.function.BiConsumer<String, Expr> note) {
    if (s instanceof dev.shareguard.core.ir.Stmt.LocalVar v) {
      if (v.init() != null) {
        note.accept(v.name(), v.init());
      }
    } else if (s instanceof dev.shareguard.core.ir.Stmt.Block b) {
      b.stmts().forEach(x -> collectLocals(x, note));
    } else if (s instanceof dev.shareguard.core.ir.Stmt.If i) {
      collectLocals(i.then(), note);
      if (i.orElse() != null) {
        collectLocals(i.orElse(), note);
      }
    } else if (s instanceof dev.shareguard.core.ir.Stmt.Try t) {
      collectLocals(t.body(), note);
    } else if (s instanceof dev.shareguard.core.ir.Stmt.Synchronized y) {
      collectLocals(y.body(), note);
    } else if (s instanceof dev.shareguard.core.ir.Stmt.While w) {
      collectLocals(w.body(), note);
    } else if (s instanceof dev.shareguard.core.ir.Stmt.For f) {
      collectLocals(f.body(), note);
    } else if (s instanceof dev.shareguard.core.ir.Stmt.ForEach f) {
      collectLocals(f.body(), note);
    }
  }
}
