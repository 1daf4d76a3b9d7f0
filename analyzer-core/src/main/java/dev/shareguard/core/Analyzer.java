package dev.shareguard.core;

import dev.shareguard.core.config.Config;
import dev.shareguard.core.copies.CopyFacts;
import dev.shareguard.core.engine.AccessInstance;
import dev.shareguard.core.facts.AnalysisFacts;
import dev.shareguard.core.engine.ConcurrencyIntent;
import dev.shareguard.core.engine.ConflictFinder;
import dev.shareguard.core.engine.FieldFacts;
import dev.shareguard.core.engine.IrWalker;
import dev.shareguard.core.engine.ProgramIndex;
import dev.shareguard.core.engine.ThreadWalker;
import dev.shareguard.core.finding.Finding;
import dev.shareguard.core.finding.Location;
import dev.shareguard.core.ir.Annotation;
import dev.shareguard.core.ir.ClassDecl;
import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.FieldDecl;
import dev.shareguard.core.ir.MethodDecl;
import dev.shareguard.core.ir.Pos;
import dev.shareguard.core.ir.SourceFile;
import dev.shareguard.core.ir.Stmt;
import dev.shareguard.core.model.KubernetesModels;
import dev.shareguard.core.model.LibraryModels;
import dev.shareguard.core.model.TestSources;
import dev.shareguard.core.model.TypeHierarchy;
import dev.shareguard.core.rules.threads.RaceMessages;
import dev.shareguard.core.model.ValueKinds;
import dev.shareguard.core.operators.OperatorFacts;
import dev.shareguard.core.rules.Rule;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The engine's entry point, the same for both front ends: lowered source files in, sorted findings
 * out. The CLI passes the whole audited tree; the plugin passes every compilation unit of one
 * {@code javac} invocation (or one unit, when javac's compile policy does not allow more).
 *
 * <p>Pipeline: index the program, sum up what is stored in each field, walk every entry and task
 * in its thread context, pair racing accesses, let each enabled rule decide, drop what is below
 * the confidence floor and what {@code @SuppressWarnings} suppresses, keep one finding per rule and
 * place and one per rule and other access, sort.
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
    return analyze(files, closedPackages, facts -> {});
  }

  /**
   * As {@link #analyze(List, Set)}, handing the facts the rules were given to {@code afterRules}
   * once they have run; for the engine's tests of what a run computes.
   */
  List<Finding> analyze(
      List<SourceFile> files, Set<String> closedPackages, Consumer<AnalysisFacts> afterRules) {
    if (!mayReport(config, files.stream().map(SourceFile::path).toList())) {
      return List.of();
    }
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
    List<AccessInstance> accesses = walker.walkAll();
    ConcurrencyIntent intent = new ConcurrencyIntent(index, models, walker.spawningClasses());
    ValueKinds values = new ValueKinds(models, config, index::classById,
        new dev.shareguard.core.engine.BuiltOnce(index, models)::test);
    ConflictFinder finder = new ConflictFinder(
        intent, values::isValue, values::isPlainImmutableClass, walker.ancestry());
    AnalysisFacts facts =
        new AnalysisFacts(
            index,
            accesses,
            walker.results(),
            finder,
            () -> new CopyFacts(index, models, config, intent, fieldFacts),
            () -> new OperatorFacts(index, new KubernetesModels(index.hierarchy(), config)),
            values);
    List<Finding> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Rule rule : RuleCatalog.rules()) {
      String id = rule.info().id();
      if (!config.isEnabled(id)) {
        continue;
      }
      List<Finding> found = new ArrayList<>();
      rule.check(
          facts,
          (finding, site) -> {
            if (!isSuppressed(index, site, id, finding.location())
                && (config.includeBundled() || site == null
                    || !TypeHierarchy.isRelocated(site.owner().id()))
                && (config.includeTests() || !TestSources.isTestOrExample(
                    finding.location().path(), site == null ? null : site.file().packageName()))) {
              found.add(finding);
            }
          });
      // One finding per place and per other access, the surest first, chosen before the floor
      // applies: a lower floor adds findings, it never trades one shown at a higher floor.
      List<Finding> surestFirst = new ArrayList<>(found);
      surestFirst.sort(Comparator.comparing(Finding::confidence).reversed());
      for (Finding finding : surestFirst) {
        if (seen.add(id + "|" + placeOf(finding)) && firstWithItsPartner(finding, id, seen)
            && finding.confidence().atLeast(config.minConfidence())) {
          out.add(finding);
        }
      }
    }
    afterRules.accept(facts);
    out.sort(Finding.ORDER);
    return List.copyOf(out);
  }

  /**
   * Whether analysing files at {@code paths} under {@code config} can report anything. Not when
   * no rule is enabled; nor when test code is not reported and every file is test code, since a
   * finding is always located in a file analysed (a test-only compilation, as a build's test
   * sources are compiled). A front end may ask before lowering anything.
   */
  public static boolean mayReport(Config config, Collection<String> paths) {
    boolean anyRule = false;
    for (Rule rule : RuleCatalog.rules()) {
      anyRule |= config.isEnabled(rule.info().id());
    }
    if (!anyRule) {
      return false;
    }
    if (config.includeTests()) {
      return true;
    }
    for (String path : paths) {
      // By path alone: a finding keeps its file's path, whatever its package.
      if (!TestSources.isTestOrExample(path, null)) {
        return true;
      }
    }
    return false;
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

  /**
   * Rules whose finding is a sequence of calls at one place (a traversal of a synchronized
   * wrapper, a check then an act on a concurrent map): each place is a fault of its own, with a
   * fix of its own, whatever change of another thread it meets.
   */
  private static final Set<String> SEQUENCE_RULES = Set.of(
      dev.shareguard.core.rules.threads.SynchronizedCollectionIteration.ID,
      dev.shareguard.core.rules.threads.NonAtomicMapUpdate.ID);

  /**
   * Whether a thread finding is the first of its rule against its other access: several accesses
   * racing with one and the same other access (three setters of a field against its one getter)
   * are one race on that location, reported once, at the first that is not suppressed. An access
   * under the wrong lock is another kind of fault than an unlocked one, and is kept beside it.
   */
  private static boolean firstWithItsPartner(Finding f, String id, Set<String> seen) {
    return f.traces().isEmpty() || f.related().isEmpty() || SEQUENCE_RULES.contains(id)
        || f.related().get(0).location().equals(f.location())
        || seen.add(id + (f.key().endsWith(RaceMessages.WRONG_LOCK_KEY) ? "|wrong lock" : "")
            + "|with|" + f.related().get(0).location());
  }

  public Config config() {
    return config;
  }

  /**
   * Whether {@code @SuppressWarnings("id")} or {@code ("all")} is on the method the finding is in
   * (for a lambda, the method it is written in), on any class enclosing it, or on a field or local
   * variable whose declaration holds the finding. As with javac's own warnings, a declaration
   * covers the code written in it: a local's or field's initializer (lambdas in it included), not
   * every later use of the variable.
   */
  private static boolean isSuppressed(
      ProgramIndex index, ProgramIndex.Body site, String id, Location at) {
    if (site == null) {
      return false;
    }
    boolean sameFile = site.file() != null && site.file().path().equals(at.path());
    MethodDecl m = site.isLambda() ? index.enclosingMethod(site.id()) : site.method();
    if (m != null && suppresses(m.annotations(), id)) {
      return true;
    }
    if (sameFile && m != null && m.body() != null && inSuppressedLocal(m.body(), id, at)) {
      return true;
    }
    ClassDecl c = site.owner();
    int guard = 0;
    while (c != null && guard++ < 32) {
      if (suppresses(c.annotations(), id)) {
        return true;
      }
      if (sameFile && inSuppressedField(c, id, at)) {
        return true;
      }
      c = index.classById(c.enclosingClassId());
    }
    return false;
  }

  /**
   * Whether a local declared in {@code body}, or in a lambda written in it, with the suppression
   * holds {@code at}.
   */
  private static boolean inSuppressedLocal(Stmt.Block body, String id, Location at) {
    List<Stmt.Block> blocks = new ArrayList<>(List.of(body));
    // forEachStmt does not enter lambda bodies; forEachExpr meets every lambda, nested ones too.
    IrWalker.forEachExpr(
        body,
        e -> {
          if (e instanceof Expr.Lambda l && l.body() != null) {
            blocks.add(l.body());
          }
        });
    boolean[] found = {false};
    for (Stmt.Block b : blocks) {
      IrWalker.forEachStmt(
          b,
          s ->
              found[0] |=
                  s instanceof Stmt.LocalVar v
                      && suppresses(v.annotations(), id)
                      && (isAt(v.pos(), at) || holds(v.init(), at)));
    }
    return found[0];
  }

  /** Whether a field of {@code c} with the suppression is at {@code at} or its initializer is. */
  private static boolean inSuppressedField(ClassDecl c, String id, Location at) {
    for (FieldDecl f : c.fields()) {
      if (suppresses(f.annotations(), id) && (isAt(f.pos(), at) || holds(f.initializer(), at))) {
        return true;
      }
    }
    return false;
  }

  /** Whether an expression of {@code e} (lambda bodies included) starts at {@code at}. */
  private static boolean holds(Expr e, Location at) {
    if (e == null) {
      return false;
    }
    boolean[] found = {false};
    IrWalker.forEachExpr(e, x -> found[0] |= isAt(x.pos(), at));
    return found[0];
  }

  private static boolean isAt(Pos p, Location at) {
    return p.line() == at.line() && p.column() == at.column();
  }

  /**
   * The prefix that names a rule as Shareguard's in {@code @SuppressWarnings}: {@code
   * "Shareguard:UnguardedSharedRead"} suppresses what {@code "UnguardedSharedRead"} does, for code
   * that wants to say whose warning it is.
   */
  private static final String SUPPRESSION_PREFIX = "Shareguard:";

  private static boolean suppresses(List<Annotation> annotations, String id) {
    for (Annotation a : annotations) {
      if (a.simpleName().equals("SuppressWarnings")) {
        for (String v : a.strings("value")) {
          if (v.equals(id) || v.equals(SUPPRESSION_PREFIX + id) || v.equals("all")) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
