package dev.shareguard.core.engine;

import static dev.shareguard.core.engine.Ir.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.shareguard.core.engine.BodyResult.RawCall;
import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.MethodDecl;
import dev.shareguard.core.ir.TypeRef;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Call targets and the code a task value runs. */
class DispatchTest {

  @Test
  void aCallOnThisRunsTheAnalysedMethod() {
    MethodDecl run = method("run", block());
    Expr.Call call = call(self(), "run", TypeRef.VOID);
    MethodDecl caller = method("go", block(stmt(call)));
    WalkParts parts = new WalkParts(file(List.of(), run, caller));
    RawCall raw = new RawCall(call, call.target(), new AbsVal.This(C), List.of(),
        WalkParts.point(2, Set.of(), Set.of(), Set.of(), List.of()));
    assertEquals(run, parts.dispatch.resolvedMethod(raw));
    assertEquals(List.of(run), parts.dispatch.dispatchTargets(raw, run, null));
  }

  @Test
  void aFreshTaskObjectRunsItsTaskMethodAsItsOwnInstance() {
    MethodDecl run = method("run", block());
    WalkParts parts = new WalkParts(file(List.of(), run));
    AbsVal task = new AbsVal.Alloc(AllocSite.of("b", new dev.shareguard.core.ir.Pos(1, 1)), C,
        List.of(), false, false, false, false, false);
    Dispatch.Target t = parts.dispatch.codeTarget(task);
    assertEquals(parts.index.bodyIdOf(run), t.bodyId());
    assertEquals(C, t.rootClass());
    assertEquals(Map.of(), t.thisOf());
    assertEquals(Set.of(C), parts.dispatch.heldClasses(task));
    assertNull(parts.dispatch.codeTarget(AbsVal.UNKNOWN));
  }
}
