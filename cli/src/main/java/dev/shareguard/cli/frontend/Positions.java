package dev.shareguard.cli.frontend;

import com.github.javaparser.JavaToken;
import com.github.javaparser.Position;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import dev.shareguard.core.ir.Pos;

/** IR positions from JavaParser nodes: 1-based line and column, a tab counting as one column. */
final class Positions {
  private Positions() {}

  static Pos of(Node n) {
    if (n == null) {
      return Pos.UNKNOWN;
    }
    return n.getBegin().map(Positions::of).orElse(Pos.UNKNOWN);
  }

  static Pos of(Position p) {
    return new Pos(p.line, p.column);
  }

  /** Where the node begins, for ordering; {@link Position#HOME}-like zero when unknown. */
  static Position begin(Node n) {
    return n.getBegin().orElse(new Position(0, 0));
  }

  /**
   * Whether an enum constant has a class body. JavaParser gives an empty member list both for
   * {@code A} and {@code A {}}; only the closing brace tells them apart.
   */
  static boolean hasBody(com.github.javaparser.ast.body.EnumConstantDeclaration c) {
    if (!c.getClassBody().isEmpty()) {
      return true;
    }
    return c.getTokenRange().map(r -> r.getEnd().getText().equals("}")).orElse(false);
  }

  /** The exact source text of {@code n}, as written. */
  static String sourceText(Node n) {
    return n.getTokenRange().map(Object::toString).orElse(n.toString());
  }

  /**
   * The {@code new} keyword of a class instance creation. It is where the expression begins unless
   * the creation is qualified ({@code outer.new Inner() {}}), where it follows the qualifier.
   */
  static Position newKeyword(ObjectCreationExpr e) {
    if (e.getScope().isEmpty() || e.getTokenRange().isEmpty()) {
      return begin(e);
    }
    Position afterScope = e.getScope().get().getEnd().orElse(new Position(0, 0));
    for (JavaToken t : e.getTokenRange().get()) {
      if (t.getText().equals("new")
          && t.getRange().isPresent()
          && t.getRange().get().begin.isAfter(afterScope)) {
        return t.getRange().get().begin;
      }
    }
    return begin(e);
  }
}
