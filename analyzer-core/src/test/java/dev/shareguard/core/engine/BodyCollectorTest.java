package dev.shareguard.core.engine;

import static dev.shareguard.core.engine.Ir.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shareguard.core.config.Config;
import dev.shareguard.core.engine.BodyResult.AccessKind;
import dev.shareguard.core.engine.BodyResult.RawAccess;
import dev.shareguard.core.engine.BodyResult.Slot;
import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.MethodDecl;
import dev.shareguard.core.ir.MethodTarget;
import dev.shareguard.core.ir.SourceFile;
import dev.shareguard.core.ir.TypeRef;
import dev.shareguard.core.model.LibraryModels;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Facts read off a body: what each access touches and how, calls kept for the walk. */
class BodyCollectorTest {
  private static final TypeRef LIST = TypeRef.of("java.util.ArrayList",
      TypeRef.of("java.lang.String"));

  private static BodyResult analyze(SourceFile f, MethodDecl m) {
    ProgramIndex index = new ProgramIndex(List.of(f));
    LibraryModels models = new LibraryModels(index.hierarchy(), Config.defaults());
    return BodyAnalyzer.analyze(
        index, models, new FieldFacts(index, models), index.body(index.bodyIdOf(m)));
  }

  @Test
  void aCopyReadsTheContentsOfItsSourceAndAStoreWritesTheCell() {
    Expr copy = new Expr.New(pos(), LIST, null, List.of(field("items", LIST)), null,
        new MethodTarget("java.util.ArrayList", "<init>", List.of(), 1, TypeRef.VOID, false,
            false, true));
    Expr store = new Expr.Assign(pos(), LIST, field("snapshot", LIST), "=", copy);
    MethodDecl m = method("snap", block(stmt(store)));
    BodyResult r = analyze(file(List.of(), m), m);
    RawAccess read = r.accesses().stream().filter(a -> a.what().equals("copy")).findFirst()
        .orElseThrow();
    assertEquals(AccessKind.READ, read.kind());
    assertEquals(Slot.CONTENTS, read.slot());
    assertEquals(new AbsVal.Field(new AbsVal.This(C), C, "items"), read.target());
    RawAccess write = r.accesses().stream().filter(a -> a.what().equals("write")).findFirst()
        .orElseThrow();
    assertEquals(Slot.CELL, write.slot());
    assertEquals(new AbsVal.Field(new AbsVal.This(C), C, "snapshot"), write.target());
  }

  @Test
  void codeValuesAreLambdasAnonymousObjectsAndMethodReferences() {
    assertTrue(BodyCollector.isCode(new AbsVal.Closure("l1", "b")));
    assertTrue(BodyCollector.isCode(new AbsVal.Anon("t.Svc$1", "b",
        AllocSite.of("b", new dev.shareguard.core.ir.Pos(1, 1)))));
    assertFalse(BodyCollector.isCode(new AbsVal.This(C)));
  }
}
