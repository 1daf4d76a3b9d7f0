package dev.shareguard.core.rules.operators;

import dev.shareguard.core.facts.AnalysisFacts;
import dev.shareguard.core.finding.Finding;
import dev.shareguard.core.finding.Fix;
import dev.shareguard.core.finding.Severity;
import dev.shareguard.core.fix.FixBuilder;
import dev.shareguard.core.ir.UserText;
import dev.shareguard.core.operators.OperatorFacts;
import dev.shareguard.core.operators.Origin;
import dev.shareguard.core.operators.SharedChanges;
import dev.shareguard.core.rules.Rule;
import dev.shareguard.core.rules.RuleInfo;
import java.util.List;

/**
 * An object obtained from a Kubernetes informer cache (a store, indexer or lister read, the
 * operator SDK's secondary resources or primary cache, a source declared in config) is changed in
 * place, directly or through a builder copy that still shares the changed part. Every reader of
 * the cache holds the same instance: the change corrupts what they see and races with the cache's
 * own updates.
 */
public final class MutatedCachedResource implements Rule {
  public static final String ID = "MutatedCachedResource";
  public static final String SUMMARY =
      "An object obtained from a Kubernetes informer cache is changed in place";
  public static final RuleInfo INFO = new RuleInfo(ID, "operators", Severity.WARNING, SUMMARY);

  private static final String CLONE = "io.fabric8.kubernetes.client.utils.Serialization.clone(";

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
        SharedChanges.groups(ops, o -> o.kind() == Origin.Kind.CACHE_READ)) {
      out.report(finding(ops, g), g.body());
    }
  }

  private static Finding finding(OperatorFacts ops, SharedChanges.Group g) {
    Origin o = g.origin();
    String via = g.first().value().via();
    String through = via == null ? ""
        : ", through the builder copy `" + via + "`, which copies the maps but shares their values";
    String more = g.changes().size() > 1
        ? " (and " + (g.changes().size() - 1) + " more change" + (g.changes().size() > 2 ? "s" : "")
            + " to it here, such as a restore in finally)"
        : "";
    String message =
        "`" + UserText.expr(g.first().at()) + "` changes `"
            + g.changed() + "` in place, and it belongs to an object read from the informer cache"
            + " by `" + o.text() + "` (" + o.source()
            + SharedChanges.elsewhere(ops.index(), g.body(), o) + ")" + through + more
            + ": every reconciler, event handler and thread reads this same instance, so the"
            + " change corrupts what they see (even if restored later) and races with the cache's"
            + " own updates. Fix: change a deep copy (Serialization.clone, or the operator SDK's"
            + " ConfigurationService.getResourceCloner()), or build a new object and send it"
            + " with a patch.";
    return new Finding(ID, INFO.severity(), g.location(), ID + ".change", message,
        g.related(ops.index()), fixes(g));
  }

  /** Wrap the read in a deep copy: only for one fabric8 object read in the same body. */
  private static List<Fix> fixes(SharedChanges.Group g) {
    Origin o = g.origin();
    if (!o.fixable() || !o.bodyId().equals(g.body().id())) {
      return List.of();
    }
    Fix.Node read = new Fix.Node(Fix.Kind.CALL, o.pos());
    return List.of(FixBuilder.fix("copy the object deeply where it is read from the cache")
        .replace(read, List.of(FixBuilder.text(CLONE), FixBuilder.source(read),
            FixBuilder.text(")")))
        .build());
  }
}
