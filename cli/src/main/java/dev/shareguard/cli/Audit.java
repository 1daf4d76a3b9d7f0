package dev.shareguard.cli;

import com.github.javaparser.JavaParser;
import dev.shareguard.cli.frontend.JavaParserFrontEnd;
import dev.shareguard.cli.frontend.ParsedFile;
import dev.shareguard.cli.frontend.SourceParseException;
import dev.shareguard.cli.report.SourceLines;
import dev.shareguard.core.Analyzer;
import dev.shareguard.core.config.Config;
import dev.shareguard.core.finding.Finding;
import dev.shareguard.core.ir.SourceFile;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One audit of a source tree: find the {@code .java} files, parse them in parallel, lower them as
 * one project (types resolve across files), run the engine. A file that cannot be read or parsed is
 * reported and skipped; the rest is audited. Results never depend on thread timing: files are
 * processed and reported in path order.
 */
public final class Audit {
  /**
   * Worker stack size: JavaParser and the lowering recurse once per nesting level, and generated
   * code nests deeply (long string concatenations, builder chains). Reserved, not committed.
   */
  private static final long STACK_BYTES = 64L << 20;

  /** The analysis run over the lowered files; the engine by default, replaceable in tests. */
  public interface Engine {
    List<Finding> analyze(List<SourceFile> files);
  }

  /**
   * What an audit found and what it could not audit.
   *
   * @param root the directory finding paths are relative to (see {@link #root(List, Path)})
   * @param cwd the working directory: reports show paths relative to it (see {@link #shown})
   * @param encoding the encoding the audited files were read in
   * @param fingerprints the stable identity of each finding, same order (see {@link Fingerprints})
   * @param files the {@code .java} files found (audited or skipped)
   * @param baselined how many findings a baseline accepted (left out of {@code findings})
   */
  public record Result(
      Path root,
      Path cwd,
      Charset encoding,
      List<Finding> findings,
      List<String> fingerprints,
      List<FileProblem> problems,
      int files,
      long lines,
      double seconds,
      int baselined) {
    public Result {
      findings = List.copyOf(findings);
      fingerprints = List.copyOf(fingerprints);
      problems = List.copyOf(problems);
      if (findings.size() != fingerprints.size()) {
        throw new IllegalArgumentException("one fingerprint per finding");
      }
    }

    /** A result read in UTF-8 whose paths are shown relative to {@code root}. */
    public Result(
        Path root,
        List<Finding> findings,
        List<String> fingerprints,
        List<FileProblem> problems,
        int files,
        long lines,
        double seconds,
        int baselined) {
      this(
          root,
          root,
          StandardCharsets.UTF_8,
          findings,
          fingerprints,
          problems,
          files,
          lines,
          seconds,
          baselined);
    }

    /** This result with {@code findings} (and their fingerprints) instead. */
    public Result withFindings(List<Finding> findings, List<String> fingerprints, int baselined) {
      return new Result(
          root, cwd, encoding, findings, fingerprints, problems, files, lines, seconds, baselined);
    }

    /**
     * A finding path (relative to {@link #root}) as a person at the terminal needs it: relative to
     * the working directory, so terminals and editors open it from there.
     */
    public String shown(String path) {
      return display(cwd, root.resolve(path).normalize());
    }

    /** How many of the files found were audited (not skipped). */
    public int audited() {
      return files - problems.size();
    }

    /** This result with only the findings at {@code keep[i]}, the rest counted as baselined. */
    public Result keepOnly(boolean[] keep) {
      List<Finding> f = new ArrayList<>();
      List<String> p = new ArrayList<>();
      for (int i = 0; i < keep.length; i++) {
        if (keep[i]) {
          f.add(findings.get(i));
          p.add(fingerprints.get(i));
        }
      }
      int dropped = findings.size() - f.size();
      return withFindings(f, p, baselined + dropped);
    }
  }

