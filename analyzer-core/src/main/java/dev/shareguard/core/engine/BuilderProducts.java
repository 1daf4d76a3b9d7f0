package dev.shareguard.core.engine;

import dev.shareguard.core.ir.ClassDecl;
import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.FieldDecl;
import dev.shareguard.core.ir.MethodDecl;
import dev.shareguard.core.ir.Modifier;
import dev.shareguard.core.ir.Stmt;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Builders that fill their product in place: a class keeping the object it builds in a private
 * field that only ever holds a fresh object ({@code private Driver driver = new Driver();}),
 * whose methods change that object's state ({@code driver.threads = n;}) and hand the object out
 * only by returning it ({@code return driver;} from {@code build()}), never calling a method on
 * it, passing it on or storing it elsewhere. Until the builder returns the product, no other
 * code has it, so what the builder writes into it comes before anything the product's own code
 * does once it is built (SPEC §2, lifecycle: builder calls before {@code build()}). The
 * builder itself is used by one caller, as builders are.
 */
final class BuilderProducts {
  private final ProgramIndex index;
  /** By builder class and field: {@code Owner#field}. Bounded by the program's fields. */
  private final Map<String, Boolean> answers = new java.util.HashMap<>();

  BuilderProducts(ProgramIndex index) {
    this.index = index;
  }

  /**
   * Whether {@code a} touches the state of the product of the builder whose code it runs in:
   * its target is a field (or what a field holds) of the object a product field of that
   * builder holds.
   */
  boolean fillsItsProduct(AccessInstance a) {
    AbsVal t = a.raw().target();
    if (!(t instanceof AbsVal.Field f)) {
      return false;
    }
    AbsVal base = f.base();
    while (base instanceof AbsVal.Field inner && !(inner.base() instanceof AbsVal.This)) {
      base = inner.base();
    }
    return base instanceof AbsVal.Field product && product.base() instanceof AbsVal.This b
        && a.body().owner() != null && a.body().owner().id().equals(b.classId())
        && isProductField(b.classId(), product.field());
  }

  private synchronized boolean isProductField(String builder, String field) {
    return answers.computeIfAbsent(builder + "#" + field, k -> decide(builder, field));
  }

  private boolean decide(String builderId, String field) {
    ClassDecl builder = index.classById(builderId);
    FieldDecl f = builder == null ? null : index.field(builderId, field);
    if (f == null || f.isStatic() || !f.modifiers().contains(Modifier.PRIVATE)
        || f.type() == null || !index.isProjectClass(f.type().erasure())
        || (f.initializer() != null && !(f.initializer() instanceof Expr.New))) {
      return false;
    }
    // Every use of the field: the base of a field access, a fresh object stored in it, or the
    // value a method returns.
    Set<Expr> allowed = Collections.newSetFromMap(new IdentityHashMap<>());
    Set<Expr> uses = Collections.newSetFromMap(new IdentityHashMap<>());
    boolean[] returned = {false};
    for (MethodDecl m : builder.methods()) {
      if (m.body() == null) {
        continue;
      }
      IrWalker.forEachStmt(m.body(), st -> {
        if (st instanceof Stmt.Return r && isOwnField(r.expr(), builderId, field)) {
          allowed.add(r.expr());
          returned[0] = true;
        }
      });
      IrWalker.forEachExpr(m.body(), e -> {
        if (isOwnField(e, builderId, field)) {
          uses.add(e);
        } else if (e instanceof Expr.FieldAccess fa && isOwnField(fa.receiver(), builderId, field)) {
          allowed.add(fa.receiver());
        } else if (e instanceof Expr.Assign as && as.op().equals("=")
            && isOwnField(as.target(), builderId, field)) {
          if (m.isInitializer() && as.value() instanceof Expr.New) {
            allowed.add(as.target());
          }
        }
      });
    }
    return returned[0] && allowed.containsAll(uses);
  }

  /** Whether {@code e} reads field {@code field} of the builder's own object. */
  private static boolean isOwnField(Expr e, String builderId, String field) {
    return e instanceof Expr.FieldAccess fa && !fa.isStatic() && fa.name().equals(field)
        && (fa.receiver() == null || fa.receiver() instanceof Expr.ThisRef t
            && t.classId().equals(builderId))
        && (fa.ownerClass() == null || fa.ownerClass().equals(builderId));
  }
}
