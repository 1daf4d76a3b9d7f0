package dev.shareguard.cli.frontend;

import static org.junit.jupiter.api.Assertions.fail;

import dev.shareguard.core.ir.ClassDecl;
import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.FieldDecl;
import dev.shareguard.core.ir.IrPrinter;
import dev.shareguard.core.ir.MethodDecl;
import dev.shareguard.core.ir.SourceFile;
import dev.shareguard.core.ir.Stmt;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Lowering several files through the front end as one project and finding nodes in the result, for
 * tests of what only the JavaParser front end does (single-file lowering is tested against both
 * front ends in the testing module's {@code lowering} tests).
 */
final class Ir {
  private Ir() {}

  static List<SourceFile> lowerAll(Map<String, String> sources) {
    return new JavaParserFrontEnd().lowerSources(sources);
  }

  static ClassDecl cls(SourceFile f, String id) {
    for (ClassDecl c : f.classes()) {
      if (c.id().equals(id)) {
        return c;
      }
    }
    return fail("no class " + id + " in " + ids(f));
  }

  private static List<String> ids(SourceFile f) {
    return f.classes().stream().map(ClassDecl::id).toList();
  }

  static MethodDecl method(ClassDecl c, String name) {
    for (MethodDecl m : c.methods()) {
      if (m.name().equals(name)) {
        return m;
      }
    }
    return fail("no method " + name + " in " + c.id());
  }

  static FieldDecl field(ClassDecl c, String name) {
    for (FieldDecl f : c.fields()) {
      if (f.name().equals(name)) {
        return f;
      }
    }
    return fail("no field " + name + " in " + c.id());
  }

  /** Every node of type {@code type} under {@code root} (any IR record), in pre-order. */
  static <T> List<T> all(Object root, Class<T> type) {
    List<T> out = new ArrayList<>();
    walk(root, type, out);
    return out;
  }

  /** The first node of type {@code type} whose printed form contains {@code text}. */
  static <T> T find(Object root, Class<T> type, String text) {
    for (T t : all(root, type)) {
      if (print(t).contains(text)) {
        return t;
      }
    }
    return fail("no " + type.getSimpleName() + " containing " + text);
  }

  /** One statement or expression as text (see {@link IrPrinter}). */
  static String print(Object node) {
    if (node instanceof Expr e) {
      return IrPrinter.expr(e);
    }
    return String.valueOf(node);
  }

  /** The statements of method {@code name} of class {@code com.acme.C}, printed one per line. */
  static List<String> exprs(SourceFile f, String classId, String method) {
    return all(method(cls(f, classId), method), Stmt.ExprStmt.class).stream()
        .map(s -> IrPrinter.expr(s.expr()))
        .toList();
  }

  private static <T> void walk(Object node, Class<T> type, List<T> out) {
    if (node == null) {
      return;
    }
    if (type.isInstance(node)) {
      out.add(type.cast(node));
    }
    if (node instanceof Collection<?> c) {
      for (Object o : c) {
        walk(o, type, out);
      }
    } else if (node.getClass().isRecord()
        && node.getClass().getPackageName().equals("dev.shareguard.core.ir")) {
      for (RecordComponent rc : node.getClass().getRecordComponents()) {
        try {
          walk(rc.getAccessor().invoke(node), type, out);
        } catch (ReflectiveOperationException e) {
          throw new AssertionError(e);
        }
      }
    }
  }
}
