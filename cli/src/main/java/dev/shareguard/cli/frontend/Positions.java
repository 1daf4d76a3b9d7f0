package dev.shareguard.cli.frontend;

import com.github.javaparser.Position;
import com.github.javaparser.ast.Node;
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
}
