package dev.shareguard.errorprone.lowering;

import static dev.shareguard.testing.IrNodes.all;
import static dev.shareguard.testing.IrNodes.classById;
import static dev.shareguard.testing.IrNodes.field;
import static dev.shareguard.testing.IrNodes.find;
import static dev.shareguard.testing.IrNodes.method;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shareguard.core.ir.ClassDecl;
import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.MethodTarget;
import dev.shareguard.core.ir.SourceFile;
import dev.shareguard.core.ir.Stmt;
import dev.shareguard.core.ir.TypeRef;
import dev.shareguard.testing.FrontEnd;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Types and call targets: qualified erased names, type arguments, substituted return types; the
 * same from both front ends.
 */
class TypeLoweringTest {
  private static final TypeRef STRING = TypeRef.of("java.lang.String");
  private static final TypeRef INTEGER = TypeRef.of("java.lang.Integer");

  @ParameterizedTest
  @EnumSource(FrontEnd.class)
  void typeArgumentsAreKeptAndMapGetReturnsTheValueType(FrontEnd frontEnd) {
    SourceFile f =
        frontEnd.lower(
            """
            package com.acme;
            import java.util.*;
            class C {
              Map<String, List<Integer>> byName = new HashMap<>();
              List<Integer> get(String k) { return byName.get(k); }
            }
            """);
    ClassDecl c = classById(f, "com.acme.C");
    TypeRef listOfInteger = TypeRef.of("java.util.List", INTEGER);
    assertEquals(TypeRef.of("java.util.Map", STRING, listOfInteger), field(c, "byName").type());
    // The diamond takes its arguments from the declared type.
    assertEquals(
        TypeRef.of("java.util.HashMap", STRING, listOfInteger),
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

  @ParameterizedTest
  @EnumSource(FrontEnd.class)
  void libraryReturnTypesFollowTheReceiversTypeArguments(FrontEnd frontEnd) {
    SourceFile f =
        frontEnd.lower(
            """
            package com.acme;
            import java.util.*;
            import java.util.concurrent.*;
            import java.util.concurrent.locks.*;
            class C {
              ConcurrentMap<String, List<Integer>> m = new ConcurrentHashMap<>();
              ExecutorService pool = Executors.newFixedThreadPool(2);
              ReadWriteLock rw = new ReentrantReadWriteLock();
              Map<String, Integer> sync = Collections.synchronizedMap(new HashMap<String, Integer>());
              void go() {
                var a = m.computeIfAbsent("k", k -> new ArrayList<>());
                var b = m.entrySet().iterator().next().getValue();
                var c = pool.submit(() -> m.size());
                var d = pool.submit(() -> m.clear());
                var e = rw.readLock();
                var g = m.values().stream().findFirst().orElse(null);
                var h = CompletableFuture.supplyAsync(() -> "x", pool);
                var i = sync.keySet();
              }
            }
            """);
    List<Stmt.LocalVar> vars = all(method(classById(f, "com.acme.C"), "go"), Stmt.LocalVar.class);
    TypeRef list = TypeRef.of("java.util.List", INTEGER);
    assertEquals(list, vars.get(0).type());
    assertEquals(list, vars.get(1).type());
    assertEquals(TypeRef.of("java.util.concurrent.Future", INTEGER), vars.get(2).type());
    assertEquals(TypeRef.of("java.util.concurrent.Future", TypeRef.UNKNOWN), vars.get(3).type());
    assertEquals(TypeRef.of("java.util.concurrent.locks.Lock"), vars.get(4).type());
    assertEquals(list, vars.get(5).type());
    assertEquals(TypeRef.of("java.util.concurrent.CompletableFuture", STRING), vars.get(6).type());
    assertEquals(TypeRef.of("java.util.Set", STRING), vars.get(7).type());
    assertEquals(
        TypeRef.of("java.util.Map", STRING, INTEGER),
        field(classById(f, "com.acme.C"), "sync").initializer().type());
    assertEquals(
        TypeRef.of("java.util.concurrent.ExecutorService"),
        field(classById(f, "com.acme.C"), "pool").initializer().type());
    // submit(Callable) for a lambda that returns a value, submit(Runnable) for a void one.
    List<Expr.Call> submits =
        all(method(classById(f, "com.acme.C"), "go"), Expr.Call.class).stream()
            .filter(x -> x.target().name().equals("submit"))
            .toList();
    assertEquals(
        List.of(TypeRef.of("java.util.concurrent.Callable")), submits.get(0).target().paramTypes());
    assertEquals(List.of(TypeRef.of("java.lang.Runnable")), submits.get(1).target().paramTypes());
  }

  @ParameterizedTest
  @EnumSource(FrontEnd.class)
  void nestedClassesUseDotsAndTypeVariablesTheirNames(FrontEnd frontEnd) {
    SourceFile f =
        frontEnd.lower(
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
        TypeRef.of("java.util.Map.Entry", TypeRef.typeVar("K"), STRING), field(c, "entry").type());
    var pick = method(c, "pick");
    assertEquals(TypeRef.typeVar("V"), pick.returnType());
    assertEquals(TypeRef.of("java.util.List", TypeRef.typeVar("V")), pick.params().get(0).type());
    assertEquals(TypeRef.of("java.util.List", TypeRef.UNKNOWN), pick.params().get(1).type());
    assertEquals(
        TypeRef.of("java.util.Comparator", TypeRef.typeVar("V")), pick.params().get(2).type());
    assertEquals(TypeRef.typeVar("V"), find(f, Expr.Call.class, "#get/1").type());
    for (Expr.ThisRef t : all(method(c, "self"), Expr.ThisRef.class)) {
      assertEquals(TypeRef.of("com.acme.C", TypeRef.typeVar("K")), t.type());
    }
  }

  @ParameterizedTest
  @EnumSource(FrontEnd.class)
  void erasedParameterTypesVarargsAndOverloadsByArgumentType(FrontEnd frontEnd) {
    SourceFile f =
        frontEnd.lower(
            """
            package com.acme;
            import java.util.*;
            class C {
              void go(List<String> names, List<Integer> ids) {
                Collections.addAll(names, "a", "b");
                ids.remove(0);
                ids.remove(Integer.valueOf(0));
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
    List<Expr.Call> removes =
        all(f, Expr.Call.class).stream().filter(c -> c.target().name().equals("remove")).toList();
    assertEquals(List.of(TypeRef.primitive("int")), removes.get(0).target().paramTypes());
    assertEquals(INTEGER, removes.get(0).type());
    assertEquals(List.of(TypeRef.of("java.lang.Object")), removes.get(1).target().paramTypes());
    assertEquals(TypeRef.primitive("boolean"), removes.get(1).type());
  }

  @ParameterizedTest
  @EnumSource(FrontEnd.class)
  void varTakesTheInitializersTypeAndForEachTheElementType(FrontEnd frontEnd) {
    SourceFile f =
        frontEnd.lower(
            """
            package com.acme;
            import java.util.*;
            class C {
              int[][] grid;
              void go() {
                var names = new ArrayList<String>();
                var n = 1L;
                for (var s : names) { }
                for (var row : grid) { }
              }
            }
            """);
    assertEquals(
        TypeRef.primitive("int").arrayOf(2), field(classById(f, "com.acme.C"), "grid").type());
    List<Stmt.LocalVar> vars = all(f, Stmt.LocalVar.class);
    assertEquals(TypeRef.of("java.util.ArrayList", STRING), vars.get(0).type());
    assertEquals(TypeRef.primitive("long"), vars.get(1).type());
    assertEquals(STRING, all(f, Stmt.ForEach.class).get(0).varType());
    assertEquals(TypeRef.primitive("int").arrayOf(1), all(f, Stmt.ForEach.class).get(1).varType());
  }

  @ParameterizedTest
  @EnumSource(FrontEnd.class)
  void anonymousClassesAreTypedAsTheirWrittenSupertype(FrontEnd frontEnd) {
    SourceFile f =
        frontEnd.lower(
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
    Expr.New task = (Expr.New) vars.get(0).init();
    // The constructor run is the one the source names: Object() for an interface.
    assertEquals("java.lang.Object#<init>/0", task.constructor().toString());
    assertEquals(TypeRef.of("java.util.ArrayList", STRING), vars.get(1).type());
    assertEquals(
        "java.util.ArrayList#<init>/0", ((Expr.New) vars.get(1).init()).constructor().toString());
    assertEquals(
        List.of(TypeRef.of("java.lang.Runnable")), classById(f, "com.acme.C$1").interfaces());
    assertEquals(null, classById(f, "com.acme.C$1").superclass());
    assertEquals(
        TypeRef.of("java.util.ArrayList", STRING), classById(f, "com.acme.C$2").superclass());
  }

  @ParameterizedTest
  @EnumSource(FrontEnd.class)
  void whatCannotBeResolvedIsUnresolvedNeverGuessed(FrontEnd frontEnd) {
    SourceFile f =
        frontEnd.lower(
            """
            package com.acme;
            import com.other.*;
            import org.more.*;
            class C {
              Missing missing;
              java.util.List<Missing> list;
              Missing<String> generic;
              void go() { missing.doIt(1); }
            }
            """);
    ClassDecl c = classById(f, "com.acme.C");
    assertEquals(TypeRef.unresolved("Missing"), field(c, "missing").type());
    assertEquals(
        TypeRef.of("java.util.List", TypeRef.unresolved("Missing")), field(c, "list").type());
    assertEquals(TypeRef.unresolved("Missing<String>"), field(c, "generic").type());
    Expr.Call doIt = find(f, Expr.Call.class, "doIt");
    assertFalse(doIt.target().resolved());
    assertEquals(1, doIt.target().arity());
    assertEquals("missing", ((Expr.FieldAccess) doIt.receiver()).name());
  }

  /**
   * javac only: it knows the class path, so an import of a class that is not there is unresolved.
   * The JavaParser front end takes a single-type import as naming a library class it cannot see
   * (see {@link #importedLibraryClassesKeepTheirNameAndCallsOnThemTheReceiverType}).
   */
  @Test
  void unresolvedImportsAndUnqualifiedCallsStayUnresolved() {
    SourceFile f =
        FrontEnd.JAVAC.lower(
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

  @ParameterizedTest
  @EnumSource(FrontEnd.class)
  void importedLibraryClassesKeepTheirNameAndCallsOnThemTheReceiverType(FrontEnd frontEnd) {
    SourceFile f =
        frontEnd.lower(
            """
            package com.acme;
            import com.google.common.collect.ImmutableMap;
            class C {
              ImmutableMap<String, Integer> map;
              void go() { map.get("k"); }
            }
            """);
    assertEquals(
        TypeRef.of("com.google.common.collect.ImmutableMap", STRING, INTEGER),
        field(classById(f, "com.acme.C"), "map").type());
    MethodTarget get = find(f, Expr.Call.class, "#get/1").target();
    assertEquals("com.google.common.collect.ImmutableMap", get.owner());
    assertTrue(get.resolved());
    // Guava is on javac's class path, so javac substitutes the value type; the JavaParser front end
    // runs here without a class path and cannot know what ImmutableMap.get returns.
    assertEquals(frontEnd == FrontEnd.JAVAC ? INTEGER : TypeRef.UNKNOWN, get.returnType());
  }

  /**
   * A name only an on-demand import can bring in, when exactly one such import names a package
   * neither the project nor the JDK has, is that package's type: javac finds it there on the
   * class path (Guava's here), and the JavaParser front end, with no class path, infers the same
   * name. With two such packages it stays unresolved (see {@link
   * #whatCannotBeResolvedIsUnresolvedNeverGuessed}).
   */
  @ParameterizedTest
  @EnumSource(FrontEnd.class)
  void nameFromTheOneOnDemandImportOfALibraryPackage(FrontEnd frontEnd) {
    SourceFile f =
        frontEnd.lower(
            """
            package com.acme;
            import java.util.*;
            import com.google.common.collect.*;
            class C {
              ImmutableMap<String, Integer> map;
              List<String> names;
            }
            """);
    ClassDecl c = classById(f, "com.acme.C");
    assertEquals(
        TypeRef.of("com.google.common.collect.ImmutableMap", STRING, INTEGER),
        field(c, "map").type());
    assertEquals(TypeRef.of("java.util.List", STRING), field(c, "names").type());
  }

  @ParameterizedTest
  @EnumSource(FrontEnd.class)
  void literalsKeepTheirSourceTextAndType(FrontEnd frontEnd) {
    SourceFile f =
        frontEnd.lower(
            """
            package com.acme;
            class C {
              Object[] values = {"a\\tb", 'c', 0x1F, 1_000L, 1e-3, 2f, true, null, \"""
                  text
                  \"""};
            }
            """);
    List<Expr.Literal> literals = all(f, Expr.Literal.class);
    assertEquals(
        List.of("\"a\\tb\"", "'c'", "0x1F", "1_000L", "1e-3", "2f", "true", "null"),
        literals.subList(0, 8).stream().map(Expr.Literal::text).toList());
    assertEquals(
        List.of("java.lang.String", "char", "int", "long", "double", "float", "boolean", "?"),
        literals.subList(0, 8).stream().map(l -> l.type().toString()).toList());
    assertTrue(literals.get(8).text().startsWith("\"\"\""));
    assertEquals(TypeRef.UNKNOWN, literals.get(7).type());
    assertEquals(TypeRef.primitive("char"), literals.get(1).type());
  }

  @ParameterizedTest
  @EnumSource(FrontEnd.class)
  void operatorsHaveJavasResultTypes(FrontEnd frontEnd) {
    SourceFile f =
        frontEnd.lower(
            """
            package com.acme;
            class C {
              void go(byte b, long l, String s, Integer boxed) {
                var a = b + 1;
                var c = l * 2;
                var d = s + 1;
                var e = boxed + 1.5;
                var g = -b;
                var h = b < l;
                var i = (short) 1;
                var j = true ? 1 : 2L;
              }
            }
            """);
    assertEquals(
        List.of("int", "long", "java.lang.String", "double", "int", "boolean", "short", "long"),
        all(f, Stmt.LocalVar.class).stream().map(v -> v.type().toString()).toList());
  }
}
