package dev.shareguard.core.rules.values;

import dev.shareguard.core.copies.BodyCopyAnalysis;
import dev.shareguard.core.copies.CopyEvent;
import dev.shareguard.core.copies.CopyFacts;
import dev.shareguard.core.copies.CopyText;
import dev.shareguard.core.copies.Prov;
import dev.shareguard.core.facts.AnalysisFacts;
import dev.shareguard.core.finding.Finding;
import dev.shareguard.core.finding.RelatedLocation;
import dev.shareguard.core.finding.Severity;
import dev.shareguard.core.ir.UserText;
import dev.shareguard.core.rules.Rule;
import dev.shareguard.core.rules.RuleInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * An update made to a copy of a map-held value that never reaches the map: the value is read
 * from the map, copied (copy constructor, {@code clone()}, {@code toBuilder()…build()}, a {@code
 * with…} method), the copy is changed, and it is neither put back nor returned, stored or passed
 * on. Also {@code entry.setValue} while iterating a copy of the map that is then dropped.
 */
public final class LostMapValueUpdate implements Rule {
  public static final String ID = "LostMapValueUpdate";
  public static final String SUMMARY =
      "A copy of a map-held value is changed and never written back to the map";
  public static final RuleInfo INFO = new RuleInfo(ID, "values", Severity.WARNING, SUMMARY);

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public void check(AnalysisFacts facts, Reporter out) {
    for (BodyCopyAnalysis.Result r : facts.copies().results()) {
      List<CopyEvent.Mutation> mutations = new ArrayList<>();
      for (CopyEvent e : r.events()) {
        if (e instanceof CopyEvent.Mutation m) {
          mutations.add(m);
        }
      }
      for (CopyEvent e : r.events()) {
        if (e instanceof CopyEvent.ValueCopied vc && !r.escaped().contains(vc.at())) {
          CopyEvent.Mutation change = changeOf(vc.value(), mutations);
          if (vc.value().changed() || change != null) {
            out.report(lostCopy(r, vc.value(), change), r.body());
          }
        } else if (e instanceof CopyEvent.Mutation m && "setValue".equals(m.method())
            && m.target() instanceof Prov.Held h
            && CopyFacts.root(h.container()) instanceof Prov.Copy cp
            && cp.of() instanceof Prov.Origin o && !r.escaped().contains(cp.site())) {
          out.report(entryOfCopy(r, m, cp, o), r.body());
        }
      }
    }
  }

  private static CopyEvent.Mutation changeOf(Prov.ValueCopy v, List<CopyEvent.Mutation> all) {
    for (CopyEvent.Mutation m : all) {
      if (m.target() instanceof Prov.ValueCopy t && t.site() == v.site()) {
        return m;
      }
    }
    return null;
  }

  private static Finding lostCopy(
      BodyCopyAnalysis.Result r, Prov.ValueCopy v, CopyEvent.Mutation change) {
    String map = CopyText.text(v.of().container());
    String key = v.of().key() == null ? "" : " under `" + UserText.expr(v.of().key()) + "`";
    String changed = change == null
        ? "`" + CopyText.made(v.mechanism()) + "` makes a changed copy"
        : "the copy is changed (`" + UserText.expr(change.at()) + "`, line "
            + change.at().pos().line() + ")";
    String message =
        "`" + UserText.expr(v.site()) + "` copies the value held in `" + map + "`" + key + ", "
            + changed + ", and the copy is then dropped: it is never put back into `" + map
            + "`, returned or passed on, so the update is lost and `" + map + "` keeps the old"
            + " value. Fix: write the copy back (`" + map + ".put(" + (v.of().key() == null
            ? "key" : UserText.expr(v.of().key())) + ", copy)`), or update in place with `"
            + map + ".compute(…)`.";
    List<RelatedLocation> related = change == null ? List.of()
        : List.of(CopyText.related(r.body(), change.at(), "the copy is changed here"));
    return new Finding(ID, INFO.severity(), CopyText.location(r.body(), v.site()), ID + ".copy",
        message, related);
  }

  private static Finding entryOfCopy(
      BodyCopyAnalysis.Result r, CopyEvent.Mutation m, Prov.Copy cp, Prov.Origin original) {
    String orig = original.src().text();
    String message =
        "`" + UserText.expr(m.at()) + "` changes an entry of `" + UserText.expr(cp.site())
            + "`, a copy of `" + orig + "` that is then dropped, so `" + orig + "` keeps its old"
            + " values. Fix: iterate `" + orig + ".entrySet()` itself, or use `" + orig
            + ".replaceAll(…)`.";
    return new Finding(ID, INFO.severity(), CopyText.location(r.body(), m.at()), ID + ".entry",
        message, List.of(CopyText.related(r.body(), cp.site(), "the copy")));
  }
}
