package dev.shareguard.core.engine;

import static dev.shareguard.core.engine.Ir.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shareguard.core.config.Config;
import dev.shareguard.core.ir.MethodDecl;
import dev.shareguard.core.ir.Modifier;
import dev.shareguard.core.ir.TypeRef;
import dev.shareguard.core.model.LibraryModels;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Helpers' locks in the caller's frame: a lock() helper holds its lock after the call. */
class LockSummariesTest {

  @Test
  void aLockingHelperHoldsItsLockInTheCaller() {
    MethodDecl lockIt = method("lockIt",
        block(stmt(call(field("lock", LOCK), "lock", TypeRef.VOID))), Modifier.PRIVATE);
    MethodDecl unlockIt = method("unlockIt",
        block(stmt(call(field("lock", LOCK), "unlock", TypeRef.VOID))), Modifier.PRIVATE);
    MethodDecl update = method("update", block(
        stmt(call(self(), "lockIt", TypeRef.VOID)),
        stmt(call(field("map", MAP), "put", TypeRef.VOID, lit("k"), lit("v"))),
        stmt(call(self(), "unlockIt", TypeRef.VOID)),
        stmt(call(field("map", MAP), "clear", TypeRef.VOID))));
    BodyResult r = analyze(file(List.of(), lockIt, unlockIt, update), update);
    assertEquals(1, access(r, "put").at().locks().size());
    assertTrue(access(r, "clear").at().locks().isEmpty());
  }

  @Test
  void aHelpersSummaryIsWorkedOutOncePerRunWhateverCallsIt() {
    MethodDecl lockIt = method("lockIt",
        block(stmt(call(field("lock", LOCK), "lock", TypeRef.VOID))), Modifier.PRIVATE);
    MethodDecl put = method("put", block(
        stmt(call(self(), "lockIt", TypeRef.VOID)),
        stmt(call(field("map", MAP), "put", TypeRef.VOID, lit("k"), lit("v")))));
    MethodDecl clear = method("clear", block(
        stmt(call(self(), "lockIt", TypeRef.VOID)),
        stmt(call(field("map", MAP), "clear", TypeRef.VOID))));
    ProgramIndex index = new ProgramIndex(List.of(file(List.of(), lockIt, put, clear)));
    LibraryModels models = new LibraryModels(index.hierarchy(), Config.defaults());
    FieldFacts shared = new FieldFacts(index, models);
    // Both callers see the helper's lock held after the call, as each did with its own summary.
    for (MethodDecl caller : List.of(put, clear)) {
      BodyResult r =
          BodyAnalyzer.analyze(index, models, shared, index.body(index.bodyIdOf(caller)));
      assertEquals(1, access(r, caller.name()).at().locks().size());
    }
    // The summary was kept for the run, for any later caller.
    LockSummaries.LockSummary kept = shared.lockSummaries.get(lockIt, 0, m -> {
      throw new AssertionError("worked out again");
    });
    assertEquals(1, kept.acquired().size());
  }

  @Test
  void aHelpersLockIsRewrittenIntoTheCallersFrame() {
    AbsVal recv = new AbsVal.Field(new AbsVal.This("t.Caller"), "t.Caller", "svc");
    AbsVal arg = new AbsVal.Field(new AbsVal.This("t.Caller"), "t.Caller", "lock");
    assertEquals(new AbsVal.Field(recv, C, "lock"), LockSummaries.inCallerFrame(
        new AbsVal.Field(new AbsVal.This(C), C, "lock"), C, recv, Map.of()));
    assertEquals(arg, LockSummaries.inCallerFrame(new AbsVal.Param("l"), C, recv,
        Map.of("l", arg)));
    assertEquals(new AbsVal.Static(C),
        LockSummaries.inCallerFrame(new AbsVal.Static(C), C, recv, Map.of()));
    // Another class's this, an unbound parameter, an unknown receiver: nothing known.
    assertNull(LockSummaries.inCallerFrame(new AbsVal.This("t.Other"), C, recv, Map.of()));
    assertNull(LockSummaries.inCallerFrame(new AbsVal.Param("q"), C, recv, Map.of()));
    assertNull(LockSummaries.inCallerFrame(new AbsVal.This(C), C, AbsVal.UNKNOWN, Map.of()));
  }

  @Test
  void aSynchronizedMethodsMonitorIsItsThisOrItsClass() {
    MethodDecl inst = method("a", block(), Modifier.SYNCHRONIZED);
    MethodDecl stat = method("b", block(), Modifier.SYNCHRONIZED, Modifier.STATIC);
    MethodDecl plain = method("c", block());
    ProgramIndex index = new ProgramIndex(List.of(file(List.of(), inst, stat, plain)));
    assertEquals(new AbsVal.This(C),
        LockSummaries.monitorOf(index.body(index.bodyIdOf(inst))));
    assertEquals(new AbsVal.Static(C),
        LockSummaries.monitorOf(index.body(index.bodyIdOf(stat))));
    assertNull(LockSummaries.monitorOf(index.body(index.bodyIdOf(plain))));
  }
}
