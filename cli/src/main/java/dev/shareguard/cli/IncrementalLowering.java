package dev.shareguard.cli;

import com.github.javaparser.JavaParser;
import dev.shareguard.cli.cache.FileLinks;
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
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Parsing and lowering with {@code --cache}: a file is parsed only when the cache does not know its
 * bytes, and lowered only when the cache holds no IR for it in a project whose declarations (every
 * file's {@link Skeleton}) are the same. A changed body re-lowers its own file; a changed
 * declaration re-lowers every file, since any may read it. The files not re-lowered still take part
 * in name resolution, through their skeletons, which are small to parse: those of the packages the
 * re-lowered files can read ({@link LoweringReach}). Beside each file's IR the cache keeps its
 * {@link FileLinks}, so that {@link IncrementalAnalysis} can tell which parts of the program
 * changed without reading the IR of the others.
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
   * The skeletons of the files of the last audit of the same files (by path), by file key: read as
   * one entry, so that a warm run does not open one entry per file.
   */
  private Map<String, IrCache.Skeleton> skeletons = Map.of();

  /** The key of {@link #skeletons}' entry. */
  private String skeletonsKey;

  /**
   * How many files read so far did not find their skeleton in {@link #skeletons}, or -1 when there
   * is no such entry.
   */
  private final java.util.concurrent.atomic.AtomicInteger skeletonsMissed =
      new java.util.concurrent.atomic.AtomicInteger(-1);

  /** Reads the skeletons kept for an audit of {@code paths} ({@link #read} then uses them). */
  void expect(java.util.Collection<String> paths) {
    StringBuilder sb = new StringBuilder("skeletons\0").append(options.encoding().name());
    new java.util.TreeSet<>(paths).forEach(p -> sb.append('\0').append(p));
    skeletonsKey = IrCache.hash(sb.toString());
    Map<String, IrCache.Skeleton> known = cache.skeletonBundle(skeletonsKey);
    skeletons = known == null ? Map.of() : known;
    skeletonsMissed.set(known == null ? -1 : 0);
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
    IrCache.Skeleton skeleton = skeletons.get(key);
    if (skeleton == null) {
      skeletonsMissed.getAndUpdate(n -> n < 0 ? n : n + 1);
      skeleton = cache.skeleton(key);
    }
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
      fresh = lowerStale(sources, stale, frontEnd, pool);
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
   * A file after {@link #prepare}: its links, and its IR when it is in hand (lowered in this run,
   * or read for want of links); or, when it could not be lowered, why.
   */
  record Prepared(String path, FileLinks links, SourceFile ir, String error) {}

  /** The sources of the last {@link #prepare}, without their trees, and their lowered keys. */
  private List<Audit.Source> prepared = List.of();

  private List<String> preparedKeys = List.of();

  /**
   * Lowering for {@link IncrementalAnalysis}: every file's {@link FileLinks} from the cache where
   * it has them (then its IR is not read), else from its IR, read from the cache or lowered now
   * (and stored); in the order of {@code sources}. The links of all files are stored as one entry
   * for the project's declarations: the IR of a file can only be found again in a project of the
   * same declarations, so per-file entries would add nothing.
   */
  List<Prepared> prepare(
      List<Audit.Source> sources, JavaParserFrontEnd frontEnd, ExecutorService pool) {
    if (skeletonsKey != null && stale(skeletonsMissed.get(), sources.size())) {
      Map<String, IrCache.Skeleton> all = new java.util.LinkedHashMap<>();
      sources.forEach(src -> all.put(src.key(), src.skeleton()));
      cache.putSkeletonBundle(skeletonsKey, all);
    }
    skeletons = Map.of();
    String project = projectDigest(sources);
    String bundleKey = IrCache.hash("links\0" + project);
    Map<String, FileLinks> bundle = cache.linkBundle(bundleKey);
    int missed = bundle == null ? -1 : 0;
    List<String> keys = new ArrayList<>(sources.size());
    List<FileLinks> links = new ArrayList<>(sources.size());
    for (Audit.Source s : sources) {
      String key = IrCache.loweredKey(s.key(), project);
      keys.add(key);
      FileLinks known = bundle == null ? null : bundle.get(key);
      missed += missed >= 0 && known == null ? 1 : 0;
      links.add(known);
    }
    List<Future<SourceFile>> reads = new ArrayList<>(sources.size());
    for (int i = 0; i < sources.size(); i++) {
      String key = keys.get(i);
      reads.add(links.get(i) != null ? null : pool.submit(() -> cache.lowered(key)));
    }
    Set<String> stale = new HashSet<>();
    List<SourceFile> cached = new ArrayList<>(sources.size());
    for (int i = 0; i < sources.size(); i++) {
      SourceFile f = reads.get(i) == null ? null : get(reads.get(i));
      cached.add(f);
      if (reads.get(i) != null && f == null) {
        stale.add(sources.get(i).path());
      }
    }
    List<JavaParserFrontEnd.Lowered> fresh = List.of();
    if (!stale.isEmpty()) {
      fresh = lowerStale(sources, stale, frontEnd, pool);
    }
    List<Future<Prepared>> out = new ArrayList<>(sources.size());
    for (int i = 0; i < sources.size(); i++) {
      String path = sources.get(i).path();
      String key = keys.get(i);
      if (reads.get(i) == null) {
        out.add(CompletableFuture.completedFuture(new Prepared(path, links.get(i), null, null)));
      } else if (cached.get(i) != null) {
        SourceFile f = cached.get(i);
        out.add(pool.submit(() -> withLinks(f, IrCache.encode(f))));
      } else if (fresh.get(i).error() != null) {
        String error = fresh.get(i).error();
        out.add(CompletableFuture.completedFuture(new Prepared(path, null, null, error)));
      } else {
        SourceFile f = fresh.get(i).file();
        out.add(
            pool.submit(
                () -> {
                  IrCache.Encoded e = IrCache.encode(f);
                  cache.putLowered(key, e);
                  return withLinks(f, e);
                }));
      }
    }
    List<Prepared> result = new ArrayList<>(sources.size());
    out.forEach(f -> result.add(get(f)));
    if (stale(missed, sources.size())) {
      Map<String, FileLinks> all = new java.util.LinkedHashMap<>();
      for (int i = 0; i < result.size(); i++) {
        if (result.get(i).links() != null) {
          all.put(keys.get(i), result.get(i).links());
        }
      }
      cache.putLinkBundle(bundleKey, all);
    }
    // Kept for lowering again a file whose IR the cache loses before it is read: its text, and
    // every file's skeleton to lower it against. A file whose IR is in hand needs no text.
    List<Audit.Source> kept = new ArrayList<>(sources.size());
    for (int i = 0; i < sources.size(); i++) {
      Audit.Source s = sources.get(i);
      String text = result.get(i).ir() == null ? s.text() : null;
      kept.add(new Audit.Source(s.path(), null, text, s.lines(), s.key(), s.skeleton()));
    }
    this.prepared = kept;
    this.preparedKeys = keys;
    return result;
  }

  /**
   * Whether an entry holding many files' data is written again, when {@code missed} of {@code
   * files} files did not find theirs in it (-1: there is none). Not for a few edited files: they
   * find theirs in their own entries, and writing all again would cost a warm run more than reading
   * those.
   */
  private static boolean stale(int missed, int files) {
    return missed < 0 || missed > files / 16;
  }

  private static Prepared withLinks(SourceFile f, IrCache.Encoded encoded) {
    return new Prepared(f.path(), FileLinks.of(f, encoded.digest(), encoded.strings()), f, null);
  }

  /**
   * The IR of the files at {@code indexes} of the last {@link #prepare}, in that order: in hand,
   * from the cache, or lowered again when the cache lost it since.
   */
  List<SourceFile> load(
      List<Integer> indexes,
      List<Prepared> files,
      JavaParserFrontEnd frontEnd,
      ExecutorService pool) {
    List<Future<SourceFile>> reads = new ArrayList<>(indexes.size());
    for (int i : indexes) {
      SourceFile f = files.get(i).ir();
      String key = preparedKeys.get(i);
      reads.add(
          f != null ? CompletableFuture.completedFuture(f) : pool.submit(() -> cache.lowered(key)));
    }
    List<SourceFile> out = new ArrayList<>(indexes.size());
    Set<String> lost = new HashSet<>();
    for (int j = 0; j < indexes.size(); j++) {
      SourceFile f = get(reads.get(j));
      out.add(f);
      if (f == null) {
        lost.add(files.get(indexes.get(j)).path());
      }
    }
    if (!lost.isEmpty()) {
      List<JavaParserFrontEnd.Lowered> again = lowerStale(prepared, lost, frontEnd, pool);
      for (int j = 0; j < indexes.size(); j++) {
        if (out.get(j) == null) {
          out.set(j, again.get(indexes.get(j)).file());
        }
      }
      out.removeIf(java.util.Objects::isNull);
    }
    return out;
  }

  /** The cache's salt: what every entry's key holds besides its own inputs. */
  String salt() {
    return cache.salt();
  }

  IrCache cache() {
    return cache;
  }

  /**
   * The {@code stale} files lowered, at their places in {@code sources} (null at the others),
   * against the skeletons of the files their lowering can read ({@link LoweringReach}).
   */
  private static List<JavaParserFrontEnd.Lowered> lowerStale(
      List<Audit.Source> sources,
      Set<String> stale,
      JavaParserFrontEnd frontEnd,
      ExecutorService pool) {
    Set<Integer> roots = new HashSet<>();
    for (int i = 0; i < sources.size(); i++) {
      if (stale.contains(sources.get(i).path())) {
        roots.add(i);
      }
    }
    List<Integer> reach = LoweringReach.of(sources, roots);
    List<Audit.Source> read = new ArrayList<>(reach.size());
    reach.forEach(i -> read.add(sources.get(i)));
    List<JavaParserFrontEnd.Lowered> lowered =
        frontEnd.lower(trees(read, stale, pool), pool, stale::contains);
    List<JavaParserFrontEnd.Lowered> out =
        new ArrayList<>(java.util.Collections.nCopies(sources.size(), null));
    for (int j = 0; j < reach.size(); j++) {
      out.set(reach.get(j), lowered.get(j));
    }
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
        futures.add(CompletableFuture.completedFuture(s.parsed()));
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

  static <T> T get(Future<T> f) {
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
