package dev.shareguard.core.finding;

import dev.shareguard.core.ir.Pos;
import java.util.List;

/**
 * A suggested rewrite that removes a finding: {@code edits} applied together. It says what to
 * change in terms every front end can map back to its own tree: each edit names one construct of
 * the source by {@link Kind} and IR start position ({@link Pos}), and the replacement is plain text
 * joined with copies of the user's own source ({@link Part.SourceOf}), so the rewrite keeps their
 * spelling ({@code this.counts}, {@code new ArrayList<>()}) rather than a re-rendering.
 *
 * <p>A front end applies a fix only when it finds exactly one construct of the named kind at each
 * position; otherwise it reports the finding without the fix.
 */
public record Fix(String description, List<Edit> edits) {

  public Fix {
    edits = List.copyOf(edits);
  }

  /** The sort of construct a {@link Node} names; positions follow the IR's conventions. */
  public enum Kind {
    /**
     * A statement. Its position is that of the IR statement: where the statement starts, except for
     * a local variable declaration, which the IR places at the variable's name.
     */
    STATEMENT,
    /** A read of a local variable, parameter or field: {@code n}, {@code this.n}, {@code T.n}. */
    VARIABLE,
    /** A literal. */
    LITERAL,
    /** A class instance creation {@code new T(…)} without an explicit outer instance. */
    NEW,
    /** A method call {@code a.b(…)}, {@code b(…)}; it starts where its receiver starts. */
    CALL
  }

  /** One construct of the source: its kind and IR start position. */
  public record Node(Kind kind, Pos pos) {}

  /** A piece of a replacement. */
  public sealed interface Part {
    /** Text inserted as given. */
    record Text(String text) implements Part {}

    /** The source text of {@code node}, copied as the user wrote it. */
    record SourceOf(Node node) implements Part {}
  }

  /** Replaces {@code target} with its {@code replacement} parts, in order; no parts deletes it. */
  public record Edit(Node target, List<Part> replacement) {
    public Edit {
      replacement = List.copyOf(replacement);
    }
  }
}
