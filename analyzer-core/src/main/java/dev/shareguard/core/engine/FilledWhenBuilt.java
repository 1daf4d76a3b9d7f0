package dev.shareguard.core.engine;

import dev.shareguard.core.ir.ClassDecl;
import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.FieldDecl;
import dev.shareguard.core.ir.MethodDecl;
import dev.shareguard.core.ir.Modifier;
import dev.shareguard.core.ir.Stmt;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reference fields that building their owner always fills with an object, and that no later code
 * empties: a check {@code f == null} on one is false from then on, so a lazy fill behind it runs
 * only while the object (or, for a static field, the class) is being built.
 *
 * <pre>{@code
 * Client(String kind) {
 *   this.transport = transport(kind);   // the lazy getter, called by the constructor
 *   transport.open();                   // dereferenced: the constructor fails unless it is set
 * }
 * Transport transport(String kind) {
 *   if (transport == null) transport = Transports.of(kind);   // never taken after construction
 *   return transport;
 * }
 * }</pre>
 *
 * <p>An object is reachable by other threads only through a reference to it, which exists once
 * its constructor has run (an object that leaks {@code this} from its constructor is a bug of its
 * own); a class's static state is used by other threads only after its initialization completed
 * (JLS 12.4.2). What those wrote is what every later reader starts from, and since every store
 * into the field outside that code is an object (never {@code null}) or sits behind the same
 * {@code null} check, the check never succeeds again.
 *
 * <p>A field counts when:
 * <ul>
 *   <li>its declared type is a reference type, and it is not {@code transient} (deserialization
 *       leaves a transient field {@code null} without running a constructor);
 *   <li>every store into it in the program is {@code =} of a value that is surely an object (a
 *       {@code new}, an array, a lambda or method reference, a non-null literal, {@code this}), or
 *       sits in the then-branch of an {@code if (f == null)} on the same field (a lazy fill), or is
 *       one of the filling stores below; and no store into a field of that name has an unresolved
 *       owner;
 *   <li>for an instance field: its initializer is surely an object, or an instance initializer
 *       block fills it, or every constructor of its class that does not start with {@code this(…)}
 *       fills it; for a static field: its initializer is surely an object, or a static initializer
 *       block placed after its declaration fills it.
 * </ul>
 * A body fills the field when one of its top-level statements stores an object into it, stores a
 * value into it that a later top-level statement dereferences ({@code f.open()}: the building
 * fails unless it was set), or calls a method of the same class whose top-level statements fill
 * it (directly, or by a lazy fill of an object: {@code if (f == null) { …; f = new X(…); }}).
 */
final class FilledWhenBuilt {
  /** A store into a field and the method it is written in (null: a field's initializer). */
  record Store(Expr.Assign assign, MethodDecl in) {}

  private final ProgramIndex index;
  private final Map<String, List<Store>> stores;
  private final Set<String> unresolvedStores;
  /** By "owner#field"; bodies are analysed on several threads at once. */
  private final Map<String, Boolean> byField = new ConcurrentHashMap<>();

  /**
   * @param stores every store into each field of the program, by "owner#field"
   * @param unresolvedStores names of fields stored into through a receiver of unresolved type
   */
  FilledWhenBuilt(ProgramIndex index, Map<String, List<Store>> stores,
      Set<String> unresolvedStores) {
    this.index = index;
    this.stores = stores;
    this.unresolvedStores = unresolvedStores;
  }

  /**
   * Whether {@code f}, read in {@code body}, is surely an object there: the field is filled when
   * built, and {@code body} is not the code that builds it (its class's constructors and
   * initializers).
   */
  boolean nonNullOnceBuilt(Expr.FieldAccess f, ProgramIndex.Body body) {
    if (f.ownerClass() == null || f.type() == null || f.type().isPrimitive()) {
      return false;
    }
    if (body != null && body.method() != null && body.method().isInitializer()
        && body.owner() != null && f.ownerClass().equals(body.owner().id())) {
      return false;
    }
    return byField.computeIfAbsent(f.ownerClass() + "#" + f.name(), k -> compute(f));
  }

