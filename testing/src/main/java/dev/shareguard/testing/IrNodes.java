package dev.shareguard.testing;

import dev.shareguard.core.ir.ClassDecl;
import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.FieldDecl;
import dev.shareguard.core.ir.IrPrinter;
import dev.shareguard.core.ir.MethodDecl;
import dev.shareguard.core.ir.SourceFile;
import dev.shareguard.core.ir.Stmt;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Finds nodes in lowered IR for assertions. The walk goes through record components reflectively,
 * so it keeps up with new node kinds without changes.
 */
public final class IrNodes {
  private IrNodes() {}

  public static ClassDecl classById(SourceFile file, String id) {
    return file.classes().stream()
        .filter(c -> c.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new NoSuchElementException(id + " in\n" + IrPrinter.print(file)));
  }

  public static MethodDecl method(ClassDecl c, String name) {
    return c.methods().stream()
        .filter(m -> m.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new NoSuchElementException(name + " in " + c.id()));
  }

  public static FieldDecl field(ClassDecl c, String name) {
    return c.fields().stream()
        .filter(f -> f.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new NoSuchElementException(name + " in " + c.id()));
  }

  /** Every statement, expression, catch and case of the file, in pre-order. */
  public static List<Object> all(SourceFile file) {
    List<Object> out = new ArrayList<>();
    for (ClassDecl c : file.classes()) {
      for (FieldDecl f : c.fields()) {
        walk(f.initializer(), out);
      }
      for (MethodDecl m : c.methods()) {
        walk(m.body(), out);
      }
    }
    return out;
  }

  /**
   * The nodes of {@code kind} in {@code node} (a file, class, method, field or IR node) and below,
   * in pre-order.
   */
  public static <T> List<T> all(Object node, Class<T> kind) {
    List<Object> nodes = new ArrayList<>();
    if (node instanceof SourceFile f) {
      nodes = all(f);
    } else if (node instanceof ClassDecl c) {
      nodes = all(new SourceFile("", "", List.of(c)));
    } else if (node instanceof MethodDecl m) {
      walk(m.body(), nodes);
    } else if (node instanceof FieldDecl f) {
      walk(f.initializer(), nodes);
    } else {
      walk(node, nodes);
    }
    List<T> out = new ArrayList<>();
    for (Object n : nodes) {
      if (kind.isInstance(n)) {
        out.add(kind.cast(n));
      }
    }
    return out;
  }

  /** The expression statements of method {@code name} of class {@code classId}, printed. */
  public static List<String> exprs(SourceFile file, String classId, String name) {
    return all(method(classById(file, classId), name), Stmt.ExprStmt.class).stream()
        .map(s -> IrPrinter.expr(s.expr()))
        .toList();
  }

  /** The first node of {@code kind} whose printed form ({@link IrPrinter#expr}) contains text. */
  public static <T extends Expr> T find(Object node, Class<T> kind, String text) {
    return all(node, kind).stream()
        .filter(e -> IrPrinter.expr(e).contains(text))
        .findFirst()
        .orElseThrow(
            () -> new NoSuchElementException(kind.getSimpleName() + " containing " + text));
  }

  private static void walk(Object node, List<Object> out) {
    if (node == null) {
      return;
    }
    if (node instanceof List<?> list) {
      list.forEach(n -> walk(n, out));
      return;
    }
    boolean irNode =
        node instanceof Expr
            || node instanceof Stmt
            || node instanceof Stmt.Catch
            || node instanceof Stmt.SwitchCase;
    if (!irNode) {
      return;
    }
    out.add(node);
    for (RecordComponent rc : node.getClass().getRecordComponents()) {
      try {
        walk(rc.getAccessor().invoke(node), out);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
