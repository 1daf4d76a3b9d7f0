package dev.shareguard.core.engine;

import static dev.shareguard.core.engine.Ir.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.shareguard.core.ir.MethodDecl;
import dev.shareguard.core.ir.TypeRef;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The body-result cache: one result per body, the same whether computed ahead or on demand. */
class BodyResultsTest {

  @Test
  void aResultIsComputedOnceAndKept() {
    MethodDecl m = method("m", block(stmt(call(field("map", MAP), "clear", TypeRef.VOID))));
    WalkParts parts = new WalkParts(file(List.of(), m));
    String id = parts.index.bodyIdOf(m);
    BodyResult r = parts.results.result(id);
    assertSame(r, parts.results.result(id));
    assertSame(r, parts.results.results().get(id));
    assertNull(parts.results.result("no such body"));
  }

  @Test
  void resultsComputedAheadEqualThoseComputedOnDemand() {
    MethodDecl m = method("m", block(stmt(call(field("map", MAP), "clear", TypeRef.VOID))));
    WalkParts onDemand = new WalkParts(file(List.of(), m));
    WalkParts ahead = new WalkParts(file(List.of(), m));
    ahead.results.computeAhead(Runnable::run, 1, () -> ahead.models);
    String id = onDemand.index.bodyIdOf(m);
    assertEquals(onDemand.results.result(id).accesses(), ahead.results.result(id).accesses());
    ahead.results.finish();
  }
}
