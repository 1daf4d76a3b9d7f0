package dev.shareguard.cli.frontend;

import static dev.shareguard.cli.frontend.Ir.cls;
import static dev.shareguard.cli.frontend.Ir.field;
import static dev.shareguard.cli.frontend.Ir.lower;
import static dev.shareguard.cli.frontend.Ir.method;
import static dev.shareguard.core.ir.IrPrinter.expr;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shareguard.core.ir.Annotation;
import dev.shareguard.core.ir.ClassDecl;
import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.MethodDecl;
import dev.shareguard.core.ir.Modifier;
import dev.shareguard.core.ir.Param;
import dev.shareguard.core.ir.SourceFile;
import dev.shareguard.core.ir.Stmt;
import dev.shareguard.core.ir.TypeRef;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Classes and members: only what is written, the modifiers the language implies. */
class DeclarationLoweringTest {
  private static List<String> methodNames(ClassDecl c) {
    return c.methods().stream().map(MethodDecl::name).toList();
  }

  @Test
  void constructorsAndInitializersWithoutGeneratedCode() {
    SourceFile f =
        lower(
            """
            package com.acme;
            class C {
              static int a;
              int b;
              static { a = 1; }
              { b = 1; }
              C() { }
              C(int x) { this(); b = x; }
              { b = 2; }
            }
            class D { }
            """);
    ClassDecl c = cls(f, "com.acme.C");
    assertEquals(
        List.of("<clinit>", "<instinit>", "<init>", "<init>", "<instinit>"), methodNames(c));
    assertEquals(Set.of(Modifier.STATIC), method(c, "<clinit>").modifiers());
    assertEquals(List.of(), c.methods().get(2).body().stmts());
    assertEquals(List.of(Param.of("x", TypeRef.primitive("int"))), c.methods().get(3).params());
    assertEquals(TypeRef.VOID, c.methods().get(3).returnType());
    assertEquals(List.of(), cls(f, "com.acme.D").methods());
  }

  @Test
  void recordsHaveComponentFieldsAndOnlyWrittenMembers() {
    SourceFile f =
        lower(
            """
            package com.acme;
            import java.util.List;
            class C {
              record Point(int x, @Deprecated List<String> tags) {
                static final Point ORIGIN = new Point(0, List.of());
                Point {
                  tags = List.copyOf(tags);
                }
                public int x() { return x; }
              }
              record Plain(String name) { }
              String use(Plain p) { return p.name(); }
            }
            """);
    ClassDecl point = cls(f, "com.acme.C.Point");
    assertEquals(ClassDecl.Kind.RECORD, point.kind());
    assertEquals(Set.of(Modifier.STATIC, Modifier.FINAL), point.modifiers());
    assertNull(point.superclass());
    assertEquals(
        List.of("x", "tags", "ORIGIN"), point.fields().stream().map(x -> x.name()).toList());
    assertEquals(Set.of(Modifier.PRIVATE, Modifier.FINAL), field(point, "x").modifiers());
    assertEquals(
        List.of(Annotation.of("java.lang.Deprecated")), field(point, "tags").annotations());
    assertEquals(List.of("<init>", "x"), methodNames(point));
    MethodDecl compact = method(point, "<init>");
    assertEquals(List.of("x", "tags"), compact.params().stream().map(Param::name).toList());
    assertEquals(1, compact.body().stmts().size());
    assertEquals(
        "new com.acme.C.Point(0, static java.util.List#of/0():java.util.List<java.lang.String>)",
        expr(field(point, "ORIGIN").initializer()));
    assertEquals(List.of(), cls(f, "com.acme.C.Plain").methods());
    // The implicit accessor is known to the type model, not written into the IR.
    Stmt.Return r = (Stmt.Return) method(cls(f, "com.acme.C"), "use").body().stmts().get(0);
    assertEquals("p.com.acme.C.Plain#name/0():java.lang.String", expr(r.expr()));
  }

