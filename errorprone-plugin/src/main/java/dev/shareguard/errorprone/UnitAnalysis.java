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
import java.util.WeakHashMap;

/**
 * The engine's findings for one compilation unit, computed once and shared by every Shareguard
 * checker (Error Prone calls each checker on the same unit; the engine runs all rules at once).
 *
 * <p>The cache is keyed weakly by the unit's identity ({@code JCCompilationUnit} does not override
 * {@code equals}), so units are dropped when javac drops them; its values hold no tree. It is
 * thread-safe: the map is synchronized, and each entry computes under its own lock, so concurrent
 * compilations in one JVM do not wait for each other's analysis.
 */
final class UnitAnalysis {
  private static final Map<CompilationUnitTree, UnitAnalysis> CACHE =
      Collections.synchronizedMap(new WeakHashMap<>());

  /** Runs the rules over one lowered file under the compilation's config. */
  interface Engine {
    List<Finding> analyze(SourceFile file, Config config);
  }

  /** Ends a {@link #useEngine} replacement. */
  interface Restore {
    void close();
  }

  private static final Engine ANALYZER =
      (file, config) -> new Analyzer(config).analyze(List.of(file));

  private static volatile Engine engine = ANALYZER;

  private String path;
  private List<Finding> findings;

  private UnitAnalysis() {}

  /**
   * The analysis of {@code unit} under {@code config}, computing it on first request. Every checker
   * of one compilation is built from the same flags, so they all pass an equal config and the first
   * caller's is the one used.
   */
  static UnitAnalysis of(CompilationUnitTree unit, Context context, Config config) {
    UnitAnalysis analysis = CACHE.computeIfAbsent(unit, u -> new UnitAnalysis());
    analysis.computeOnce(unit, context, config);
    return analysis;
  }

  private synchronized void computeOnce(CompilationUnitTree unit, Context context, Config config) {
    if (findings != null) {
      return;
    }
    path = JavacLowering.pathOf(unit);
    try {
      SourceFile file = JavacLowering.lower(unit, context, path);
      findings = engine.analyze(file, config);
    } catch (RuntimeException | LinkageError | StackOverflowError e) {
      // Never fail the user's build because of us; say so once for this file and report nothing.
      findings = List.of();
      System.err.println(
          "Shareguard: could not analyse " + path + ", no findings reported for it: " + e);
    }
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
