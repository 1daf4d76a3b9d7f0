package dev.shareguard.errorprone;

import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.CompilationUnitTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.LineMap;
import com.sun.tools.javac.util.JCDiagnostic.SimpleDiagnosticPosition;
import dev.shareguard.core.finding.Finding;

/**
 * Reports one Shareguard rule through Error Prone. The engine runs once per compilation unit for
 * all rules ({@link UnitAnalysis}); each checker reports the findings of its own rule, so {@code
 * -Xep:<RuleId>:OFF|WARN|ERROR} works per rule. The rule id is the check name declared in the
 * subclass's {@code @BugPattern}.
 *
 * <p>Suppression with {@code @SuppressWarnings("<RuleId>")} is done by the engine, which sees the
 * annotations in the IR, so the CLI honours it the same way.
 */
public abstract class ShareguardChecker extends BugChecker implements CompilationUnitTreeMatcher {
  private static final long serialVersionUID = 1L;

  @Override
  public final Description matchCompilationUnit(CompilationUnitTree tree, VisitorState state) {
    UnitAnalysis analysis = UnitAnalysis.of(tree, state.context);
    String ruleId = canonicalName();
    LineMap lines = tree.getLineMap();
    for (Finding f : analysis.findings()) {
      if (!f.ruleId().equals(ruleId) || !f.location().path().equals(analysis.path())) {
        continue;
      }
      int offset = Positions.offset(lines, f.location().line(), f.location().column());
      if (offset < 0) {
        continue;
      }
      state.reportMatch(
          buildDescription(new SimpleDiagnosticPosition(offset)).setMessage(f.message()).build());
    }
    return Description.NO_MATCH;
  }
}
