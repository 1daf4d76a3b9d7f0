package dev.shareguard.core.engine;

import dev.shareguard.core.ir.ClassDecl;
import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.MethodDecl;
import dev.shareguard.core.ir.Stmt;
import dev.shareguard.core.model.LibraryModels;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * The expressions of a body used only to read a container (or an atomic value) in place, so that
 * the object they give is neither changed nor handed on there: the receiver of a look-up ({@code
 * get}, {@code contains}, {@code size}, …), the iterable of a for-each (or the map whose {@code
 * keySet()}/{@code values()}/{@code entrySet()} it walks), the argument of a container's copy
 * constructor, of a bulk read ({@code addAll}, {@code putAll}, {@code containsAll}, {@code
 * List.copyOf}), of {@code java.util.Objects}' comparisons, hashes and checks, of a {@code
 * Collections.unmodifiable…} view (read-only itself), an operand of {@code == null}/{@code !=
 * null}, and the array of an element read.
 */
public final class ReadOnlyUses {
  /** Calls that only read a container or an atomic value. */
  private static final Set<String> LOOK_UPS = Set.of(
      "get", "getOrDefault", "containsKey", "containsValue", "contains", "containsAll",
      "isEmpty", "size", "indexOf", "lastIndexOf", "equals", "hashCode", "toString", "peek",
      "first", "last", "firstKey", "lastKey", "getFirst", "getLast", "intValue", "longValue",
      "getPlain", "getAcquire", "length", "charAt");

  /** A map's views, walked by a for-each. */
  private static final Set<String> VIEWS = Set.of("keySet", "values", "entrySet");

  /** {@code java.util.Objects} methods that only compare, hash, print or check their arguments. */
  private static final Set<String> OBJECTS_READS = Set.of(
      "equals", "deepEquals", "hash", "hashCode", "toString", "requireNonNull", "isNull",
      "nonNull", "requireNonNullElse");

  private ReadOnlyUses() {}

  /** The read-only uses of {@code body} (lambdas included), by identity. */
  public static Set<Expr> of(Stmt body, LibraryModels models) {
    Set<Expr> out = Collections.newSetFromMap(new IdentityHashMap<>());
    IrWalker.forEachStmt(body, st -> {
      if (st instanceof Stmt.ForEach fe) {
        out.add(fe.iterable());
        if (fe.iterable() instanceof Expr.Call view && view.receiver() != null
            && VIEWS.contains(view.target().name()) && view.args().isEmpty()) {
          out.add(view.receiver());
        }
      }
    });
    IrWalker.forEachExpr(body, e -> {
      if (e instanceof Expr.Call call) {
        String owner = call.target().owner();
        String name = call.target().name();
        if (call.receiver() == null) {
          if (call.args().size() == 1 && models.isUnmodifiableView(owner, name)
              || "java.util.Objects".equals(owner) && OBJECTS_READS.contains(name)
              || models.readsContainerArguments(owner, name, true)) {
            out.addAll(call.args());
          }
        } else {
          if (LOOK_UPS.contains(name)) {
            out.add(call.receiver());
          }
          if (models.readsContainerArguments(owner, name, false)) {
            out.addAll(call.args());
          }
        }
      } else if (e instanceof Expr.New n && n.args().size() == 1
          && models.isCopyConstructor(n.type().name(), 1)) {
        out.add(n.args().get(0));
      } else if (e instanceof Expr.ArrayAccess aa) {
        out.add(aa.array());
      } else if (e instanceof Expr.Binary b && (b.op().equals("==") || b.op().equals("!="))
          && (IrWalker.isNullLiteral(b.left()) || IrWalker.isNullLiteral(b.right()))) {
        out.add(b.left());
        out.add(b.right());
      }
    });
    return out;
  }

  /**
   * Whether analysed method {@code m} of class {@code owner} only reads its parameter {@code index} ({@link #of}): every
   * use of it is a read-only one (an assignment to it is not), and the body has no lambda or
   * local class that could keep it, so the object given is neither changed nor kept by the call
   * (a constructor copying the collection it is given).
   */
  public static boolean onlyReadsParameter(
      ClassDecl owner, MethodDecl m, int index, LibraryModels models) {
    if (m == null || m.body() == null || index >= m.params().size() || m.varargs()
        && index == m.params().size() - 1) {
      return false;
    }
    if (m.isConstructor() && owner != null && owner.kind() == ClassDecl.Kind.RECORD) {
      // A record's canonical constructor stores its components without a word in its body.
      return false;
    }
    String name = m.params().get(index).name();
    Set<Expr> reads = of(m.body(), models);
    boolean[] ok = {true};
    IrWalker.forEachExpr(m.body(), e -> {
      if (e instanceof Expr.LocalRef l && l.name().equals(name) && !reads.contains(e)
          // Code that may run later, elsewhere: a lambda or a local class may keep it.
          || e instanceof Expr.Lambda || e instanceof Expr.New n && n.anonymousClassId() != null) {
        ok[0] = false;
      }
    });
    return ok[0];
  }
}
