package dev.shareguard.core.engine;

import dev.shareguard.core.ir.ClassDecl;
import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.FieldDecl;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Conditions whose value never changes: {@code true}, {@code false}, a {@code final} boolean
 * field initialized with such a condition ({@code private static final boolean DEBUG = false;}),
 * and {@code !}, {@code &&}, {@code ||} of those ({@code false && x} is false whatever {@code x}
 * is). A branch that needs such a condition to have the other value never runs; for the constant
 * expressions among them (JLS 15.29) javac does not even generate its code, since a constant's
 * value is inlined where it is used (JLS 13.1). So nothing in it can race. Debug and tracing
 * hooks switched off this way are common in released code.
 */
final class ConstantConditions {
  private final ProgramIndex index;
  /** By "owner#field"; bodies are analysed on several threads at once. */
  private final Map<String, Optional<Boolean>> byField = new ConcurrentHashMap<>();

  ConstantConditions(ProgramIndex index) {
    this.index = index;
  }

  /** The constant value of {@code cond}, or null when it is not a constant expression. */
  Boolean valueOf(Expr cond) {
    return valueOf(cond, 0);
  }

  private Boolean valueOf(Expr e, int depth) {
    if (depth > 8 || e == null) {
      return null;
    }
    if (e instanceof Expr.Literal l) {
      return l.text().equals("true") ? Boolean.TRUE : l.text().equals("false") ? Boolean.FALSE : null;
    }
    if (e instanceof Expr.Unary u && u.op().equals("!")) {
      Boolean v = valueOf(u.operand(), depth + 1);
      return v == null ? null : !v;
    }
    if (e instanceof Expr.Binary b && (b.op().equals("&&") || b.op().equals("||"))) {
      boolean and = b.op().equals("&&");
      Boolean l = valueOf(b.left(), depth + 1);
      Boolean r = valueOf(b.right(), depth + 1);
      // false && x, x && false are false; true || x, x || true are true, whatever x is.
      if ((l != null && l != and) || (r != null && r != and)) {
        return !and;
      }
      return l != null && r != null ? and : null;
    }
    if (e instanceof Expr.FieldAccess f && f.ownerClass() != null && f.type() != null
        && f.type().isPrimitive() && "boolean".equals(f.type().name())) {
      String key = f.ownerClass() + "#" + f.name();
      Optional<Boolean> known = byField.get(key);
      if (known == null) {
        // Not computeIfAbsent: a constant defined by another constant would update the map
        // from inside its own update.
        known = Optional.ofNullable(fieldValue(f, depth));
        byField.putIfAbsent(key, known);
      }
      return known.orElse(null);
    }
    return null;
  }

  private Boolean fieldValue(Expr.FieldAccess f, int depth) {
    ClassDecl c = index.classById(f.ownerClass());
    if (c == null) {
      return null;
    }
    for (FieldDecl d : c.fields()) {
      if (d.name().equals(f.name())) {
        return d.isFinal() && d.initializer() != null ? valueOf(d.initializer(), depth + 1) : null;
      }
    }
    return null;
  }
}
