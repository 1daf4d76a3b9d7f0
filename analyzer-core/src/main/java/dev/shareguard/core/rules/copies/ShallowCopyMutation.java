package dev.shareguard.core.rules.copies;

import dev.shareguard.core.copies.BodyCopyAnalysis;
import dev.shareguard.core.copies.CopyEvent;
import dev.shareguard.core.copies.CopyFacts;
import dev.shareguard.core.copies.CopyText;
import dev.shareguard.core.copies.Prov;
import dev.shareguard.core.facts.AnalysisFacts;
import dev.shareguard.core.engine.Describe;
import dev.shareguard.core.finding.Finding;
import dev.shareguard.core.finding.Severity;
import dev.shareguard.core.ir.TypeRef;
import dev.shareguard.core.model.CopyModels;
import dev.shareguard.core.rules.Rule;
import dev.shareguard.core.rules.RuleInfo;
import java.util.List;

/**
 * A shallow copy of a container of mutable values (a map of lists, a list of arrays) treated as
 * independent: a nested value is changed through the copy, or a copy constructor or copy method
 * copies a field's container shallowly while the class changes the values it holds in place, so
 * the copy and the original change together; or a public method of a class written for
 * concurrent use returns such a copy as a snapshot, so its callers read the nested values while
 * the class's other methods change them.
 */
public final class ShallowCopyMutation implements Rule {
  public static final String ID = "ShallowCopyMutation";
  public static final String SUMMARY =
      "A nested mutable value is changed through a shallow copy that shares it with the original";
  public static final RuleInfo INFO = new RuleInfo(ID, "copies", Severity.WARNING, SUMMARY);

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public void check(AnalysisFacts facts, Reporter out) {
    CopyFacts copies = facts.copies();
    for (BodyCopyAnalysis.Result r : copies.results()) {
      for (CopyEvent e : r.events()) {
        if (e instanceof CopyEvent.Mutation m && isContainerWrite(m)
            && m.target() instanceof Prov.Held h && h.key() != null
            && CopyFacts.root(h.container()) instanceof Prov.Copy cp
            && cp.of() instanceof Prov.Origin original) {
          out.report(throughCopy(r, m, cp, original), r.body());
        } else if (e instanceof CopyEvent.FieldStore fs && fs.value() instanceof Prov.Copy cp
            && cp.of() instanceof Prov.Origin o && copiesSameField(fs.target(), o.src())) {
          List<CopyEvent.Mutation> nested = nestedContainerWrites(copies, fs.target());
          if (!nested.isEmpty()) {
            out.report(copyOfField(r, fs, cp, o.src(), nested.get(0)), r.body());
          }
        } else if (e instanceof CopyEvent.MayReturnCopy rc
            && rc.copy().of() instanceof Prov.Origin o
            && (o.src().kind() == Prov.Src.Kind.THIS_FIELD
                || o.src().kind() == Prov.Src.Kind.STATIC_FIELD)
            && SnapshotApi.handsOutSnapshots(copies, r.body())) {
          List<CopyEvent.Mutation> nested = nestedContainerWrites(copies, o.src());
          if (!nested.isEmpty()) {
            out.report(shallowSnapshot(r, rc, o.src(), nested.get(0)), r.body());
          }
        }
      }
    }
  }

  /** {@code this.f = copy(other.f)} or {@code copy.f = copy(this.f)}: one object's field copied. */
  private static boolean copiesSameField(Prov.Src target, Prov.Src source) {
    if (target.field() == null || !target.field().equals(source.field())
        || target.classId() == null || !target.classId().equals(source.classId())) {
      return false;
    }
    return target.kind() == Prov.Src.Kind.THIS_FIELD && source.kind() == Prov.Src.Kind.OTHER_FIELD
        || target.kind() == Prov.Src.Kind.OTHER_FIELD
            && source.kind() == Prov.Src.Kind.THIS_FIELD;
  }

