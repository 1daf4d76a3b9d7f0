package dev.shareguard.cli.frontend;

/**
 * A source file that cannot be parsed (or read). The message is the one-line report {@code
 * path:line: reason}.
 */
public final class SourceParseException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String path;
  private final int line;
  private final String reason;

  public SourceParseException(String path, int line, String reason) {
    super(path + ":" + line + ": " + reason);
    this.path = path;
    this.line = line;
    this.reason = reason;
  }

  public String path() {
    return path;
  }

  /** 1-based line of the problem (1 when the problem is not tied to a line). */
  public int line() {
    return line;
  }

  public String reason() {
    return reason;
  }
}
