package dev.shareguard.errorprone.lowering;

import static dev.shareguard.errorprone.testing.IrNodes.all;
import static dev.shareguard.errorprone.testing.IrNodes.classById;
import static dev.shareguard.errorprone.testing.IrNodes.field;
import static dev.shareguard.errorprone.testing.IrNodes.find;
import static dev.shareguard.errorprone.testing.IrNodes.method;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shareguard.core.ir.ClassDecl;
import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.MethodTarget;
import dev.shareguard.core.ir.SourceFile;
import dev.shareguard.core.ir.Stmt;
import dev.shareguard.core.ir.TypeRef;
import dev.shareguard.errorprone.testing.ErrorProneRunner;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Types and call targets: qualified erased names, type arguments, substituted return types. */
class TypeLoweringTest {
  private static SourceFile lower(String source) {
    return ErrorProneRunner.lower("com/acme/C.java", source);
  }

  @Test
  void typeArgumentsAreKeptAndReturnTypesSubstituted() {
    SourceFile f =
        lower(
            """
            package com.acme;
            import java.util.*;
            class C {
              Map<String, List<Integer>> byName = new HashMap<>();
              List<Integer> get(String k) { return byName.get(k); }
            }
            """);
    ClassDecl c = classById(f, "com.acme.C");
    TypeRef listOfInteger = TypeRef.of("java.util.List", TypeRef.of("java.lang.Integer"));
    assertEquals(
        TypeRef.of("java.util.Map", TypeRef.of("java.lang.String"), listOfInteger),
        field(c, "byName").type());
    assertEquals(
        TypeRef.of("java.util.HashMap", TypeRef.of("java.lang.String"), listOfInteger),
        field(c, "byName").initializer().type());
    Expr.Call get = find(f, Expr.Call.class, "#get/1");
    assertEquals(listOfInteger, get.type());
    MethodTarget t = get.target();
    assertEquals("java.util.Map", t.owner());
    assertEquals("get", t.name());
    assertEquals(List.of(TypeRef.of("java.lang.Object")), t.paramTypes());
    assertEquals(1, t.arity());
    assertEquals(listOfInteger, t.returnType());
    assertFalse(t.isStatic());
    assertTrue(t.resolved());
  }

  @Test
  void nestedClassesUseDotsAndTypeVariablesTheirNames() {
    SourceFile f =
        lower(
            """
            package com.acme;
            import java.util.*;
            class C<K> {
              Map.Entry<K, String> entry;
              <V> V pick(List<? extends V> from, List<?> any, Comparator<? super V> order) {
                return from.get(0);
              }
              Object self() { return entry == null ? this : null; }
            }
            """);
    ClassDecl c = classById(f, "com.acme.C");
    assertEquals(
        TypeRef.of("java.util.Map.Entry", TypeRef.typeVar("K"), TypeRef.of("java.lang.String")),
        field(c, "entry").type());
    var pick = method(c, "pick");
    assertEquals(TypeRef.typeVar("V"), pick.returnType());
    assertEquals(TypeRef.of("java.util.List", TypeRef.typeVar("V")), pick.params().get(0).type());
    assertEquals(TypeRef.of("java.util.List", TypeRef.UNKNOWN), pick.params().get(1).type());
    assertEquals(
        TypeRef.of("java.util.Comparator", TypeRef.typeVar("V")), pick.params().get(2).type());
    // The captured type of from.get(0) is lowered like its wildcard.
    assertEquals(TypeRef.typeVar("V"), find(f, Expr.Call.class, "#get/1").type());
    // this, implicit or not, has the class's type with its type variables.
    TypeRef self = TypeRef.of("com.acme.C", TypeRef.typeVar("K"));
    for (Expr.ThisRef t : all(method(c, "self"), Expr.ThisRef.class)) {
      assertEquals(self, t.type());
    }
  }

  @Test
  void erasedParameterTypesAndVarargs() {
    SourceFile f =
        lower(
            """
            package com.acme;
            import java.util.*;
            class C {
              void go(List<String> names) {
                Collections.addAll(names, "a", "b");
                String.format("%s", 1);
              }
            }
            """);
    MethodTarget addAll = find(f, Expr.Call.class, "#addAll/3").target();
    assertEquals("java.util.Collections", addAll.owner());
    assertEquals(
        List.of(TypeRef.of("java.util.Collection"), TypeRef.of("java.lang.Object").arrayOf(1)),
        addAll.paramTypes());
    assertTrue(addAll.isStatic());
    assertTrue(addAll.varargs());
    assertEquals(3, addAll.arity());
  }

