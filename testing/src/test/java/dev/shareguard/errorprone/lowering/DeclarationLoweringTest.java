package dev.shareguard.errorprone.lowering;

import static dev.shareguard.core.ir.IrPrinter.expr;
import static dev.shareguard.testing.IrNodes.classById;
import static dev.shareguard.testing.IrNodes.field;
import static dev.shareguard.testing.IrNodes.method;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shareguard.cli.frontend.SourceParseException;
import dev.shareguard.core.ir.Annotation;
import dev.shareguard.core.ir.ClassDecl;
import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.MethodDecl;
import dev.shareguard.core.ir.Modifier;
import dev.shareguard.core.ir.Param;
import dev.shareguard.core.ir.SourceFile;
import dev.shareguard.core.ir.Stmt;
import dev.shareguard.core.ir.TypeRef;
import dev.shareguard.testing.FrontEnd;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Classes and members: only what is written (no generated members), with the modifiers the language
 * implies, initializers, records and enums; the same from both front ends.
 */
class DeclarationLoweringTest {
  private static List<String> methodNames(ClassDecl c) {
    return c.methods().stream().map(MethodDecl::name).toList();
  }

  @ParameterizedTest
  @EnumSource(FrontEnd.class)
  void constructorsAndInitializersWithoutGeneratedCode(FrontEnd frontEnd) {
    SourceFile f =
        frontEnd.lower(
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
              static { a = 2; }
            }
            class D { }
            """);
    ClassDecl c = classById(f, "com.acme.C");
    assertEquals(
        List.of("<clinit>", "<instinit>", "<init>", "<init>", "<instinit>", "<clinit>"),
        methodNames(c));
    assertEquals(Set.of(Modifier.STATIC), method(c, "<clinit>").modifiers());
    // No implicit super() in the first constructor; the explicit this() stays in the second.
    assertEquals(List.of(), c.methods().get(2).body().stmts());
    Expr.Call self = (Expr.Call) ((Stmt.ExprStmt) c.methods().get(3).body().stmts().get(0)).expr();
    assertEquals("com.acme.C#<init>/0", self.target().toString());
    assertEquals(List.of(Param.of("x", TypeRef.primitive("int"))), c.methods().get(3).params());
    assertEquals(TypeRef.VOID, c.methods().get(3).returnType());
    // No default constructor for D.
    assertEquals(List.of(), classById(f, "com.acme.D").methods());
  }

  @ParameterizedTest
  @EnumSource(FrontEnd.class)
  void recordsHaveComponentFieldsAndOnlyWrittenMembers(FrontEnd frontEnd) {
    SourceFile f =
        frontEnd.lower(
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
    ClassDecl point = classById(f, "com.acme.C.Point");
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
    ClassDecl plain = classById(f, "com.acme.C.Plain");
    assertEquals(List.of(), plain.methods());
    assertEquals(1, plain.fields().size());
    // The implicit accessor is known to the type model, not written into the IR.
    Stmt.Return r = (Stmt.Return) method(classById(f, "com.acme.C"), "use").body().stmts().get(0);
    assertEquals("p.com.acme.C.Plain#name/0():java.lang.String", expr(r.expr()));
  }

  @ParameterizedTest
  @EnumSource(FrontEnd.class)
  void enumsHaveConstantsAsStaticFinalFieldsCreatedByNew(FrontEnd frontEnd) {
    SourceFile f =
        frontEnd.lower(
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
    ClassDecl c = classById(f, "com.acme.C");
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
    assertEquals("com.acme.C#<init>/1", highNew.constructor().toString());
    assertEquals(List.of("<init>", "weight", "parse"), methodNames(c));
    assertEquals(Set.of(Modifier.PRIVATE), method(c, "<init>").modifiers());
    assertEquals(List.of("weight"), methodNames(classById(f, "com.acme.C$1")));
    Stmt.Return r = (Stmt.Return) method(c, "parse").body().stmts().get(0);
    assertEquals("static com.acme.C#valueOf/1(s):com.acme.C", expr(r.expr()));
  }

  @ParameterizedTest
  @EnumSource(FrontEnd.class)
  void fieldsInOneDeclarationShareModifiersAndAnnotations(FrontEnd frontEnd) {
    SourceFile f =
        frontEnd.lower(
            """
            package com.acme;
            class C {
              @Deprecated private volatile int a = 1, b, c[];
              transient String d;
            }
            """);
    ClassDecl c = classById(f, "com.acme.C");
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

  @ParameterizedTest
  @EnumSource(FrontEnd.class)
  void annotationsKeepTheirStringValuesConstantsFolded(FrontEnd frontEnd) {
    SourceFile f =
        frontEnd.lower(
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
    ClassDecl c = classById(f, "com.acme.C");
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

  @ParameterizedTest
  @EnumSource(FrontEnd.class)
  void modifiersTheLanguageImplies(FrontEnd frontEnd) {
    SourceFile f =
        frontEnd.lower(
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
    ClassDecl api = classById(f, "com.acme.C.Api");
    assertEquals(Set.of(Modifier.STATIC), api.modifiers());
    assertEquals(
        Set.of(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL), field(api, "LIMIT").modifiers());
    assertEquals(Set.of(Modifier.PUBLIC, Modifier.ABSTRACT), method(api, "call").modifiers());
    assertEquals(Set.of(Modifier.PUBLIC, Modifier.DEFAULT), method(api, "twice").modifiers());
    assertEquals(Set.of(Modifier.PUBLIC, Modifier.STATIC), method(api, "none").modifiers());
    assertEquals(Set.of(Modifier.PRIVATE), method(api, "hidden").modifiers());
    assertEquals(
        Set.of(Modifier.PUBLIC, Modifier.STATIC), classById(f, "com.acme.C.Api.Impl").modifiers());
    assertEquals(Set.of(Modifier.STATIC), classById(f, "com.acme.C.Mode").modifiers());
    ClassDecl marker = classById(f, "com.acme.C.Marker");
    assertEquals(ClassDecl.Kind.ANNOTATION, marker.kind());
    assertEquals(Set.of(Modifier.STATIC), marker.modifiers());
    assertEquals(Set.of(Modifier.PUBLIC, Modifier.ABSTRACT), method(marker, "value").modifiers());
    assertEquals(Set.of(), classById(f, "com.acme.C.Inner").modifiers());
    assertTrue(classById(f, "com.acme.C.Inner").hasOuterInstance());
    ClassDecl base = classById(f, "com.acme.C.Base");
    assertEquals(Set.of(Modifier.STATIC, Modifier.ABSTRACT), base.modifiers());
    assertNull(method(base, "run").body());
    assertEquals(Set.of(Modifier.SYNCHRONIZED, Modifier.NATIVE), method(base, "n").modifiers());
    assertEquals(Set.of(Modifier.PUBLIC), classById(f, "com.acme.C").modifiers());
  }

  @ParameterizedTest
  @EnumSource(FrontEnd.class)
  void varargsAndSupertypes(FrontEnd frontEnd) {
    SourceFile f =
        frontEnd.lower(
            """
            package com.acme;
            import java.util.*;
            abstract class C extends AbstractList<String> implements RandomAccess, Comparable<C> {
              void log(@Deprecated String format, Object... args) { }
            }
            """);
    ClassDecl c = classById(f, "com.acme.C");
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
    assertEquals("com/acme/C.java", f.path());
    assertEquals(List.of(), log.body().stmts());
  }

  /**
   * JavaParser front end only: it stops at a file that does not parse and says where, so the CLI
   * can report the file. javac recovers from syntax errors instead and lowers what it could parse
   * (see {@link LoweringRobustnessTest}).
   */
  @Test
  void aParseErrorNamesTheLine() {
    SourceParseException e =
        assertThrows(
            SourceParseException.class,
            () ->
                FrontEnd.JAVAPARSER.lower(
                    "package com.acme;\nclass C {\n  void m() { int = ; }\n}\n"));
    assertEquals(3, e.line());
    assertEquals("com/acme/C.java", e.path());
    assertTrue(e.getMessage().startsWith("com/acme/C.java:3: "), e.getMessage());
    assertFalse(e.reason().contains("\n"), e.reason());
  }
}
