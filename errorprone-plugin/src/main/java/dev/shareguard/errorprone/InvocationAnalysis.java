package dev.shareguard.errorprone;

import com.sun.tools.javac.tree.JCTree.JCCompilationUnit;
import com.sun.tools.javac.util.Context;
import dev.shareguard.core.Analyzer;
import dev.shareguard.core.config.Config;
import dev.shareguard.core.finding.Finding;
import dev.shareguard.core.ir.SourceFile;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;

/**
 * The engine's findings for all compilation units of one {@code javac} invocation, analysed
 * together the way the CLI analyses a tree: a task in one file racing on a map held by a class in
 * another is found, and summaries and equality facts cross files. Computed once, when the first
 * unit is checked ({@link InvocationUnits} says why every unit is attributed by then), and shared
 * by every checker and every unit; each unit then reports the findings located in it.
 *
 * <p>When the units cannot be analysed together (a compile policy other than {@code simple}, units
 * that cannot be listed, an engine failure over the whole), it says so in one line on stderr and
 * {@link #findingsIn} answers nothing, so each unit is analysed alone ({@link UnitAnalysis}).
 *
 * <p>Memory: the cache is keyed weakly by the compilation's {@link Context} (Error Prone's, one per
 * invocation), and an entry holds only findings keyed by path, no tree and no IR: the lowered files
 * are dropped as soon as the engine has run.
 */
final class InvocationAnalysis {
  private static final Map<Context, InvocationAnalysis> CACHE =
      Collections.synchronizedMap(new WeakHashMap<>());

  /** Findings by the path of the unit they are in; every analysed unit has an entry. */
  private Map<String, List<Finding>> byPath;

  private boolean computed;

  private InvocationAnalysis() {}

  /** The analysis of the invocation {@code context} belongs to, computing it on first request. */
  static InvocationAnalysis of(Context context, Config config) {
    InvocationAnalysis analysis = CACHE.computeIfAbsent(context, c -> new InvocationAnalysis());
    analysis.computeOnce(context, config);
    return analysis;
  }

  /**
   * The findings located in the unit at {@code path}, or empty if that unit was not analysed with
   * the others (then it must be analysed alone).
   */
  synchronized Optional<List<Finding>> findingsIn(String path) {
    return byPath == null ? Optional.empty() : Optional.ofNullable(byPath.get(path));
  }

  private synchronized void computeOnce(Context context, Config config) {
    if (computed) {
      return;
    }
    computed = true;
    List<JCCompilationUnit> units;
    try {
      String policy = InvocationUnits.compilePolicy(context);
      if (!InvocationUnits.WHOLE_INVOCATION_POLICY.equals(policy)) {
        note(
            "-XDcompilePolicy="
                + policy
                + " checks one file before the next is compiled, so each file is analysed alone and"
                + " races or copies across files are not reported; use -XDcompilePolicy=simple");
        return;
      }
      Optional<List<JCCompilationUnit>> listed = InvocationUnits.attributed(context);
      if (listed.isEmpty()) {
        note(
            "the compilation units of this javac run could not be listed, so each file is analysed"
                + " alone and races or copies across files are not reported");
        return;
      }
      units = listed.get();
    } catch (RuntimeException | LinkageError e) {
      note("could not list this javac run's compilation units (" + e + "), analysing each alone");
      return;
    }
    byPath = analyseTogether(units, context, config);
  }

  /**
   * Lowers every unit and runs the engine once over them all. A unit that cannot be lowered is left
   * out with its own note (and gets no findings); if the engine fails over the whole, answers null
   * so that each unit is tried alone.
   */
  private static Map<String, List<Finding>> analyseTogether(
      List<JCCompilationUnit> units, Context context, Config config) {
    Map<String, List<Finding>> out = new HashMap<>();
    for (JCCompilationUnit unit : units) {
      out.put(UnitAnalysis.pathOf(unit), new ArrayList<>());
    }
    if (!Analyzer.mayReport(config, out.keySet())) {
      // Nothing could be reported (every rule off, or only unreported test code): nothing to lower.
      out.replaceAll((path, list) -> List.of());
      return out;
    }
    List<SourceFile> files = new ArrayList<>();
    for (JCCompilationUnit unit : units) {
      String path = UnitAnalysis.pathOf(unit);
      try {
        files.add(JavacLowering.lower(unit, context, path));
      } catch (RuntimeException | LinkageError | StackOverflowError e) {
        UnitAnalysis.reportFailure(path, e);
      }
    }
    // The engine sorts its findings; sorting the input too keeps its work independent of the order
    // in which javac's tables list the units.
    files.sort(Comparator.comparing(SourceFile::path));
    List<Finding> findings;
    try {
      findings = UnitAnalysis.engine().analyze(files, config);
    } catch (RuntimeException | LinkageError | StackOverflowError e) {
      note(
          "the analysis of the "
              + files.size()
              + " files of this javac run together failed ("
              + e
              + "), analysing each alone");
      return null;
    }
    for (Finding f : findings) {
      List<Finding> inUnit = out.get(f.location().path());
      if (inUnit != null) {
        inUnit.add(f);
      }
    }
    out.replaceAll((path, list) -> List.copyOf(list));
    return out;
  }

  private static void note(String text) {
    System.err.println("Shareguard: " + text);
  }
}