  @Test
  void varTakesTheInferredTypeAndPrimitivesAndArrays() {
    SourceFile f =
        lower(
            """
            package com.acme;
            import java.util.*;
            class C {
              int[][] grid;
              void go() {
                var names = new ArrayList<String>();
                var n = 1L;
                for (var s : names) { }
              }
            }
            """);
    assertEquals(
        TypeRef.primitive("int").arrayOf(2), field(classById(f, "com.acme.C"), "grid").type());
    List<Stmt.LocalVar> vars = all(f, Stmt.LocalVar.class);
    assertEquals(
        TypeRef.of("java.util.ArrayList", TypeRef.of("java.lang.String")), vars.get(0).type());
    assertEquals(TypeRef.primitive("long"), vars.get(1).type());
    assertEquals(TypeRef.of("java.lang.String"), all(f, Stmt.ForEach.class).get(0).varType());
  }

  @Test
  void anonymousClassTypesAreTheirWrittenSupertype() {
    SourceFile f =
        lower(
            """
            package com.acme;
            import java.util.*;
            class C {
              void go() {
                var task = new Runnable() { public void run() {} };
                var list = new ArrayList<String>() { };
              }
            }
            """);
    List<Stmt.LocalVar> vars = all(f, Stmt.LocalVar.class);
    assertEquals(TypeRef.of("java.lang.Runnable"), vars.get(0).type());
    assertEquals(TypeRef.of("java.lang.Runnable"), vars.get(0).init().type());
    assertEquals(
        TypeRef.of("java.util.ArrayList", TypeRef.of("java.lang.String")), vars.get(1).type());
    Expr.New task = (Expr.New) vars.get(0).init();
    // The constructor run is the one the source names: Object() for an interface.
    assertEquals("java.lang.Object#<init>/0", task.constructor().toString());
    assertEquals(
        "java.util.ArrayList#<init>/0", ((Expr.New) vars.get(1).init()).constructor().toString());
    assertEquals(
        List.of(TypeRef.of("java.lang.Runnable")), classById(f, "com.acme.C$1").interfaces());
    assertEquals(null, classById(f, "com.acme.C$1").superclass());
  }

  @Test
  void whatJavacCannotResolveIsUnresolved() {
    SourceFile f =
        lower(
            """
            package com.acme;
            import com.missing.Thing;
            class C {
              Thing thing;
              java.util.List<Missing> list;
              void go() { thing.doIt(1); unknownCall(); }
            }
            """);
    ClassDecl c = classById(f, "com.acme.C");
    assertEquals(TypeRef.unresolved("Thing"), field(c, "thing").type());
    assertEquals(
        TypeRef.of("java.util.List", TypeRef.unresolved("Missing")), field(c, "list").type());
    Expr.Call doIt = find(f, Expr.Call.class, "doIt");
    assertFalse(doIt.target().resolved());
    assertEquals(1, doIt.target().arity());
    assertEquals("thing", ((Expr.FieldAccess) doIt.receiver()).name());
    Expr.Call unknown = find(f, Expr.Call.class, "unknownCall");
    assertFalse(unknown.target().resolved());
    assertEquals("com.acme.C", ((Expr.ThisRef) unknown.receiver()).classId());
  }

  @Test
  void literalsKeepTheirSourceText() {
    SourceFile f =
        lower(
            """
            package com.acme;
            class C {
              Object[] values = {"a\\tb", 'c', 0x1F, 1_000L, 1e-3, true, null, \"""
                  text
                  \"""};
            }
            """);
    List<Expr.Literal> literals = all(f, Expr.Literal.class);
    assertEquals(
        List.of("\"a\\tb\"", "'c'", "0x1F", "1_000L", "1e-3", "true", "null"),
        literals.subList(0, 7).stream().map(Expr.Literal::text).toList());
    assertTrue(literals.get(7).text().startsWith("\"\"\""));
    assertEquals(TypeRef.UNKNOWN, literals.get(6).type());
    assertEquals(TypeRef.primitive("char"), literals.get(1).type());
  }
}
