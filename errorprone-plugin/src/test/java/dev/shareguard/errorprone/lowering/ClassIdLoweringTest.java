package dev.shareguard.errorprone.lowering;

import static dev.shareguard.errorprone.testing.IrNodes.all;
import static dev.shareguard.errorprone.testing.IrNodes.classById;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shareguard.core.ir.ClassDecl;
import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.SourceFile;
import dev.shareguard.core.ir.Stmt;
import dev.shareguard.errorprone.testing.ErrorProneRunner;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Ids of nested, anonymous and local classes and of lambdas, and the order of the class list. */
class ClassIdLoweringTest {
  private static SourceFile lower(String source) {
    return ErrorProneRunner.lower("com/acme/Outer.java", source);
  }

  private static List<String> ids(SourceFile f) {
    return f.classes().stream().map(ClassDecl::id).toList();
  }

  @Test
  void anonymousAndLocalClassesShareOneSequencePerNamedClassInTextualOrder() {
    SourceFile f =
        lower(
            """
            package com.acme;
            class Outer {
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
            "com.acme.Outer",
            "com.acme.Outer$1",
            "com.acme.Outer$2",
            "com.acme.Outer$3Local",
            "com.acme.Outer$4",
            "com.acme.Outer$5",
            "com.acme.Outer.Nested",
            "com.acme.Outer.Nested$1"),
        ids(f));
    assertEquals("com.acme.Outer$1", classById(f, "com.acme.Outer$2").enclosingClassId());
    assertEquals("com.acme.Outer$3Local", classById(f, "com.acme.Outer$4").enclosingClassId());
    assertEquals(ClassDecl.Kind.LOCAL, classById(f, "com.acme.Outer$3Local").kind());
    assertEquals(ClassDecl.Kind.ANONYMOUS, classById(f, "com.acme.Outer$5").kind());
    assertEquals("com.acme.Outer$3Local", all(f, Stmt.LocalClass.class).get(0).classId());
  }

  @Test
  void anonymousClassIsNumberedAtItsNewBeforeAnonymousClassesInItsArguments() {
    SourceFile f =
        lower(
            """
            package com.acme;
            class Outer {
              static class Holder { Holder(Object o) {} }
              Holder h = new Holder(new Object() {}) {};
            }
            """);
    Expr.New outer = all(f, Expr.New.class).get(0);
    assertEquals("com.acme.Outer$1", outer.anonymousClassId());
    assertEquals("com.acme.Outer$2", ((Expr.New) outer.args().get(0)).anonymousClassId());
  }

  @Test
  void lambdasAreNumberedSeparatelyPerNamedClass() {
    SourceFile f =
        lower(
            """
            package com.acme;
            import java.util.function.*;
            class Outer {
              Runnable r = () -> {};
              Supplier<Runnable> s = () -> () -> {};
              Object anon = new Object() { Runnable inAnon = () -> {}; };
              static class Nested { Runnable n = () -> {}; }
            }
            """);
    assertEquals(
        List.of(
            "com.acme.Outer$lambda$1",
            "com.acme.Outer$lambda$2",
            "com.acme.Outer$lambda$3",
            "com.acme.Outer$lambda$4",
            "com.acme.Outer.Nested$lambda$1"),
        all(f, Expr.Lambda.class).stream().map(Expr.Lambda::id).toList());
    assertEquals(List.of("com.acme.Outer", "com.acme.Outer$1", "com.acme.Outer.Nested"), ids(f));
  }

  @Test
  void enumConstantBodiesAreAnonymousClassesOfTheEnum() {
    SourceFile f =
        lower(
            """
            package com.acme;
            enum Outer {
              PLAIN,
              FANCY { @Override int weight() { return 2; } },
              FANCIER { @Override int weight() { return 3; } };
              int weight() { return 1; }
            }
            """);
    assertEquals(List.of("com.acme.Outer", "com.acme.Outer$1", "com.acme.Outer$2"), ids(f));
    ClassDecl fancy = classById(f, "com.acme.Outer$1");
    assertEquals(ClassDecl.Kind.ANONYMOUS, fancy.kind());
    assertEquals("com.acme.Outer", fancy.superclass().name());
    assertEquals("com.acme.Outer", fancy.enclosingClassId());
  }

  @Test
  void memberClassOfLocalClassIsNamedAfterIt() {
    SourceFile f =
        lower(
            """
            package com.acme;
            class Outer {
              void m() {
                class Local {
                  class Member { Runnable r = () -> {}; Object o = new Object() {}; }
                }
              }
            }
            """);
    assertEquals(
        List.of(
            "com.acme.Outer",
            "com.acme.Outer$1Local",
            "com.acme.Outer$1Local.Member",
            "com.acme.Outer$1Local.Member$1"),
        ids(f));
    assertEquals("com.acme.Outer$1Local.Member$lambda$1", all(f, Expr.Lambda.class).get(0).id());
  }

  @Test
  void localRecordsEnumsAndInterfacesKeepTheirKindAndAreStatic() {
    SourceFile f =
        lower(
            """
            package com.acme;
            class Outer {
              void m() {
                record Pair(int a, int b) {}
                interface Shape {}
                enum Mode { ON, OFF }
              }
            }
            """);
    assertEquals(
        List.of(
            "com.acme.Outer",
            "com.acme.Outer$1Pair",
            "com.acme.Outer$2Shape",
            "com.acme.Outer$3Mode"),
        ids(f));
    assertEquals(ClassDecl.Kind.RECORD, classById(f, "com.acme.Outer$1Pair").kind());
    assertEquals(ClassDecl.Kind.INTERFACE, classById(f, "com.acme.Outer$2Shape").kind());
    assertEquals(ClassDecl.Kind.ENUM, classById(f, "com.acme.Outer$3Mode").kind());
    for (String id :
        List.of("com.acme.Outer$1Pair", "com.acme.Outer$2Shape", "com.acme.Outer$3Mode")) {
      assertEquals(false, classById(f, id).hasOuterInstance(), id);
    }
  }

  @Test
  void localClassTypesAreNamedByTheirId() {
    SourceFile f =
        lower(
            """
            package com.acme;
            class Outer {
              void m() {
                class Counter { int n; }
                Counter c = new Counter();
                c.n++;
              }
            }
            """);
    Stmt.LocalVar c = all(f, Stmt.LocalVar.class).get(0);
    assertEquals("com.acme.Outer$1Counter", c.type().name());
    assertEquals("com.acme.Outer$1Counter", all(f, Expr.FieldAccess.class).get(0).ownerClass());
    assertEquals("com.acme.Outer$1Counter", all(f, Expr.New.class).get(0).constructor().owner());
  }

  @Test
  void defaultPackageIdsAreSimpleNames() {
    SourceFile f =
        ErrorProneRunner.lower(
            "Plain.java", "class Plain { Object o = new Object() {}; class In {} }");
    assertEquals("", f.packageName());
    assertEquals(List.of("Plain", "Plain$1", "Plain.In"), ids(f));
  }
}
