package dev.shareguard.cli;

/** A mistake in the command line or configuration, with a message naming it (exit code 2). */
public final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message);
  }
}
