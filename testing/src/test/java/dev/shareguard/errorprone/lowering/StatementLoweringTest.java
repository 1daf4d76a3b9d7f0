package dev.shareguard.errorprone.lowering;

import static dev.shareguard.core.ir.IrPrinter.expr;
import static dev.shareguard.testing.IrNodes.all;
import static dev.shareguard.testing.IrNodes.classById;
import static dev.shareguard.testing.IrNodes.method;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.Pos;
import dev.shareguard.core.ir.SourceFile;
import dev.shareguard.core.ir.Stmt;
import dev.shareguard.core.ir.TypeRef;
import dev.shareguard.testing.FrontEnd;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Statement and expression forms the engine builds control flow and accesses from, the same from
 * both front ends.
 */
class StatementLoweringTest {
  /** The statements of method {@code m} of class {@code com.acme.C}. */
  private static List<Stmt> body(FrontEnd frontEnd, String source) {
    SourceFile f = frontEnd.lower(source);
    return method(classById(f, "com.acme.C"), "m").body().stmts();
  }

  @ParameterizedTest
  @EnumSource(FrontEnd.class)
  void enhancedForOverAMapsEntries(FrontEnd frontEnd) {
    List<Stmt> stmts =
        body(
            frontEnd,
            """
            package com.acme;
            import java.util.*;
            class C {
              Map<String, Integer> counts = new HashMap<>();
              void m() { for (Map.Entry<String, Integer> e : counts.entrySet()) { e.setValue(0); } }
            }
            """);
    Stmt.ForEach each = (Stmt.ForEach) stmts.get(0);
    assertEquals("e", each.var());
    assertEquals(
        TypeRef.of(
            "java.util.Map.Entry", TypeRef.of("java.lang.String"), TypeRef.of("java.lang.Integer")),
        each.varType());
    assertEquals(
        "this(com.acme.C).counts.java.util.Map#entrySet/0()",
        expr(each.iterable()).replaceAll(":.*", ""));
    assertInstanceOf(Stmt.Block.class, each.body());
  }

  @ParameterizedTest
  @EnumSource(FrontEnd.class)
  void tryWithResourcesCatchesAndFinally(FrontEnd frontEnd) {
    List<Stmt> stmts =
        body(
            frontEnd,
            """
            package com.acme;
            import java.io.*;
            class C {
              Reader shared;
              void m() throws IOException {
                try (Reader in = new StringReader("x"); shared) {
                  in.read();
                } catch (IllegalStateException | UncheckedIOException e) {
                  throw e;
                } catch (RuntimeException e) {
                } finally {
                  shared = null;
                }
              }
            }
            """);
    Stmt.Try t = (Stmt.Try) stmts.get(0);
    assertEquals(2, t.resources().size());
    Stmt.LocalVar in = (Stmt.LocalVar) t.resources().get(0);
    assertEquals("in", in.name());
    assertEquals("new java.io.StringReader(\"x\")", expr(in.init()));
    assertEquals("this(com.acme.C).shared", expr(((Stmt.ExprStmt) t.resources().get(1)).expr()));
    assertEquals(
        List.of(
            TypeRef.of("java.lang.IllegalStateException"),
            TypeRef.of("java.io.UncheckedIOException")),
        t.catches().get(0).types());
    // A multi-catch parameter has the types' common superclass.
    assertEquals("e", t.catches().get(0).var());
    assertEquals(List.of(TypeRef.of("java.lang.RuntimeException")), t.catches().get(1).types());
    Stmt.Throw thrown = (Stmt.Throw) t.catches().get(0).body().stmts().get(0);
    assertEquals(TypeRef.of("java.lang.RuntimeException"), thrown.expr().type());
    assertEquals(
        "this(com.acme.C).shared = null",
        expr(((Stmt.ExprStmt) t.finallyBlock().stmts().get(0)).expr()));
  }

