package dev.shareguard.core.engine;

import dev.shareguard.core.ir.ClassDecl;
import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.FieldDecl;
import dev.shareguard.core.ir.MethodDecl;
import dev.shareguard.core.ir.Stmt;
import dev.shareguard.core.model.LibraryModels;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Serial runners a once-gate is handed to: a class that serializes its own work wins an atomic
 * flag and hands the run to a method that lets the flag go when it is done.
 *
 * <pre>{@code
 * private void signal() {
 *   if (running.compareAndSet(false, true)) {
 *     executor.execute(this::drain);
 *   }
 * }
 * private void drain() {
 *   try { ... } finally { running.set(false); }
 * }
 * }</pre>
 *
 * <p>A run of {@code drain()} starts only after a caller won the change from {@code false} to
 * {@code true}, and no other caller can win it until the flag is set back, which only {@code
 * drain()} does: runs of it never overlap one another, nor the code that won the gate and hands
 * it over. So {@code drain()} runs holding the gate (as an event loop, {@link AbsVal.OnceGate}),
 * up to the store that sets the flag back ({@link BodyFlow}). Only when every reference to the
 * method in the program (a call, a method reference, a call in a lambda) sits where the gate is
 * won (inside {@code if (flag.compareAndSet(from, to))}, or after {@code if
 * (!flag.compareAndSet(from, to)) return;}), the flag is a final atomic field of the object or
 * class, and nothing but the method (constructors aside) sets it back.
 */
final class HandedGates {
  private final ProgramIndex index;
  private final LibraryModels models;
  /** By method, identity keys; bodies are analysed on several threads at once. */
  private final Map<MethodDecl, List<AbsVal>> byMethod =
      Collections.synchronizedMap(new IdentityHashMap<>());

  HandedGates(ProgramIndex index, LibraryModels models) {
    this.index = index;
    this.models = models;
  }

  /** Calls on an atomic that set its value back. */
  private static final Set<String> SETS =
      Set.of("set", "lazySet", "setRelease", "setPlain", "setOpaque", "getAndSet");

  /** The gates (each an {@link AbsVal.OnLoop} of an {@link AbsVal.OnceGate}) {@code m} runs in. */
  List<AbsVal> heldOnEntry(ClassDecl owner, MethodDecl m) {
    if (m.body() == null) {
      return List.of();
    }
    List<AbsVal> known = byMethod.get(m);
    if (known == null) {
      known = compute(owner, m);
      byMethod.put(m, known);
    }
    return known;
  }

  private List<AbsVal> compute(ClassDecl owner, MethodDecl m) {
    List<AbsVal> out = new ArrayList<>();
    for (Reset r : resets(m)) {
      FieldDecl field = r.flag.ownerClass() == null ? null
          : index.field(r.flag.ownerClass(), r.flag.name());
      if (field == null || !field.isFinal()
          || !onlyThisMethodSetsBack(r, m) || !everyReferenceWinsTheGate(m, r)) {
        continue;
      }
      String fieldOwner = r.flag.ownerClass();
      AbsVal base = r.flag.isStatic() ? new AbsVal.Static(fieldOwner) : new AbsVal.This(owner.id());
      out.add(new AbsVal.OnLoop(new AbsVal.OnceGate(
          new AbsVal.Field(base, fieldOwner, r.flag.name()), r.from, r.to)));
    }
    return out;
  }

  /** A store that sets flag {@code flag} back to {@code from} from {@code to}, or from anything. */
  private record Reset(Expr.FieldAccess flag, String from, String to) {}

  /**
   * The flags {@code m} sets back to a constant ({@code running.set(false)}), each with the gate
   * that wins it ({@code from}, {@code to}): the one change of the flag the program makes with a
   * {@code compareAndSet} from that constant.
   */
  private List<Reset> resets(MethodDecl m) {
    List<Reset> out = new ArrayList<>();
    IrWalker.forEachExpr(m.body(), e -> {
      Expr.FieldAccess flag = ownAtomic(e);
      if (flag == null) {
        return;
      }
      Expr.Call c = (Expr.Call) e;
      String back = setBackTo(c);
      if (back == null) {
        return;
      }
      String to = gateTarget(flag, back);
      if (to != null) {
        out.add(new Reset(flag, back, to));
      }
    });
    return out;
  }

  /** The receiver of call {@code e} when it is an atomic field of this object or a class. */
  private Expr.FieldAccess ownAtomic(Expr e) {
    if (e instanceof Expr.Call c && c.receiver() instanceof Expr.FieldAccess f
        && (f.isStatic() || f.receiver() == null || f.receiver() instanceof Expr.ThisRef)
        && f.type() != null && f.type().name() != null
        && f.type().name().startsWith("java.util.concurrent.atomic.Atomic")) {
      return f;
    }
    return null;
  }

  /** The constant a call sets its atomic to when it is a store of one, else null. */
  private static String setBackTo(Expr.Call c) {
    String name = c.target().name();
    if (SETS.contains(name) && c.args().size() == 1 && c.args().get(0) instanceof Expr.Literal l) {
      return l.text();
    }
    if (name.equals("compareAndSet") && c.args().size() == 2
        && c.args().get(1) instanceof Expr.Literal l) {
      return l.text();
    }
    return null;
  }

