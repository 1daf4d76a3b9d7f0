package dev.shareguard.core.engine;

import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.Stmt;
import java.util.List;
import java.util.function.Predicate;

/**
 * The racy single-check idiom: a field of an immutable value type (a string, a boxed number, a
 * {@code Class}, an immutable collection, an enum, an analysed class of final plain fields or
 * containers it never changes after it is built) filled lazily by {@code if (f == null) f =
 * compute();}. Two threads may both compute and store it, and a reader may see {@code null} and
 * compute again, but every value stored is an equal immutable object, so nothing is lost or seen
 * half-built (JLS §17.5: an immutable object's final fields are safely published). A mutable
 * value filled this way (broken double-checked locking) is still a race.
 */
final class LazyInit {
  private final Predicate<String> valueType;
  private final Predicate<String> plainImmutableClass;

  /**
   * @param valueType whether a declared type's values are immutable values
   * @param plainImmutableClass whether a class's objects hold only plain values set once, so that
   *     a field of any declared type filled with a fresh one built from plain values is filled
   *     with an immutable value too (a file-name filter made from a constant suffix)
   */
  LazyInit(Predicate<String> valueType, Predicate<String> plainImmutableClass) {
    this.valueType = valueType;
    this.plainImmutableClass = plainImmutableClass;
  }

  /**
   * Whether values of declared type {@code type} are immutable values, or objects of an analysed
   * class holding only plain values set once.
   */
  boolean valueType(String type) {
    return valueType.test(type) || plainImmutableClass.test(type);
  }

  /**
   * Whether every write in {@code group} (accesses to one field cell) is such a lazy store: then
   * no access to the field is worth a finding.
   */
  boolean onlyLazyStoresOfValues(List<AccessInstance> group) {
    boolean any = false;
    for (AccessInstance a : group) {
      if (!a.isWrite() || storeOfItsOwnConstructor(a)) {
        continue;
      }
      any = true;
      if (a.raw().slot() != BodyResult.Slot.CELL
          || !(a.raw().expr() instanceof Expr.Assign as)
          || !as.op().equals("=")
          || !(as.target() instanceof Expr.FieldAccess field)
          || !(valueType(field.type().erasure()) || freshPlainValue(as.value()))
          || !guardedByNullCheck(a.body().block(), as, field.name())) {
        return false;
      }
    }
    return any;
  }

  /**
   * A store into the object's own field by its own constructor ({@code this.f = given;}), of an
   * immutable value (the caller checks the field's type): made before any other thread can have
   * the object, so it only gives the lazy fill a value to start from.
   */
  private static boolean storeOfItsOwnConstructor(AccessInstance a) {
    return !a.body().isLambda() && a.body().method() != null
        && a.body().method().isConstructor()
        && a.raw().expr() instanceof Expr.Assign as && as.op().equals("=")
        && as.target() instanceof Expr.FieldAccess f && !f.isStatic()
        && (f.receiver() == null || f.receiver() instanceof Expr.ThisRef)
        && a.body().owner() != null && a.body().owner().id().equals(f.ownerClass());
  }

  /**
   * A one-way flag behind a guard: a {@code boolean} field every store of which sets the same
   * constant ({@code finished = true}, {@code maintaining = false}), each under an exclusive lock
   * or past a once-gate, and that no thread polls in a loop's condition ({@code polled}). A read
   * of it without the lock (a fast path: {@code if (finished) return;}) sees the old value at
   * worst, which is what a read a moment earlier would have seen: the flag only ever moves one
   * way, a {@code boolean} is read whole, and the code that sets it is guarded. Nothing about the
   * flag itself is lost; what the thread then does is judged on the state it touches. Unguarded
   * stores (a check-then-set with no lock, a broken once-gate) keep the race.
   */
  static boolean guardedOneWayFlag(List<AccessInstance> group, boolean polled) {
    if (polled) {
      return false;
    }
    String constant = null;
    for (AccessInstance a : group) {
      if (a.raw().slot() != BodyResult.Slot.CELL) {
        return false;
      }
      if (!a.isWrite()) {
        if (!(a.raw().expr() instanceof Expr.FieldAccess f) || f.type() == null
            || !f.type().isPrimitive() || !f.type().name().equals("boolean")) {
          return false;
        }
        continue;
      }
      if (!(a.raw().expr() instanceof Expr.Assign as) || !as.op().equals("=")
          || !(as.value() instanceof Expr.Literal lit)
          || !(lit.text().equals("true") || lit.text().equals("false"))
          || (constant != null && !constant.equals(lit.text()))
          || !(a.holdsExclusiveLock()
              || a.loops().stream().anyMatch(l -> l.identity() instanceof LockId.Gate))) {
        return false;
      }
      constant = lit.text();
    }
    return constant != null;
  }

