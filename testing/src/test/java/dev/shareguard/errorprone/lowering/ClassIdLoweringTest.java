package dev.shareguard.errorprone.lowering;

import static dev.shareguard.testing.IrNodes.all;
import static dev.shareguard.testing.IrNodes.classById;
import static dev.shareguard.testing.IrNodes.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.shareguard.core.ir.ClassDecl;
import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.SourceFile;
import dev.shareguard.core.ir.Stmt;
import dev.shareguard.testing.FrontEnd;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Ids of nested, anonymous and local classes and of lambdas, and the order of the class list, the
 * same from both front ends.
 */
class ClassIdLoweringTest {
  private static List<String> ids(SourceFile f) {
    return f.classes().stream().map(ClassDecl::id).toList();
  }

  @ParameterizedTest
  @EnumSource(FrontEnd.class)
  void anonymousAndLocalClassesShareOneSequencePerNamedClassInTextualOrder(FrontEnd frontEnd) {
    SourceFile f =
        frontEnd.lower(
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
    assertEquals("com.acme.C$1", classById(f, "com.acme.C$2").enclosingClassId());
    assertEquals("com.acme.C$3Local", classById(f, "com.acme.C$4").enclosingClassId());
    assertEquals("com.acme.C", classById(f, "com.acme.C.Nested").enclosingClassId());
    assertNull(classById(f, "com.acme.C").enclosingClassId());
    assertEquals(ClassDecl.Kind.LOCAL, classById(f, "com.acme.C$3Local").kind());
    assertEquals(ClassDecl.Kind.ANONYMOUS, classById(f, "com.acme.C$5").kind());
    assertEquals("com.acme.C$3Local", all(f, Stmt.LocalClass.class).get(0).classId());
  }

  @ParameterizedTest
  @EnumSource(FrontEnd.class)
  void anAnonymousClassIsNumberedAtItsNewBeforeThoseInItsArguments(FrontEnd frontEnd) {
    SourceFile f =
        frontEnd.lower(
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

  @ParameterizedTest
  @EnumSource(FrontEnd.class)
  void lambdasAreNumberedSeparatelyPerNamedClassThroughAnonymousClasses(FrontEnd frontEnd) {
    SourceFile f =
        frontEnd.lower(
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

  @ParameterizedTest
  @EnumSource(FrontEnd.class)
  void enumConstantBodiesAreAnonymousClassesOfTheEnumEvenWhenEmpty(FrontEnd frontEnd) {
    SourceFile f =
        frontEnd.lower(
            """
            package com.acme;
            enum C {
              PLAIN,
              FANCY { @Override int weight() { return 2; } },
              EMPTY { },
              WITH_ARGS(new int[] {1}),
              FANCIER { @Override int weight() { return 3; } };
              C() {}
              C(int[] a) {}
              int weight() { return 1; }
            }
            """);
    assertEquals(List.of("com.acme.C", "com.acme.C$1", "com.acme.C$2", "com.acme.C$3"), ids(f));
    ClassDecl fancy = classById(f, "com.acme.C$1");
    assertEquals(ClassDecl.Kind.ANONYMOUS, fancy.kind());
    assertEquals("com.acme.C", fancy.superclass().name());
    assertEquals("com.acme.C", fancy.enclosingClassId());
    assertEquals(
        "com.acme.C$2",
        ((Expr.New) field(classById(f, "com.acme.C"), "EMPTY").initializer()).anonymousClassId());
    assertEquals(
        "com.acme.C$3",
        ((Expr.New) field(classById(f, "com.acme.C"), "FANCIER").initializer()).anonymousClassId());
  }

  @ParameterizedTest
  @EnumSource(FrontEnd.class)
  void memberClassOfALocalClassIsNamedAfterIt(FrontEnd frontEnd) {
    SourceFile f =
        frontEnd.lower(
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

  @ParameterizedTest
  @EnumSource(FrontEnd.class)
  void localRecordsAndInterfacesKeepTheirKindAndAreStatic(FrontEnd frontEnd) {
    SourceFile f =
        frontEnd.lower(
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
    assertEquals(ClassDecl.Kind.RECORD, classById(f, "com.acme.C$1Pair").kind());
    assertEquals(ClassDecl.Kind.INTERFACE, classById(f, "com.acme.C$2Shape").kind());
    assertFalse(classById(f, "com.acme.C$1Pair").hasOuterInstance());
    assertFalse(classById(f, "com.acme.C$2Shape").hasOuterInstance());
  }

  /**
   * javac only: JavaParser 3.28 does not parse a local enum (Java 16; javaparser issue #3990), so
   * the CLI reports the file as a parse error and there is no IR to compare.
   */
  @Test
  void localEnumsKeepTheirKindAndAreStatic() {
    SourceFile f =
        FrontEnd.JAVAC.lower(
            """
            package com.acme;
            class C {
              void m() {
                record Pair(int a, int b) {}
                enum Mode { ON, OFF }
              }
            }
            """);
    assertEquals(List.of("com.acme.C", "com.acme.C$1Pair", "com.acme.C$2Mode"), ids(f));
    assertEquals(ClassDecl.Kind.ENUM, classById(f, "com.acme.C$2Mode").kind());
    assertFalse(classById(f, "com.acme.C$2Mode").hasOuterInstance());
  }

  @ParameterizedTest
  @EnumSource(FrontEnd.class)
  void localClassTypesAreNamedByTheirId(FrontEnd frontEnd) {
    SourceFile f =
        frontEnd.lower(
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

  @ParameterizedTest
  @EnumSource(FrontEnd.class)
  void defaultPackageIdsAreSimpleNames(FrontEnd frontEnd) {
    SourceFile f =
        frontEnd.lower("Plain.java", "class Plain { Object o = new Object() {}; class In {} }");
    assertEquals("", f.packageName());
    assertEquals(List.of("Plain", "Plain$1", "Plain.In"), ids(f));
  }
}
