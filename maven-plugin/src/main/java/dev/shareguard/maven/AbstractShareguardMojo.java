package dev.shareguard.maven;

import dev.shareguard.cli.CliEnvironment;
import dev.shareguard.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * What both goals share: the CLI's whole-program audit over the module's sources (or, with {@code
 * aggregate}, over every module of the reactor at once), with the CLI's options as parameters. The
 * goal builds a {@code shareguard audit} command line and runs it in-process, so the goal and the
 * CLI validate and report exactly alike; the text report goes to the build log, the {@code formats}
 * to files under {@code outputDirectory}.
 */
abstract class AbstractShareguardMojo extends AbstractMojo {
  /** The CLI's exit codes (see dev.shareguard.cli.ExitCode). */
  static final int OK = 0;

  static final int FINDINGS = 1;

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  MavenProject project;

  @Parameter(defaultValue = "${session}", readonly = true, required = true)
  MavenSession session;

  /** Skip the audit. */
  @Parameter(property = "shareguard.skip", defaultValue = "false")
  boolean skip;

  /**
   * The least severe finding that fails {@code check}: {@code error}, {@code warning}, {@code
   * note}.
   */
  @Parameter(property = "shareguard.failOn", defaultValue = "warning")
  String failOn;

  /**
   * The least confidence a thread finding needs to be reported: {@code high}, {@code medium} or
   * {@code low}. Unset, the config file's {@code min-confidence} or the engine's default floor
   * (medium) applies. Findings below it are left out of the log and every report, so they cannot
   * fail the build either.
   */
  @Parameter(property = "shareguard.minConfidence")
  String minConfidence;

  /** A baseline written by {@code shareguard audit --write-baseline}: only new findings count. */
  @Parameter(property = "shareguard.baseline")
  File baseline;

  /** A Shareguard config file (docs/cli.md: thread-safe types, spawners, rules, severities). */
  @Parameter(property = "shareguard.config")
  File config;

  /**
   * Report files to write under {@code outputDirectory}, as {@code shareguard.<ext>}: any of {@code
   * text}, {@code json}, {@code sarif}, {@code html}.
   */
  @Parameter(property = "shareguard.formats", defaultValue = "sarif")
  List<String> formats;

  /** Where the report files go. In aggregate mode: under the top-level project's build folder. */
  @Parameter(defaultValue = "${project.build.directory}/shareguard", required = true)
  File outputDirectory;

  /** Audit the test sources too. */
  @Parameter(property = "shareguard.includeTests", defaultValue = "false")
  boolean includeTests;

  /** Globs of source files to leave out, e.g. {@code **}{@code /generated/**}. */
  @Parameter(property = "shareguard.excludes")
  List<String> excludes;

  /**
   * Audit all modules of the reactor together, once, after the last module (a race between classes
   * of two modules is found); the reports go under the top-level project.
   */
  @Parameter(property = "shareguard.aggregate", defaultValue = "false")
  boolean aggregate;

  /** The encoding of the source files. */
  @Parameter(property = "shareguard.encoding", defaultValue = "${project.build.sourceEncoding}")
  String encoding;

  /**
   * A directory for the incremental cache ({@code --cache}): the next build parses and lowers only
   * the files that changed, and reports the same. Off when not set; outside {@code target/} it
   * survives {@code mvn clean}.
   */
  @Parameter(property = "shareguard.cache")
  File cache;

  /** Worker threads (default: the number of processors). */
  @Parameter(property = "shareguard.jobs")
  Integer jobs;