  /**
   * Whether {@code e} makes a fresh object of a plain immutable class from literals and static
   * fields of primitive or immutable types (constants): each thread that runs it makes an equal
   * one.
   */
  private boolean freshPlainValue(Expr e) {
    if (!(e instanceof Expr.New n) || n.anonymousClassId() != null || n.outer() != null
        || !plainImmutableClass.test(n.type().erasure())) {
      return false;
    }
    for (Expr arg : n.args()) {
      boolean constant = arg instanceof Expr.Literal
          || (arg instanceof Expr.FieldAccess f && f.isStatic());
      if (!constant || arg.type() == null
          || !(arg.type().isPrimitive() || valueType.test(arg.type().erasure()))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether write {@code w} fills its field once: a plain store in the then-branch of an {@code
   * if (g == null)} whose branch also stores {@code g} (the field itself, or a marker field filled
   * in the same step), so the branch runs at most once while its lock is held.
   */
  static boolean fillsOnce(AccessInstance w) {
    if (w.raw().slot() != BodyResult.Slot.CELL
        || !(w.raw().expr() instanceof Expr.Assign store)
        || !store.op().equals("=")
        || !(store.target() instanceof Expr.FieldAccess)) {
      return false;
    }
    boolean[] found = {false};
    IrWalker.forEachStmt(w.body().block(), st -> {
      String marker = st instanceof Stmt.If i ? nullCheckedField(i.cond()) : null;
      if (!found[0] && marker != null) {
        Stmt.If i = (Stmt.If) st;
        boolean[] hasStore = {false};
        boolean[] storesMarker = {false};
        IrWalker.forEachExpr(i.then(), e -> {
          hasStore[0] |= e == store;
          storesMarker[0] |= e instanceof Expr.Assign as && isField(as.target(), marker);
        });
        found[0] = hasStore[0] && storesMarker[0];
      }
    });
    return found[0];
  }

  /**
   * Whether write {@code w} runs at most once per object: it sits in a run-once region of its
   * body ({@link OnceRegions#inOnceRegion}).
   */
  static boolean inOnceRegion(AccessInstance w, Predicate<Expr.FieldAccess> onlyEverSetTrue) {
    return OnceRegions.inOnceRegion(w.body().block(), w.raw().expr(), onlyEverSetTrue);
  }

  /** The field {@code cond} compares with null ({@code f == null}), or null. */
  private static String nullCheckedField(Expr cond) {
    return CheckThenAct.nullTested(cond) instanceof Expr.FieldAccess f ? f.name() : null;
  }

  /**
   * Whether {@code store} runs only while its field is {@code null}: in the then-branch of an
   * {@code if (field == null)} in {@code body}, or after an {@code if (field != null) return …;}.
   */
  static boolean storedWhileNull(Stmt body, Expr.Assign store, String field) {
    return guardedByNullCheck(body, store, field);
  }

  /**
   * Whether {@code store} sits in the then-branch of an {@code if (field == null)}, or after an
   * {@code if (field != null) return …;} earlier in the same block (the early-return form of the
   * same check).
   */
  private static boolean guardedByNullCheck(Stmt root, Expr.Assign store, String field) {
    boolean[] found = {false};
    IrWalker.forEachStmt(root, st -> {
      if (!found[0] && st instanceof Stmt.If i && isNullCheck(i.cond(), field)) {
        IrWalker.forEachExpr(i.then(), e -> found[0] |= e == store);
      } else if (!found[0] && st instanceof Stmt.Block b) {
        boolean checked = false;
        for (Stmt x : b.stmts()) {
          if (checked) {
            IrWalker.forEachExpr(x, e -> found[0] |= e == store);
          } else if (x instanceof Stmt.If i && i.orElse() == null && returnsIfSet(i, field)) {
            checked = true;
          }
        }
      }
    });
    return found[0];
  }

  /** {@code if (field != null) return …;}: the then-branch is one {@code return}. */
  private static boolean returnsIfSet(Stmt.If i, String field) {
    Stmt then = i.then() instanceof Stmt.Block b && b.stmts().size() == 1 ? b.stmts().get(0)
        : i.then();
    return then instanceof Stmt.Return && isField(IrWalker.nullCompared(i.cond(), "!="), field);
  }

  private static boolean isNullCheck(Expr cond, String field) {
    return field.equals(nullCheckedField(cond));
  }

  private static boolean isField(Expr e, String field) {
    return e instanceof Expr.FieldAccess f && f.name().equals(field);
  }
}