  /**
   * What a long audit tells the person waiting: called from worker threads, so implementations are
   * thread-safe; nothing here may change the result.
   */
  public interface Progress {
    /** No progress shown. */
    Progress NONE =
        new Progress() {
          @Override
          public void start(int files) {}

          @Override
          public void parsed(long lines) {}

          @Override
          public void phase(String name) {}
        };

    /** Parsing of {@code files} files begins. */
    void start(int files);

    /** One more file was read (parsed or skipped), with {@code lines} lines. */
    void parsed(long lines);

    /** A phase after parsing begins: {@code "lowering"}, {@code "analysing"}, {@code "done"}. */
    void phase(String name);
  }

  /** A path given to the audit that does not exist, or is a file that is not Java source. */
  public static final class MissingPathException extends IOException {
    private static final long serialVersionUID = 1L;

    MissingPathException(String message) {
      super(message);
    }
  }

  /**
   * How to find and read the files, beyond the config.
   *
   * @param includeGenerated audit generated files too, instead of skipping them
   * @param sourceRoots directories whose classes are read to resolve types and calls, not audited
   * @param classpath jars and class directories whose classes resolve library types
   * @param encoding the encoding of the source files
   * @param excludes globs ({@link java.nio.file.FileSystem#getPathMatcher} syntax) of files left
   *     out, matched against the path relative to the audited root and to the working directory
   * @param cache the directory of the incremental cache ({@link IncrementalLowering}), or null
   */
  public record Options(
      boolean includeGenerated,
      List<Path> sourceRoots,
      List<Path> classpath,
      Charset encoding,
      List<String> excludes,
      Path cache) {
    public Options {
      sourceRoots = List.copyOf(sourceRoots);
      classpath = List.copyOf(classpath);
      excludes = List.copyOf(excludes);
    }

    /**
     * Generated files skipped, no extra sources or class path, UTF-8, nothing excluded, no cache.
     */
    public static Options defaults() {
      return new Options(false, List.of(), List.of(), StandardCharsets.UTF_8, List.of(), null);
    }

    /** These options with the cache in {@code dir}. */
    public Options withCache(Path dir) {
      return new Options(includeGenerated, sourceRoots, classpath, encoding, excludes, dir);
    }
  }

  /**
   * What a parsed file's tree takes in memory per byte of its source, measured with {@code
   * GC.class_histogram} on the trees of several libraries (22 to 27: JavaParser keeps, per node, a
   * range of two positions and three lists). A skeleton's tree takes about half.
   */
  private static final long TREE_BYTES_PER_SOURCE_BYTE = 24;

  /**
   * The part of the heap that whole trees may take while every file is parsed (the rest holds the
   * skeleton trees, the IR as it is made and the engine's work): a third.
   */
  private static final int TREE_SHARE_OF_HEAP = 3;

  private final int jobs;
  private final Config config;

  /**
   * How many bytes of source are kept as whole trees until lowering; the files after them, in path
   * order, are kept as skeletons and parsed again when lowered ({@link
   * JavaParserFrontEnd#deferBodies}). The findings are the same either way.
   */
  private long wholeTreeBudget =
      Runtime.getRuntime().maxMemory() / TREE_SHARE_OF_HEAP / TREE_BYTES_PER_SOURCE_BYTE;

  /** The analysis given, or null for the engine (which then shares the audit's workers). */
  private final Engine engine;

  private final Progress progress;
  private final Options options;

  /** Told of problems that do not stop the audit nor concern one file (an unreadable cache). */
  private final java.util.function.Consumer<String> warnings;

  /**
   * @param jobs worker threads for parsing and lowering (at least 1)
   * @param engine the analysis, or null for the engine ({@link Analyzer})
   * @param progress told how the audit advances
   */
  public Audit(Config config, int jobs, Engine engine, Progress progress, Options options) {
    this(config, jobs, engine, progress, options, w -> {});
  }

  /**
   * @param warnings told of problems that neither stop the audit nor concern one file
   */
  public Audit(
      Config config,
      int jobs,
      Engine engine,
      Progress progress,
      Options options,
      java.util.function.Consumer<String> warnings) {
    if (jobs < 1) {
      throw new IllegalArgumentException("jobs must be at least 1");
    }
    this.jobs = jobs;
    this.config = config;
    this.engine = engine;
    this.progress = progress;
    this.options = options;
    this.warnings = warnings;
  }

