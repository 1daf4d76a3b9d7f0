package dev.shareguard.cli;

import com.github.javaparser.JavaParser;
import dev.shareguard.cli.cache.IrCache;
import dev.shareguard.cli.frontend.JavaParserFrontEnd;
import dev.shareguard.cli.frontend.ParsedFile;
import dev.shareguard.cli.frontend.Skeleton;
import dev.shareguard.cli.frontend.SourceParseException;
import dev.shareguard.cli.report.Version;
import dev.shareguard.core.ir.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Parsing and lowering with {@code --cache}: a file is parsed only when the cache does not know its
 * bytes, and lowered only when the cache holds no IR for it in a project whose declarations (every
 * file's {@link Skeleton}) are the same. A changed body re-lowers its own file; a changed
 * declaration re-lowers every file, since any may read it. The files not re-lowered still take part
 * in name resolution, through their skeletons, which are small to parse. The engine then analyses
 * every file's IR as in a cold run, so the findings are the same, byte for byte.
 */
final class IncrementalLowering {
  private final IrCache cache;
  private final Audit.Options options;

  /**
   * @param warnings told, once, when cache entries are unreadable or cannot be written
   * @throws UsageException when the cache directory cannot be created
   */
  IncrementalLowering(Audit.Options options, Consumer<String> warnings) {
    this.options = options;
    try {
      this.cache = new IrCache(options.cache(), "shareguard " + Version.get(), warnings);
    } catch (IOException e) {
      throw new UsageException("--cache " + options.cache() + ": cannot create: " + e);
    }
  }

  /**
   * A file's {@link Audit.Source}: its skeleton from the cache, or, when the cache does not know
   * these bytes, from parsing it (and then stored). A file parsed here is kept whole for its
   * lowering, or as its skeleton tree when {@code deferBodies} ({@link
   * JavaParserFrontEnd#deferBodies}).
   *
   * @throws SourceParseException when the file does not parse
   */
  Audit.Source read(
      String path, byte[] bytes, String text, int lines, JavaParser parser, boolean deferBodies) {
    String key = cache.fileKey(path, bytes, options.encoding().name());
    IrCache.Skeleton skeleton = cache.skeleton(key);
    ParsedFile parsed = null;
    if (skeleton == null) {
      parsed = JavaParserFrontEnd.parse(parser, path, text);
      String s = Skeleton.of(parsed);
      skeleton = new IrCache.Skeleton(s, Skeleton.digest(s));
      cache.putSkeleton(key, skeleton);
      if (deferBodies) {
        parsed = JavaParserFrontEnd.deferBodies(parser, parsed);
      }
    }
    return new Audit.Source(path, parsed, text, lines, key, skeleton);
  }

  /** The lowered files, in the order of {@code sources}; from the cache where it has them. */
  List<JavaParserFrontEnd.Lowered> lower(
      List<Audit.Source> sources, JavaParserFrontEnd frontEnd, ExecutorService pool) {
    String project = projectDigest(sources);
    List<String> keys = new ArrayList<>(sources.size());
    List<Future<SourceFile>> reads = new ArrayList<>(sources.size());
    for (Audit.Source s : sources) {
      String key = IrCache.loweredKey(s.key(), project);
      keys.add(key);
      reads.add(pool.submit(() -> cache.lowered(key)));
    }
    List<SourceFile> cached = new ArrayList<>(sources.size());
    Set<String> stale = new HashSet<>();
    for (int i = 0; i < sources.size(); i++) {
      SourceFile f = get(reads.get(i));
      cached.add(f);
      if (f == null) {
        stale.add(sources.get(i).path());
      }
    }
    List<JavaParserFrontEnd.Lowered> fresh = List.of();
    if (!stale.isEmpty()) {
      fresh = frontEnd.lower(trees(sources, stale, pool), pool, stale::contains);
    }
    List<JavaParserFrontEnd.Lowered> out = new ArrayList<>(sources.size());
    List<Future<?>> writes = new ArrayList<>();
    for (int i = 0; i < sources.size(); i++) {
      Audit.Source s = sources.get(i);
      if (cached.get(i) != null) {
        out.add(new JavaParserFrontEnd.Lowered(s.path(), cached.get(i), null, null));
      } else {
        JavaParserFrontEnd.Lowered l = fresh.get(i);
        if (l.error() == null) {
          String key = keys.get(i);
          writes.add(pool.submit(() -> cache.putLowered(key, l.file())));
        }
        out.add(l);
      }
    }
    writes.forEach(IncrementalLowering::get);
    return out;
  }

  /**
   * The trees the front end needs: the whole tree of each file to lower, the skeleton of every
   * other (parsed on the pool).
   */
  private static List<ParsedFile> trees(
      List<Audit.Source> sources, Set<String> stale, ExecutorService pool) {
    ThreadLocal<JavaParser> parsers = ThreadLocal.withInitial(JavaParserFrontEnd::newParser);
    List<Future<ParsedFile>> futures = new ArrayList<>(sources.size());
    for (Audit.Source s : sources) {
      if (stale.contains(s.path()) && s.parsed() != null) {
        futures.add(java.util.concurrent.CompletableFuture.completedFuture(s.parsed()));
      } else {
        boolean whole = stale.contains(s.path());
        futures.add(
            pool.submit(
                () -> {
                  if (!whole) {
                    try {
                      return JavaParserFrontEnd.parse(parsers.get(), s.path(), s.skeleton().text());
                    } catch (SourceParseException e) {
                      // Not expected (a skeleton is a parsed file less statements); the whole
                      // file declares the same.
                    }
                  }
                  return JavaParserFrontEnd.parse(parsers.get(), s.path(), s.text());
                }));
      }
    }
    List<ParsedFile> out = new ArrayList<>(futures.size());
    for (Future<ParsedFile> f : futures) {
      out.add(get(f));
    }
    return out;
  }

  /**
   * What every file's lowering may depend on besides its own text: the paths and skeletons of all
   * files, and the class path's entries as they are now.
   */
  private String projectDigest(List<Audit.Source> sources) {
    StringBuilder sb = new StringBuilder();
    for (Path entry : options.classpath()) {
      sb.append("classpath\0").append(entry).append('\0');
      try {
        sb.append(Files.size(entry)).append('\0').append(Files.getLastModifiedTime(entry));
      } catch (IOException e) {
        sb.append("missing");
      }
      sb.append('\n');
    }
    for (Audit.Source s : sources) {
      sb.append(s.path()).append('\0').append(s.skeleton().digest()).append('\n');
    }
    return IrCache.hash(sb.toString());
  }

  private static <T> T get(Future<T> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (java.util.concurrent.ExecutionException e) {
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
}
