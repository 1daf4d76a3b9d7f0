package dev.shareguard.core;

import dev.shareguard.core.config.Config;
import dev.shareguard.core.copies.CopyFacts;
import dev.shareguard.core.engine.AccessInstance;
import dev.shareguard.core.facts.AnalysisFacts;
import dev.shareguard.core.engine.ConcurrencyIntent;
import dev.shareguard.core.engine.ConflictFinder;
import dev.shareguard.core.engine.FieldFacts;
import dev.shareguard.core.engine.ProgramIndex;
import dev.shareguard.core.engine.ThreadWalker;
import dev.shareguard.core.finding.Finding;
import dev.shareguard.core.ir.Annotation;
import dev.shareguard.core.ir.ClassDecl;
import dev.shareguard.core.ir.MethodDecl;
import dev.shareguard.core.ir.SourceFile;
import dev.shareguard.core.model.KubernetesModels;
import dev.shareguard.core.model.LibraryModels;
import dev.shareguard.core.model.TypeHierarchy;
import dev.shareguard.core.model.ValueKinds;
import dev.shareguard.core.operators.OperatorFacts;
import dev.shareguard.core.rules.Rule;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The engine's entry point, the same for both front ends: lowered source files in, sorted findings
 * out. The CLI passes the whole audited tree; the plugin passes every compilation unit of one
 * {@code javac} invocation (or one unit, when javac's compile policy does not allow more).
 *
 * <p>Pipeline: index the program, sum up what is stored in each field, walk every entry and task
 * in its thread context, pair racing accesses, let each enabled rule decide, drop what is below
 * the confidence floor and what {@code @SuppressWarnings} suppresses, keep one finding per rule and place, sort.
 */
public final class Analyzer {
  private final Config config;
  private final java.util.concurrent.Executor helpers;
  private final int helperCount;

  public Analyzer(Config config) {
    this(config, null, 0);
  }

  /**
   * An analyser that has {@code helperCount} tasks on {@code helpers} analyse method bodies ahead
   * of the thread-context walk, which stays on the calling thread; the findings are the same as
   * without helpers.
   */
  public Analyzer(Config config, java.util.concurrent.Executor helpers, int helperCount) {
    this.config = config;
    this.helpers = helpers;
    this.helperCount = helpers == null ? 0 : helperCount;
  }

  /**
   * Analyses {@code files} together and returns the findings of the enabled rules, sorted. No
   * package is known to be complete: a method only its own package may call can still be called
   * from a file not given (the plugin's case).
   */
  public List<Finding> analyze(List<SourceFile> files) {
    return analyze(files, Set.of());
  }

  /**
   * Analyses {@code files} together, knowing that every source file of each package in {@code
   * closedPackages} is among them (the CLI's whole-tree audit): a package-private method that
   * nothing in such a package calls is not called by production code (only by tests or
   * reflection), so it is no entry for other threads.
   */
  public List<Finding> analyze(List<SourceFile> files, Set<String> closedPackages) {
    ProgramIndex index = new ProgramIndex(files, closedPackages);
    LibraryModels models = new LibraryModels(index.hierarchy(), config);
    FieldFacts fieldFacts = new FieldFacts(index, models);
    ThreadWalker walker = new ThreadWalker(index, models, fieldFacts);
    if (helperCount > 0) {
      walker.computeAhead(
          helpers,
          helperCount,
          () -> new LibraryModels(new TypeHierarchy(index.classes().values()), config));
    }
    List<AccessInstance> instances = walker.walkAll();
    ConcurrencyIntent intent = new ConcurrencyIntent(index, models, walker.spawningClasses());
    ValueKinds values = new ValueKinds(models, config, index::classById);
    ConflictFinder finder = new ConflictFinder(intent, values::isValue);
    AnalysisFacts facts =
        new AnalysisFacts(
            index,
            finder.find(instances),
            instances,
            walker.synchronizedWrapperAccesses(),
            walker.threadSafeContainerAccesses(),
            walker.mapValueAccesses(),
            walker.snapshotAccesses(),
            walker.results(),
            finder,
            () -> new CopyFacts(index, models, config, intent),
            () -> new OperatorFacts(index, new KubernetesModels(index.hierarchy(), config)),
            values);
    List<Finding> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Rule rule : RuleCatalog.rules()) {
      String id = rule.info().id();
      if (!config.isEnabled(id)) {
        continue;
      }
      rule.check(
          facts,
          (finding, site) -> {
            if (finding.confidence().atLeast(config.minConfidence())
                && !isSuppressed(index, site, id)
                && seen.add(id + "|" + placeOf(finding))) {
              out.add(finding);
            }
          });
    }
    out.sort(Finding.ORDER);
    return List.copyOf(out);
  }

  /**
   * Where a finding is, for keeping one per rule and place: its location, or for a thread finding
   * its line, so that two reads of one location on one line ({@code m.isEmpty() || m.contains(k)})
   * are one race, not two findings.
   */
  private static String placeOf(Finding f) {
    return f.traces().isEmpty()
        ? f.location().toString()
        : f.location().path() + ":" + f.location().line();
  }

  public Config config() {
    return config;
  }

  /**
   * Whether {@code @SuppressWarnings("id")} or {@code ("all")} is on the method the finding is in
   * (for a lambda, the method it is written in) or on any class enclosing it.
   */
  private static boolean isSuppressed(ProgramIndex index, ProgramIndex.Body site, String id) {
    if (site == null) {
      return false;
    }
    MethodDecl m = site.isLambda() ? index.enclosingMethod(site.id()) : site.method();
    if (m != null && suppresses(m.annotations(), id)) {
      return true;
    }
    ClassDecl c = site.owner();
    int guard = 0;
    while (c != null && guard++ < 32) {
      if (suppresses(c.annotations(), id)) {
        return true;
      }
      c = index.classById(c.enclosingClassId());
    }
    return false;
  }

  private static boolean suppresses(List<Annotation> annotations, String id) {
    for (Annotation a : annotations) {
      if (a.simpleName().equals("SuppressWarnings")) {
        for (String v : a.strings("value")) {
          if (v.equals(id) || v.equals("all")) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
