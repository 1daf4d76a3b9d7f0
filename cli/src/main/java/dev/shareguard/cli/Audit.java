package dev.shareguard.cli;

import com.github.javaparser.JavaParser;
import dev.shareguard.cli.frontend.JavaParserFrontEnd;
import dev.shareguard.cli.frontend.ParsedFile;
import dev.shareguard.cli.frontend.SourceParseException;
import dev.shareguard.core.Analyzer;
import dev.shareguard.core.config.Config;
import dev.shareguard.core.finding.Finding;
import dev.shareguard.core.ir.SourceFile;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

  /** What an audit found and what it could not audit. */
  public record Result(
      Path root,
      List<Finding> findings,
      List<FileProblem> problems,
      int files,
      long lines,
      double seconds) {
    public Result {
      findings = List.copyOf(findings);
      problems = List.copyOf(problems);
    }
  }

  /** A path given to the audit that does not exist. */
  public static final class MissingPathException extends IOException {
    private static final long serialVersionUID = 1L;

    MissingPathException(String message) {
      super(message);
    }
  }

  private final int jobs;
  private final Engine engine;

  /**
   * @param jobs worker threads for parsing and lowering (at least 1)
   * @param engine the analysis, or null for {@code new Analyzer(config)}
   */
  public Audit(Config config, int jobs, Engine engine) {
    if (jobs < 1) {
      throw new IllegalArgumentException("jobs must be at least 1");
    }
    this.jobs = jobs;
    this.engine = engine != null ? engine : files -> new Analyzer(config).analyze(files);
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
   * {@code root} with '/' separators, sorted. Files named explicitly are taken whatever their name;
   * directories are searched recursively, skipping hidden ones. Unreadable directories are added to
   * {@code problems}.
   */
  public static Map<String, Path> discover(
      List<Path> paths, Path cwd, Path root, List<FileProblem> problems) throws IOException {
    Map<String, Path> out = new TreeMap<>();
    for (Path given : paths) {
      Path p = cwd.resolve(given).toAbsolutePath().normalize();
      if (!Files.exists(p)) {
        throw new MissingPathException("no such file or directory: " + given);
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
                if (attrs.isRegularFile() && file.getFileName().toString().endsWith(".java")) {
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
      } else {
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
  public Result run(List<Path> paths, Path cwd) throws IOException {
    long start = System.nanoTime();
    Path root = root(paths, cwd);
    List<FileProblem> problems = new ArrayList<>();
    Map<String, Path> files = discover(paths, cwd, root, problems);
    ExecutorService pool = Executors.newFixedThreadPool(jobs, new Workers());
    try {
      List<ParsedFile> parsed = new ArrayList<>();
      long lines = parseAll(files, pool, parsed, problems);
      List<SourceFile> lowered = new ArrayList<>();
      for (JavaParserFrontEnd.Lowered l : new JavaParserFrontEnd().lower(parsed, pool)) {
        if (l.error() != null) {
          problems.add(new FileProblem(l.path(), 1, l.error() + " (please report this bug)"));
        } else {
          lowered.add(l.file());
        }
      }
      parsed = null;
      List<Finding> findings = new ArrayList<>(engine.analyze(lowered));
      findings.sort(Finding.ORDER);
      problems.sort(null);
      double seconds = (System.nanoTime() - start) / 1e9;
      return new Result(root, findings, problems, files.size(), lines, seconds);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Reads and parses every file on the pool; returns the number of lines read. */
  private static long parseAll(
      Map<String, Path> files,
      ExecutorService pool,
      List<ParsedFile> parsed,
      List<FileProblem> problems) {
    ThreadLocal<JavaParser> parsers = ThreadLocal.withInitial(JavaParserFrontEnd::newParser);
    List<Future<Object>> futures = new ArrayList<>();
    for (Map.Entry<String, Path> e : files.entrySet()) {
      futures.add(pool.submit(() -> parseOne(e.getKey(), e.getValue(), parsers.get())));
    }
    long lines = 0;
    for (Future<Object> f : futures) {
      Object r = get(f);
      if (r instanceof FileProblem p) {
        problems.add(p);
      } else {
        Parsed p = (Parsed) r;
        lines += p.lines();
        parsed.add(p.file());
      }
    }
    return lines;
  }

  private record Parsed(ParsedFile file, int lines) {}

  /** A {@link Parsed} file, or the {@link FileProblem} that stops it. */
  private static Object parseOne(String path, Path file, JavaParser parser) {
    try {
      long size = Files.size(file);
      if (size > SourceText.MAX_BYTES) {
        return new FileProblem(path, 1, "file too large (" + size + " bytes), skipped");
      }
      String source = SourceText.decode(path, Files.readAllBytes(file));
      return new Parsed(JavaParserFrontEnd.parse(parser, path, source), SourceText.lines(source));
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