  @ParameterizedTest
  @EnumSource(FrontEnd.class)
  void synchronizedBlocksKeepTheirMonitor(FrontEnd frontEnd) {
    List<Stmt> stmts =
        body(
            frontEnd,
            """
            package com.acme;
            class C {
              final Object lock = new Object();
              int n;
              void m() { synchronized (lock) { n++; } synchronized (C.class) { } }
            }
            """);
    Stmt.Synchronized s = (Stmt.Synchronized) stmts.get(0);
    assertEquals("this(com.acme.C).lock", expr(s.monitor()));
    assertEquals("x++(this(com.acme.C).n)", expr(((Stmt.ExprStmt) s.body().stmts().get(0)).expr()));
    Expr.ClassLiteral cls = (Expr.ClassLiteral) ((Stmt.Synchronized) stmts.get(1)).monitor();
    assertEquals(TypeRef.of("com.acme.C"), cls.of());
    assertEquals(TypeRef.of("java.lang.Class", TypeRef.of("com.acme.C")), cls.type());
  }

  @ParameterizedTest
  @EnumSource(FrontEnd.class)
  void switchStatementsInOldAndArrowForms(FrontEnd frontEnd) {
    List<Stmt> stmts =
        body(
            frontEnd,
            """
            package com.acme;
            class C {
              int n;
              void m() {
                switch (n) { case 1: case 2: int k = 3; n = k; break; default: n = 0; }
                switch (n) { case 1, 2 -> n++; case 3 -> { n--; } default -> throw new IllegalStateException(); }
              }
            }
            """);
    Stmt.Switch old = (Stmt.Switch) stmts.get(0);
    assertEquals(3, old.cases().size());
    assertEquals(List.of(), old.cases().get(0).body());
    assertFalse(old.cases().get(0).arrow());
    assertEquals(3, old.cases().get(1).body().size());
    assertInstanceOf(Stmt.Break.class, old.cases().get(1).body().get(2));
    assertTrue(old.cases().get(2).isDefault());
    assertEquals(List.of(), old.cases().get(2).labels());

    Stmt.Switch arrow = (Stmt.Switch) stmts.get(1);
    Stmt.SwitchCase first = arrow.cases().get(0);
    assertTrue(first.arrow());
    assertEquals(List.of("1", "2"), first.labels().stream().map(e -> expr(e)).toList());
    assertEquals("x++(this(com.acme.C).n)", expr(((Stmt.ExprStmt) first.body().get(0)).expr()));
    assertInstanceOf(Stmt.Block.class, arrow.cases().get(1).body().get(0));
    assertInstanceOf(Stmt.Throw.class, arrow.cases().get(2).body().get(0));
    assertTrue(arrow.cases().get(2).isDefault());
  }

  @ParameterizedTest
  @EnumSource(FrontEnd.class)
  void switchExpressionsYieldAndEnumLabelsAreConstants(FrontEnd frontEnd) {
    List<Stmt> stmts =
        body(
            frontEnd,
            """
            package com.acme;
            class C {
              enum Mode { ON, OFF }
              Mode mode;
              void m() {
                int w = switch (mode) { case ON -> 1; case OFF -> { int x = 2; yield x; } };
              }
            }
            """);
    Expr.SwitchExpr sw = (Expr.SwitchExpr) ((Stmt.LocalVar) stmts.get(0)).init();
    assertEquals(TypeRef.primitive("int"), sw.type());
    assertEquals("this(com.acme.C).mode", expr(sw.selector()));
    Stmt.SwitchCase on = sw.cases().get(0);
    assertEquals("com.acme.C.Mode.ON", expr(on.labels().get(0)));
    assertEquals("1", expr(((Stmt.Yield) on.body().get(0)).expr()));
    Stmt.Block off = (Stmt.Block) sw.cases().get(1).body().get(0);
    assertInstanceOf(Stmt.Yield.class, off.stmts().get(1));
  }

