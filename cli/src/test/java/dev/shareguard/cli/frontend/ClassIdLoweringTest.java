package dev.shareguard.cli.frontend;

import static dev.shareguard.cli.frontend.Ir.all;
import static dev.shareguard.cli.frontend.Ir.cls;
import static dev.shareguard.cli.frontend.Ir.ids;
import static dev.shareguard.cli.frontend.Ir.lower;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.shareguard.core.ir.ClassDecl;
import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.SourceFile;
import dev.shareguard.core.ir.Stmt;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Ids of nested, anonymous and local classes and of lambdas, and the order of the class list. */
class ClassIdLoweringTest {
  @Test
  void anonymousAndLocalClassesShareOneSequencePerNamedClassInTextualOrder() {
    SourceFile f =
        lower(
            """
            package com.acme;
            class C {
              Runnable a = new Runnable() {
                public void run() {
                  Object nested = new Object() {};
                }
              };
              void m() {
                class Local { Object inLocal = new Object() {}; }
                Runnable b = new Runnable() { public void run() {} };
              }
              static class Nested {
                Object first = new Object() {};
              }
            }
            """);
    assertEquals(
        List.of(
            "com.acme.C",
            "com.acme.C$1",
            "com.acme.C$2",
            "com.acme.C$3Local",
            "com.acme.C$4",
            "com.acme.C$5",
            "com.acme.C.Nested",
            "com.acme.C.Nested$1"),
        ids(f));
    assertEquals("com.acme.C$1", cls(f, "com.acme.C$2").enclosingClassId());
    assertEquals("com.acme.C$3Local", cls(f, "com.acme.C$4").enclosingClassId());
    assertEquals("com.acme.C", cls(f, "com.acme.C.Nested").enclosingClassId());
    assertEquals(null, cls(f, "com.acme.C").enclosingClassId());
    assertEquals(ClassDecl.Kind.LOCAL, cls(f, "com.acme.C$3Local").kind());
    assertEquals(ClassDecl.Kind.ANONYMOUS, cls(f, "com.acme.C$5").kind());
    assertEquals("com.acme.C$3Local", all(f, Stmt.LocalClass.class).get(0).classId());
  }

  @Test
  void anAnonymousClassIsNumberedAtItsNewBeforeThoseInItsArguments() {
    SourceFile f =
        lower(
            """
            package com.acme;
            class C {
              static class Holder { Holder(Object o) {} }
              Holder h = new Holder(new Object() {}) {};
            }
            """);
    Expr.New outer = all(f, Expr.New.class).get(0);
    assertEquals("com.acme.C$1", outer.anonymousClassId());
    assertEquals("com.acme.C$2", ((Expr.New) outer.args().get(0)).anonymousClassId());
  }

  @Test
  void lambdasAreNumberedSeparatelyPerNamedClassThroughAnonymousClasses() {
    SourceFile f =
        lower(
            """
            package com.acme;
            import java.util.function.*;
            class C {
              Runnable r = () -> {};
              Supplier<Runnable> s = () -> () -> {};
              Object anon = new Object() { Runnable inAnon = () -> {}; };
              static class Nested { Runnable n = () -> {}; }
            }
            """);
    assertEquals(
        List.of(
            "com.acme.C$lambda$1",
            "com.acme.C$lambda$2",
            "com.acme.C$lambda$3",
            "com.acme.C$lambda$4",
            "com.acme.C.Nested$lambda$1"),
        all(f, Expr.Lambda.class).stream().map(Expr.Lambda::id).toList());
    assertEquals(List.of("com.acme.C", "com.acme.C$1", "com.acme.C.Nested"), ids(f));
  }

  @Test
  void enumConstantBodiesAreAnonymousClassesOfTheEnumEvenWhenEmpty() {
    SourceFile f =
        lower(
            """
            package com.acme;
            enum C {
              PLAIN,
              FANCY { @Override int weight() { return 2; } },
              EMPTY { },
              WITH_ARGS(new int[] {1});
              C() {}
              C(int[] a) {}
              int weight() { return 1; }
            }
            """);
    assertEquals(List.of("com.acme.C", "com.acme.C$1", "com.acme.C$2"), ids(f));
    ClassDecl fancy = cls(f, "com.acme.C$1");
    assertEquals(ClassDecl.Kind.ANONYMOUS, fancy.kind());
    assertEquals("com.acme.C", fancy.superclass().name());
    assertEquals("com.acme.C", fancy.enclosingClassId());
    assertEquals(
        "com.acme.C$2",
        ((Expr.New) Ir.field(cls(f, "com.acme.C"), "EMPTY").initializer()).anonymousClassId());
  }

  @Test
  void memberClassOfALocalClassIsNamedAfterIt() {
    SourceFile f =
        lower(
            """
            package com.acme;
            class C {
              void m() {
                class Local {
                  class Member { Runnable r = () -> {}; Object o = new Object() {}; }
                }
              }
            }
            """);
    assertEquals(
        List.of(
            "com.acme.C",
            "com.acme.C$1Local",
            "com.acme.C$1Local.Member",
            "com.acme.C$1Local.Member$1"),
        ids(f));
    assertEquals("com.acme.C$1Local.Member$lambda$1", all(f, Expr.Lambda.class).get(0).id());
  }

  @Test
  void localRecordsAndInterfacesKeepTheirKindAndAreStatic() {
    SourceFile f =
        lower(
            """
            package com.acme;
            class C {
              void m() {
                record Pair(int a, int b) {}
                interface Shape {}
              }
            }
            """);
    assertEquals(List.of("com.acme.C", "com.acme.C$1Pair", "com.acme.C$2Shape"), ids(f));
    assertEquals(ClassDecl.Kind.RECORD, cls(f, "com.acme.C$1Pair").kind());
    assertEquals(ClassDecl.Kind.INTERFACE, cls(f, "com.acme.C$2Shape").kind());
    assertFalse(cls(f, "com.acme.C$1Pair").hasOuterInstance());
    assertFalse(cls(f, "com.acme.C$2Shape").hasOuterInstance());
  }

  @Test
  void localClassTypesAreNamedByTheirId() {
    SourceFile f =
        lower(
            """
            package com.acme;
            class C {
              void m() {
                class Counter { int n; }
                Counter c = new Counter();
                c.n++;
              }
            }
            """);
    assertEquals("com.acme.C$1Counter", all(f, Stmt.LocalVar.class).get(0).type().name());
    assertEquals("com.acme.C$1Counter", all(f, Expr.FieldAccess.class).get(0).ownerClass());
    assertEquals("com.acme.C$1Counter", all(f, Expr.New.class).get(0).constructor().owner());
  }

  @Test
  void defaultPackageIdsAreSimpleNames() {
    SourceFile f =
        new JavaParserFrontEnd()
            .lowerSource("Plain.java", "class Plain { Object o = new Object() {}; class In {} }");
    assertEquals("", f.packageName());
    assertEquals(List.of("Plain", "Plain$1", "Plain.In"), ids(f));
  }
}
