package dev.shareguard.core.fix;

import dev.shareguard.core.engine.IrWalker;
import dev.shareguard.core.ir.ClassDecl;
import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.FieldDecl;
import dev.shareguard.core.ir.MethodDecl;
import dev.shareguard.core.ir.Param;
import dev.shareguard.core.ir.SourceFile;
import dev.shareguard.core.ir.Stmt;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Every name declared or read anywhere in a file, and the locals it assigns: what a fix must know
 * before it introduces a name (a lambda parameter) or moves code into a lambda.
 */
final class FileNames {
  private static final List<String> PARAM_NAMES = List.of("k", "key", "absentKey");

  private final Set<String> all = new HashSet<>();
  private final Set<String> assigned = new HashSet<>();

  FileNames(SourceFile file) {
    for (ClassDecl c : file.classes()) {
      for (FieldDecl f : c.fields()) {
        all.add(f.name());
        IrWalker.forEachExpr(f.initializer(), this::expr);
      }
      for (MethodDecl m : c.methods()) {
        m.params().forEach(p -> all.add(p.name()));
        if (m.body() != null) {
          declared(m.body());
          IrWalker.forEachExpr(m.body(), this::expr);
        }
      }
    }
  }

  /** Whether local {@code name} is assigned anywhere in the file (so not effectively final). */
  boolean isAssigned(String name) {
    return assigned.contains(name);
  }

  /** A lambda parameter name used nowhere in the file, so it neither clashes nor shadows. */
  String freshParameter() {
    for (String n : PARAM_NAMES) {
      if (!all.contains(n)) {
        return n;
      }
    }
    for (int i = 1; i < 100; i++) {
      if (!all.contains("k" + i)) {
        return "k" + i;
      }
    }
    return null;
  }

  private void expr(Expr e) {
    if (e instanceof Expr.LocalRef l) {
      all.add(l.name());
    } else if (e instanceof Expr.FieldAccess f) {
      all.add(f.name());
    } else if (e instanceof Expr.Lambda l) {
      l.params().stream().map(Param::name).forEach(all::add);
      declared(l.body());
    } else if (e instanceof Expr.InstanceOf i && i.binding() != null) {
      all.add(i.binding());
    } else if (e instanceof Expr.SwitchExpr s) {
      s.cases().forEach(c -> c.body().forEach(this::declared));
    } else if (e instanceof Expr.Assign a && a.target() instanceof Expr.LocalRef l) {
      assigned.add(l.name());
    } else if (e instanceof Expr.Unary u && u.writes() && u.operand() instanceof Expr.LocalRef l) {
      assigned.add(l.name());
    }
  }

  /** Names declared by statements (expressions are visited by {@link IrWalker}). */
  private void declared(Stmt s) {
    if (s instanceof Stmt.LocalVar v) {
      all.add(v.name());
    } else if (s instanceof Stmt.ForEach f) {
      all.add(f.var());
    } else if (s instanceof Stmt.Try t) {
      t.catches().forEach(c -> all.add(c.var()));
    }
    dev.shareguard.core.engine.IrWalker.childStatements(s).forEach(this::declared);
  }
}
