package dev.shareguard.cli;

/** The CLI's exit codes: what a CI step or a script branches on. */
public enum ExitCode {
  /** No finding at or above {@code --fail-on}. */
  OK(0),
  /** At least one finding at or above {@code --fail-on}. */
  FINDINGS(1),
  /** Bad command line or configuration: nothing was audited. */
  USAGE(2),
  /** A bug in Shareguard. */
  INTERNAL_ERROR(3);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }
}
