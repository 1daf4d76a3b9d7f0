package dev.shareguard.core.ir;

/**
 * A source position: 1-based line and column of the start of a construct. {@link #UNKNOWN} when a
 * front end has none (synthetic code).
 *
 * <p>{@code equals} and {@code hashCode} are written out, the same as the generated ones, for the
 * reason the engine's {@code AbsVal} gives.
 */
public record Pos(int line, int column) implements Comparable<Pos> {
  public static final Pos UNKNOWN = new Pos(0, 0);

  @Override
  public boolean equals(Object o) {
    return o == this || o instanceof Pos v && line == v.line && column == v.column;
  }

  @Override
  public int hashCode() {
    int h = line;
    h = 31 * h + column;
    return h;
  }

  @Override
  public int compareTo(Pos o) {
    return line != o.line ? Integer.compare(line, o.line) : Integer.compare(column, o.column);
  }

  @Override
  public String toString() {
    return line + ":" + column;
  }
}
