package dev.shareguard.core.engine;

import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.MethodDecl;
import java.util.Map;
import java.util.Set;

/**
 * Lock guards: {@code AutoCloseable} objects of the program that hold a lock from the moment they
 * are made until they are closed, for {@code try (Change c = lifecycle.goTo(START)) { … }}. A
 * class is one when its {@code close()} (its own or inherited from an analysed superclass) lets
 * a lock go: it calls an {@code unlock}/{@code release}-like method. The try then holds the lock
 * of the object the guard came from over its body, as for the {@code lock()}-returning helpers
 * {@link dev.shareguard.core.cfg.CfgBuilder} knows by name. A guard whose release path takes a
 * read lock ({@code readLock()}) is a shared hold, which a monitor region cannot stand for: it is
 * left alone.
 */
final class LockGuards {
  private final ProgramIndex index;
  /** By class; bodies are analysed on several threads at once ({@code BodyResults}). */
  private final Map<String, Boolean> byClass = new java.util.concurrent.ConcurrentHashMap<>();

  LockGuards(ProgramIndex index) {
    this.index = index;
  }

  /** Method names that let a lock go. */
  private static final Set<String> RELEASES =
      Set.of("unlock", "release", "unlockRead", "unlockWrite", "releaseLock");

  /** Whether {@code c} makes a resource that holds a lock until it is closed. */
  boolean returnsGuard(Expr.Call c) {
    dev.shareguard.core.ir.TypeRef t = c.target().returnType();
    if (t == null || t.name() == null || t.isPrimitive()) {
      return false;
    }
    return byClass.computeIfAbsent(t.erasure(), this::isGuardClass);
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
    boolean[] releases = {false};
    boolean[] shared = {false};
    IrWalker.forEachExpr(close.body(), e -> {
      if (e instanceof Expr.Call call && RELEASES.contains(call.target().name())) {
        releases[0] = true;
        // A release method of the guard's own (a template method a subclass fills in): read
        // the most derived one for the kind of hold.
        if (call.receiver() == null || call.receiver() instanceof Expr.ThisRef) {
          MethodDecl own = index.findMethod(
              classId, call.target().name(), call.args().size(), java.util.List.of());
          shared[0] |= own != null && own.body() != null && callsReadLock(own);
        }
      }
    });
    return releases[0] && !shared[0] && !callsReadLock(close);
  }

  private static boolean callsReadLock(MethodDecl m) {
    boolean[] found = {false};
    IrWalker.forEachExpr(m.body(), e -> found[0] |=
        e instanceof Expr.Call call && call.target().name().equals("readLock"));
    return found[0];
  }

  /** The guard test for a body's graph ({@link dev.shareguard.core.cfg.CfgBuilder#build}). */
  java.util.function.Predicate<Expr.Call> asPredicate() {
    return this::returnsGuard;
  }
}
