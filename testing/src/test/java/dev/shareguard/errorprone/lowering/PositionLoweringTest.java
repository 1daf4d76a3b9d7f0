package dev.shareguard.errorprone.lowering;

import static dev.shareguard.testing.IrNodes.all;
import static dev.shareguard.testing.IrNodes.classById;
import static dev.shareguard.testing.IrNodes.field;
import static dev.shareguard.testing.IrNodes.find;
import static dev.shareguard.testing.IrNodes.method;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shareguard.core.ir.ClassDecl;
import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.Pos;
import dev.shareguard.core.ir.SourceFile;
import dev.shareguard.core.ir.Stmt;
import dev.shareguard.testing.FrontEnd;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Positions: where each construct starts, declarations at their names, character columns (a tab is
 * one column), the same from both front ends.
 */
class PositionLoweringTest {
  @ParameterizedTest
  @EnumSource(FrontEnd.class)
  void aCallChainStartsAtItsFirstReceiver(FrontEnd frontEnd) {
    SourceFile f =
        frontEnd.lower(
            """
            package com.acme;
            import java.util.*;
            class C {
              Map<String, List<String>> index = new HashMap<>();
              void add(String k) {
                this.index.get(k).add(k);
                index
                    .get(k)
                    .clear();
              }
            }
            """);
    Expr.Call add = find(f, Expr.Call.class, "#add/1");
    assertEquals(new Pos(6, 5), add.pos());
    assertEquals(new Pos(6, 5), ((Expr.Call) add.receiver()).pos());
    assertEquals(new Pos(6, 5), ((Expr.FieldAccess) ((Expr.Call) add.receiver()).receiver()).pos());
    Expr.Call clear = find(f, Expr.Call.class, "#clear/0");
    assertEquals(new Pos(7, 5), clear.pos());
    // The implicit receiver sits where the field name is.
    Expr.FieldAccess index = (Expr.FieldAccess) ((Expr.Call) clear.receiver()).receiver();
    assertEquals(new Pos(7, 5), index.pos());
    assertEquals(new Pos(7, 5), index.receiver().pos());
  }

  @ParameterizedTest
  @EnumSource(FrontEnd.class)
  void declarationsSitAtTheirNames(FrontEnd frontEnd) {
    SourceFile f =
        frontEnd.lower(
            """
            package com.acme;

            @Deprecated
            public final class C {
              @Deprecated private static final int LIMIT = 1, OTHER = 2;
              /** Doc. */
              @SuppressWarnings("x") public synchronized void run(int a) { int local = a; }
              C() {}
              static /* comment */ class Nested {}
              @interface Marker {}
            }
            """);
    ClassDecl c = classById(f, "com.acme.C");
    assertEquals(new Pos(4, 20), c.pos());
    assertEquals(new Pos(5, 40), field(c, "LIMIT").pos());
    assertEquals(new Pos(5, 51), field(c, "OTHER").pos());
    assertEquals(new Pos(7, 51), method(c, "run").pos());
    assertEquals(new Pos(8, 3), method(c, "<init>").pos());
    assertEquals(new Pos(9, 30), classById(f, "com.acme.C.Nested").pos());
    assertEquals(new Pos(10, 14), classById(f, "com.acme.C.Marker").pos());
    assertEquals(new Pos(7, 68), all(f, Stmt.LocalVar.class).get(0).pos());
  }

  @ParameterizedTest
  @EnumSource(FrontEnd.class)
  void tabsCountAsOneColumn(FrontEnd frontEnd) {
    SourceFile f =
        frontEnd.lower(
            "package com.acme;\n"
                + "class C {\n"
                + "\tint count;\n"
                + "\tvoid inc() {\n"
                + "\t\tcount++;\n"
                + "\t}\n"
                + "}\n");
    ClassDecl c = classById(f, "com.acme.C");
    assertEquals(new Pos(3, 6), field(c, "count").pos());
    assertEquals(new Pos(4, 7), method(c, "inc").pos());
    Stmt.ExprStmt inc = all(f, Stmt.ExprStmt.class).get(0);
    assertEquals(new Pos(5, 3), inc.pos());
    assertEquals(new Pos(5, 3), inc.expr().pos());
  }

  @ParameterizedTest
  @EnumSource(FrontEnd.class)
  void anonymousClassesSitAtNewAndLambdasAtTheirStart(FrontEnd frontEnd) {
    SourceFile f =
        frontEnd.lower(
            """
            package com.acme;
            class C {
              Runnable a = new Runnable() { public void run() {} };
              Runnable b = () -> {};
              java.util.function.Function<String, Integer> c = (s) -> s.length();
              enum E { ONE { } }
              class In {}
              Object d = this.new In() {};
              void m() { class Local {} }
            }
            """);
    assertEquals(new Pos(3, 16), classById(f, "com.acme.C$1").pos());
    assertEquals(new Pos(3, 16), all(f, Expr.New.class).get(0).pos());
    assertEquals(new Pos(4, 16), all(f, Expr.Lambda.class).get(0).pos());
    Expr.Lambda c = all(f, Expr.Lambda.class).get(1);
    assertEquals(new Pos(5, 52), c.pos());
    // An expression body becomes a block with one return, both where the expression starts.
    assertEquals(new Pos(5, 59), c.body().pos());
    assertEquals(new Pos(5, 59), c.body().stmts().get(0).pos());
    assertEquals(new Pos(6, 12), classById(f, "com.acme.C.E$1").pos());
    // A qualified creation starts at its qualifier; its anonymous class at `new`.
    assertEquals(new Pos(8, 19), classById(f, "com.acme.C$2").pos());
    Expr.New qualified = (Expr.New) field(classById(f, "com.acme.C"), "d").initializer();
    assertEquals(new Pos(8, 14), qualified.pos());
    assertEquals(new Pos(9, 20), all(f, Stmt.LocalClass.class).get(0).pos());
  }

  @ParameterizedTest
  @EnumSource(FrontEnd.class)
  void statementsAndInitializersSitAtTheirStart(FrontEnd frontEnd) {
    SourceFile f =
        frontEnd.lower(
            """
            package com.acme;
            class C {
              static int n;
              static { n = 1; }
              { n = 2; }
              void m() {
                synchronized (this) { n++; }
                switch (n) { case 1 -> n--; default -> { } }
                try { n++; } catch (RuntimeException e) { } finally { }
              }
            }
            """);
    ClassDecl c = classById(f, "com.acme.C");
    assertEquals(new Pos(4, 3), method(c, "<clinit>").pos());
    assertEquals(new Pos(4, 10), method(c, "<clinit>").body().pos());
    assertEquals(new Pos(5, 3), method(c, "<instinit>").pos());
    assertEquals(new Pos(5, 3), method(c, "<instinit>").body().pos());
    assertEquals(new Pos(7, 5), all(f, Stmt.Synchronized.class).get(0).pos());
    Stmt.Switch sw = all(f, Stmt.Switch.class).get(0);
    assertEquals(new Pos(8, 5), sw.pos());
    assertEquals(new Pos(8, 18), sw.cases().get(0).pos());
    assertEquals(new Pos(8, 33), sw.cases().get(1).pos());
    Stmt.Try t = all(f, Stmt.Try.class).get(0);
    assertEquals(new Pos(9, 5), t.pos());
    assertEquals(new Pos(9, 18), t.catches().get(0).pos());
  }
}
