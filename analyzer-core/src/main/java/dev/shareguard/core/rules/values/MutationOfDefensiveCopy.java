package dev.shareguard.core.rules.values;

import dev.shareguard.core.copies.BodyCopyAnalysis;
import dev.shareguard.core.copies.CopyEvent;
import dev.shareguard.core.copies.CopyText;
import dev.shareguard.core.copies.Prov;
import dev.shareguard.core.facts.AnalysisFacts;
import dev.shareguard.core.finding.Finding;
import dev.shareguard.core.finding.Severity;
import dev.shareguard.core.ir.UserText;
import dev.shareguard.core.model.CopyModels;
import dev.shareguard.core.rules.Rule;
import dev.shareguard.core.rules.RuleInfo;
import java.util.List;

/**
 * A caller changes a collection that was handed to it as a fresh copy (the change is silently
 * lost) or as an unmodifiable or immutable collection (the change throws
 * UnsupportedOperationException). Methods of analysed code are summed up across files ({@code
 * getItems()} returns {@code new ArrayList<>(items)} or {@code Collections.unmodifiableList(…)});
 * library factories ({@code List.of}, {@code stream().toList()}, {@code Arrays.asList}) come from
 * the models.
 */
public final class MutationOfDefensiveCopy implements Rule {
  public static final String ID = "MutationOfDefensiveCopy";
  public static final String SUMMARY =
      "A returned defensive copy or unmodifiable collection is changed by the caller";
  public static final RuleInfo INFO = new RuleInfo(ID, "values", Severity.WARNING, SUMMARY);

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public void check(AnalysisFacts facts, Reporter out) {
    facts.copies().forEachEvent((r, e) -> {
      // Container calls only: a setter on an element or an array store changes no collection.
      if (!(e instanceof CopyEvent.Mutation m) || !m.fields().isEmpty()
          || m.change() == CopyEvent.Change.ARRAY_STORE) {
        return;
      }
      String unmodifiable = unmodifiable(m);
      if (unmodifiable != null) {
        out.report(throwsFinding(r, m, unmodifiable), r.body());
      } else if (m.target() instanceof Prov.Result res
          && res.summary().kind() == Prov.Summary.Kind.FRESH_COPY
          && !r.read().contains(res.site())) {
        out.report(lostFinding(r, m, res), r.body());
      }
    });
  }

  /** How the changed collection was made unmodifiable, or null if it was not. */
  private static String unmodifiable(CopyEvent.Mutation m) {
    Prov t = m.target();
    boolean empty = t instanceof Prov.Immutable i && i.empty()
        || t instanceof Prov.Result r && r.summary().empty();
    if (empty && m.method() != null && CopyModels.onlyRemoves(m.method())) {
      // Removing from one of the JDK's empty collections removes nothing and throws nothing.
      return null;
    }
    if (t instanceof Prov.Immutable i && (!i.fixedSize() || m.structural())) {
      return "`" + CopyText.made(i.mechanism()) + "` (line " + i.site().pos().line() + ") made it "
          + (i.fixedSize() ? "fixed-size" : "immutable");
    }
    if (t instanceof Prov.Copy c && c.unmodifiable()) {
      return "`" + CopyText.made(c.mechanism()) + "` (line " + c.site().pos().line() + ") made it an"
          + " unmodifiable copy";
    }
    if (t instanceof Prov.View v && v.unmodifiable()) {
      return "`" + CopyText.made(v.mechanism()) + "` (line " + v.site().pos().line() + ") made it a read-only"
          + " view";
    }
    if (t instanceof Prov.Result r && r.summary().kind() == Prov.Summary.Kind.UNMODIFIABLE) {
      return "`" + CopyText.made(r.callee()) + "` returns an unmodifiable or immutable collection";
    }
    return null;
  }

  private static Finding throwsFinding(BodyCopyAnalysis.Result r, CopyEvent.Mutation m,
      String how) {
    String message =
        "`" + UserText.expr(m.at()) + "` changes a collection that cannot be changed: " + how
            + ", so this call throws UnsupportedOperationException. Fix: copy it into a"
            + " modifiable collection first (`new ArrayList<>(…)`), or change it where it is"
            + " owned.";
    return new Finding(ID, INFO.severity(), CopyText.location(r.body(), m.at()),
        ID + ".unmodifiable", message, List.of());
  }

  private static Finding lostFinding(BodyCopyAnalysis.Result r, CopyEvent.Mutation m,
      Prov.Result res) {
    String message =
        "`" + UserText.expr(m.at()) + "` changes the fresh copy that `" + CopyText.made(res.callee())
            + "` returns (a copy of its field `" + res.summary().field() + "`), and the copy is"
            + " not used afterwards, so the change is silently lost. Fix: make the change"
            + " through the owning object (an `add…`/`remove…` method), or keep and use the copy"
            + " if a local change was meant.";
    return new Finding(ID, INFO.severity(), CopyText.location(r.body(), m.at()), ID + ".lost",
        message, List.of());
  }
}
