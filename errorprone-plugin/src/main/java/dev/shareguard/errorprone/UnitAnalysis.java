package dev.shareguard.errorprone;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.tools.javac.util.Context;
import dev.shareguard.core.Analyzer;
import dev.shareguard.core.config.Config;
import dev.shareguard.core.finding.Finding;
import dev.shareguard.core.ir.SourceFile;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;

/**
 * The engine's findings located in one compilation unit, shared by every Shareguard checker (Error
 * Prone calls each checker on the same unit; the engine runs all rules at once).
 *
 * <p>They come from the analysis of the whole invocation ({@link InvocationAnalysis}) when javac's
 * compile policy allows it, which is the normal case; otherwise the unit is lowered and analysed
 * alone, once, and only races and copies within it are found. Those per-unit results are cached
 * weakly by the unit's identity ({@code JCCompilationUnit} does not override {@code equals}), so
 * units are dropped when javac drops them; the values hold no tree.
 *
 * <p>Thread-safe: the caches are synchronized maps and each entry computes under its own lock, so
 * concurrent compilations in one JVM do not wait for each other's analysis.
 */
final class UnitAnalysis {
  private static final Map<CompilationUnitTree, UnitAnalysis> ALONE =
      Collections.synchronizedMap(new WeakHashMap<>());

  /**
   * Each unit's path ({@link JavacLowering#pathOf}), weakly by the unit's identity like {@link
   * #ALONE}. Every checker asks for the path of every unit, and working it out calls the file
   * system ({@code toUri} asks whether the path is a directory): once per unit is enough.
   */
  private static final Map<CompilationUnitTree, String> PATHS =
      Collections.synchronizedMap(new WeakHashMap<>());

  /** Runs the rules over lowered files, analysed together, under the compilation's config. */
  interface Engine {
    List<Finding> analyze(List<SourceFile> files, Config config);
  }

  /** Ends a {@link #useEngine} replacement. */
  interface Restore {
    void close();
  }

  // No package is passed as closed: in an incremental build javac sees only the changed files of a
  // package, so a method nothing in the invocation calls may still be called from the others.
  private static final Engine ANALYZER = (files, config) -> new Analyzer(config).analyze(files);

  private static volatile Engine engine = ANALYZER;

  private String path;
  private List<Finding> findings;

  private UnitAnalysis() {}

  private UnitAnalysis(String path, List<Finding> findings) {
    this.path = path;
    this.findings = findings;
  }

  /**
   * The findings located in {@code unit}: from the whole invocation's analysis when there is one,
   * else from the unit analysed alone (computed on first request). Every checker of one compilation
   * is built from the same flags, so they all pass an equal config and the first caller's is the
   * one used.
   */
  static UnitAnalysis of(CompilationUnitTree unit, Context context, Config config) {
    String path = pathOf(unit);
    Optional<List<Finding>> together = InvocationAnalysis.of(context, config).findingsIn(path);
    if (together.isPresent()) {
      return new UnitAnalysis(path, together.get());
    }
    UnitAnalysis analysis = ALONE.computeIfAbsent(unit, u -> new UnitAnalysis());
    analysis.computeAlone(unit, context, config);
    return analysis;
  }

  private synchronized void computeAlone(CompilationUnitTree unit, Context context, Config config) {
    if (findings != null) {
      return;
    }
    path = pathOf(unit);
    if (!Analyzer.mayReport(config, List.of(path))) {
      findings = List.of();
      return;
    }
    try {
      SourceFile file = JavacLowering.lower(unit, context, path);
      findings = engine.analyze(List.of(file), config);
    } catch (RuntimeException | LinkageError | StackOverflowError e) {
      findings = List.of();
      reportFailure(path, e);
    }
  }

  /** The unit's path as {@link JavacLowering#pathOf} names it, worked out once per unit. */
  static String pathOf(CompilationUnitTree unit) {
    return PATHS.computeIfAbsent(unit, JavacLowering::pathOf);
  }

  /** Never fails the user's build because of us: says so once for the file, which gets nothing. */
  static void reportFailure(String path, Throwable e) {
    System.err.println(
        "Shareguard: could not analyse " + path + ", no findings reported for it: " + e);
  }

  static Engine engine() {
    return engine;
  }

  /**
   * Runs {@code replacement} instead of the engine until the handle is closed. For the plugin's own
   * tests, which check the reporting path (positions, rule filtering, failures) independently of
   * what the rules find.
   */
  static Restore useEngine(Engine replacement) {
    engine = replacement;
    return () -> engine = ANALYZER;
  }

  /** The file's path as the lowering named it; findings elsewhere are not this unit's. */
  synchronized String path() {
    return path;
  }

  synchronized List<Finding> findings() {
    return findings;
  }
}
