package dev.shareguard.cli;

import dev.shareguard.cli.report.Report;
import dev.shareguard.core.config.Config;
import dev.shareguard.core.finding.Finding;
import dev.shareguard.core.finding.Severity;
import dev.shareguard.core.rules.RuleCatalog;
import dev.shareguard.core.rules.RuleInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code shareguard audit [PATHS…]}: audits the Java sources under the paths. The report goes to
 * standard output (or {@code --output}), one summary line to standard error; the exit code says
 * whether there are findings at or above {@code --fail-on}.
 */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    description = "Audits the .java files under PATHS (default: the current directory).",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:no findings at or above --fail-on",
      "1:findings at or above --fail-on",
      "2:usage or configuration error",
      "3:internal error (a bug: please report it)"
    })
final class AuditCommand implements Callable<Integer> {
  /** How severe a finding must be to fail the audit. */
  enum FailOn {
    ERROR(Severity.ERROR),
    WARNING(Severity.WARNING),
    NOTE(Severity.NOTE);

    final Severity threshold;

    FailOn(Severity threshold) {
      this.threshold = threshold;
    }

    /** Severity declares ERROR, WARNING, NOTE from most to least severe. */
    boolean fails(Severity s) {
      return s.ordinal() <= threshold.ordinal();
    }
  }

  private final CliEnvironment env;

  @Parameters(paramLabel = "PATHS", arity = "0..*", description = "Files or directories.")
  private List<Path> paths = new ArrayList<>();

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "Report format: text, json or sarif (default: ${DEFAULT-VALUE}).")
  private Report.Format format;

  @Option(names = "--output", paramLabel = "FILE", description = "Write the report to FILE.")
  private Path output;

  @Option(
      names = "--rules",
      paramLabel = "RULE",
      split = ",",
      description = "Run only these rules (comma-separated ids).")
  private List<String> rules = new ArrayList<>();

  @Option(
      names = "--disable",
      paramLabel = "RULE",
      split = ",",
      description = "Do not run these rules (comma-separated ids).")
  private List<String> disable = new ArrayList<>();

  @Option(
      names = "--fail-on",
      paramLabel = "SEVERITY",
      defaultValue = "warning",
      description =
          "Exit with 1 when a finding is at least this severe: error, warning or note"
              + " (default: ${DEFAULT-VALUE}).")
  private FailOn failOn;

  @Option(
      names = "--jobs",
      paramLabel = "N",
      description = "Parse and lower on N threads (default: the number of processors).")
  private Integer jobs;

  AuditCommand(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public Integer call() throws IOException {
    Config config =
        Config.defaults()
            .withEnabledRules(ruleIds(rules, "--rules"))
            .withDisabledRules(ruleIds(disable, "--disable"));
    int threads = jobs == null ? Runtime.getRuntime().availableProcessors() : jobs;
    if (threads < 1) {
      throw new UsageException("--jobs must be at least 1, got " + threads);
    }
    Path out = output == null ? null : env.cwd().resolve(output).toAbsolutePath().normalize();
    if (out != null && Files.isDirectory(out)) {
      throw new UsageException("--output " + output + " is a directory");
    }
    List<Path> targets = paths.isEmpty() ? List.of(Path.of(".")) : paths;

    Audit.Result result;
    try {
      result = new Audit(config, threads, env.engine()).run(targets, env.cwd());
    } catch (Audit.MissingPathException e) {
      throw new UsageException(e.getMessage());
    }
    List<RuleInfo> ran = new ArrayList<>();
    for (RuleInfo r : RuleCatalog.all()) {
      if (config.isEnabled(r.id())) {
        ran.add(r);
      }
    }
    byte[] report = format.create().render(result, ran).getBytes(StandardCharsets.UTF_8);
    if (out != null) {
      try {
        Files.write(out, report);
      } catch (IOException e) {
        throw new UsageException("cannot write --output " + output + ": " + e.getMessage());
      }
    } else {
      env.out().write(report);
      env.out().flush();
    }
    for (FileProblem p : result.problems()) {
      env.err().println(p);
    }
    env.err().println(summary(result));
    boolean fail = result.findings().stream().map(Finding::severity).anyMatch(failOn::fails);
    return fail ? ExitCode.FINDINGS.code() : ExitCode.OK.code();
  }

  /** Rule ids from an option, each checked against the catalog. */
  private static Set<String> ruleIds(List<String> ids, String option) {
    Set<String> out = new LinkedHashSet<>();
    for (String raw : ids) {
      String id = raw.strip();
      if (id.isEmpty()) {
        continue;
      }
      if (RuleCatalog.find(id).isEmpty()) {
        List<String> known = RuleCatalog.all().stream().map(RuleInfo::id).toList();
        throw new UsageException(
            "unknown rule '"
                + id
                + "' in "
                + option
                + " (known rules: "
                + String.join(", ", known)
                + ")");
      }
      out.add(id);
    }
    return out;
  }

  private static String summary(Audit.Result r) {
    StringBuilder s = new StringBuilder("shareguard: ");
    s.append(plural(r.files(), "file")).append(", ");
    s.append(plural(r.lines(), "line")).append(", ");
    s.append(plural(r.findings().size(), "finding"));
    if (!r.problems().isEmpty()) {
      s.append(", ").append(plural(r.problems().size(), "file")).append(" skipped");
    }
    s.append(String.format(Locale.ROOT, " in %.2f s", r.seconds()));
    return s.toString();
  }

  private static String plural(long n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }
}
