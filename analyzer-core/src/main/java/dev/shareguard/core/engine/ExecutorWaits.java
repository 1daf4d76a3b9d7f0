package dev.shareguard.core.engine;

import dev.shareguard.core.ir.ClassDecl;
import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.MethodDecl;
import dev.shareguard.core.model.LibraryModels;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Wait methods of the program's own executors: a method of an analysed subclass of {@code
 * ExecutorService} that waits for every task of its executor through the library's own wait
 * ({@code awaitTermination}, {@code close}, {@code invokeAll}, as {@link
 * LibraryModels#isJoinAll}), called on itself, directly or through the class's own methods
 * ({@code awaitSuccessfulCompletion() { awaitUninterruptibly(); … }}, {@code
 * awaitUninterruptibly() { shutdown(); while (!isTerminated()) awaitTermination(…); }}). A call
 * of it waits for the tasks the caller submitted, as the library call would: what follows it is
 * ordered after them.
 */
final class ExecutorWaits {
  /** How deep through the class's own methods a wait is looked for. */
  private static final int MAX_DEPTH = 3;

  private final ProgramIndex index;
  private final LibraryModels models;
  /** By method, identity keys; bodies are analysed on several threads at once. */
  private final Map<MethodDecl, Boolean> byMethod =
      Collections.synchronizedMap(new IdentityHashMap<>());

  ExecutorWaits(ProgramIndex index, LibraryModels models) {
    this.index = index;
    this.models = models;
  }

  /** Whether call {@code c} on a receiver of type {@code receiverType} is such a wait. */
  boolean waitsForAll(Expr.Call c, String receiverType) {
    if (receiverType == null || !index.isProjectClass(receiverType)
        || !models.types().isSubtype(receiverType, "java.util.concurrent.ExecutorService")) {
      return false;
    }
    MethodDecl m = index.findMethod(receiverType, c.target().name(), c.target().arity(),
        c.target().paramTypes());
    if (m == null || m.isStatic() || m.body() == null) {
      return false;
    }
    Boolean known = byMethod.get(m);
    if (known == null) {
      known = waits(index.ownerOf(m), m, 0);
      byMethod.put(m, known);
    }
    return known;
  }

  private boolean waits(ClassDecl owner, MethodDecl m, int depth) {
    if (owner == null || m.body() == null) {
      return false;
    }
    boolean[] found = {false};
    IrWalker.forEachExprOutsideLambdas(m.body(), e -> {
      if (found[0] || !(e instanceof Expr.Call call)
          || !(call.receiver() == null || call.receiver() instanceof Expr.ThisRef)) {
        return;
      }
      String name = call.target().name();
      if (models.isJoinAll("java.util.concurrent.ExecutorService", name)) {
        found[0] = true;
        return;
      }
      if (depth < MAX_DEPTH) {
        MethodDecl callee = index.findMethod(owner.id(), name, call.target().arity(),
            call.target().paramTypes());
        if (callee != null && callee != m && !callee.isStatic()
            && waits(index.ownerOf(callee), callee, depth + 1)) {
          found[0] = true;
        }
      }
    });
    return found[0];
  }
}
