package dev.shareguard.core.rules.copies;

import dev.shareguard.core.copies.BodyCopyAnalysis;
import dev.shareguard.core.copies.CopyEvent;
import dev.shareguard.core.copies.CopyFacts;
import dev.shareguard.core.copies.CopyText;
import dev.shareguard.core.copies.Prov;
import dev.shareguard.core.facts.AnalysisFacts;
import dev.shareguard.core.engine.Describe;
import dev.shareguard.core.engine.IrWalker;
import dev.shareguard.core.engine.ProgramIndex;
import dev.shareguard.core.finding.Finding;
import dev.shareguard.core.finding.Location;
import dev.shareguard.core.finding.RelatedLocation;
import dev.shareguard.core.finding.Severity;
import dev.shareguard.core.ir.ClassDecl;
import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.FieldDecl;
import dev.shareguard.core.ir.MethodDecl;
import dev.shareguard.core.model.CopyModels;
import dev.shareguard.core.rules.Rule;
import dev.shareguard.core.rules.RuleInfo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code clone()}, a copy constructor or a copy method that copies the reference of a mutable
 * field (a collection, array, mutable object or lock) which the class later changes or locks:
 * the two objects share it, so they are not independent copies.
 */
public final class CloneSharesMutableState implements Rule {
  public static final String ID = "CloneSharesMutableState";
  public static final String SUMMARY =
      "A clone or copy shares a mutable field with its original, which is later changed";
  public static final RuleInfo INFO = new RuleInfo(ID, "copies", Severity.WARNING, SUMMARY);

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public void check(AnalysisFacts facts, Reporter out) {
    CopyFacts copies = facts.copies();
    for (BodyCopyAnalysis.Result r : copies.results()) {
      ProgramIndex.Body b = r.body();
      if (b.isLambda()) {
        continue;
      }
      MethodDecl m = b.method();
      if (m.name().equals("clone") && m.params().isEmpty()) {
        Expr superClone = superClone(m);
        if (superClone != null) {
          checkClone(copies, r, superClone, out);
        }
        continue;
      }
      for (CopyEvent e : r.events()) {
        if (e instanceof CopyEvent.FieldStore fs && isReferenceCopy(copies, b, fs)) {
          Evidence ev = laterChange(copies, fs.target().classId(), fs.target().field());
          if (ev != null) {
            out.report(copyFinding(r, fs, ev), b);
          }
        }
      }
    }
  }

  /**
   * {@code this.f = other.f} in a constructor taking another instance, or {@code copy.f = f} in
   * a method returning a new instance: the field's reference is copied.
   */
  private static boolean isReferenceCopy(
      CopyFacts copies, ProgramIndex.Body b, CopyEvent.FieldStore fs) {
    Prov.Src t = fs.target();
    String cls = b.owner().id();
    if (t.field() == null || !cls.equals(t.classId()) || !(fs.value() instanceof Prov.Origin o)
        || !t.field().equals(o.src().field()) || !cls.equals(o.src().classId())) {
      return false;
    }
    MethodDecl m = b.method();
    boolean copyConstructor = m.isConstructor() && t.kind() == Prov.Src.Kind.THIS_FIELD
        && o.src().kind() == Prov.Src.Kind.OTHER_FIELD
        && m.params().stream().anyMatch(p -> p.type().erasure().equals(cls)
            && p.name().equals(o.src().root()));
    boolean copyMethod = !m.isStatic() && !m.isConstructor()
        && m.returnType().erasure().equals(cls) && t.kind() == Prov.Src.Kind.OTHER_FIELD
        && o.src().kind() == Prov.Src.Kind.THIS_FIELD;
    if (!copyConstructor && !(copyMethod && allocatesCopy(m, t.root(), cls))) {
      return false;
    }
    FieldDecl f = copies.index().field(cls, t.field());
    return f != null && !f.isStatic() && isSharedState(copies, cls, f);
  }

  /**
   * State whose sharing breaks a copy: library collections, maps, arrays and other mutable
   * library values, and locks. Thread-safe containers are left out (a shared concurrent cache is
   * usually meant), and so are mutable objects of analysed classes (shared collaborators).
   */
  private static boolean isSharedState(CopyFacts copies, String cls, FieldDecl f) {
    if (f.type().isArray()) {
      return true;
    }
    String type = f.type().name();
    return (copies.classFacts().copyModels().isMutableLibraryType(type) || isLockType(f))
        && !copies.isThreadSafeField(cls, f.name());
  }

  /** Whether {@code m} makes the copy in local {@code local}: {@code new C(…)} or a clone. */
  private static boolean allocatesCopy(MethodDecl m, String local, String cls) {
    boolean[] found = new boolean[1];
    for (dev.shareguard.core.ir.Stmt st : m.body().stmts()) {
      if (st instanceof dev.shareguard.core.ir.Stmt.LocalVar v && v.name().equals(local)) {
        Expr init = v.init();
        while (init instanceof Expr.Cast c) {
          init = c.expr();
        }
        found[0] |= init instanceof Expr.New n && n.type().erasure().equals(cls)
            || init instanceof Expr.Call c && c.target().name().equals("clone");
      }
    }
    return found[0];
  }

