package dev.shareguard.core.fix;

import dev.shareguard.core.finding.Fix;
import dev.shareguard.core.finding.Fix.Kind;
import dev.shareguard.core.finding.Fix.Node;
import dev.shareguard.core.finding.Fix.Part;
import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.IrPrinter;
import dev.shareguard.core.ir.Stmt;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a {@link Fix} from IR nodes, in the terms both front ends render: each edit names a
 * construct by its {@link Kind} and IR position, and its replacement joins plain text with copies
 * of the user's own source. A rule says what to write; this class knows which node kind each IR
 * construct maps to, so no rule builds {@link Node}s by hand.
 */
public final class FixBuilder {
  private final String description;
  private final List<Fix.Edit> edits = new ArrayList<>();

  private FixBuilder(String description) {
    this.description = description;
  }

  /** A fix described to the user as {@code description}. */
  public static FixBuilder fix(String description) {
    return new FixBuilder(description);
  }

  /** Deletes statement {@code s}. */
  public FixBuilder delete(Stmt s) {
    return replace(new Node(Kind.STATEMENT, s.pos()), List.of());
  }

  /** Replaces statement {@code s} with {@code parts}, in order. */
  public FixBuilder replace(Stmt s, List<Part> parts) {
    return replace(new Node(Kind.STATEMENT, s.pos()), parts);
  }

  /** Replaces construct {@code node} with {@code parts}, in order. */
  public FixBuilder replace(Node node, List<Part> parts) {
    edits.add(new Fix.Edit(node, parts));
    return this;
  }

  /** The fix, its edits applied together in the order given. */
  public Fix build() {
    return new Fix(description, edits);
  }

  /** Text inserted as given. */
  public static Part text(String s) {
    return new Part.Text(s);
  }

  /** The user's source text of {@code node}. */
  public static Part source(Node node) {
    return new Part.SourceOf(node);
  }

  /**
   * The user's source text of {@code e}: a literal, a variable read ({@code n}, {@code this.n},
   * {@code T.n}), a class instance creation without an explicit outer instance, or a call.
   */
  public static Part source(Expr e) {
    Kind kind;
    if (e instanceof Expr.Literal) {
      kind = Kind.LITERAL;
    } else if (e instanceof Expr.LocalRef || e instanceof Expr.FieldAccess) {
      kind = Kind.VARIABLE;
    } else if (e instanceof Expr.New n && n.outer() == null) {
      kind = Kind.NEW;
    } else if (e instanceof Expr.Call) {
      kind = Kind.CALL;
    } else {
      throw new IllegalArgumentException("no source node for: " + IrPrinter.expr(e));
    }
    return new Part.SourceOf(new Node(kind, e.pos()));
  }
}
