package dev.shareguard.errorprone;

import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.InvalidCommandLineOptionException;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.CompilationUnitTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.LineMap;
import com.sun.tools.javac.util.Context;
import com.sun.tools.javac.util.JCDiagnostic;
import com.sun.tools.javac.util.JCDiagnostic.SimpleDiagnosticPosition;
import com.sun.tools.javac.util.Log;
import dev.shareguard.core.config.Config;
import dev.shareguard.core.finding.Finding;
import dev.shareguard.core.finding.Fix;
import dev.shareguard.core.RuleCatalog;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Reports one Shareguard rule through Error Prone. The engine runs once per {@code javac}
 * invocation, over all its compilation units, for all rules ({@link InvocationAnalysis}; each unit
 * alone if the compile policy does not allow that, {@link UnitAnalysis}); each checker reports the
 * findings of its own rule located in the unit it is visiting, so a finding is reported once, on
 * the file that holds it, and {@code -Xep:<RuleId>:OFF|WARN|ERROR} works per rule. The rule id is
 * the check name declared in the subclass's {@code @BugPattern}.
 *
 * <p>A finding's suggested fixes ({@link Fix}) become Error Prone fixes on this unit's trees
 * ({@link FixMapping}), which {@code -XepPatchChecks} applies.
 *
 * <p>Suppression with {@code @SuppressWarnings("<RuleId>")} is done by the engine, which sees the
 * annotations in the IR, so the CLI honours it the same way.
 *
 * <p>Error Prone builds each checker with the compilation's {@code -XepOpt} flags; the {@code
 * Shareguard:…} ones become the engine's config ({@link ShareguardFlags}). A bad one fails the
 * compilation with one plain javac error naming the flag, and nothing is analysed. (Throwing from
 * the constructor instead would surface as a compiler crash with the message buried in a stack
 * trace.)
 */
public abstract class ShareguardChecker extends BugChecker implements CompilationUnitTreeMatcher {
  private static final long serialVersionUID = 1L;

  /** Compilations already told about a bad flag, so the error appears once, not once per rule. */
  private static final Map<Context, Boolean> REPORTED_BAD_FLAG =
      Collections.synchronizedMap(new WeakHashMap<>());

  private final transient Config config;

  /**
   * {@link #config} with the rules Error Prone switched off disabled, worked out from the first
   * unit's {@link VisitorState} (Error Prone builds a checker per compilation).
   */
  private transient Config effective;

  private final String badFlag;

  /** The base of rule page links ({@link ShareguardFlags#DOCS_URL}), or null for no link. */
  private final String docsUrl;

  /** Error Prone calls this with the compilation's flags (a constructor taking only the flags). */
  protected ShareguardChecker(ErrorProneFlags flags) {
    Config read = null;
    String problem = null;
    String docs = null;
    try {
      read = ShareguardFlags.toConfig(flags);
      docs = ShareguardFlags.docsUrl(flags);
    } catch (InvalidCommandLineOptionException e) {
      problem = e.getMessage();
    }
    this.config = read;
    this.badFlag = problem;
    this.docsUrl = docs;
  }

  /**
   * The link a diagnostic carries: the rule's page under {@code -XepOpt:Shareguard:DocsUrl}, or
   * none. The {@code @BugPattern}s declare no link, because no published copy of the docs is known
   * to exist for every user; a made-up URL would send them to a page that is not there.
   */
  @Override
  public String linkUrl() {
    if (docsUrl == null) {
      return null;
    }
    return RuleCatalog.find(canonicalName()).map(r -> docsUrl + r.docPath()).orElse(null);
  }

  @Override
  public final Description matchCompilationUnit(CompilationUnitTree tree, VisitorState state) {
    if (badFlag != null) {
      if (REPORTED_BAD_FLAG.putIfAbsent(state.context, Boolean.TRUE) == null) {
        // "compiler.err.proc.messager" is javac's plain "{0}" error, as annotation processors use.
        Log.instance(state.context)
            .error(new JCDiagnostic.Error("compiler", "proc.messager", "Shareguard: " + badFlag));
      }
      return Description.NO_MATCH;
    }
    if (effective == null) {
      effective = ShareguardFlags.withRulesSwitchedOff(config, state.errorProneOptions());
    }
    UnitAnalysis analysis = UnitAnalysis.of(tree, state.context, effective);
    if (analysis.findings().isEmpty()) {
      // Most units of most compilations: nothing to place, no fix to map.
      return Description.NO_MATCH;
    }
    String ruleId = canonicalName();
    LineMap lines = tree.getLineMap();
    FixMapping fixes = new FixMapping(tree, state);
    for (Finding f : analysis.findings()) {
      if (!f.ruleId().equals(ruleId) || !f.location().path().equals(analysis.path())) {
        continue;
      }
      int offset = Positions.offset(lines, f.location().line(), f.location().column());
      if (offset < 0) {
        continue;
      }
      Description.Builder d =
          buildDescription(new SimpleDiagnosticPosition(offset)).setMessage(message(f));
      for (Fix fix : f.fixes()) {
        fixes.map(fix).ifPresent(d::addFix);
      }
      state.reportMatch(d.build());
    }
    return Description.NO_MATCH;
  }

  /**
   * The diagnostic text: the finding's message and, for a thread finding, its confidence and
   * each side's evidence, which javac has no other place for.
   */
  static String message(Finding f) {
    if (f.traces().isEmpty()) {
      return f.message();
    }
    StringBuilder sb = new StringBuilder(f.message()).append(" (confidence: ")
        .append(f.confidence().word()).append("; evidence: ");
    for (int i = 0; i < f.traces().size(); i++) {
      sb.append(i == 0 ? "" : ", ").append(f.traces().get(i).evidence().words());
    }
    return sb.append(')').toString();
  }
}