  /**
   * The value the program's one gate on {@code flag} changes it to from {@code from}: every
   * {@code compareAndSet(from, to)} on the field names the same {@code to}; null when there is
   * none or several.
   */
  private String gateTarget(Expr.FieldAccess flag, String from) {
    Set<String> targets = new java.util.HashSet<>();
    forEachCallOn(flag, c -> {
      if (isGate(c, from)) {
        targets.add(((Expr.Literal) c.args().get(1)).text());
      }
    });
    return targets.size() == 1 ? targets.iterator().next() : null;
  }

  private boolean isGate(Expr.Call c, String from) {
    return models.isCompareAndSet(
            c.receiver().type() == null ? null : c.receiver().type().name(), c.target().name(),
            c.args().size())
        && c.args().get(0) instanceof Expr.Literal f && f.text().equals(from)
        && c.args().get(1) instanceof Expr.Literal t && !t.text().equals(from);
  }

  /** Whether no method but {@code m} (and constructors) stores into the flag but to win it. */
  private boolean onlyThisMethodSetsBack(Reset r, MethodDecl m) {
    boolean[] other = {false};
    for (ClassDecl c : index.classes().values()) {
      for (MethodDecl d : c.methods()) {
        if (d == m || d.body() == null || d.isInitializer()) {
          continue;
        }
        IrWalker.forEachExpr(d.body(), e -> {
          if (e instanceof Expr.Call call && sameFlag(ownAtomic(e), r.flag)
              && setBackTo(call) != null && !isGate(call, r.from)) {
            other[0] = true;
          }
        });
      }
    }
    return !other[0];
  }

  private void forEachCallOn(Expr.FieldAccess flag, java.util.function.Consumer<Expr.Call> f) {
    for (ClassDecl c : index.classes().values()) {
      for (MethodDecl d : c.methods()) {
        if (d.body() != null) {
          IrWalker.forEachExpr(d.body(), e -> {
            if (e instanceof Expr.Call call && sameFlag(ownAtomic(e), flag)) {
              f.accept(call);
            }
          });
        }
      }
    }
  }

  private static boolean sameFlag(Expr.FieldAccess a, Expr.FieldAccess b) {
    return a != null && b != null && a.name().equals(b.name())
        && java.util.Objects.equals(a.ownerClass(), b.ownerClass()) && a.isStatic() == b.isStatic();
  }

  /**
   * Whether {@code m} is referenced somewhere and every reference sits where the caller has won
   * the gate of {@code r}. References from anonymous or other classes' methods count as outside.
   */
  private boolean everyReferenceWinsTheGate(MethodDecl m, Reset r) {
    Set<Expr> all = Collections.newSetFromMap(new IdentityHashMap<>());
    Set<Expr> gated = Collections.newSetFromMap(new IdentityHashMap<>());
    for (ClassDecl c : index.classes().values()) {
      for (MethodDecl d : c.methods()) {
        if (d.body() == null) {
          continue;
        }
        references(d.body(), m, all);
        gatedReferences(d.body(), m, r, gated);
      }
    }
    return !all.isEmpty() && gated.containsAll(all);
  }

  /** Adds the references to {@code m} in {@code s} that run only after a won gate of {@code r}. */
  private void gatedReferences(Stmt s, MethodDecl m, Reset r, Set<Expr> out) {
    IrWalker.forEachStmt(s, st -> {
      if (st instanceof Stmt.If i && winsWhenTrue(i.cond(), r)) {
        references(i.then(), m, out);
      } else if (st instanceof Stmt.Block b) {
        List<Stmt> stmts = b.stmts();
        for (int k = 0; k < stmts.size(); k++) {
          if (stmts.get(k) instanceof Stmt.If i && i.orElse() == null
              && i.cond() instanceof Expr.Unary u && u.op().equals("!")
              && winsWhenTrue(u.operand(), r) && IrWalker.leaves(i.then())) {
            for (Stmt after : stmts.subList(k + 1, stmts.size())) {
              references(after, m, out);
            }
            break;
          }
        }
      }
    });
  }

  /** Whether {@code cond} is true only when the gate of {@code r} was won by this call. */
  private boolean winsWhenTrue(Expr cond, Reset r) {
    if (cond instanceof Expr.Binary b && b.op().equals("&&")) {
      return winsWhenTrue(b.left(), r) || winsWhenTrue(b.right(), r);
    }
    return cond instanceof Expr.Call c && sameFlag(ownAtomic(c), r.flag) && isGate(c, r.from)
        && ((Expr.Literal) c.args().get(1)).text().equals(r.to);
  }

  private void references(Stmt s, MethodDecl m, Set<Expr> out) {
    IrWalker.forEachExpr(s, e -> {
      if (refersTo(e, m)) {
        out.add(e);
      }
    });
  }

  private boolean refersTo(Expr e, MethodDecl m) {
    if (e instanceof Expr.Call c && c.target().name().equals(m.name())) {
      return index.findMethod(ownerFor(c.target().owner(), c.receiver()), c.target().name(),
          c.target().arity(), c.target().paramTypes()) == m;
    }
    if (e instanceof Expr.MethodRef r && r.target() != null && r.target().name().equals(m.name())) {
      return index.findMethod(ownerFor(r.target().owner(), r.receiver()), r.target().name(),
          r.target().arity(), r.target().paramTypes()) == m;
    }
    return false;
  }

  private String ownerFor(String owner, Expr receiver) {
    if (receiver instanceof Expr.ThisRef t && !index.isProjectClass(owner)) {
      return t.classId();
    }
    return owner;
  }
}
