package dev.shareguard.cli;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * What a command runs against: its output streams, the directory relative paths resolve against,
 * and the analysis engine ({@code null} for the real one; tests substitute their own).
 */
public record CliEnvironment(PrintStream out, PrintStream err, Path cwd, Audit.Engine engine) {}