  @ParameterizedTest
  @EnumSource(FrontEnd.class)
  void compoundAssignmentsAndIncrementsWriteTheirTarget(FrontEnd frontEnd) {
    List<Stmt> stmts =
        body(
            frontEnd,
            """
            package com.acme;
            class C {
              int n;
              int[] counts = new int[4];
              void m() { n += 2; n <<= 1; ++n; n--; counts[n]++; n = -n; counts.length++; }
            }
            """);
    List<String> exprs = stmts.stream().map(s -> expr(((Stmt.ExprStmt) s).expr())).toList();
    assertEquals(
        List.of(
            "this(com.acme.C).n += 2",
            "this(com.acme.C).n <<= 1",
            "++x(this(com.acme.C).n)",
            "x--(this(com.acme.C).n)",
            "x++(this(com.acme.C).counts[this(com.acme.C).n])",
            "this(com.acme.C).n = -(this(com.acme.C).n)",
            "x++(this(com.acme.C).counts.length)"),
        exprs);
    assertTrue(((Expr.Unary) ((Stmt.ExprStmt) stmts.get(2)).expr()).writes());
    assertEquals("+=", ((Expr.Assign) ((Stmt.ExprStmt) stmts.get(0)).expr()).op());
    // An array's length belongs to no class.
    Expr.Unary length = (Expr.Unary) ((Stmt.ExprStmt) stmts.get(6)).expr();
    assertNull(((Expr.FieldAccess) length.operand()).ownerClass());
  }

  @ParameterizedTest
  @EnumSource(FrontEnd.class)
  void oneLocalVarPerDeclaredVariable(FrontEnd frontEnd) {
    List<Stmt> stmts =
        body(
            frontEnd,
            """
            package com.acme;
            class C {
              void m() { int a = 1, b, c[] = {a}; for (int i = 0, j = 1; i < j; i++, j--) { } }
            }
            """);
    assertEquals(
        List.of("a", "b", "c"),
        stmts.subList(0, 3).stream().map(s -> ((Stmt.LocalVar) s).name()).toList());
    assertNull(((Stmt.LocalVar) stmts.get(1)).init());
    assertEquals(TypeRef.primitive("int").arrayOf(1), ((Stmt.LocalVar) stmts.get(2)).type());
    assertEquals(TypeRef.primitive("int").arrayOf(1), ((Stmt.LocalVar) stmts.get(2)).init().type());
    Stmt.For loop = (Stmt.For) stmts.get(3);
    assertEquals(2, loop.init().size());
    assertEquals(List.of("x++(i)", "x--(j)"), loop.update().stream().map(e -> expr(e)).toList());
    assertEquals("(i < j)", expr(loop.cond()));
  }

