package dev.shareguard.errorprone.lowering;

import static dev.shareguard.core.ir.IrPrinter.expr;
import static dev.shareguard.testing.IrNodes.all;
import static dev.shareguard.testing.IrNodes.classById;
import static dev.shareguard.testing.IrNodes.exprs;
import static dev.shareguard.testing.IrNodes.find;
import static dev.shareguard.testing.IrNodes.method;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shareguard.core.ir.ClassDecl;
import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.SourceFile;
import dev.shareguard.core.ir.Stmt;
import dev.shareguard.core.ir.TypeRef;
import dev.shareguard.testing.FrontEnd;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Implicit receivers made explicit: which {@code this} a field or call goes through, the same from
 * both front ends.
 */
class ReceiverLoweringTest {
  @ParameterizedTest
  @EnumSource(FrontEnd.class)
  void unqualifiedFieldIsAFieldOfThis(FrontEnd frontEnd) {
    SourceFile f =
        frontEnd.lower(
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

  @ParameterizedTest
  @EnumSource(FrontEnd.class)
  void localsAndParametersShadowFields(FrontEnd frontEnd) {
    SourceFile f =
        frontEnd.lower(
            """
            package com.acme;
            class C {
              int n;
              int m;
              void go(int n) { int m = n; m++; this.m++; }
            }
            """);
    assertEquals(List.of("x++(m)", "x++(this(com.acme.C).m)"), exprs(f, "com.acme.C", "go"));
    assertEquals(
        List.of("n", "m", "this"),
        all(method(classById(f, "com.acme.C"), "go"), Expr.class).stream()
            .filter(e -> e instanceof Expr.LocalRef || e instanceof Expr.ThisRef)
            .map(e -> e instanceof Expr.LocalRef l ? l.name() : "this")
            .toList());
  }

  @ParameterizedTest
  @EnumSource(FrontEnd.class)
  void localsParametersAndCapturedLocalsAreLocalRefs(FrontEnd frontEnd) {
    SourceFile f =
        frontEnd.lower(
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
        List.of("p", "local", "p", "e"),
        all(f, Expr.LocalRef.class).stream().map(Expr.LocalRef::name).toList());
  }

  @ParameterizedTest
  @EnumSource(FrontEnd.class)
  void innerClassReachesTheOuterFieldThroughOuterThis(FrontEnd frontEnd) {
    SourceFile f =
        frontEnd.lower(
            """
            package com.acme;
            class C {
              int count;
              class Inner { int read() { return count + C.this.count; } }
            }
            """);
    Stmt.Return r = all(method(classById(f, "com.acme.C.Inner"), "read"), Stmt.Return.class).get(0);
    assertEquals("(this(com.acme.C).count + this(com.acme.C).count)", expr(r.expr()));
  }

  @ParameterizedTest
  @EnumSource(FrontEnd.class)
  void inheritedFieldBeatsTheOuterOneButPrivateFieldsAreNotInherited(FrontEnd frontEnd) {
    SourceFile f =
        frontEnd.lower(
            """
            package com.acme;
            class Base { protected int count; private int hidden; }
            class C {
              int count;
              int hidden;
              class Inner extends Base { int read() { return count + hidden; } }
            }
            """);
    Stmt.Return r = all(method(classById(f, "com.acme.C.Inner"), "read"), Stmt.Return.class).get(0);
    assertEquals("(this(com.acme.C.Inner).count + this(com.acme.C).hidden)", expr(r.expr()));
    assertEquals(
        List.of("com.acme.Base", "com.acme.C"),
        all(r, Expr.FieldAccess.class).stream().map(Expr.FieldAccess::ownerClass).toList());
  }

  @ParameterizedTest
  @EnumSource(FrontEnd.class)
  void privateFieldOfANestedSuperclassIsNotInheritedSoTheOuterOneIsMeant(FrontEnd frontEnd) {
    SourceFile f =
        frontEnd.lower(
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

  @ParameterizedTest
  @EnumSource(FrontEnd.class)
  void lambdaUsesTheEnclosingClassThisAndCapturesLocals(FrontEnd frontEnd) {
    SourceFile f =
        frontEnd.lower(
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
    assertEquals(TypeRef.of("java.lang.Runnable"), lambda.type());
  }

  @ParameterizedTest
  @EnumSource(FrontEnd.class)
  void anonymousClassOwnFieldsOuterFieldsAndOuterMethods(FrontEnd frontEnd) {
    SourceFile f =
        frontEnd.lower(
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
        List.of(
            "x++(this(com.acme.C$1).mine)",
            "x++(this(com.acme.C).outer)",
            "this(com.acme.C).com.acme.C#tick/0():void"),
        exprs(f, "com.acme.C$1", "run"));
    // `this` of an anonymous class has the type written after `new`.
    Expr.ThisRef mine = all(method(classById(f, "com.acme.C$1"), "run"), Expr.ThisRef.class).get(0);
    assertEquals(TypeRef.of("java.lang.Runnable"), mine.type());
  }

  @ParameterizedTest
  @EnumSource(FrontEnd.class)
  void inheritedLibraryMethodsOfAnAnonymousThreadShadowOuterOnes(FrontEnd frontEnd) {
    SourceFile f =
        frontEnd.lower(
            """
            package com.acme;
            class C {
              void start() {}
              void go() {
                new Thread() { public void run() { interrupt(); start(); } }.start();
              }
            }
            """);
    // Thread.start is a member of the anonymous Thread, so it shadows C.start.
    assertEquals(
        List.of(
            "this(com.acme.C$1).java.lang.Thread#interrupt/0():void",
            "this(com.acme.C$1).java.lang.Thread#start/0():void"),
        exprs(f, "com.acme.C$1", "run"));
  }

  @ParameterizedTest
  @EnumSource(FrontEnd.class)
  void unqualifiedCallsHaveThisReceiverAndStaticCallsNone(FrontEnd frontEnd) {
    SourceFile f =
        frontEnd.lower(
            """
            package com.acme;
            class C {
              void helper() {}
              static int util() { return 1; }
              void go() { helper(); util(); C.util(); this.helper(); }
            }
            """);
    List<Expr.Call> calls = all(method(classById(f, "com.acme.C"), "go"), Expr.Call.class);
    Expr.ThisRef receiver = (Expr.ThisRef) calls.get(0).receiver();
    assertEquals("com.acme.C", receiver.classId());
    assertEquals("com.acme.C", receiver.type().name());
    assertNull(calls.get(1).receiver());
    assertTrue(calls.get(1).target().isStatic());
    assertEquals("com.acme.C", calls.get(1).target().owner());
    assertNull(calls.get(2).receiver());
    assertEquals("com.acme.C", ((Expr.ThisRef) calls.get(3).receiver()).classId());
  }

  @ParameterizedTest
  @EnumSource(FrontEnd.class)
  void staticFieldsHaveNoReceiverAndTheirDeclaringClass(FrontEnd frontEnd) {
    SourceFile f =
        frontEnd.lower(
            """
            package com.acme;
            class Registry { static final java.util.Map<String, Object> INSTANCES = new java.util.HashMap<>(); }
            class C {
              static int counter;
              void go() { counter++; Registry.INSTANCES.clear(); System.out.println(C.counter); }
            }
            """);
    List<Expr.FieldAccess> fields =
        all(method(classById(f, "com.acme.C"), "go"), Expr.FieldAccess.class);
    for (Expr.FieldAccess fa : fields) {
      assertNull(fa.receiver(), fa.name());
      assertTrue(fa.isStatic(), fa.name());
    }
    assertEquals(
        List.of(
            "com.acme.C.counter",
            "com.acme.Registry.INSTANCES",
            "java.lang.System.out",
            "com.acme.C.counter"),
        fields.stream().map(fa -> fa.ownerClass() + "." + fa.name()).toList());
  }

  @ParameterizedTest
  @EnumSource(FrontEnd.class)
  void staticImportsOfFieldsAndMethods(FrontEnd frontEnd) {
    SourceFile f =
        frontEnd.lower(
            """
            package com.acme;
            import static java.util.Objects.requireNonNull;
            import static java.util.concurrent.TimeUnit.*;
            import static java.lang.Math.max;
            class C {
              long go(Object o) { requireNonNull(o); return SECONDS.toMillis(max(1, 2)); }
            }
            """);
    assertEquals(
        List.of("static java.util.Objects#requireNonNull/1(o):java.lang.Object"),
        exprs(f, "com.acme.C", "go"));
    Stmt.Return r = all(f, Stmt.Return.class).get(0);
    assertEquals(
        "java.util.concurrent.TimeUnit.SECONDS.java.util.concurrent.TimeUnit#toMillis/1("
            + "static java.lang.Math#max/2(1, 2):int):long",
        expr(r.expr()));
  }

  @ParameterizedTest
  @EnumSource(FrontEnd.class)
  void superCallsSuperFieldsAndQualifiedThis(FrontEnd frontEnd) {
    SourceFile f =
        frontEnd.lower(
            """
            package com.acme;
            class Base { void save() {} int size; Base() {} Base(int s) {} }
            class C extends Base {
              C() { super(1); }
              C(int x) { this(); }
              C(String s) { super(); }
              void save() { super.save(); int s = super.size; }
              class Inner { Object outer() { return C.this; } }
            }
            """);
    ClassDecl c = classById(f, "com.acme.C");
    Expr.Call superSave = all(method(c, "save"), Expr.Call.class).get(0);
    Expr.ThisRef sup = (Expr.ThisRef) superSave.receiver();
    assertTrue(sup.isSuper());
    assertEquals("com.acme.C", sup.classId());
    assertEquals("com.acme.Base", superSave.target().owner());
    Expr.FieldAccess size = all(method(c, "save"), Expr.FieldAccess.class).get(0);
    assertTrue(((Expr.ThisRef) size.receiver()).isSuper());
    assertEquals("com.acme.Base", size.ownerClass());
    Expr.ThisRef outer =
        all(method(classById(f, "com.acme.C.Inner"), "outer"), Expr.ThisRef.class).get(0);
    assertEquals("com.acme.C", outer.classId());
    assertFalse(outer.isSuper());
    Expr.Call superOne = all(c.methods().get(0), Expr.Call.class).get(0);
    assertEquals("com.acme.Base#<init>/1", superOne.target().toString());
    assertTrue(((Expr.ThisRef) superOne.receiver()).isSuper());
    Expr.Call thisCall = all(c.methods().get(1), Expr.Call.class).get(0);
    assertEquals("com.acme.C#<init>/0", thisCall.target().toString());
    assertFalse(((Expr.ThisRef) thisCall.receiver()).isSuper());
    Expr.Call superNone = all(c.methods().get(2), Expr.Call.class).get(0);
    assertEquals("com.acme.Base#<init>/0", superNone.target().toString());
    assertTrue(((Expr.ThisRef) superNone.receiver()).isSuper());
  }

  /**
   * JavaParser front end only: it lowers projects whose libraries it cannot see, so a name may come
   * from an unknown superclass. javac rejects this code (no such superclass on the class path), so
   * the plugin never lowers it; javac's error recovery is covered by {@link
   * LoweringRobustnessTest}.
   */
  @Test
  void namesFromOutsideTheProjectStayUnresolved() {
    SourceFile f =
        FrontEnd.JAVAPARSER.lower(
            """
            package com.acme;
            import org.example.Base;
            class C extends Base {
              void go() { log.info("x"); helper(); undefined(); }
            }
            """);
    List<Expr.Call> calls = all(method(classById(f, "com.acme.C"), "go"), Expr.Call.class);
    // `log` is likely inherited from the unknown superclass: a field of this, owner unknown.
    Expr.FieldAccess log = (Expr.FieldAccess) calls.get(0).receiver();
    assertNull(log.ownerClass());
    assertEquals("com.acme.C", ((Expr.ThisRef) log.receiver()).classId());
    assertFalse(calls.get(0).target().resolved());
    // Unqualified calls nobody declares: on this, of the class whose hierarchy is incomplete.
    assertFalse(calls.get(1).target().resolved());
    assertEquals("com.acme.C", ((Expr.ThisRef) calls.get(1).receiver()).classId());
  }
}