  /** The in-place container writes to values that field {@code f} holds, outside set-up code. */
  private static List<CopyEvent.Mutation> nestedContainerWrites(CopyFacts copies, Prov.Src f) {
    return copies.nestedMutations(f.classId(), f.field()).stream()
        .filter(ShallowCopyMutation::isContainerWrite)
        .toList();
  }

  /** A write to a nested container or array: the values being containers shows they are shared. */
  static boolean isContainerWrite(CopyEvent.Mutation m) {
    if (m.change() == CopyEvent.Change.ARRAY_STORE) {
      return true;
    }
    TypeRef t = m.receiver() == null ? null : m.receiver().type();
    return m.fields().isEmpty() && t != null && t.kind() == TypeRef.Kind.CLASS
        && CopyModels.isPlainLibraryContainer(t.name());
  }

  private static Finding throughCopy(
      BodyCopyAnalysis.Result r, CopyEvent.Mutation m, Prov.Copy cp, Prov.Origin original) {
    String copy = CopyText.text(cp);
    String orig = original.src().text();
    String value = CopyText.simpleType(m.receiver().type());
    String message =
        "`" + Describe.expr(m.at()) + "` changes a " + value + " held in a shallow copy: `" + copy
            + "` (line " + cp.site().pos().line() + ") copied the entries of `" + orig
            + "` but not the " + value + "s they hold, so this change shows in `" + orig
            + "` too. Fix: copy the nested value before changing it (for example `new"
            + " ArrayList<>(…)` per entry when building the copy), or change `" + orig
            + "` itself if that is what is meant.";
    return new Finding(ID, INFO.severity(), CopyText.location(r.body(), m.at()), ID + ".copy",
        message, List.of(CopyText.related(r.body(), cp.site(), "the shallow copy")));
  }

  private static Finding copyOfField(
      BodyCopyAnalysis.Result r, CopyEvent.FieldStore fs, Prov.Copy cp, Prov.Src source,
      CopyEvent.Mutation nested) {
    String field = fs.target().field();
    String message =
        "`" + Describe.expr(cp.site()) + "` copies `" + source.text() + "` shallowly into `"
            + fs.target().text() + "`: both objects hold the same nested values, and `"
            + Describe.expr(nested.at()) + "` (line " + nested.at().pos().line()
            + ") changes them in place, so a change made through one object shows in the other."
            + " Fix: copy each nested value too (a loop that puts `new ArrayList<>(v)` for every"
            + " entry), or make the nested values immutable.";
    return new Finding(ID, INFO.severity(), CopyText.location(r.body(), fs.at()), ID + ".field",
        message, List.of(new dev.shareguard.core.finding.RelatedLocation(
            new dev.shareguard.core.finding.Location(nested.body().file().path(),
                nested.at().pos().line(), nested.at().pos().column()),
            "a nested value of `" + field + "` changed in place")));
  }

  private static Finding shallowSnapshot(BodyCopyAnalysis.Result r, CopyEvent.MayReturnCopy rc,
      Prov.Src source, CopyEvent.Mutation nested) {
    String method = r.body().method().name();
    String message =
        "`" + method + "()` returns a copy of `" + source.text() + "` (`"
            + Describe.expr(rc.copy().site()) + "`, line " + rc.copy().site().pos().line()
            + ") that is only one level deep: the copy has its own entries, but the values they"
            + " hold are the live ones, which `" + Describe.expr(nested.at()) + "` (line "
            + nested.at().pos().line() + ") changes in place. A caller reading the \"snapshot\""
            + " reads them while they change, and may see them half-changed or fail with"
            + " ConcurrentModificationException. Fix: copy each nested value too when building the"
            + " snapshot (under the same lock), or hand out immutable copies.";
    return new Finding(ID, INFO.severity(), CopyText.location(r.body(), rc.at()), ID + ".snapshot",
        message, List.of(new dev.shareguard.core.finding.RelatedLocation(
            new dev.shareguard.core.finding.Location(nested.body().file().path(),
                nested.at().pos().line(), nested.at().pos().column()),
            "a nested value of `" + source.field() + "` changed in place")));
  }
}
