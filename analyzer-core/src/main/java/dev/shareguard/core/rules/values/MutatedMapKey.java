package dev.shareguard.core.rules.values;

import dev.shareguard.core.copies.BodyCopyAnalysis;
import dev.shareguard.core.copies.CopyEvent;
import dev.shareguard.core.copies.CopyFacts;
import dev.shareguard.core.copies.CopyText;
import dev.shareguard.core.copies.Prov;
import dev.shareguard.core.facts.AnalysisFacts;
import dev.shareguard.core.finding.Finding;
import dev.shareguard.core.finding.Severity;
import dev.shareguard.core.ir.TypeRef;
import dev.shareguard.core.ir.UserText;
import dev.shareguard.core.rules.Rule;
import dev.shareguard.core.rules.RuleInfo;
import java.util.List;
import java.util.Set;

/**
 * A field that {@code equals}/{@code hashCode} use is changed on an object while it is a key of a
 * hash-based map or an element of a hash-based set: the entry stays filed under the old hash and
 * lookups, {@code contains} and {@code remove} stop finding it.
 */
public final class MutatedMapKey implements Rule {
  public static final String ID = "MutatedMapKey";
  public static final String SUMMARY =
      "A field used by equals/hashCode is changed while the object is a hash map key or set element";
  public static final RuleInfo INFO = new RuleInfo(ID, "values", Severity.WARNING, SUMMARY);

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public void check(AnalysisFacts facts, Reporter out) {
    CopyFacts copies = facts.copies();
    for (BodyCopyAnalysis.Result r : copies.results()) {
      for (CopyEvent e : r.events()) {
        if (e instanceof CopyEvent.MutatedKey k) {
          out.report(finding(r, k.at(), k.local(), k.field(), k.classId(), "a key of `"
              + UserText.expr(k.container()) + "` (added at line " + k.keyedAt().pos().line()
              + ")"), r.body());
        } else if (e instanceof CopyEvent.Mutation m && m.target() instanceof Prov.Held h
            && h.key() == null && m.receiver() != null) {
          String container = hashElementContainer(copies, h);
          TypeRef t = m.receiver().type();
          if (container == null || t == null || t.kind() != TypeRef.Kind.CLASS) {
            continue;
          }
          Set<String> eq = copies.classFacts().equalityFields(t.name());
          for (String f : m.fields()) {
            if (eq.contains(f)) {
              out.report(finding(r, m.at(), UserText.expr(m.receiver()), f, t.name(),
                  "an element of `" + container + "`, being iterated"), r.body());
              break;
            }
          }
        }
      }
    }
  }

  /**
   * The hash-based set (or key set of a hash-based map) field whose element {@code h} is, or
   * null.
   */
  private static String hashElementContainer(CopyFacts copies, Prov.Held h) {
    Prov c = h.container();
    boolean keySet = c instanceof Prov.View v && v.mechanism().isView("keySet");
    Prov root = keySet ? ((Prov.View) c).of() : c;
    if (!(root instanceof Prov.Origin o) || o.src().field() == null) {
      return null;
    }
    String type = copies.classFacts().implType(o.src());
    var models = copies.classFacts().models();
    boolean set = type != null && models.types().isSubtype(type, "java.util.Set");
    if ((keySet || set) && copies.classFacts().copyModels().isHashBased(type)) {
      return o.src().text() + (keySet ? ".keySet()" : "");
    }
    return null;
  }

  private static Finding finding(BodyCopyAnalysis.Result r, dev.shareguard.core.ir.Expr at,
      String local, String field, String classId, String where) {
    String cls = UserText.simpleName(classId);
    String message =
        "`" + UserText.expr(at) + "` changes `" + field + "`, which " + cls + ".equals/hashCode"
            + " use, while `" + local + "` is " + where + ": the entry stays filed under the old"
            + " hash, so get, contains and remove no longer find it. Fix: remove it, change it,"
            + " and add it back; or key the map by an immutable value.";
    return new Finding(ID, INFO.severity(), CopyText.location(r.body(), at), ID + ".key",
        message, List.of());
  }
}