  private boolean compute(Expr.FieldAccess f) {
    ClassDecl c = index.classById(f.ownerClass());
    FieldDecl decl = c == null ? null : declared(c, f.name());
    if (decl == null || decl.isStatic() != f.isStatic()
        || decl.modifiers().contains(Modifier.TRANSIENT) || unresolvedStores.contains(f.name())) {
      return false;
    }
    for (Store s : stores.getOrDefault(f.ownerClass() + "#" + f.name(), List.of())) {
      if (!s.assign().op().equals("=")) {
        return false;
      }
      boolean fine = surelyObject(s.assign().value())
          || (s.in() != null && s.in().body() != null
              && LazyInit.storedWhileNull(s.in().body(), s.assign(), f.name()))
          || (s.in() != null && s.in().isInitializer() && ownMethod(c, s.in())
              && s.in().body() != null && dereferencedAfter(s.in().body(), s.assign(), f));
      if (!fine) {
        return false;
      }
    }
    if (decl.initializer() != null && surelyObject(decl.initializer())) {
      return true;
    }
    if (decl.initializer() != null && !IrWalker.isNullLiteral(decl.initializer())) {
      return false;
    }
    String block = decl.isStatic() ? MethodDecl.STATIC_INIT : MethodDecl.INSTANCE_INIT;
    for (MethodDecl m : c.methods()) {
      // A static field's own initializer runs in textual order with the static blocks: a block
      // placed before `static X f = null;` would have its fill undone.
      if (m.name().equals(block) && m.body() != null
          && (!decl.isStatic() || decl.initializer() == null
              || m.pos().compareTo(decl.pos()) > 0)
          && fills(c, m.body(), f, 2)) {
        return true;
      }
    }
    if (decl.isStatic()) {
      return false;
    }
    boolean anyConstructor = false;
    for (MethodDecl m : c.methods()) {
      if (!m.isConstructor()) {
        continue;
      }
      anyConstructor = true;
      if (m.body() == null || !(delegates(c, m.body()) || fills(c, m.body(), f, 2))) {
        return false;
      }
    }
    return anyConstructor;
  }

  private static FieldDecl declared(ClassDecl c, String name) {
    for (FieldDecl d : c.fields()) {
      if (d.name().equals(name)) {
        return d;
      }
    }
    return null;
  }

  /** By identity: a method record's equality would compare whole bodies. */
  private static boolean ownMethod(ClassDecl c, MethodDecl m) {
    for (MethodDecl d : c.methods()) {
      if (d == m) {
        return true;
      }
    }
    return false;
  }

  /** {@code this(…)} first: another constructor of the class builds the object. */
  private static boolean delegates(ClassDecl c, Stmt.Block body) {
    return !body.stmts().isEmpty() && body.stmts().get(0) instanceof Stmt.ExprStmt es
        && es.expr() instanceof Expr.Call call
        && call.target().name().equals(MethodDecl.CONSTRUCTOR)
        && c.id().equals(call.target().owner());
  }

