package dev.shareguard.cli;

import dev.shareguard.cli.report.Version;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code shareguard}: the command-line entry point. */
@Command(
    name = "shareguard",
    mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    description = "Finds concurrency and aliasing bugs around shared maps, collections and values.",
    synopsisSubcommandLabel = "COMMAND")
public final class Main implements Callable<Integer> {
  @Spec private CommandSpec spec;

  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    Path cwd = Path.of("").toAbsolutePath();
    int code;
    try {
      code = run(args, new CliEnvironment(out, err, cwd, null, interactive()));
    } catch (OutOfMemoryError e) {
      err.println(
          "shareguard: out of memory; audit fewer files at once or give Java more heap"
              + " (SHAREGUARD_JAVA_OPTS=-Xmx4g with bin/shareguard, or java -Xmx4g -jar ...)");
      code = ExitCode.INTERNAL_ERROR.code();
    } catch (RuntimeException | Error e) {
      // What picocli does not hand to the execution exception handler: Errors such as
      // NoClassDefFoundError (a jar replaced while running) or StackOverflowError.
      code = internalError(err, e);
    }
    System.exit(code);
  }

  /**
   * Whether a person watches standard error: it is a terminal (the launcher says so with {@code
   * -Dshareguard.tty=1|0}, since Java cannot test standard error itself; else there must be a
   * console), not a dumb one, and no CI system is running us (they set {@code CI}).
   */
  static boolean interactive() {
    String ci = System.getenv("CI");
    if (ci != null && !ci.isEmpty() && !ci.equalsIgnoreCase("false")) {
      return false;
    }
    if ("dumb".equals(System.getenv("TERM"))) {
      return false;
    }
    String tty = System.getProperty("shareguard.tty");
    return tty != null ? tty.equals("1") : System.console() != null;
  }

  /** Runs the command line {@code args} and returns the exit code. */
  public static int run(String[] args, CliEnvironment env) {
    CommandLine cmd = new CommandLine(new Main());
    cmd.addSubcommand("audit", new AuditCommand(env));
    cmd.addSubcommand("list-rules", new ListRulesCommand(env));
    cmd.addSubcommand("explain", new ExplainCommand(env));
    cmd.setCaseInsensitiveEnumValuesAllowed(true);
    cmd.setOut(new PrintWriter(env.out(), true));
    cmd.setErr(new PrintWriter(env.err(), true));
    // A mistyped option value gets one line naming it, not the whole usage: in a CI log the
    // reason must be the first thing read.
    cmd.setParameterExceptionHandler(
        (e, args1) -> {
          CommandLine c = e.getCommandLine();
          String help =
              c.getCommandSpec().qualifiedName().equals("shareguard")
                  ? "shareguard --help"
                  : c.getCommandSpec().qualifiedName() + " --help";
          env.err().println("shareguard: " + e.getMessage() + " (see '" + help + "')");
          return ExitCode.USAGE.code();
        });
    cmd.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          if (e instanceof UsageException) {
            env.err().println("shareguard: " + e.getMessage());
            return ExitCode.USAGE.code();
          }
          return internalError(env.err(), e);
        });
    int code = cmd.execute(args);
    env.out().flush();
    env.err().flush();
    return code;
  }

  /** Reports a bug in Shareguard with its stack trace; returns exit code 3. */
  static int internalError(PrintStream err, Throwable e) {
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    err.println(
        "shareguard: internal error: "
            + e
            + "\nThis is a bug in Shareguard "
            + Version.get()
            + "; please report it to the Shareguard maintainers"
            + " with the command line and the stack trace below.");
    err.print(trace);
    err.flush();
    return ExitCode.INTERNAL_ERROR.code();
  }

  /** Without a command: show usage, a usage error. */
  @Override
  public Integer call() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing command");
  }

  /** The version filtered into the jar by the build. */
  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"shareguard " + Version.get()};
    }
  }
}
