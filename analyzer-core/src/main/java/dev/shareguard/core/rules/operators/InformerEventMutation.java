package dev.shareguard.core.rules.operators;

import dev.shareguard.core.facts.AnalysisFacts;
import dev.shareguard.core.finding.Finding;
import dev.shareguard.core.finding.Severity;
import dev.shareguard.core.ir.UserText;
import dev.shareguard.core.operators.OperatorFacts;
import dev.shareguard.core.operators.Origin;
import dev.shareguard.core.operators.SharedChanges;
import dev.shareguard.core.rules.Rule;
import dev.shareguard.core.rules.RuleInfo;

/**
 * A change to an object an informer passed to {@code ResourceEventHandler.onAdd/onUpdate/onDelete}
 * (fabric8 or the official client): the handler receives the cache's own instance, which every
 * other handler and reader shares.
 */
public final class InformerEventMutation implements Rule {
  public static final String ID = "InformerEventMutation";
  public static final String SUMMARY =
      "An object passed to an informer event handler (the cached instance) is changed in place";
  public static final RuleInfo INFO = new RuleInfo(ID, "operators", Severity.WARNING, SUMMARY);

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public void check(AnalysisFacts facts, Reporter out) {
    OperatorFacts ops = facts.operators();
    if (ops == null) {
      return;
    }
    for (SharedChanges.Group g :
        SharedChanges.groups(ops, o -> o.kind() == Origin.Kind.EVENT_PARAMETER)) {
      Origin o = g.origin();
      String changed = g.changed();
      String what = changed.equals(o.text()) ? "" : ", part of `" + o.text() + "`";
      String message =
          "`" + UserText.expr(g.first().at()) + "` changes `" + changed + "`" + what
              + ", the object the informer passed to " + o.source()
              + SharedChanges.elsewhere(ops.index(), g.body(), o)
              + ": it is the cache's own instance (on a resync the old and new objects are the"
              + " same), shared with every other handler and reader, so the change corrupts the"
              + " cache and races with its updates. Fix: only read it in the handler (queue the"
              + " key for a reconciler), or change a deep copy (Serialization.clone).";
      out.report(new Finding(ID, INFO.severity(), g.location(), ID + ".change", message,
          g.related(ops.index())), g.body());
    }
  }
}
