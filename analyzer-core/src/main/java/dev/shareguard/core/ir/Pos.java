package dev.shareguard.core.ir;

/**
 * A source position: 1-based line and column of the start of a construct. {@link #UNKNOWN} when a
 * front end has none (synthetic code).
 */
public record Pos(int line, int column) implements Comparable<Pos> {
  public static final Pos UNKNOWN = new Pos(0, 0);

  @Override
  public int compareTo(Pos o) {
    return line != o.line ? Integer.compare(line, o.line) : Integer.compare(column, o.column);
  }

  @Override
  public String toString() {
    return line + ":" + column;
  }
}
