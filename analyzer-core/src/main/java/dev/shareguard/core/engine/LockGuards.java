package dev.shareguard.core.engine;

import dev.shareguard.core.ir.ClassDecl;
import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.MethodDecl;
import dev.shareguard.core.ir.Stmt;
import java.util.Map;
import java.util.Set;

/**
 * Lock guards: {@code AutoCloseable} objects of the program that hold a lock from the moment they
 * are made until they are closed, for {@code try (Change c = lifecycle.goTo(START)) { … }}. A
 * class is one when its {@code close()} (its own or inherited from an analysed superclass) lets
 * a lock go: it calls {@code unlock}/{@code release}-like methods on a {@code Lock} or {@code
 * StampedLock}, directly or through a method of the guard's own (a reference count's {@code
 * release()} lets no lock go). A call whose declared result is an interface (a functional
 * {@code LockCloser}) is a guard when every value the called method returns, followed through
 * analysed helpers, is such an object or a lambda whose body lets a lock go ({@code try
 * (LockCloser c = list.withLock())} with {@code withLock()} locking and returning {@code () ->
 * lock.unlock()}). The try then holds the lock of the object the guard came from over its body,
 * as for the {@code lock()}-returning helpers {@link dev.shareguard.core.cfg.CfgBuilder} knows by
 * name. A guard whose release path takes a read lock ({@code readLock()}) is a shared hold, which
 * a monitor region cannot stand for: it is left alone.
 */
final class LockGuards {
  /** How many helpers deep the values a guard-making method returns are followed. */
  private static final int MAX_DEPTH = 4;

  private final ProgramIndex index;
  /** By class; bodies are analysed on several threads at once ({@code BodyResults}). */
  private final Map<String, Boolean> byClass = new java.util.concurrent.ConcurrentHashMap<>();
  /** By the called method, for interface results; keyed by the method's id. */
  private final Map<String, Boolean> byMethod = new java.util.concurrent.ConcurrentHashMap<>();

  LockGuards(ProgramIndex index) {
    this.index = index;
  }

  /** Method names that let a lock go. */
  private static final Set<String> RELEASES =
      Set.of("unlock", "release", "unlockRead", "unlockWrite", "releaseLock");

  /** Lock types whose release methods let a lock go. */
  private static final java.util.List<String> LOCK_TYPES = java.util.List.of(
      "java.util.concurrent.locks.Lock", "java.util.concurrent.locks.StampedLock");

  /** Whether {@code c} makes a resource that holds a lock until it is closed. */
  boolean returnsGuard(Expr.Call c) {
    dev.shareguard.core.ir.TypeRef t = c.target().returnType();
    if (t == null || t.name() == null || t.isPrimitive()) {
      return false;
    }
    if (byClass.computeIfAbsent(t.erasure(), this::isGuardClass)) {
      return true;
    }
    ClassDecl declared = index.classById(t.erasure());
    if (declared == null || declared.kind() != ClassDecl.Kind.INTERFACE
        || !index.hierarchy().isSubtype(declared.id(), "java.lang.AutoCloseable")) {
      return false;
    }
    MethodDecl m = index.calledMethod(c);
    if (m == null || m.body() == null) {
      return false;
    }
    String key = ProgramIndex.methodId(index.ownerOf(m), m);
    return byMethod.computeIfAbsent(key, k -> returnsOnlyGuards(m, 0));
  }

  /** Whether every value {@code m} returns is a guard (see the class comment). */
  private boolean returnsOnlyGuards(MethodDecl m, int depth) {
    java.util.List<Expr> returned = IrWalker.returned(m.body());
    if (returned.isEmpty()) {
      return false;
    }
    for (Expr r : returned) {
      if (!isGuardValue(m, r, depth)) {
        return false;
      }
    }
    return true;
  }

  private boolean isGuardValue(MethodDecl in, Expr e, int depth) {
    if (e instanceof Expr.Lambda l) {
      return releasesALock(l.body(), null, 0) && !callsReadLock(l.body());
    }
    if (e instanceof Expr.New n) {
      String type = n.anonymousClassId() != null ? n.anonymousClassId() : n.type().erasure();
      return byClass.computeIfAbsent(type, this::isGuardClass);
    }
    if (e instanceof Expr.Conditional c) {
      return isGuardValue(in, c.whenTrue(), depth) && isGuardValue(in, c.whenFalse(), depth);
    }
    if (e instanceof Expr.LocalRef local) {
      Expr init = IrWalker.onlyValueOf(in.body(), local.name());
      return init != null && isGuardValue(in, init, depth);
    }
    if (e instanceof Expr.Call call && depth < MAX_DEPTH
        && (call.receiver() == null || call.receiver() instanceof Expr.ThisRef)) {
      MethodDecl callee = index.calledMethod(call);
      return callee != null && callee.body() != null && returnsOnlyGuards(callee, depth + 1);
    }
    return false;
  }

  private boolean isGuardClass(String classId) {
    if (index.classById(classId) == null
        || !index.hierarchy().isSubtype(classId, "java.lang.AutoCloseable")) {
      return false;
    }
    MethodDecl close = index.findMethod(classId, "close", 0, java.util.List.of());
    if (close == null || close.body() == null) {
      return false;
    }
    boolean[] shared = {false};
    IrWalker.forEachExpr(close.body(), e -> {
      // A release method of the guard's own (a template method a subclass fills in): read the
      // most derived one for the kind of hold.
      if (e instanceof Expr.Call call && RELEASES.contains(call.target().name())
          && (call.receiver() == null || call.receiver() instanceof Expr.ThisRef)) {
        MethodDecl own = index.findMethod(
            classId, call.target().name(), call.args().size(), java.util.List.of());
        shared[0] |= own != null && own.body() != null && callsReadLock(own.body());
      }
    });
    return releasesALock(close.body(), classId, 0) && !shared[0] && !callsReadLock(close.body());
  }

  /**
   * Whether {@code body} lets a lock go: a release call on a lock, or (in a guard class {@code
   * classId}) a call of one of the guard's own methods that does, two deep.
   */
  private boolean releasesALock(Stmt body, String classId, int depth) {
    boolean[] found = {false};
    IrWalker.forEachExpr(body, e -> {
      if (found[0] || !(e instanceof Expr.Call call)) {
        return;
      }
      if (RELEASES.contains(call.target().name()) && call.receiver() != null
          && !(call.receiver() instanceof Expr.ThisRef) && isLock(call.receiver())) {
        found[0] = true;
      } else if (classId != null && depth < 2
          && (call.receiver() == null || call.receiver() instanceof Expr.ThisRef)) {
        MethodDecl own = index.findMethod(
            classId, call.target().name(), call.args().size(), java.util.List.of());
        found[0] = own != null && own.body() != null && releasesALock(own.body(), classId, depth + 1);
      }
    });
    return found[0];
  }

  private boolean isLock(Expr receiver) {
    dev.shareguard.core.ir.TypeRef t = receiver.type();
    if (t == null || t.name() == null) {
      return false;
    }
    for (String lock : LOCK_TYPES) {
      if (index.hierarchy().isSubtype(t.erasure(), lock)) {
        return true;
      }
    }
    return false;
  }

  private static boolean callsReadLock(Stmt body) {
    boolean[] found = {false};
    IrWalker.forEachExpr(body, e -> found[0] |=
        e instanceof Expr.Call call && call.target().name().equals("readLock"));
    return found[0];
  }

  /** The guard test for a body's graph ({@link dev.shareguard.core.cfg.CfgBuilder#build}). */
  java.util.function.Predicate<Expr.Call> asPredicate() {
    return this::returnsGuard;
  }
}
