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