  /** Whether findings at or above {@code failOn} fail the build. */
  abstract boolean failsOnFindings();

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("Shareguard: skipped (shareguard.skip)");
      return;
    }
    List<MavenProject> audited = aggregate ? session.getProjects() : List.of(project);
    if (aggregate && project != audited.get(audited.size() - 1)) {
      getLog()
          .info(
              "Shareguard: aggregate audit runs once, after the last module of the reactor ("
                  + audited.get(audited.size() - 1).getArtifactId()
                  + ")");
      return;
    }
    List<String> roots = sourceRoots(audited);
    if (roots.isEmpty()) {
      getLog().info("Shareguard: no Java sources, nothing to audit");
      return;
    }
    Path cwd =
        aggregate ? Path.of(session.getExecutionRootDirectory()) : project.getBasedir().toPath();
    File reports =
        aggregate
            ? new File(session.getTopLevelProject().getBuild().getDirectory(), "shareguard")
            : outputDirectory;
    List<String> args = arguments(roots, reports.toPath());
    if (!reports.isDirectory() && !reports.mkdirs()) {
      throw new MojoExecutionException("Shareguard: cannot create " + reports);
    }
    getLog().debug("Shareguard: " + String.join(" ", args));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = Main.run(args.toArray(String[]::new), new CliEnvironment(o, e, cwd, null, false));
    }
    String report = out.toString(StandardCharsets.UTF_8);
    String messages = err.toString(StandardCharsets.UTF_8);
    if (code != OK && code != FINDINGS) {
      messages.lines().forEach(getLog()::error);
      throw new MojoExecutionException(
          "Shareguard could not audit: " + messages.lines().findFirst().orElse("exit " + code));
    }
    report.lines().forEach(getLog()::warn);
    messages.lines().forEach(getLog()::info);
    if (code == FINDINGS) {
      String what =
          "Shareguard: findings at or above '" + failOn + "' (reports in " + reports + ")";
      if (failsOnFindings()) {
        throw new MojoFailureException(what);
      }
      getLog().warn(what);
    }
  }

  /** The existing source folders of {@code projects}, main and (with includeTests) test. */
  private List<String> sourceRoots(List<MavenProject> projects) {
    Set<String> out = new LinkedHashSet<>();
    for (MavenProject p : projects) {
      List<String> all = new ArrayList<>(p.getCompileSourceRoots());
      if (includeTests) {
        all.addAll(p.getTestCompileSourceRoots());
      }
      for (String root : all) {
        if (Files.isDirectory(Path.of(root))) {
          out.add(Path.of(root).toAbsolutePath().normalize().toString());
        }
      }
    }
    return new ArrayList<>(out);
  }

  /** The {@code shareguard audit} command line. */
  private List<String> arguments(List<String> roots, Path reports) throws MojoExecutionException {
    List<String> args = new ArrayList<>(List.of("audit", "--no-progress", "--fail-on", failOn));
    if (minConfidence != null && !minConfidence.isBlank()) {
      args.addAll(List.of("--min-confidence", minConfidence.strip()));
    }
    if (baseline != null) {
      args.addAll(List.of("--baseline", baseline.getAbsolutePath()));
    }
    if (config != null) {
      args.addAll(List.of("--config", config.getAbsolutePath()));
    }
    if (encoding != null && !encoding.isBlank()) {
      args.addAll(List.of("--encoding", encoding));
    }
    if (cache != null) {
      args.addAll(List.of("--cache", cache.getAbsolutePath()));
    }
    if (jobs != null) {
      args.addAll(List.of("--jobs", String.valueOf(jobs)));
    }
    if (excludes != null) {
      for (String glob : excludes) {
        args.addAll(List.of("--exclude", glob));
      }
    }
    if (formats != null) {
      for (String format : formats) {
        String f = format.strip().toLowerCase(Locale.ROOT);
        String ext = f.equals("text") ? "txt" : f;
        args.addAll(List.of("--report", f + "=" + reports.resolve("shareguard." + ext)));
      }
    }
    String classpath = classpath();
    if (!classpath.isEmpty()) {
      args.addAll(List.of("--classpath", classpath));
    }
    args.addAll(roots);
    return args;
  }

  /**
   * The module's resolved dependencies, so library types resolve (none is needed). The module's own
   * output folders are left out: its sources are audited. Aggregate audits take none: the reactor's
   * modules are all sources, and other modules' dependencies are not resolved here.
   */
  private String classpath() throws MojoExecutionException {
    if (aggregate) {
      return "";
    }
    try {
      List<String> elements =
          new ArrayList<>(
              includeTests
                  ? project.getTestClasspathElements()
                  : project.getCompileClasspathElements());
      elements.remove(project.getBuild().getOutputDirectory());
      elements.remove(project.getBuild().getTestOutputDirectory());
      elements.removeIf(e -> !new File(e).exists());
      return String.join(File.pathSeparator, elements);
    } catch (DependencyResolutionRequiredException e) {
      throw new MojoExecutionException("Shareguard: dependencies not resolved", e);
    }
  }
}
