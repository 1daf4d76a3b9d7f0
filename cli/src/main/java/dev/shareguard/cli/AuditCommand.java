package dev.shareguard.cli;

import dev.shareguard.cli.report.Report;
import dev.shareguard.core.RuleCatalog;
import dev.shareguard.core.config.Config;
import dev.shareguard.core.finding.Confidence;
import dev.shareguard.core.finding.Finding;
import dev.shareguard.core.finding.Severity;
import dev.shareguard.core.rules.RuleInfo;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
      description = "Report format: text, json, sarif or html (default: ${DEFAULT-VALUE}).")
  private Report.Format format;

  @Option(names = "--output", paramLabel = "FILE", description = "Write the report to FILE.")
  private Path output;

  @Option(
      names = "--report",
      paramLabel = "FORMAT=FILE",
      description =
          "Also write a report in FORMAT to FILE, from the same audit (repeatable), e.g."
              + " --report sarif=build/shareguard.sarif --report html=build/shareguard.html.")
  private List<String> reports = new ArrayList<>();

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
      names = "--min-confidence",
      paramLabel = "LEVEL",
      description =
          "Report only findings of at least this confidence that the code runs concurrently:"
              + " low, medium or high (default: the config file's, else "
              + "medium).")
  private String minConfidence;

  @Option(
      names = "--jobs",
      paramLabel = "N",
      description = "Parse and lower on N threads (default: the number of processors).")
  private Integer jobs;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "Read settings from FILE: extra thread-safe and immutable types, spawner methods,"
              + " shared-entry annotations, rules and rule severities (see docs/cli.md).")
  private Path configFile;

  @Option(
      names = "--baseline",
      paramLabel = "FILE",
      description =
          "Report only findings not accepted in FILE (written by --write-baseline); findings are"
              + " matched by fingerprint, not by line.")
  private Path baseline;

  @Option(
      names = "--write-baseline",
      paramLabel = "FILE",
      description =
          "Write every finding of this audit to FILE as accepted, and exit 0 unless the audit"
              + " fails otherwise.")
  private Path writeBaseline;

  @Option(
      names = "--source-root",
      paramLabel = "DIR",
      split = ",",
      description =
          "Also read the .java files under DIR to resolve types and calls, without auditing"
              + " them (repeatable).")
  private List<Path> sourceRoots = new ArrayList<>();

  @Option(
      names = {"--classpath", "-cp"},
      paramLabel = "PATH",
      description =
          "Jars and class directories (separated by '${sys:path.separator}', or repeated) whose"
              + " classes resolve library types; none is needed.")
  private List<String> classpath = new ArrayList<>();

  @Option(
      names = "--exclude",
      paramLabel = "GLOB",
      description =
          "Leave out the files this glob matches, relative to the audited directory or to the"
              + " working directory, e.g. '**/generated/**' (repeatable).")
  private List<String> excludes = new ArrayList<>();

  @Option(
      names = "--encoding",
      paramLabel = "CHARSET",
      defaultValue = "UTF-8",
      description = "The encoding of the source files (default: ${DEFAULT-VALUE}).")
  private String encoding;

  @Option(
      names = "--verbose",
      description =
          "Text report: give each finding's whole explanation (by default it is given once per"
              + " rule).")
  private boolean verbose;

  @Option(
      names = "--docs-url",
      paramLabel = "URL",
      description =
          "Where the Shareguard repository is published (a URL ending in '/'); SARIF and HTML"
              + " reports then link each rule to URL/docs/rules/<Rule>.md.")
  private String docsUrl;

  @Option(
      names = "--cache",
      paramLabel = "DIR",
      description =
          "Keep what parsing and lowering produced in DIR, so that the next audit parses and"
              + " lowers only the files that changed; the report is the same as without it.")
  private Path cache;

  @Option(
      names = "--include-generated",
      description = "Audit files whose header says they are generated (skipped by default).")
  private boolean includeGenerated;

  @Option(
      names = "--include-bundled",
      description =
          "Also report findings in bundled copies of other libraries, relocated under a"
              + " '.shaded.', '.relocated.', '.repackaged.' or '.thirdparty.' package (analysed"
              + " either way, reported by default only for the project's own code).")
  private boolean includeBundled;

  @Option(
      names = "--include-tests",
      description =
          "Also report findings in test and example code: files under src/test/ (testFixtures,"
              + " it, integrationTest) or in a package starting with test, tests, example,"
              + " examples, demo or demos (analysed either way, not reported by default).")
  private boolean includeTests;

  @Option(
      names = "--timings",
      description = "Also print the time of each phase (parsing, lowering, analysing) on stderr.")
  private boolean timings;

  @Option(
      names = "--no-progress",
      description = "Never show the progress bar (it shows only on a terminal, never under CI).")
  private boolean noProgress;

  AuditCommand(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public Integer call() throws IOException {
    ConfigFile settings =
        configFile == null
            ? ConfigFile.defaults()
            : ConfigFile.read(env.cwd().resolve(configFile), configFile.toString());
    Config config = config(settings);
    int threads = jobs == null ? Runtime.getRuntime().availableProcessors() : jobs;
    if (threads < 1) {
      throw new UsageException("--jobs must be at least 1, got " + threads);
    }
    Charset charset = charset(encoding);
    Path out = outputPath(output, "--output");
    Path baselineOut = outputPath(writeBaseline, "--write-baseline");
    Map<Path, Report.Format> extraReports = extraReports();
    Report.Settings reportSettings = new Report.Settings(verbose, docsUrl(docsUrl));
    Baseline accepted =
        baseline == null ? null : Baseline.read(env.cwd().resolve(baseline), baseline.toString());
    for (Path root : sourceRoots) {
      if (!Files.isDirectory(env.cwd().resolve(root))) {
        throw new UsageException("--source-root " + root + " is not a directory");
      }
    }
    List<Path> targets = paths.isEmpty() ? List.of(Path.of(".")) : paths;

    ProgressBar bar = env.interactive() && !noProgress ? new ProgressBar(env.err()) : null;
    PhaseTimer timer = new PhaseTimer(bar == null ? Audit.Progress.NONE : bar);
    Audit.Options options =
        new Audit.Options(
            includeGenerated, sourceRoots, classpathEntries(), charset, excludes, cacheDir());
    Audit.Result result;
    try {
      Audit audit = new Audit(config, threads, env.engine(), timer, options, env.err()::println);
      result = audit.run(targets, env.cwd());
    } catch (Audit.MissingPathException e) {
      throw new UsageException(e.getMessage());
    } finally {
      if (bar != null) {
        bar.close();
      }
    }
    result = withSeverities(result, settings);
    if (baselineOut != null) {
      write(
          baselineOut,
          Baseline.render(result.findings(), result.fingerprints()),
          "--write-baseline",
          writeBaseline);
    }
    List<Baseline.Entry> stale = List.of();
    if (accepted != null) {
      Baseline.Match match = accepted.match(result.fingerprints(), config::isEnabled);
      result = result.keepOnly(match.fresh());
      stale = match.stale();
    }
    List<RuleInfo> ran = new ArrayList<>();
    for (RuleInfo r : RuleCatalog.all()) {
      if (config.isEnabled(r.id())) {
        ran.add(new RuleInfo(r.id(), r.pack(), settings.severityOf(r), r.summary()));
      }
    }
    writeReports(result, ran, reportSettings, out, extraReports);
    for (FileProblem p : result.problems()) {
      env.err().println(p);
    }
    for (Baseline.Entry e : stale) {
      env.err()
          .println(baseline + ":" + e.line() + ": stale: no finding matches it any more: " + e);
    }
    env.err().println(summary(result));
    if (!stale.isEmpty()) {
      env.err()
          .println(
              "shareguard: "
                  + plural(stale.size(), "baseline entry", "baseline entries")
                  + " matched nothing; remove them, or rewrite the baseline with"
                  + " --write-baseline");
    }
    if (timings) {
      env.err().println(timer.summary());
    }
    if (result.audited() == 0) {
      // A CI job pointed at the wrong folder must not pass quietly.
      env.err().println("shareguard: nothing was audited: " + whyNothing(result, targets));
      return ExitCode.USAGE.code();
    }
    if (baselineOut != null) {
      env.err()
          .println(
              "shareguard: wrote "
                  + plural(result.findings().size() + result.baselined(), "finding")
                  + " to the baseline "
                  + writeBaseline);
      return ExitCode.OK.code();
    }
    boolean fail = result.findings().stream().map(Finding::severity).anyMatch(failOn::fails);
    return fail ? ExitCode.FINDINGS.code() : ExitCode.OK.code();
  }

  /**
   * The config file's settings with {@code --rules} and {@code --disable} applied.
   *
   * @throws UsageException when they leave no rule to run
   */
  private Config config(ConfigFile settings) {
    Config config = settings.config();
    if (!rules.isEmpty()) {
      config = config.withEnabledRules(ruleIds(rules, "--rules"));
    }
    if (!disable.isEmpty()) {
      Set<String> off = new TreeSet<>(config.disabledRules());
      off.addAll(ruleIds(disable, "--disable"));
      config = config.withDisabledRules(off);
    }
    if (minConfidence != null) {
      try {
        config = config.withMinConfidence(Confidence.parse(minConfidence));
      } catch (IllegalArgumentException e) {
        throw new UsageException("--min-confidence: " + e.getMessage());
      }
    }
    if (includeBundled) {
      config = config.withIncludeBundled(true);
    }
    if (includeTests) {
      config = config.withIncludeTests(true);
    }
    Config enabled = config;
    if (RuleCatalog.all().stream().noneMatch(r -> enabled.isEnabled(r.id()))) {
      throw new UsageException(
          "no rule is left to run: --rules, --disable and --config together disable them all");
    }
    return config;
  }

  /** The report to {@code --output} or standard output, and the {@code --report} files. */
  private void writeReports(
      Audit.Result result,
      List<RuleInfo> ran,
      Report.Settings settings,
      Path out,
      Map<Path, Report.Format> extra)
      throws IOException {
    for (Map.Entry<Path, Report.Format> e : extra.entrySet()) {
      String text = e.getValue().create(settings).render(result, ran);
      write(e.getKey(), text, "--report", e.getKey());
    }
    String report = format.create(settings).render(result, ran);
    if (out != null) {
      write(out, report, "--output", output);
    } else {
      env.out().write(report.getBytes(StandardCharsets.UTF_8));
      env.out().flush();
    }
  }

  /** Why an audit audited nothing. */
  private static String whyNothing(Audit.Result result, List<Path> targets) {
    return result.files() == 0
        ? "no .java files under " + shownPaths(targets)
        : "all " + plural(result.files(), "file") + " were skipped";
  }

  /** The --classpath entries, resolved; each must exist. */
  private List<Path> classpathEntries() {
    List<Path> out = new ArrayList<>();
    for (String option : classpath) {
      for (String entry : option.split(java.util.regex.Pattern.quote(java.io.File.pathSeparator))) {
        if (entry.isBlank()) {
          continue;
        }
        Path p = env.cwd().resolve(entry.strip()).toAbsolutePath().normalize();
        if (!Files.exists(p)) {
          throw new UsageException("--classpath entry " + entry + " does not exist");
        }
        out.add(p);
      }
    }
    return out;
  }

  /**
   * {@code path} resolved and checked before the audit starts (not a directory, in a directory that
   * exists and can be written), so a long audit does not end in "cannot write"; null if not given.
   */
  private Path outputPath(Path path, String option) {
    if (path == null) {
      return null;
    }
    Path p = env.cwd().resolve(path).toAbsolutePath().normalize();
    if (Files.isDirectory(p)) {
      throw new UsageException(option + " " + path + " is a directory");
    }
    Path dir = p.getParent();
    if (dir != null && !Files.isDirectory(dir)) {
      throw new UsageException(
          option + " " + path + ": the directory " + dir + " does not exist (create it first)");
    }
    if (dir != null && !Files.isWritable(dir) || Files.exists(p) && !Files.isWritable(p)) {
      throw new UsageException(option + " " + path + ": not writable");
    }
    return p;
  }

  private static String shownPaths(List<Path> paths) {
    return String.join(" ", paths.stream().map(Path::toString).toList());
  }

  /** The {@code --report FORMAT=FILE} files, checked like {@code --output}, in the order given. */
  private Map<Path, Report.Format> extraReports() {
    Map<Path, Report.Format> out = new LinkedHashMap<>();
    for (String r : reports) {
      int eq = r.indexOf('=');
      Report.Format f = null;
      if (eq > 0) {
        for (Report.Format candidate : Report.Format.values()) {
          if (candidate.name().equalsIgnoreCase(r.substring(0, eq).strip())) {
            f = candidate;
          }
        }
      }
      if (f == null || eq == r.length() - 1) {
        throw new UsageException(
            "--report '" + r + "' is not FORMAT=FILE with FORMAT one of text, json, sarif, html");
      }
      out.put(outputPath(Path.of(r.substring(eq + 1).strip()), "--report"), f);
    }
    return out;
  }

  /** The {@code --cache} directory, resolved; it must not be a file. Null if not given. */
  private Path cacheDir() {
    if (cache == null) {
      return null;
    }
    Path p = env.cwd().resolve(cache).toAbsolutePath().normalize();
    if (Files.exists(p) && !Files.isDirectory(p)) {
      throw new UsageException("--cache " + cache + " is a file, not a directory");
    }
    return p;
  }

  /** The charset named by {@code --encoding}. */
  private static Charset charset(String name) {
    try {
      return Charset.forName(name);
    } catch (IllegalArgumentException e) {
      throw new UsageException(
          "--encoding '" + name + "' is not an encoding this Java knows (e.g. UTF-8, ISO-8859-1)");
    }
  }

  /**
   * The {@code --docs-url}, checked to be an absolute URL and ended with '/'; null if not given.
   */
  private static String docsUrl(String url) {
    if (url == null) {
      return null;
    }
    try {
      if (!new java.net.URI(url).isAbsolute()) {
        throw new UsageException("--docs-url '" + url + "' is not an absolute URL");
      }
    } catch (java.net.URISyntaxException e) {
      throw new UsageException("--docs-url '" + url + "' is not a URL: " + e.getReason());
    }
    return url.endsWith("/") ? url : url + "/";
  }

  private static void write(Path file, String text, String option, Path shown) {
    try {
      Files.write(file, text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UsageException("cannot write " + option + " " + shown + ": " + e.getMessage());
    }
  }

  /** {@code r} with each finding at the severity the config file gives its rule. */
  private static Audit.Result withSeverities(Audit.Result r, ConfigFile settings) {
    if (settings.severities().isEmpty()) {
      return r;
    }
    List<Finding> out = new ArrayList<>();
    for (Finding f : r.findings()) {
      Severity s = settings.severities().getOrDefault(f.ruleId(), f.severity());
      out.add(
          new Finding(f.ruleId(), s, f.location(), f.key(), f.message(), f.related(), f.fixes(),
              f.confidence(), f.traces()));
    }
    return r.withFindings(out, r.fingerprints(), r.baselined());
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
    if (r.baselined() > 0) {
      s.append(" (").append(r.baselined()).append(" more in the baseline)");
    }
    if (!r.problems().isEmpty()) {
      s.append(", ").append(plural(r.problems().size(), "file")).append(" skipped");
    }
    s.append(String.format(Locale.ROOT, " in %.2f s", r.seconds()));
    return s.toString();
  }

  private static String plural(long n, String word) {
    return plural(n, word, word + "s");
  }

  private static String plural(long n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }
}
