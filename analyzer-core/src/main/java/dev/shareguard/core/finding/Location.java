package dev.shareguard.core.finding;

/** A place in a source file: path as the front end names it, 1-based line and column. */
public record Location(String path, int line, int column) implements Comparable<Location> {
  @Override
  public int compareTo(Location o) {
    int c = path.compareTo(o.path);
    if (c != 0) {
      return c;
    }
    c = Integer.compare(line, o.line);
    return c != 0 ? c : Integer.compare(column, o.column);
  }

  @Override
  public String toString() {
    return path + ":" + line + ":" + column;
  }
}
