package dev.shareguard.core.engine;

import static dev.shareguard.core.engine.Ir.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shareguard.core.ir.MethodDecl;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The one rewrite of a body's values into a walk's frame. */
class FrameBindingTest {

  @Test
  void parametersAndThisBecomeTheCallersValues() {
    MethodDecl m = method("m", block());
    WalkParts parts = new WalkParts(file(List.of(), m));
    AbsVal callerMap = new AbsVal.Field(new AbsVal.This("t.Other"), "t.Other", "map");
    Frame f = new Frame(Map.of(C, new AbsVal.This("t.Sub")), Map.of("p", callerMap), Map.of(),
        Set.of(), Set.of(), Set.of(), 1, 4, true, null, null);
    ProgramIndex.Body body = parts.body(m);
    assertEquals(new AbsVal.Field(callerMap, "t.Box", "x"),
        parts.binding.resolve(new AbsVal.Field(new AbsVal.Param("p"), "t.Box", "x"), f, body));
    assertEquals(new AbsVal.This("t.Sub"), parts.binding.resolve(new AbsVal.This(C), f, body));
    // What the caller does not bind is unknown: its fields are no location.
    assertEquals(AbsVal.UNKNOWN, parts.binding.resolve(
        new AbsVal.Field(new AbsVal.Param("q"), "t.Box", "x"), f, body));
  }

  @Test
  void theBodysAllocationsGetTheWalksActivation() {
    MethodDecl m = method("m", block());
    WalkParts parts = new WalkParts(file(List.of(), m));
    ProgramIndex.Body body = parts.body(m);
    Frame f = WalkParts.frame(Map.of(), Set.of(), 7);
    AbsVal own = new AbsVal.Alloc(AllocSite.of(body.id(), new dev.shareguard.core.ir.Pos(3, 5)),
        "t.Box", List.of(), false, false, false, false, false);
    AbsVal.Alloc bound = (AbsVal.Alloc) parts.binding.resolve(own, f, body);
    assertEquals(AllocSite.of(body.id(), new dev.shareguard.core.ir.Pos(3, 5)).inActivation(7),
        bound.site());
    assertEquals(7, WalkMemo.activationOf(bound.site()));
    AbsVal other = new AbsVal.Alloc(
        AllocSite.of("t.Other#n()", new dev.shareguard.core.ir.Pos(3, 5)), "t.Box", List.of(),
        false, false, false, false, false);
    assertEquals(other, parts.binding.resolve(other, f, body));
  }
}