  /** Whether a top-level statement of {@code body} fills {@code f} (see the class comment). */
  private boolean fills(ClassDecl c, Stmt.Block body, Expr.FieldAccess f, int depth) {
    for (Stmt st : body.stmts()) {
      Expr e = st instanceof Stmt.ExprStmt es ? es.expr()
          : st instanceof Stmt.LocalVar v ? v.init() : null;
      if (e instanceof Expr.Assign a && a.op().equals("=") && sameField(a.target(), f)
          && (surelyObject(a.value()) || dereferencedAfter(body, a, f))) {
        return true;
      }
      Expr called = e instanceof Expr.Assign a ? a.value() : e;
      if (depth > 0 && called instanceof Expr.Call call && ownReceiver(call)) {
        MethodDecl m = index.findMethod(c.id(), call.target().name(), call.target().arity(),
            call.target().paramTypes());
        if (m != null && m.body() != null && ownMethod(c, m) && m.isStatic() == f.isStatic()
            && (fills(c, m.body(), f, depth - 1) || fillsLazily(m.body(), f))) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * {@code if (f == null) { …; f = new X(…); }} at the top level of {@code body}, the store at the
   * top level of the then-branch or of a {@code try}'s body or {@code finally} there.
   */
  private static boolean fillsLazily(Stmt.Block body, Expr.FieldAccess f) {
    for (Stmt st : body.stmts()) {
      if (st instanceof Stmt.If i && i.orElse() == null
          && IrWalker.nullCompared(i.cond(), "==") instanceof Expr.FieldAccess t
          && sameField(t, f)) {
        List<Stmt> top = i.then() instanceof Stmt.Block b ? b.stmts() : List.of(i.then());
        for (Stmt s : top) {
          if (storesObject(s, f)
              || (s instanceof Stmt.Try t2 && (t2.body().stmts().stream().anyMatch(x -> storesObject(x, f))
                  || (t2.finallyBlock() != null
                      && t2.finallyBlock().stmts().stream().anyMatch(x -> storesObject(x, f)))))) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static boolean storesObject(Stmt s, Expr.FieldAccess f) {
    return s instanceof Stmt.ExprStmt es && es.expr() instanceof Expr.Assign a
        && a.op().equals("=") && sameField(a.target(), f) && surelyObject(a.value());
  }

  /**
   * Whether a top-level statement of {@code body} after the one holding {@code store} dereferences
   * the field: a call on it or a read of one of its fields.
   */
  private static boolean dereferencedAfter(Stmt.Block body, Expr.Assign store,
      Expr.FieldAccess f) {
    boolean after = false;
    for (Stmt st : body.stmts()) {
      if (after) {
        boolean[] deref = {false};
        IrWalker.forEachExprOutsideLambdas(st, e -> deref[0] |=
            (e instanceof Expr.Call call && call.receiver() != null && sameField(call.receiver(), f))
                || (e instanceof Expr.FieldAccess fa && fa.receiver() != null
                    && sameField(fa.receiver(), f)));
        if (deref[0] && topLevelExpr(st)) {
          return true;
        }
      } else {
        boolean[] here = {false};
        IrWalker.forEachExprOutsideLambdas(st, e -> here[0] |= e == store);
        after = here[0] && topLevelExpr(st);
      }
    }
    return false;
  }

  /** A statement that runs its expression unconditionally: an expression or declaration. */
  private static boolean topLevelExpr(Stmt st) {
    return st instanceof Stmt.ExprStmt || st instanceof Stmt.LocalVar;
  }

  private static boolean ownReceiver(Expr.Call call) {
    return call.receiver() == null
        || (call.receiver() instanceof Expr.ThisRef t && !t.isSuper());
  }

  /** Whether {@code e} is {@code f} itself, on the object being built or statically. */
  private static boolean sameField(Expr e, Expr.FieldAccess f) {
    return e instanceof Expr.FieldAccess t && t.name().equals(f.name())
        && Objects.equals(t.ownerClass(), f.ownerClass())
        && (t.isStatic() || t.receiver() == null
            || (t.receiver() instanceof Expr.ThisRef r && !r.isSuper()));
  }

  /** A value that is an object whatever happens: never {@code null}. */
  static boolean surelyObject(Expr e) {
    if (e instanceof Expr.Cast c) {
      return surelyObject(c.expr());
    }
    if (e instanceof Expr.Conditional c) {
      return surelyObject(c.whenTrue()) && surelyObject(c.whenFalse());
    }
    return e instanceof Expr.New || e instanceof Expr.NewArray || e instanceof Expr.Lambda
        || e instanceof Expr.MethodRef || e instanceof Expr.ThisRef
        || e instanceof Expr.ClassLiteral
        || (e instanceof Expr.Literal l && !l.text().equals("null"));
  }
}
