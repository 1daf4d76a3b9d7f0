package dev.shareguard.errorprone.lowering;

import static dev.shareguard.core.ir.IrPrinter.expr;
import static dev.shareguard.errorprone.testing.IrNodes.all;
import static dev.shareguard.errorprone.testing.IrNodes.classById;
import static dev.shareguard.errorprone.testing.IrNodes.find;
import static dev.shareguard.errorprone.testing.IrNodes.method;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.SourceFile;
import dev.shareguard.errorprone.testing.ErrorProneRunner;
import org.junit.jupiter.api.Test;

/** Implicit receivers become explicit: which {@code this} a field or call goes through. */
class ReceiverLoweringTest {
  private static SourceFile lower(String source) {
    return ErrorProneRunner.lower("com/acme/C.java", source);
  }

  @Test
  void unqualifiedFieldIsFieldOfThis() {
    SourceFile f =
        lower(
            """
            package com.acme;
            import java.util.*;
            class C {
              private final Map<String, String> cache = new HashMap<>();
              void put(String k, String v) { cache.put(k, v); }
            }
            """);
    Expr.Call put = find(f, Expr.Call.class, "#put/2");
    Expr.FieldAccess cache = (Expr.FieldAccess) put.receiver();
    Expr.ThisRef self = (Expr.ThisRef) cache.receiver();
    assertEquals("com.acme.C", self.classId());
    assertFalse(self.isSuper());
    assertEquals("com.acme.C", cache.ownerClass());
    assertFalse(cache.isStatic());
    assertEquals("cache", cache.name());
    assertEquals("this(com.acme.C).cache.java.util.Map#put/2(k, v):java.lang.String", expr(put));
  }

  @Test
  void innerClassFieldOfOuterGoesThroughOuterThis() {
    SourceFile f =
        lower(
            """
            package com.acme;
            class C {
              int count;
              class Inner { int read() { return count + C.this.count; } }
            }
            """);
    assertEquals(
        "return (this(com.acme.C).count + this(com.acme.C).count)",
        "return "
            + expr(
                all(
                        method(classById(f, "com.acme.C.Inner"), "read"),
                        dev.shareguard.core.ir.Stmt.Return.class)
                    .get(0)
                    .expr()));
  }

  @Test
  void inheritedFieldOfInnerClassGoesThroughInnerThis() {
    SourceFile f =
        lower(
            """
            package com.acme;
            class Base { protected int count; }
            class C {
              int count;
              class Inner extends Base { int read() { return count; } }
            }
            """);
    Expr.FieldAccess count =
        all(method(classById(f, "com.acme.C.Inner"), "read"), Expr.FieldAccess.class).get(0);
    assertEquals("com.acme.C.Inner", ((Expr.ThisRef) count.receiver()).classId());
    assertEquals("com.acme.Base", count.ownerClass());
  }

  @Test
  void privateFieldOfSuperclassIsNotInheritedSoOuterIsMeant() {
    SourceFile f =
        lower(
            """
            package com.acme;
            class C {
              private int count;
              static class Base { private int count; }
              class Inner extends Base { int read() { return count; } }
            }
            """);
    Expr.FieldAccess count =
        all(method(classById(f, "com.acme.C.Inner"), "read"), Expr.FieldAccess.class).get(0);
    assertEquals("com.acme.C", ((Expr.ThisRef) count.receiver()).classId());
    assertEquals("com.acme.C", count.ownerClass());
  }

  @Test
  void lambdaInMethodUsesEnclosingClassThis() {
    SourceFile f =
        lower(
            """
            package com.acme;
            import java.util.*;
            class C {
              List<String> names = new ArrayList<>();
              Runnable adder(String n) { return () -> names.add(n); }
            }
            """);
    Expr.Lambda lambda = all(f, Expr.Lambda.class).get(0);
    assertEquals(
        "lambda com.acme.C$lambda$1 [] { @5:43 return"
            + " this(com.acme.C).names.java.util.List#add/1(n):boolean }",
        expr(lambda));
  }

  @Test
  void anonymousClassOwnFieldsAndOuterFields() {
    SourceFile f =
        lower(
            """
            package com.acme;
            class C {
              int outer;
              Runnable task() {
                return new Runnable() {
                  int mine;
                  public void run() { mine++; outer++; tick(); }
                };
              }
              void tick() {}
            }
            """);
    assertEquals(
        "[x++(this(com.acme.C$1).mine), x++(this(com.acme.C).outer),"
            + " this(com.acme.C).com.acme.C#tick/0():void]",
        all(method(classById(f, "com.acme.C$1"), "run"), dev.shareguard.core.ir.Stmt.ExprStmt.class)
            .stream()
            .map(s -> expr(s.expr()))
            .toList()
            .toString());
  }