  @ParameterizedTest
  @EnumSource(FrontEnd.class)
  void lambdasMethodReferencesAndOtherExpressions(FrontEnd frontEnd) {
    List<Stmt> stmts =
        body(
            frontEnd,
            """
            package com.acme;
            import java.util.*;
            import java.util.function.*;
            class C {
              List<String> names = new ArrayList<>();
              void m(Object o) {
                names.forEach(n -> names.add(n));
                Supplier<List<String>> fresh = ArrayList::new;
                Function<String, Integer> len = String::length;
                Consumer<String> add = names::add;
                boolean b = o instanceof String s && !s.isEmpty();
                String t = (String) o;
                label: while (true) { do { continue label; } while (false); }
                assert b : "message";
                ;
              }
            }
            """);
    Expr.Call forEach = (Expr.Call) ((Stmt.ExprStmt) stmts.get(0)).expr();
    Expr.Lambda lambda = (Expr.Lambda) forEach.args().get(0);
    assertEquals("n", lambda.params().get(0).name());
    assertEquals(TypeRef.of("java.lang.String"), lambda.params().get(0).type());
    assertEquals(
        TypeRef.of("java.util.function.Consumer", TypeRef.of("java.lang.String")), lambda.type());
    Stmt.Return ret = (Stmt.Return) lambda.body().stmts().get(0);
    assertEquals("this(com.acme.C).names.java.util.List#add/1(n):boolean", expr(ret.expr()));

    Expr.MethodRef fresh = (Expr.MethodRef) ((Stmt.LocalVar) stmts.get(1)).init();
    assertNull(fresh.receiver());
    assertEquals("java.util.ArrayList#<init>/0", fresh.target().toString());
    assertEquals("java.util.ArrayList", fresh.target().owner());
    Expr.MethodRef len = (Expr.MethodRef) ((Stmt.LocalVar) stmts.get(2)).init();
    assertNull(len.receiver());
    assertEquals(TypeRef.of("java.lang.String"), len.qualifierType());
    assertEquals(TypeRef.primitive("int"), len.target().returnType());
    Expr.MethodRef add = (Expr.MethodRef) ((Stmt.LocalVar) stmts.get(3)).init();
    assertEquals("this(com.acme.C).names", expr(add.receiver()));

    Expr.Binary and = (Expr.Binary) ((Stmt.LocalVar) stmts.get(4)).init();
    Expr.InstanceOf test = (Expr.InstanceOf) and.left();
    assertEquals("s", test.binding());
    assertEquals(TypeRef.of("java.lang.String"), test.tested());
    assertEquals("&&", and.op());
    // The pattern variable is a local in what follows.
    assertEquals(
        "s",
        ((Expr.LocalRef) ((Expr.Call) ((Expr.Unary) and.right()).operand()).receiver()).name());
    assertInstanceOf(Expr.Cast.class, ((Stmt.LocalVar) stmts.get(5)).init());
    Stmt.Labeled labeled = (Stmt.Labeled) stmts.get(6);
    assertEquals("label", labeled.label());
    assertEquals("label", all(labeled, Stmt.Continue.class).get(0).label());
    assertEquals("\"message\"", expr(((Stmt.Assert) stmts.get(7)).message()));
    assertInstanceOf(Stmt.Empty.class, stmts.get(8));
  }

  @ParameterizedTest
  @EnumSource(FrontEnd.class)
  void constantStringsThatJavacFoldsAreOneLiteralPerToken(FrontEnd frontEnd) {
    List<Stmt> stmts =
        body(
            frontEnd,
            """
            package com.acme;
            class C {
              void m(int n) {
                String a = "x" + "y";
                String b = n + "x" + "y" + n;
                String c = (n + "p") + "q"
                    + "r";
                int d = 1 + 2 + n;
              }
            }
            """);
    Expr a = ((Stmt.LocalVar) stmts.get(0)).init();
    assertEquals("(\"x\" + \"y\")", expr(a));
    assertEquals(new Pos(4, 16), a.pos());
    assertEquals(new Pos(4, 22), ((Expr.Binary) a).right().pos());
    Expr.Binary b = (Expr.Binary) ((Stmt.LocalVar) stmts.get(1)).init();
    assertEquals("(((n + \"x\") + \"y\") + n)", expr(b));
    assertEquals(TypeRef.of("java.lang.String"), ((Expr.Binary) b.left()).type());
    Expr.Binary c = (Expr.Binary) ((Stmt.LocalVar) stmts.get(2)).init();
    assertEquals("(((n + \"p\") + \"q\") + \"r\")", expr(c));
    assertEquals(new Pos(6, 16), c.pos());
    assertEquals(new Pos(6, 17), ((Expr.Binary) ((Expr.Binary) c.left()).left()).pos());
    assertEquals(new Pos(7, 11), ((Expr.Literal) c.right()).pos());
    Expr.Binary d = (Expr.Binary) ((Stmt.LocalVar) stmts.get(3)).init();
    assertEquals("((1 + 2) + n)", expr(d));
    assertEquals(TypeRef.primitive("int"), ((Expr.Binary) d.left()).type());
  }
}