  private void checkClone(CopyFacts copies, BodyCopyAnalysis.Result r, Expr superClone,
      Reporter out) {
    ClassDecl c = r.body().owner();
    if (callsOwnMethodOnCopy(r.body().method(), c.id())) {
      return;
    }
    Set<String> reassigned = new HashSet<>();
    for (CopyEvent e : r.events()) {
      if (e instanceof CopyEvent.FieldStore fs && fs.target().field() != null) {
        reassigned.add(fs.target().field());
      }
    }
    List<String> shared = new ArrayList<>();
    Evidence first = null;
    for (FieldDecl f : c.fields()) {
      if (f.isStatic() || reassigned.contains(f.name()) || !isSharedState(copies, c.id(), f)) {
        continue;
      }
      Evidence ev = laterChange(copies, c.id(), f.name());
      if (ev != null) {
        shared.add(f.name());
        first = first == null ? ev : first;
      }
    }
    if (shared.isEmpty()) {
      return;
    }
    String fields = String.join("`, `", shared);
    String message =
        "`clone()` of " + c.simpleName() + " copies the references of `" + fields + "` (by"
            + " `super.clone()`): the clone and the original share " + (shared.size() == 1
            ? "it" : "them") + ", and `" + first.what + "` (line " + first.at.line()
            + ") " + first.verb + ", so a change to one object shows in the other. Fix: in"
            + " `clone()`, give the copy its own " + (shared.size() == 1 ? "value" : "values")
            + " (for example `copy." + shared.get(0) + " = " + copyExpression(c, shared.get(0))
            + "`), or use a copy constructor.";
    out.report(new Finding(ID, INFO.severity(), CopyText.location(r.body(), superClone),
        ID + ".clone", message, List.of(new RelatedLocation(first.at, first.what))), r.body());
  }

  /**
   * Whether {@code clone()} calls one of the class's own instance methods on the copy ({@code
   * copy.setItems(…)}, {@code copy.clear()}): those may give it new state by assignments the
   * analysis cannot always see (compare-and-set, reflection), so the clone is not judged.
   */
  private static boolean callsOwnMethodOnCopy(MethodDecl clone, String cls) {
    boolean[] found = new boolean[1];
    IrWalker.forEachExpr(clone.body(), e -> {
      if (e instanceof Expr.Call call && call.receiver() instanceof Expr.LocalRef l
          && l.type().erasure().equals(cls) && !call.target().isStatic()) {
        found[0] = true;
      }
    });
    return found[0];
  }

  /** How to give a copy its own value of field {@code name}, by the field's type. */
  private static String copyExpression(ClassDecl c, String name) {
    FieldDecl f = c.fields().stream().filter(x -> x.name().equals(name)).findFirst().orElse(null);
    if (f == null) {
      return "…";
    }
    if (f.type().isArray()) {
      return name + ".clone()";
    }
    if (isLockType(f)) {
      return "new " + Describe.simpleName(f.type().name()) + "()";
    }
    String simple = Describe.simpleName(f.type().name());
    String impl = CopyModels.copyClassFor(simple);
    if (impl != null) {
      return "new " + impl + "<>(" + name + ")";
    }
    return f.type().name().startsWith("java.util.") ? "new " + simple + "<>(" + name + ")"
        : "a copy of " + name;
  }

  private static boolean isLockType(FieldDecl f) {
    return CopyModels.isLockType(f.type().name());
  }

  private static Expr superClone(MethodDecl m) {
    Expr[] found = new Expr[1];
    IrWalker.forEachExpr(m.body(), e -> {
      if (found[0] == null && e instanceof Expr.Call c && c.target().name().equals("clone")
          && c.receiver() instanceof Expr.ThisRef t && t.isSuper()) {
        found[0] = e;
      }
    });
    return found[0];
  }

  /** How the shared field is changed or locked after construction. */
  private record Evidence(Location at, String what, String verb) {}

  private static Evidence laterChange(CopyFacts copies, String classId, String field) {
    List<CopyEvent.Mutation> changes = copies.fieldMutations(classId, field);
    if (!changes.isEmpty()) {
      CopyEvent.Mutation m = changes.get(0);
      return new Evidence(CopyText.location(m.body(), m.at()), Describe.expr(m.at()),
          "changes it in place");
    }
    List<CopyEvent.Locked> locks = copies.fieldLocks(classId, field);
    if (!locks.isEmpty()) {
      CopyEvent.Locked l = locks.get(0);
      return new Evidence(CopyText.location(l.body(), l.at()), "locking `" + field + "`",
          "uses it as a lock, so the two objects lock each other out");
    }
    return null;
  }

  private static Finding copyFinding(BodyCopyAnalysis.Result r, CopyEvent.FieldStore fs,
      Evidence ev) {
    String field = fs.target().field();
    boolean ctor = r.body().method().isConstructor();
    String message =
        "`" + Describe.expr(fs.at()) + "` in the " + (ctor ? "copy constructor" : "copy method `"
            + r.body().method().name() + "()`") + " copies the reference of `" + field
            + "`, not its contents: the copy and the original share it, and `" + ev.what
            + "` (line " + ev.at.line() + ") " + ev.verb + ", so a change to one object shows"
            + " in the other. Fix: copy the contents (`new ArrayList<>(…)`, `new HashMap<>(…)`,"
            + " `Arrays.copyOf(…)`, a new lock).";
    return new Finding(ID, INFO.severity(), CopyText.location(r.body(), fs.at()), ID + ".copy",
        message, List.of(new RelatedLocation(ev.at, ev.what)));
  }
}
