package dev.shareguard.core.engine;

import static dev.shareguard.core.engine.Ir.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.MethodDecl;
import dev.shareguard.core.ir.Modifier;
import dev.shareguard.core.ir.SourceFile;
import dev.shareguard.core.ir.Stmt;
import dev.shareguard.core.ir.TypeRef;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-body dataflow on hand-built IR: locks through try/finally, tryLock, spawn and join. */
class BodyAnalyzerTest {

  @Test
  void lockHeldInsideTryAndReleasedByFinally() {
    MethodDecl m =
        method("update", block(
            stmt(call(field("lock", LOCK), "lock", TypeRef.VOID)),
            new Stmt.Try(pos(), List.of(),
                block(stmt(call(field("map", MAP), "put", TypeRef.VOID, lit("k"), lit("v")))),
                List.of(),
                block(stmt(call(field("lock", LOCK), "unlock", TypeRef.VOID)))),
            stmt(call(field("map", MAP), "clear", TypeRef.VOID))));
    BodyResult r = analyze(file(List.of(), m), m);
    assertEquals(1, access(r, "put").at().locks().size());
    assertTrue(access(r, "clear").at().locks().isEmpty());
  }

  @Test
  void tryLockHoldsOnlyOnTheTakenBranch() {
    Expr tryLock = call(field("lock", LOCK), "tryLock", TypeRef.primitive("boolean"));
    MethodDecl m =
        method("maybe", block(
            new Stmt.If(pos(), tryLock,
                block(stmt(call(field("map", MAP), "put", TypeRef.VOID, lit("k"), lit("v")))),
                block(stmt(call(field("map", MAP), "remove", TypeRef.VOID, lit("k")))))));
    BodyResult r = analyze(file(List.of(), m), m);
    assertEquals(1, access(r, "put").at().locks().size());
    assertTrue(access(r, "remove").at().locks().isEmpty());
  }

  @Test
  void synchronizedBlockReleasedOnEarlyReturnAndHeldInside() {
    MethodDecl m =
        method("get", block(
            new Stmt.Synchronized(pos(), self(), block(
                new Stmt.If(pos(), lit("c"), new Stmt.Return(pos(), null), null),
                stmt(call(field("map", MAP), "get", TypeRef.of("java.lang.Integer"), lit("k"))))),
            stmt(call(field("map", MAP), "size", TypeRef.primitive("int")))));
    BodyResult r = analyze(file(List.of(), m), m);
    assertEquals(1, access(r, "get").at().locks().size());
    assertTrue(access(r, "size").at().locks().isEmpty());
  }

  @Test
  void synchronizedMethodHoldsThis() {
    MethodDecl m = method("put", block(
        stmt(call(field("map", MAP), "put", TypeRef.VOID, lit("k"), lit("v")))),
        Modifier.SYNCHRONIZED);
    BodyResult r = analyze(file(List.of(), m), m);
    assertEquals(
        new HeldLock(new AbsVal.This(C), false), access(r, "put").at().locks().iterator().next());
  }

  @Test
  void accessesBeforeSubmitAndAfterGetAreOrderedWithTheTask() {
    Expr submit = call(field("pool", EXEC), "submit", FUTURE,
        lambda("t.Svc$lambda$1", stmt(call(field("map", MAP), "put", TypeRef.VOID, lit("k"),
            lit("v")))));
    MethodDecl m =
        method("run", block(
            stmt(call(field("map", MAP), "clear", TypeRef.VOID)),
            new Stmt.LocalVar(pos(), "f", FUTURE, submit),
            stmt(call(field("map", MAP), "size", TypeRef.primitive("int"))),
            stmt(call(new Expr.LocalRef(pos(), FUTURE, "f"), "get", TypeRef.of("java.lang.Object"))),
            stmt(call(field("map", MAP), "isEmpty", TypeRef.primitive("boolean")))));
    BodyResult r = analyze(file(List.of(), m), m);
    assertEquals(1, r.spawns().size());
    assertTrue(access(r, "clear").at().spawned().isEmpty());
    assertEquals(java.util.Set.of(0), access(r, "size").at().spawned());
    assertTrue(access(r, "size").at().joined().isEmpty());
    assertEquals(java.util.Set.of(0), access(r, "isEmpty").at().joined());
  }

  /**
   * Locks a body took and let go of before a point ("passed"): a synchronized block and a call to
   * a synchronized helper both order what follows after what was published under the lock; a
   * lock taken on one branch only is not passed after the join.
   */
  @Test
  void passedLocksAfterASynchronizedBlockAndASynchronizedHelper() {
    MethodDecl load = method("load", block(
        stmt(call(field("map", MAP), "clear", TypeRef.VOID))), Modifier.SYNCHRONIZED);
    MethodDecl read = method("read", block(
        new Stmt.Synchronized(pos(), self(), block(
            stmt(call(field("map", MAP), "put", TypeRef.VOID, lit("k"), lit("v"))))),
        stmt(call(field("map", MAP), "get", TypeRef.of("java.lang.Integer"), lit("k")))));
    MethodDecl viaHelper = method("viaHelper", block(
        stmt(call(self(), "load", TypeRef.VOID)),
        stmt(call(field("map", MAP), "size", TypeRef.primitive("int")))));
    MethodDecl branch = method("branch", block(
        new Stmt.If(pos(), lit("c"),
            new Stmt.Synchronized(pos(), self(), block(
                stmt(call(field("map", MAP), "remove", TypeRef.VOID, lit("k"))))),
            null),
        stmt(call(field("map", MAP), "isEmpty", TypeRef.primitive("boolean")))));
    SourceFile f = file(List.of(), load, read, viaHelper, branch);
    AbsVal self = new AbsVal.This(C);
    assertTrue(access(analyze(f, read), "put").at().passed().isEmpty());
    assertEquals(java.util.Set.of(self), access(analyze(f, read), "get").at().passed());
    assertEquals(java.util.Set.of(self), access(analyze(f, viaHelper), "size").at().passed());
    assertTrue(access(analyze(f, branch), "isEmpty").at().passed().isEmpty());
  }
}