  @Test
  void enumsHaveConstantsAsStaticFinalFieldsCreatedByNew() {
    SourceFile f =
        lower(
            """
            package com.acme;
            enum C {
              LOW(1), HIGH(2) { @Override int weight() { return 20; } };
              private final int level;
              C(int level) { this.level = level; }
              int weight() { return level; }
              static C parse(String s) { return valueOf(s); }
            }
            """);
    ClassDecl c = cls(f, "com.acme.C");
    assertEquals(ClassDecl.Kind.ENUM, c.kind());
    assertNull(c.superclass());
    assertEquals(List.of("LOW", "HIGH", "level"), c.fields().stream().map(x -> x.name()).toList());
    var low = field(c, "LOW");
    assertEquals(Set.of(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL), low.modifiers());
    assertEquals(TypeRef.of("com.acme.C"), low.type());
    Expr.New lowNew = (Expr.New) low.initializer();
    assertEquals("new com.acme.C(1)", expr(lowNew));
    assertEquals(low.pos(), lowNew.pos());
    assertEquals("com.acme.C#<init>/1", lowNew.constructor().toString());
    Expr.New highNew = (Expr.New) field(c, "HIGH").initializer();
    assertEquals("com.acme.C$1", highNew.anonymousClassId());
    assertEquals(List.of("<init>", "weight", "parse"), methodNames(c));
    assertEquals(Set.of(Modifier.PRIVATE), method(c, "<init>").modifiers());
    assertEquals(List.of("weight"), methodNames(cls(f, "com.acme.C$1")));
    Stmt.Return r = (Stmt.Return) method(c, "parse").body().stmts().get(0);
    assertEquals("static com.acme.C#valueOf/1(s):com.acme.C", expr(r.expr()));
  }

  @Test
  void fieldsInOneDeclarationShareModifiersAndAnnotations() {
    SourceFile f =
        lower(
            """
            package com.acme;
            class C {
              @Deprecated private volatile int a = 1, b, c[];
              transient String d;
            }
            """);
    ClassDecl c = cls(f, "com.acme.C");
    assertEquals(4, c.fields().size());
    for (String name : List.of("a", "b", "c")) {
      assertEquals(Set.of(Modifier.PRIVATE, Modifier.VOLATILE), field(c, name).modifiers());
      assertEquals(List.of(Annotation.of("java.lang.Deprecated")), field(c, name).annotations());
    }
    assertEquals("1", expr(field(c, "a").initializer()));
    assertNull(field(c, "b").initializer());
    assertEquals(TypeRef.primitive("int").arrayOf(1), field(c, "c").type());
    assertEquals(Set.of(Modifier.TRANSIENT), field(c, "d").modifiers());
  }

  @Test
  void annotationsKeepTheirStringValuesConstantsFolded() {
    SourceFile f =
        lower(
            """
            package com.acme;
            import javax.annotation.concurrent.GuardedBy;
            @SuppressWarnings({"UnguardedSharedWrite", "unchecked"})
            class C {
              static final String LOCK = "lo" + "ck";
              @GuardedBy("this") int a;
              @GuardedBy(LOCK) int b;
              @Deprecated(since = "2", forRemoval = true) int c;
              @SuppressWarnings(value = "all") int d;
              @Unknown int e;
            }
            """);
    ClassDecl c = cls(f, "com.acme.C");
    assertEquals(
        List.of(
            new Annotation(
                "java.lang.SuppressWarnings",
                Map.of("value", List.of("UnguardedSharedWrite", "unchecked")))),
        c.annotations());
    assertEquals(
        new Annotation("javax.annotation.concurrent.GuardedBy", Map.of("value", List.of("this"))),
        field(c, "a").annotations().get(0));
    assertEquals(List.of("lock"), field(c, "b").annotations().get(0).strings("value"));
    assertEquals(
        new Annotation("java.lang.Deprecated", Map.of("since", List.of("2"))),
        field(c, "c").annotations().get(0));
    assertEquals(List.of("all"), field(c, "d").annotations().get(0).strings("value"));
    assertEquals(Annotation.of("Unknown"), field(c, "e").annotations().get(0));
  }

