package dev.shareguard.cli;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * What a command runs against: its output streams, the directory relative paths resolve against,
 * the analysis engine ({@code null} for the real one; tests substitute their own), and whether
 * standard error is a terminal a person watches (then long audits show a progress bar).
 */
public record CliEnvironment(
    PrintStream out, PrintStream err, Path cwd, Audit.Engine engine, boolean interactive) {
  /** An environment with no one watching: no progress bar. */
  public CliEnvironment(PrintStream out, PrintStream err, Path cwd, Audit.Engine engine) {
    this(out, err, cwd, engine, false);
  }
}
