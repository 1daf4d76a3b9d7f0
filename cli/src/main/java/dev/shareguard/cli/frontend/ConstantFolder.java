package dev.shareguard.cli.frontend;

import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.CharLiteralExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.LongLiteralExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.TextBlockLiteralExpr;
import java.util.function.Function;

/**
 * Folds the constant expressions that annotation elements carry ({@code "a" + "b"}, a {@code static
 * final String} constant) to their string value, as javac's annotation values have them.
 */
final class ConstantFolder {
  private ConstantFolder() {}

  /** The string value of {@code e} built from literals only, or null. */
  static String literalString(Expression e) {
    Object v = fold(e, x -> null);
    return v instanceof String s ? s : null;
  }

  /**
   * The value of constant expression {@code e} (a String, boxed number, Character or Boolean), or
   * null; {@code names} gives the value of a name or field access, or null.
   */
  static Object fold(Expression e, Function<Expression, Object> names) {
    if (e == null) {
      return null;
    }
    try {
      if (e instanceof StringLiteralExpr s) {
        return s.asString();
      } else if (e instanceof TextBlockLiteralExpr t) {
        return t.asString();
      } else if (e instanceof CharLiteralExpr c) {
        return c.asChar();
      } else if (e instanceof IntegerLiteralExpr i) {
        return i.asNumber();
      } else if (e instanceof LongLiteralExpr l) {
        return l.asNumber();
      } else if (e instanceof BooleanLiteralExpr b) {
        return b.getValue();
      } else if (e instanceof EnclosedExpr p) {
        return fold(p.getInner(), names);
      } else if (e instanceof BinaryExpr b && b.getOperator() == BinaryExpr.Operator.PLUS) {
        Object l = fold(b.getLeft(), names);
        Object r = fold(b.getRight(), names);
        if (l instanceof String || r instanceof String) {
          return l == null || r == null ? null : String.valueOf(l) + r;
        }
        return null;
      } else if (e.isNameExpr() || e.isFieldAccessExpr()) {
        return names.apply(e);
      }
    } catch (RuntimeException malformed) {
      // A literal JavaParser cannot convert (an out-of-range number): not a constant we can use.
      return null;
    }
    return null;
  }
}
