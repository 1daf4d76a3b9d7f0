package dev.shareguard.core.rules.copies;

import dev.shareguard.core.copies.BodyCopyAnalysis;
import dev.shareguard.core.copies.CopyEvent;
import dev.shareguard.core.copies.CopyFacts;
import dev.shareguard.core.copies.CopyText;
import dev.shareguard.core.facts.AnalysisFacts;
import dev.shareguard.core.engine.Describe;
import dev.shareguard.core.engine.ProgramIndex;
import dev.shareguard.core.finding.Finding;
import dev.shareguard.core.finding.Severity;
import dev.shareguard.core.ir.Annotation;
import dev.shareguard.core.ir.ClassDecl;
import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.FieldDecl;
import dev.shareguard.core.ir.MethodDecl;
import dev.shareguard.core.ir.Modifier;
import dev.shareguard.core.model.CopyModels;
import dev.shareguard.core.model.CopyModels.RoundTrip;
import dev.shareguard.core.rules.Rule;
import dev.shareguard.core.rules.RuleInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * A deep copy made by a serialization round trip (Jackson, Gson, Java serialization) of an
 * analysed class with state the round trip drops or cannot carry: transient fields, fields Jackson
 * cannot see (private, no getter, no {@code @JsonProperty}, or {@code @JsonIgnore}), thread locals
 * and plain lock objects.
 */
public final class SerializationCopyLosesState implements Rule {
  public static final String ID = "SerializationCopyLosesState";
  public static final String SUMMARY =
      "A copy made by a serialization round trip silently drops state the format cannot carry";
  public static final RuleInfo INFO = new RuleInfo(ID, "copies", Severity.WARNING, SUMMARY);

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public void check(AnalysisFacts facts, Reporter out) {
    CopyFacts copies = facts.copies();
    copies.forEachEvent((r, e) -> {
      if (e instanceof CopyEvent.RoundTripCopy rt && rt.type() != null) {
        ClassDecl c = copies.index().classById(rt.type().name());
        List<String> lost = c == null ? List.of() : lostFields(copies.index(), c, rt.how());
        if (!lost.isEmpty()) {
          out.report(finding(r, rt, c, lost), r.body());
        }
      }
    });
  }

  /** Each dropped field with the reason, over the class and its analysed superclasses. */
  private static List<String> lostFields(ProgramIndex index, ClassDecl start, RoundTrip how) {
    List<String> out = new ArrayList<>();
    ClassDecl c = start;
    int guard = 0;
    while (c != null && guard++ < 16) {
      for (FieldDecl f : c.fields()) {
        if (f.isStatic()) {
          continue;
        }
        String why = whyLost(c, f, how);
        if (why != null) {
          out.add("`" + f.name() + "` (" + why + ")");
        }
      }
      c = c.superclass() == null ? null : index.classById(c.superclass().name());
    }
    return out;
  }

  private static String whyLost(ClassDecl c, FieldDecl f, RoundTrip how) {
    String type = f.type().name();
    if (CopyModels.isThreadLocalType(type)) {
      return "a ThreadLocal: it cannot be carried";
    }
    boolean isTransient = f.modifiers().contains(Modifier.TRANSIENT);
    if (how == RoundTrip.JACKSON) {
      if (has(f.annotations(), "JsonIgnore")) {
        return "@JsonIgnore";
      }
      if (has(f.annotations(), "JsonProperty") || f.modifiers().contains(Modifier.PUBLIC)
          && !isTransient) {
        return null;
      }
      return hasGetter(c, f) ? null : isTransient ? "transient, no getter" : "private, no getter";
    }
    if (isTransient) {
      return "transient";
    }
    if (how == RoundTrip.JAVA_SERIALIZATION && type.equals("java.lang.Object")
        && f.initializer() instanceof Expr.New n && n.type().name().equals("java.lang.Object")) {
      return "a plain Object lock, not Serializable: the copy fails";
    }
    return null;
  }

  private static boolean has(List<Annotation> annotations, String simpleName) {
    return annotations.stream().anyMatch(a -> a.simpleName().equals(simpleName));
  }

  private static boolean hasGetter(ClassDecl c, FieldDecl f) {
    String cap = Character.toUpperCase(f.name().charAt(0)) + f.name().substring(1);
    for (MethodDecl m : c.methods()) {
      if (m.params().isEmpty() && m.isPublic() && !m.isStatic()
          && (m.name().equals("get" + cap) || m.name().equals("is" + cap)
              || has(m.annotations(), "JsonProperty") && m.name().equals(f.name()))) {
        return true;
      }
    }
    return c.kind() == ClassDecl.Kind.RECORD;
  }

  private static Finding finding(
      BodyCopyAnalysis.Result r, CopyEvent.RoundTripCopy rt, ClassDecl c, List<String> lost) {
    String message =
        "`" + Describe.expr(rt.at()) + "` copies " + c.simpleName() + " by " + rt.how()
            .description() + ", which does not carry " + String.join(", ", lost) + ": the copy"
            + " silently has " + (lost.size() == 1 ? "it" : "them") + " empty or default (or the"
            + " copy fails). Fix: copy with a copy constructor or copy method that copies every"
            + " field (deeply where needed), or make the format carry the state.";
    return new Finding(ID, INFO.severity(), CopyText.location(r.body(), rt.at()),
        ID + "." + rt.how().name().toLowerCase(java.util.Locale.ROOT), message, List.of());
  }
}
