package dev.shareguard.cli.frontend;

import static dev.shareguard.cli.frontend.Ir.all;
import static dev.shareguard.cli.frontend.Ir.cls;
import static dev.shareguard.cli.frontend.Ir.field;
import static dev.shareguard.cli.frontend.Ir.find;
import static dev.shareguard.cli.frontend.Ir.lowerAll;
import static dev.shareguard.cli.frontend.Ir.method;
import static dev.shareguard.core.ir.IrPrinter.expr;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.SourceFile;
import dev.shareguard.core.ir.Stmt;
import dev.shareguard.core.ir.TypeRef;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Names resolve across the files of one audit: the project index. */
class ProjectResolutionTest {
  private static final TypeRef STRING = TypeRef.of("java.lang.String");

  @Test
  void aFieldTypedWithAClassOfAnotherFile() {
    List<SourceFile> files =
        lowerAll(
            Map.of(
                "com/acme/store/Store.java",
                """
                package com.acme.store;
                import java.util.*;
                public class Store<V> {
                  public final Map<String, List<V>> items = new HashMap<>();
                  public List<V> get(String k) { return items.get(k); }
                  public static Store<String> strings() { return new Store<>(); }
                  public static class Entry { public int hits; }
                }
                """,
                "com/acme/app/App.java",
                """
                package com.acme.app;
                import com.acme.store.Store;
                import com.acme.store.*;
                class App {
                  Store<Integer> store = new Store<>();
                  Store.Entry entry;
                  void go() {
                    store.get("k").add(1);
                    store.items.clear();
                    entry.hits++;
                    Store.strings().get("x");
                  }
                }
                """));
    SourceFile app = files.get(0);
    assertEquals("com/acme/app/App.java", app.path());
    assertEquals(
        TypeRef.of("com.acme.store.Store", TypeRef.of("java.lang.Integer")),
        field(cls(app, "com.acme.app.App"), "store").type());
    assertEquals(
        TypeRef.of("com.acme.store.Store.Entry"),
        field(cls(app, "com.acme.app.App"), "entry").type());
    List<Stmt.ExprStmt> stmts =
        all(method(cls(app, "com.acme.app.App"), "go"), Stmt.ExprStmt.class);
    assertEquals(
        "this(com.acme.app.App).store.com.acme.store.Store#get/1(\"k\"):java.util.List<java.lang.Integer>"
            + ".java.util.List#add/1(1):boolean",
        expr(stmts.get(0).expr()));
    Expr.FieldAccess items = (Expr.FieldAccess) ((Expr.Call) stmts.get(1).expr()).receiver();
    assertEquals("com.acme.store.Store", items.ownerClass());
    assertEquals(
        TypeRef.of(
            "java.util.Map", STRING, TypeRef.of("java.util.List", TypeRef.of("java.lang.Integer"))),
        items.type());
    assertEquals(
        "com.acme.store.Store.Entry",
        all(stmts.get(2), Expr.FieldAccess.class).get(0).ownerClass());
    assertEquals(TypeRef.of("java.util.List", STRING), stmts.get(3).expr().type());
  }

  @Test
  void samePackageClassesNeedNoImportAndInheritedMembersComeFromTheirDeclarer() {
    List<SourceFile> files =
        lowerAll(
            Map.of(
                "com/acme/Base.java",
                """
                package com.acme;
                import java.util.*;
                abstract class Base<T> {
                  protected final List<T> seen = new ArrayList<>();
                  protected T last() { return seen.get(seen.size() - 1); }
                }
                """,
                "com/acme/Child.java",
                """
                package com.acme;
                class Child extends Base<String> {
                  int go() { seen.add("x"); return last().length(); }
                }
                """));
    SourceFile child = files.get(1);
    assertEquals(
        List.of("this(com.acme.Child).seen.java.util.List#add/1(\"x\"):boolean"),
        Ir.exprs(child, "com.acme.Child", "go"));
    Expr.Call length = find(child, Expr.Call.class, "#length/0");
    Expr.Call last = (Expr.Call) length.receiver();
    assertEquals("com.acme.Base#last/0", last.target().toString());
    assertEquals(STRING, last.type());
    assertEquals("com.acme.Base", all(child, Expr.FieldAccess.class).get(0).ownerClass());
  }

  @Test
  void theFirstOfTwoFilesDeclaringTheSameClassWins() {
    List<SourceFile> files =
        lowerAll(
            Map.of(
                "a/com/acme/Dup.java",
                "package com.acme; public class Dup { public int a; }",
                "b/com/acme/Dup.java",
                "package com.acme; public class Dup { public String b; }",
                "c/com/acme/User.java",
                "package com.acme; class User { int go(Dup d) { return d.a; } }"));
    assertEquals(3, files.size());
    Expr.FieldAccess a = all(files.get(2), Expr.FieldAccess.class).get(0);
    assertEquals("com.acme.Dup", a.ownerClass());
    assertEquals(TypeRef.primitive("int"), a.type());
  }
}