  @Test
  void modifiersTheLanguageImplies() {
    SourceFile f =
        lower(
            """
            package com.acme;
            public class C {
              interface Api {
                int LIMIT = 1;
                void call();
                default void twice() { call(); call(); }
                static Api none() { return null; }
                private void hidden() { }
                class Impl { }
              }
              enum Mode { ON }
              @interface Marker { String value(); }
              class Inner { }
              static abstract class Base { abstract void run(); synchronized native void n(); }
            }
            """);
    ClassDecl api = cls(f, "com.acme.C.Api");
    assertEquals(Set.of(Modifier.STATIC), api.modifiers());
    assertEquals(
        Set.of(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL), field(api, "LIMIT").modifiers());
    assertEquals(Set.of(Modifier.PUBLIC, Modifier.ABSTRACT), method(api, "call").modifiers());
    assertEquals(Set.of(Modifier.PUBLIC, Modifier.DEFAULT), method(api, "twice").modifiers());
    assertEquals(Set.of(Modifier.PUBLIC, Modifier.STATIC), method(api, "none").modifiers());
    assertEquals(Set.of(Modifier.PRIVATE), method(api, "hidden").modifiers());
    assertEquals(
        Set.of(Modifier.PUBLIC, Modifier.STATIC), cls(f, "com.acme.C.Api.Impl").modifiers());
    assertEquals(Set.of(Modifier.STATIC), cls(f, "com.acme.C.Mode").modifiers());
    ClassDecl marker = cls(f, "com.acme.C.Marker");
    assertEquals(ClassDecl.Kind.ANNOTATION, marker.kind());
    assertEquals(Set.of(Modifier.PUBLIC, Modifier.ABSTRACT), method(marker, "value").modifiers());
    assertEquals(Set.of(), cls(f, "com.acme.C.Inner").modifiers());
    assertTrue(cls(f, "com.acme.C.Inner").hasOuterInstance());
    ClassDecl base = cls(f, "com.acme.C.Base");
    assertEquals(Set.of(Modifier.STATIC, Modifier.ABSTRACT), base.modifiers());
    assertNull(method(base, "run").body());
    assertEquals(Set.of(Modifier.SYNCHRONIZED, Modifier.NATIVE), method(base, "n").modifiers());
  }

  @Test
  void varargsAndSupertypes() {
    SourceFile f =
        lower(
            """
            package com.acme;
            import java.util.*;
            abstract class C extends AbstractList<String> implements RandomAccess, Comparable<C> {
              void log(@Deprecated String format, Object... args) { }
            }
            """);
    ClassDecl c = cls(f, "com.acme.C");
    assertEquals(
        TypeRef.of("java.util.AbstractList", TypeRef.of("java.lang.String")), c.superclass());
    assertEquals(
        List.of(
            TypeRef.of("java.util.RandomAccess"),
            TypeRef.of("java.lang.Comparable", TypeRef.of("com.acme.C"))),
        c.interfaces());
    MethodDecl log = method(c, "log");
    assertTrue(log.varargs());
    assertEquals(TypeRef.of("java.lang.Object").arrayOf(1), log.params().get(1).type());
    assertEquals(List.of(Annotation.of("java.lang.Deprecated")), log.params().get(0).annotations());
  }

  @Test
  void aParseErrorNamesTheLine() {
    SourceParseException e =
        assertThrows(
            SourceParseException.class,
            () -> lower("package com.acme;\nclass C {\n  void m() { int = ; }\n}\n"));
    assertEquals(3, e.line());
    assertEquals("com/acme/C.java", e.path());
    assertTrue(e.getMessage().startsWith("com/acme/C.java:3: "), e.getMessage());
    assertTrue(!e.reason().contains("\n"), e.reason());
  }
}
