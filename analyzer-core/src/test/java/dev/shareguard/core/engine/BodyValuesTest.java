package dev.shareguard.core.engine;

import static dev.shareguard.core.engine.Ir.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shareguard.core.config.Config;
import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.MethodDecl;
import dev.shareguard.core.ir.Modifier;
import dev.shareguard.core.ir.Param;
import dev.shareguard.core.ir.SourceFile;
import dev.shareguard.core.ir.Stmt;
import dev.shareguard.core.ir.TypeRef;
import dev.shareguard.core.model.LibraryModels;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What expressions evaluate to: locals, getters, container elements, conditionals. */
class BodyValuesTest {
  private static final FlowState EMPTY = new FlowState(Map.of(), Set.of(), Set.of(), Set.of());

  private static BodyAnalyzer analyzer(SourceFile f, MethodDecl m) {
    ProgramIndex index = new ProgramIndex(List.of(f));
    LibraryModels models = new LibraryModels(index.hierarchy(), Config.defaults());
    return new BodyAnalyzer(
        index, models, new FieldFacts(index, models), index.body(index.bodyIdOf(m)), 0);
  }

  @Test
  void aGetterOfAnalysedCodeIsTheFieldItReturns() {
    MethodDecl getter = method("getMap",
        block(new Stmt.Return(pos(), field("map", MAP))), Modifier.PUBLIC);
    MethodDecl user = method("use", block());
    BodyAnalyzer a = analyzer(file(List.of(fieldDecl("map", MAP, null)), getter, user), user);
    Expr get = call(self(), "getMap", MAP);
    AbsVal self = new AbsVal.This(C);
    assertEquals(new AbsVal.Field(self, C, "map"), a.values.valueOf(get, EMPTY, null));
    // An element read out of it is an element of that field's container.
    assertEquals(new AbsVal.Elem(new AbsVal.Field(self, C, "map")),
        a.values.valueOf(call(get, "get", TypeRef.of("java.lang.Integer"), lit("k")), EMPTY,
            null));
  }

  @Test
  void localsAreTheirBindingOrAParameterOrACapture() {
    MethodDecl m = new MethodDecl(pos(), "m",
        List.of(new Param("p", TypeRef.of("java.lang.String"), List.of())), TypeRef.VOID,
        Set.of(), List.of(), false, block());
    BodyAnalyzer a = analyzer(file(List.of(), m), m);
    a.initialState();
    TypeRef string = TypeRef.of("java.lang.String");
    assertEquals(new AbsVal.Param("p"),
        a.values.valueOf(new Expr.LocalRef(pos(), string, "p"), EMPTY, null));
    assertEquals(new AbsVal.Captured("x"),
        a.values.valueOf(new Expr.LocalRef(pos(), string, "x"), EMPTY, null));
    FlowState bound = EMPTY.withLocal("x", new AbsVal.This(C));
    assertEquals(new AbsVal.This(C),
        a.values.valueOf(new Expr.LocalRef(pos(), string, "x"), bound, null));
  }

  @Test
  void aConditionalIsKnownOnlyWhenBothArmsAgree() {
    MethodDecl m = method("m", block());
    BodyAnalyzer a = analyzer(file(List.of(), m), m);
    Expr same = new Expr.Conditional(pos(), MAP, lit("c"), field("map", MAP), field("map", MAP));
    Expr differ = new Expr.Conditional(pos(), MAP, lit("c"), field("map", MAP), field("o", MAP));
    assertEquals(new AbsVal.Field(new AbsVal.This(C), C, "map"),
        a.values.valueOf(same, EMPTY, null));
    assertEquals(AbsVal.UNKNOWN, a.values.valueOf(differ, EMPTY, null));
  }
}
