package dev.shareguard.core.engine;

import dev.shareguard.core.ir.ClassDecl;
import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.FieldDecl;
import dev.shareguard.core.ir.MethodDecl;
import dev.shareguard.core.ir.Stmt;
import dev.shareguard.core.model.LibraryModels;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Analysed classes whose objects are complete when their constructor returns: no code changes
 * their own state afterwards. Every instance field is private; no code of the class (its nested
 * and anonymous classes and lambdas included) outside its constructors and initializer blocks
 * assigns one ({@code f = …}, {@code f++}), writes an element of an array one holds, or uses a
 * container or atomic one holds other than to read it in place ({@link ReadOnlyUses}: look-ups,
 * walks, copies, {@code Objects.equals}/{@code hash}, a read-only view handed out). Such an object built twice from the same input is built equal, and neither copy
 * changes after: which one a map keeps does not matter, as for an immutable value. Fields of
 * other analysed classes are the caller's to judge ({@link
 * dev.shareguard.core.model.ValueKinds#accumulatesState}); a class with a library superclass
 * other than {@code Object} is not judged (its inherited state is unknown).
 */
public final class BuiltOnce {
  private final ProgramIndex index;
  private final LibraryModels models;
  private final Map<String, Boolean> answers = new HashMap<>();

  public BuiltOnce(ProgramIndex index, LibraryModels models) {
    this.index = index;
    this.models = models;
  }

  /** Whether objects of analysed class {@code classId} never change after they are built. */
  public synchronized boolean test(String classId) {
    return answers.computeIfAbsent(classId, this::decide);
  }

  private boolean decide(String classId) {
    ClassDecl c = index.classById(classId);
    if (c == null || c.kind() != ClassDecl.Kind.CLASS
        || (c.superclass() != null && !c.superclass().erasure().equals("java.lang.Object"))) {
      return false;
    }
    Set<String> mutable = new java.util.HashSet<>();
    Set<String> own = new java.util.HashSet<>();
    for (FieldDecl f : c.fields()) {
      if (f.isStatic()) {
        continue;
      }
      if (!f.modifiers().contains(dev.shareguard.core.ir.Modifier.PRIVATE)) {
        return false;
      }
      own.add(f.name());
      String t = f.type().erasure();
      if (f.type().arrayDims() > 0 || models.isContainer(t)
          || dev.shareguard.core.model.ValueKinds.isAtomic(t)) {
        mutable.add(f.name());
      }
    }
    for (ClassDecl k : index.withNested(c)) {
      for (MethodDecl m : k.methods()) {
        if (m.body() != null && !(k == c && m.isInitializer())
            && changes(m.body(), c, own, mutable)) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * Whether {@code body} assigns a field of {@code c} named in {@code own}, or uses one named in
   * {@code mutable} other than to read it in place ({@link ReadOnlyUses}).
   */
  private boolean changes(Stmt body, ClassDecl c, Set<String> own, Set<String> mutable) {
    boolean[] changed = {false};
    IrWalker.forEachExpr(body, e -> {
      if (e instanceof Expr.Assign as) {
        Expr t = as.target();
        changed[0] |= ownField(t, c, own)
            || t instanceof Expr.ArrayAccess aa && ownField(aa.array(), c, mutable);
      } else if (e instanceof Expr.Unary u && (u.op().contains("++") || u.op().contains("--"))) {
        changed[0] |= ownField(u.operand(), c, own);
      }
    });
    if (changed[0]) {
      return true;
    }
    Set<Expr> reads = ReadOnlyUses.of(body, models);
    IrWalker.forEachExpr(body, e -> {
      if (!reads.contains(e) && ownField(e, c, mutable)) {
        changed[0] = true;
      }
    });
    return changed[0];
  }

  /** Whether {@code e} is {@code f} or {@code this.f} for an instance field of {@code c} in {@code names}. */
  private static boolean ownField(Expr e, ClassDecl c, Set<String> names) {
    return e instanceof Expr.FieldAccess f && !f.isStatic() && c.id().equals(f.ownerClass())
        && names.contains(f.name());
  }
}
