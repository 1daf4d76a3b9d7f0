package dev.shareguard.core.engine;

import static dev.shareguard.core.engine.Ir.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shareguard.core.config.Config;
import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.MethodDecl;
import dev.shareguard.core.ir.MethodTarget;
import dev.shareguard.core.ir.TypeRef;
import dev.shareguard.core.model.LibraryModels;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a field holds, apart from what the container in it holds. */
class FieldFactsTest {
  private static final TypeRef COW = TypeRef.of("java.util.concurrent.CopyOnWriteArrayList",
      TypeRef.of("java.lang.String"));

  @Test
  void theValuesPutInAMapAreFactsOfItsElementsNotOfTheField() {
    Expr fresh = new Expr.New(pos(), COW, null, List.of(), null,
        new MethodTarget(COW.name(), "<init>", List.of(), 0, TypeRef.VOID, false, false, true));
    MethodDecl add = method("add",
        block(stmt(call(field("byKey", MAP), "put", TypeRef.VOID, lit("k"), fresh))));
    var file = file(List.of(fieldDecl("byKey", MAP, null)), add);
    ProgramIndex index = new ProgramIndex(List.of(file));
    LibraryModels models = new LibraryModels(index.hierarchy(), Config.defaults());
    FieldFacts facts = new FieldFacts(index, models);
    assertTrue(facts.elementsOf(C, "byKey").allThreadSafe());
    assertEquals(1, facts.elementsOf(C, "byKey").stores);
    assertFalse(facts.of(C, "byKey").allThreadSafe(), "the field itself was never assigned");
  }
}