  @Test
  void inheritedMethodOfAnonymousThreadIsCalledOnTheAnonymousClass() {
    SourceFile f =
        lower(
            """
            package com.acme;
            class C {
              void start() {}
              void go() {
                new Thread() { public void run() { interrupt(); start(); } }.start();
              }
            }
            """);
    var run = method(classById(f, "com.acme.C$1"), "run");
    var calls = all(run, Expr.Call.class);
    assertEquals("this(com.acme.C$1).java.lang.Thread#interrupt/0():void", expr(calls.get(0)));
    // Thread.start is a member of the anonymous Thread, so it shadows C.start.
    assertEquals("this(com.acme.C$1).java.lang.Thread#start/0():void", expr(calls.get(1)));
  }

  @Test
  void unqualifiedCallsHaveThisReceiverAndStaticCallsNone() {
    SourceFile f =
        lower(
            """
            package com.acme;
            class C {
              void helper() {}
              static int util() { return 1; }
              void go() { helper(); util(); C.util(); this.helper(); }
            }
            """);
    var calls = all(method(classById(f, "com.acme.C"), "go"), Expr.Call.class);
    Expr.ThisRef receiver = (Expr.ThisRef) calls.get(0).receiver();
    assertEquals("com.acme.C", receiver.classId());
    assertEquals("com.acme.C", receiver.type().name());
    assertNull(calls.get(1).receiver());
    assertTrue(calls.get(1).target().isStatic());
    assertEquals("com.acme.C", calls.get(1).target().owner());
    assertNull(calls.get(2).receiver());
    assertEquals("com.acme.C", ((Expr.ThisRef) calls.get(3).receiver()).classId());
  }

  @Test
  void staticFieldsHaveNoReceiverAndTheirOwner() {
    SourceFile f =
        lower(
            """
            package com.acme;
            class Registry { static final java.util.Map<String, Object> INSTANCES = new java.util.HashMap<>(); }
            class C {
              static int counter;
              void go() { counter++; Registry.INSTANCES.clear(); System.out.println(C.counter); }
            }
            """);
    var fields = all(method(classById(f, "com.acme.C"), "go"), Expr.FieldAccess.class);
    for (Expr.FieldAccess fa : fields) {
      assertNull(fa.receiver(), fa.name());
      assertTrue(fa.isStatic(), fa.name());
    }
    assertEquals(
        "[com.acme.C.counter, com.acme.Registry.INSTANCES, java.lang.System.out,"
            + " com.acme.C.counter]",
        fields.stream().map(fa -> fa.ownerClass() + "." + fa.name()).toList().toString());
  }

  @Test
  void superCallsAndQualifiedThis() {
    SourceFile f =
        lower(
            """
            package com.acme;
            class Base { void save() {} int size; }
            class C extends Base {
              C() { super(); }
              void save() { super.save(); int s = super.size; }
              class Inner { Object outer() { return C.this; } }
            }
            """);
    var save = method(classById(f, "com.acme.C"), "save");
    Expr.Call superSave = all(save, Expr.Call.class).get(0);
    Expr.ThisRef sup = (Expr.ThisRef) superSave.receiver();
    assertTrue(sup.isSuper());
    assertEquals("com.acme.C", sup.classId());
    assertEquals("com.acme.Base", superSave.target().owner());
    Expr.FieldAccess size = all(save, Expr.FieldAccess.class).get(0);
    assertTrue(((Expr.ThisRef) size.receiver()).isSuper());
    Expr.ThisRef outer =
        all(method(classById(f, "com.acme.C.Inner"), "outer"), Expr.ThisRef.class).get(0);
    assertEquals("com.acme.C", outer.classId());
    assertFalse(outer.isSuper());
    Expr.Call ctorCall = all(method(classById(f, "com.acme.C"), "<init>"), Expr.Call.class).get(0);
    assertEquals("<init>", ctorCall.target().name());
    assertEquals("com.acme.Base", ctorCall.target().owner());
    assertTrue(((Expr.ThisRef) ctorCall.receiver()).isSuper());
  }

  @Test
  void localsParametersAndCapturedLocalsAreLocalRefs() {
    SourceFile f =
        lower(
            """
            package com.acme;
            class C {
              void go(int p) {
                int local = p;
                Runnable r = () -> System.out.println(local + p);
                try { } catch (RuntimeException e) { throw e; }
              }
            }
            """);
    assertEquals(
        "[p, local, p, e]",
        all(f, Expr.LocalRef.class).stream().map(Expr.LocalRef::name).toList().toString());
  }
}
