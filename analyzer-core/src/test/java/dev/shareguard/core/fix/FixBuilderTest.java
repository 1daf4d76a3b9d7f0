package dev.shareguard.core.fix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shareguard.core.finding.Fix;
import dev.shareguard.core.finding.Fix.Kind;
import dev.shareguard.core.finding.Fix.Node;
import dev.shareguard.core.finding.Fix.Part;
import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.MethodTarget;
import dev.shareguard.core.ir.Pos;
import dev.shareguard.core.ir.Stmt;
import dev.shareguard.core.ir.TypeRef;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fix builder's node kinds, and the merge rewrite built with it, on hand-made IR. */
class FixBuilderTest {
  private static final TypeRef INT = TypeRef.of("int");
  private static final TypeRef BOXED = TypeRef.of("java.lang.Integer");
  private static final TypeRef MAP =
      TypeRef.of("java.util.concurrent.ConcurrentHashMap", TypeRef.of("java.lang.String"), BOXED);

  private static Pos at(int line, int column) {
    return new Pos(line, column);
  }

  private static Expr.Call call(Pos pos, Expr receiver, String name, TypeRef result,
      Expr... args) {
    return new Expr.Call(pos, result, receiver,
        new MethodTarget(receiver.type().name(), name, List.of(), args.length, result, false,
            false, true),
        List.of(args));
  }

  @Test
  void eachExpressionIsCopiedAsItsOwnKindOfNode() {
    Expr.Literal one = new Expr.Literal(at(1, 1), INT, "1");
    Expr.LocalRef counts = new Expr.LocalRef(at(1, 5), MAP, "counts");
    assertEquals(new Part.SourceOf(new Node(Kind.LITERAL, at(1, 1))), FixBuilder.source(one));
    assertEquals(new Part.SourceOf(new Node(Kind.VARIABLE, at(1, 5))), FixBuilder.source(counts));
    assertEquals(new Part.SourceOf(new Node(Kind.CALL, at(2, 1))),
        FixBuilder.source(call(at(2, 1), counts, "size", INT)));
    assertThrows(IllegalArgumentException.class,
        () -> FixBuilder.source(new Expr.Binary(at(3, 1), INT, "+", one, one)));
  }

  @Test
  void editsKeepTheirOrderAndADeleteHasNoParts() {
    Stmt first = new Stmt.ExprStmt(at(4, 3), new Expr.Literal(at(4, 3), INT, "0"));
    Stmt second = new Stmt.ExprStmt(at(5, 3), new Expr.Literal(at(5, 3), INT, "0"));
    Fix fix = FixBuilder.fix("why").delete(first)
        .replace(second, List.of(FixBuilder.text("x();"))).build();
    assertEquals(new Fix("why", List.of(
        new Fix.Edit(new Node(Kind.STATEMENT, at(4, 3)), List.of()),
        new Fix.Edit(new Node(Kind.STATEMENT, at(5, 3)), List.of(new Part.Text("x();"))))), fix);
  }

  @Test
  void aPutOfTheValueReadPlusADeltaBecomesOneMerge() {
    Expr.LocalRef m = new Expr.LocalRef(at(7, 5), MAP, "m");
    Expr.LocalRef k = new Expr.LocalRef(at(7, 11), TypeRef.of("java.lang.String"), "k");
    Expr.Call get = call(at(7, 14), new Expr.LocalRef(at(7, 14), MAP, "m"), "get", BOXED,
        new Expr.LocalRef(at(7, 20), TypeRef.of("java.lang.String"), "k"));
    Expr.Literal one = new Expr.Literal(at(7, 25), INT, "1");
    Expr.Call put = call(at(7, 5), m, "put", BOXED, k, new Expr.Binary(at(7, 14), BOXED, "+",
        get, one));
    Stmt stmt = new Stmt.ExprStmt(at(7, 5), put);
    Fix fix = MergeFix.inPlace(List.of(stmt), get, put);
    assertEquals(new Fix("Use one atomic merge call instead of a get and a put", List.of(
        new Fix.Edit(new Node(Kind.STATEMENT, at(7, 5)), List.of(
            new Part.SourceOf(new Node(Kind.VARIABLE, at(7, 5))), new Part.Text(".merge("),
            new Part.SourceOf(new Node(Kind.VARIABLE, at(7, 11))), new Part.Text(", "),
            new Part.SourceOf(new Node(Kind.LITERAL, at(7, 25))),
            new Part.Text(", Integer::sum);"))))), fix);
  }

  @Test
  void noMergeWhenTheSumIsNotOfTheReadValue() {
    Expr.LocalRef m = new Expr.LocalRef(at(9, 5), MAP, "m");
    Expr.LocalRef k = new Expr.LocalRef(at(9, 11), TypeRef.of("java.lang.String"), "k");
    Expr.Call get = call(at(9, 14), m, "get", BOXED, k);
    Expr.Literal one = new Expr.Literal(at(9, 25), INT, "1");
    Expr.Call put = call(at(9, 5), m, "put", BOXED, k, new Expr.Binary(at(9, 14), BOXED, "+",
        one, one));
    assertNull(MergeFix.inPlace(List.of(new Stmt.ExprStmt(at(9, 5), put)), get, put));
  }
}