  /** This audit, keeping whole trees for {@code bytes} bytes of source only (for tests). */
  Audit withWholeTreeBudget(long bytes) {
    this.wholeTreeBudget = bytes;
    return this;
  }

  /** An audit with no progress display and the default {@link Options}. */
  public Audit(Config config, int jobs, Engine engine) {
    this(config, jobs, engine, Progress.NONE, Options.defaults());
  }

  /** The directory finding paths are relative to: the one directory given, else {@code cwd}. */
  public static Path root(List<Path> paths, Path cwd) {
    if (paths.size() == 1) {
      Path only = cwd.resolve(paths.get(0)).toAbsolutePath().normalize();
      if (Files.isDirectory(only)) {
        return only;
      }
    }
    return cwd.toAbsolutePath().normalize();
  }

  /**
   * The {@code .java} files under {@code paths} (resolved against {@code cwd}), by path relative to
   * {@code root} with '/' separators, sorted, less those {@code excluded}. Directories are searched
   * recursively, skipping hidden ones; a file named explicitly must be a {@code .java} file (a
   * {@code .txt} named by mistake is refused, not parsed as Java). Unreadable directories are added
   * to {@code problems}.
   */
  static Map<String, Path> discover(
      List<Path> paths, Path cwd, Path root, Exclusions excluded, List<FileProblem> problems)
      throws IOException {
    Map<String, Path> out = new TreeMap<>();
    for (Path given : paths) {
      Path p = cwd.resolve(given).toAbsolutePath().normalize();
      if (!Files.exists(p)) {
        throw new MissingPathException("no such file or directory: " + given);
      }
      if (!Files.isDirectory(p) && !p.getFileName().toString().endsWith(".java")) {
        throw new MissingPathException(given + " is not a .java file or a directory");
      }
      if (Files.isDirectory(p)) {
        Files.walkFileTree(
            p,
            new SimpleFileVisitor<>() {
              @Override
              public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                return !dir.equals(p) && name.startsWith(".")
                    ? FileVisitResult.SKIP_SUBTREE
                    : FileVisitResult.CONTINUE;
              }

              @Override
              public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()
                    && file.getFileName().toString().endsWith(".java")
                    && !excluded.test(display(root, file), display(cwd, file))) {
                  out.putIfAbsent(display(root, file), file);
                }
                return FileVisitResult.CONTINUE;
              }

              @Override
              public FileVisitResult visitFileFailed(Path file, IOException e) {
                problems.add(new FileProblem(display(root, file), 1, "cannot read: " + e));
                return FileVisitResult.CONTINUE;
              }
            });
      } else if (!excluded.test(display(root, p), display(cwd, p))) {
        out.putIfAbsent(display(root, p), p);
      }
    }
    return out;
  }

  /** {@code file} relative to {@code root}, with '/' separators. */
  static String display(Path root, Path file) {
    Path rel;
    try {
      rel = root.relativize(file);
    } catch (IllegalArgumentException e) {
      rel = file;
    }
    String s = rel.toString().replace(java.io.File.separatorChar, '/');
    return s.isEmpty() ? file.getFileName().toString() : s;
  }

  /** Audits {@code paths}; relative paths resolve against {@code cwd}. */
  public Result run(List<Path> paths, Path workingDir) throws IOException {
    long start = System.nanoTime();
    Path cwd = workingDir.toAbsolutePath().normalize();
    Path root = root(paths, cwd);
    List<FileProblem> problems = new ArrayList<>();
    Exclusions excluded = new Exclusions(options.excludes());
    Map<String, Path> files = discover(paths, cwd, root, excluded, problems);
    Map<String, Path> context = new TreeMap<>();
    if (!options.sourceRoots().isEmpty()) {
      for (Map.Entry<String, Path> e :
          discover(options.sourceRoots(), cwd, root, excluded, new ArrayList<>()).entrySet()) {
        if (!files.containsKey(e.getKey())) {
          context.put(e.getKey(), e.getValue());
        }
      }
    }
    Map<String, Path> all = new TreeMap<>(files);
    all.putAll(context);
    progress.start(all.size());
    ExecutorService pool = Executors.newFixedThreadPool(jobs, new Workers());
    try {
      IncrementalLowering cache =
          options.cache() == null ? null : new IncrementalLowering(options, warnings);
      List<Source> sources = new ArrayList<>();
      List<FileProblem> parseProblems = new ArrayList<>();
      Set<String> deferred = deferred(all);
      if (cache != null) {
        cache.expect(all.keySet());
      }
      long lines = parseAll(all, context.keySet(), deferred, pool, cache, sources, parseProblems);
      for (FileProblem p : parseProblems) {
        if (!context.containsKey(p.path())) {
          problems.add(p);
        }
      }
      progress.phase("lowering");
      JavaParserFrontEnd frontEnd = new JavaParserFrontEnd(options.classpath());
      List<Finding> raw;
      if (cache != null && engine == null) {
        raw = analyseIncrementally(cache, sources, frontEnd, pool, all, context, problems);
      } else {
        List<JavaParserFrontEnd.Lowered> results;
        if (cache == null) {
          List<ParsedFile> parsed = new ArrayList<>();
          sources.forEach(f -> parsed.add(f.parsed()));
          sources = null;
          results = frontEnd.lower(parsed, pool);
        } else {
          results = cache.lower(sources, frontEnd, pool);
          sources = null;
        }
        List<SourceFile> lowered = new ArrayList<>();
        for (JavaParserFrontEnd.Lowered l : results) {
          if (l.error() != null) {
            loweringProblem(l.path(), l.error(), context, problems);
          } else {
            lowered.add(l.file());
          }
        }
        results = null;
        progress.phase("analysing");
        // The engine's walk stays on this thread; the other workers analyse bodies ahead of it.
        raw =
            engine != null
                ? engine.analyze(lowered)
                : new Analyzer(config, pool, jobs - 1)
                    .analyze(lowered, closedPackages(lowered, all));
      }
      List<Finding> findings = new ArrayList<>();
      for (Finding f : raw) {
        if (!context.containsKey(f.location().path())) {
          findings.add(f);
        }
      }
      findings.sort(Finding.ORDER);
      problems.sort(null);
      List<String> fingerprints =
          Fingerprints.of(findings, new SourceLines(root, options.encoding()));
      progress.phase("done");
      double seconds = (System.nanoTime() - start) / 1e9;
      return new Result(
          root,
          cwd,
          options.encoding(),
          findings,
          fingerprints,
          problems,
          files.size(),
          lines,
          seconds,
          0);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Lowering and analysis with the cache ({@link IncrementalAnalysis}): only the parts of the
   * program that changed are analysed again.
   */
  private List<Finding> analyseIncrementally(
      IncrementalLowering cache,
      List<Source> sources,
      JavaParserFrontEnd frontEnd,
      ExecutorService pool,
      Map<String, Path> all,
      Map<String, Path> context,
      List<FileProblem> problems) {
    List<IncrementalLowering.Prepared> prepared = cache.prepare(sources, frontEnd, pool);
    sources.clear();
    Map<String, String> packages = new java.util.LinkedHashMap<>();
    for (IncrementalLowering.Prepared p : prepared) {
      if (p.error() != null) {
        loweringProblem(p.path(), p.error(), context, problems);
      } else {
        packages.put(p.path(), p.links().packageName());
      }
    }
    progress.phase("partitioning");
    Set<String> closed = closedPackages(packages, all);
    IncrementalAnalysis analysis = new IncrementalAnalysis(cache, config);
    // The engine's walk stays on this thread; the other workers analyse bodies ahead of it.
    return analysis.analyse(
        prepared,
        closed,
        files -> new Analyzer(config, pool, jobs - 1).analyze(files, closed),
        frontEnd,
        pool,
        progress);
  }

  private static void loweringProblem(
      String path, String error, Map<String, Path> context, List<FileProblem> problems) {
    if (!context.containsKey(path)) {
      problems.add(new FileProblem(path, 1, error + " (please report this bug)"));
    }
  }

  /**
   * The packages of {@code lowered} whose every source file is among them: each directory holding
   * one of their files has no other {@code .java} file (one skipped as generated, unparseable or
   * not named on the command line makes its package open). The engine then knows every caller of
   * their package-private methods.
   */
  static Set<String> closedPackages(List<SourceFile> lowered, Map<String, Path> paths) {
    Map<String, String> packages = new java.util.LinkedHashMap<>();
    for (SourceFile f : lowered) {
      packages.put(f.path(), f.packageName());
    }
    return closedPackages(packages, paths);
  }

  /** {@link #closedPackages(List, Map)} of the lowered files' packages, by path. */
  static Set<String> closedPackages(Map<String, String> lowered, Map<String, Path> paths) {
    Map<Path, Set<Path>> seenByDir = new java.util.HashMap<>();
    for (String path : lowered.keySet()) {
      Path p = paths.get(path);
      if (p != null && p.getParent() != null) {
        seenByDir.computeIfAbsent(p.getParent(), d -> new java.util.HashSet<>()).add(p);
      }
    }
    Set<Path> completeDirs = new java.util.HashSet<>();
    for (Map.Entry<Path, Set<Path>> e : seenByDir.entrySet()) {
      try (java.util.stream.Stream<Path> list = Files.list(e.getKey())) {
        if (list.filter(q -> q.getFileName().toString().endsWith(".java") && Files.isRegularFile(q))
            .allMatch(q -> e.getValue().contains(q.toAbsolutePath().normalize()))) {
          completeDirs.add(e.getKey());
        }
      } catch (IOException | java.io.UncheckedIOException ex) {
        // Not known to be complete.
      }
    }
    Set<String> closed = new java.util.TreeSet<>();
    Set<String> open = new java.util.HashSet<>();
    for (Map.Entry<String, String> f : lowered.entrySet()) {
      Path p = paths.get(f.getKey());
      (p != null && completeDirs.contains(p.getParent()) ? closed : open).add(f.getValue());
    }
    closed.removeAll(open);
    return closed;
  }

  /**
   * The files, in path order, after the first {@link #wholeTreeBudget} bytes: their trees are held
   * as skeletons until they are lowered, so that memory does not grow with whole trees for every
   * file of a large tree. None when all of the source is within half as much again: such a tree
   * fits whole (the bench set's 27 MB with the default heap, measured), and is parsed once. (With
   * the incremental cache, this is for the files it does not know.)
   */
  private Set<String> deferred(Map<String, Path> files) {
    Map<String, Long> sizes = new java.util.LinkedHashMap<>();
    long total = 0;
    for (Map.Entry<String, Path> e : files.entrySet()) {
      try {
        long size = Files.size(e.getValue());
        sizes.put(e.getKey(), size);
        total += size;
      } catch (IOException ex) {
        // Reported when the file is read.
      }
    }
    Set<String> out = new java.util.HashSet<>();
    if (total <= wholeTreeBudget + wholeTreeBudget / 2) {
      return out;
    }
    long bytes = 0;
    for (Map.Entry<String, Long> e : sizes.entrySet()) {
      bytes += e.getValue();
      if (bytes > wholeTreeBudget) {
        out.add(e.getKey());
      }
    }
    return out;
  }

  /**
   * Reads and parses every file on the pool; returns the number of lines read from files not in
   * {@code context}. The trees of the {@code deferred} files are kept as skeletons.
   */
  private long parseAll(
      Map<String, Path> files,
      Set<String> context,
      Set<String> deferred,
      ExecutorService pool,
      IncrementalLowering cache,
      List<Source> parsed,
      List<FileProblem> problems) {
    ThreadLocal<JavaParser> parsers = ThreadLocal.withInitial(JavaParserFrontEnd::newParser);
    List<Future<Object>> futures = new ArrayList<>();
    for (Map.Entry<String, Path> e : files.entrySet()) {
      futures.add(
          pool.submit(
              () -> {
                Object r =
                    parseOne(
                        e.getKey(),
                        e.getValue(),
                        parsers.get(),
                        cache,
                        deferred.contains(e.getKey()));
                progress.parsed(
                    r instanceof Source p
                        ? p.lines()
                        : r instanceof ReadAsLatin1 l ? l.source().lines() : 0);
                return r;
              }));
    }
    long lines = 0;
    for (Future<Object> f : futures) {
      Object r = get(f);
      if (r instanceof ReadAsLatin1 l) {
        if (!context.contains(l.source().path())) {
          warnings.accept(l.note());
        }
        r = l.source();
      }
      if (r instanceof FileProblem p) {
        problems.add(p);
      } else {
        Source p = (Source) r;
        if (!context.contains(p.path())) {
          lines += p.lines();
        }
        parsed.add(p);
      }
    }
    return lines;
  }

  /**
   * A file read for the audit: its text and line count, its tree when it was parsed (always without
   * a cache; with one, only when the cache did not know the file), and its cache key and skeleton
   * when there is a cache.
   */
  record Source(
      String path,
      ParsedFile parsed,
      String text,
      int lines,
      String key,
      dev.shareguard.cli.cache.IrCache.Skeleton skeleton) {}

  /** A file read in ISO-8859-1 because it is not valid in the audit's encoding, and the note. */
  private record ReadAsLatin1(Source source, String note) {}

  /** A {@link Source} (or a {@link ReadAsLatin1}), or the {@link FileProblem} that stops it. */
  private Object parseOne(
      String path, Path file, JavaParser parser, IncrementalLowering cache, boolean deferred) {
    try {
      long size = Files.size(file);
      if (size > SourceText.MAX_BYTES) {
        return new FileProblem(
            path,
            1,
            "file too large ("
                + size
                + " bytes, the limit is "
                + SourceText.MAX_BYTES
                + "), skipped");
      }
      byte[] bytes = Files.readAllBytes(file);
      SourceText.Text text = SourceText.read(path, bytes, options.encoding());
      String source = text.text();
      if (!options.includeGenerated()) {
        SourceText.Generated g = SourceText.generated(source);
        if (g != null) {
          return FileProblem.skipped(
              path,
              g.line(),
              "generated code (" + g.marker() + "), skipped; --include-generated audits it");
        }
      }
      int lines = SourceText.lines(source);
      Source read;
      if (cache != null) {
        read = cache.read(path, bytes, source, lines, parser, deferred);
      } else {
        ParsedFile parsed = JavaParserFrontEnd.parse(parser, path, source);
        if (deferred) {
          parsed = JavaParserFrontEnd.deferBodies(parser, parsed);
        }
        read = new Source(path, parsed, source, lines, null, null);
      }
      if (text.badLine() > 0) {
        return new ReadAsLatin1(
            read,
            path
                + ":"
                + text.badLine()
                + ": not valid "
                + options.encoding().name()
                + "; audited as ISO-8859-1 (its non-ASCII characters may show wrongly; give the"
                + " files' encoding with --encoding)");
      }
      return read;
    } catch (SourceParseException e) {
      return new FileProblem(path, e.line(), e.reason());
    } catch (NoSuchFileException e) {
      return new FileProblem(path, 1, "cannot read: file disappeared");
    } catch (IOException e) {
      return new FileProblem(path, 1, "cannot read: " + e.getMessage());
    }
  }

  private static Object get(Future<Object> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    }
  }

  /** Daemon workers with deep stacks. */
  private static final class Workers implements ThreadFactory {
    private final AtomicInteger n = new AtomicInteger();

    @Override
    public Thread newThread(Runnable r) {
      Thread t = new Thread(null, r, "shareguard-worker-" + n.incrementAndGet(), STACK_BYTES);
      t.setDaemon(true);
      return t;
    }
  }
}
