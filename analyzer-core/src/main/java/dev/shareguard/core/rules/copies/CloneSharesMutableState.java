package dev.shareguard.core.rules.copies;

import dev.shareguard.core.copies.BodyCopyAnalysis;
import dev.shareguard.core.copies.CopyEvent;
import dev.shareguard.core.copies.CopyFacts;
import dev.shareguard.core.copies.CopyText;
import dev.shareguard.core.copies.Prov;
import dev.shareguard.core.facts.AnalysisFacts;
import dev.shareguard.core.engine.Describe;
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
 * field (a collection, array or other mutable library value) which the class later changes in
 * place: the two objects share it, so they are not independent copies.
 *
 * <p>A constructor taking another instance of its class is not always a copy: views, wrappers
 * and children are built that way and share the other's state on purpose. So a constructor is
 * judged a copy only on evidence that its result is meant to stand on its own: it copies the
 * contents of some other field of the original (a partial copy), or some code makes an object
 * with it and then gives that object a value of its own (copy, then change). A constructor that
 * keeps the other instance itself (a parent, a delegate) is never a copy. Shared locks are not
 * reported: two objects that share a lock exclude each other, which costs throughput, not
 * correctness.
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

  /**
   * Whether objects of {@code c} can be cloned by {@code Object.clone()}: {@code c} or a
   * supertype implements {@code Cloneable}, or a superclass is a library class whose interfaces
   * the audit does not see (other than a JDK class known never to be cloneable, such as {@code
   * ClassLoader} or {@code Thread}: {@link CopyModels#neverCloneable}). Otherwise {@code
   * super.clone()} throws {@code CloneNotSupportedException} and no copy ever shares anything.
   */
  private static boolean mayBeCloneable(CopyFacts copies, ClassDecl c) {
    int guard = 0;
    for (ClassDecl k = c; k != null && guard++ < 32; ) {
      if (copies.index().hierarchy().isSubtype(k.id(), "java.lang.Cloneable")) {
        return true;
      }
      if (k.superclass() == null || k.superclass().erasure().equals("java.lang.Object")) {
        return false;
      }
      ClassDecl sup = copies.index().classById(k.superclass().erasure());
      if (sup == null) {
        return !CopyModels.neverCloneable(k.superclass().erasure());
      }
      k = sup;
    }
    return true;
  }

  @Override
  public void check(AnalysisFacts facts, Reporter out) {
    CopyFacts copies = facts.copies();
    Set<MethodDecl> changedAfterCopy = constructorsWhoseObjectsAreChanged(copies);
    for (BodyCopyAnalysis.Result r : copies.results()) {
      ProgramIndex.Body b = r.body();
      if (b.isLambda()) {
        continue;
      }
      MethodDecl m = b.method();
      if (m.name().equals("clone") && m.params().isEmpty()) {
        Expr superClone = CloneShapes.superClone(m);
        if (superClone != null && mayBeCloneable(copies, b.owner())) {
          checkClone(copies, r, superClone, out);
        }
        continue;
      }
      for (CopyEvent e : r.events()) {
        if (e instanceof CopyEvent.FieldStore fs && isReferenceCopy(copies, b, fs)
            && meantAsCopy(copies, r, fs, changedAfterCopy)) {
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
    if (!copyConstructor && !(copyMethod && CloneShapes.allocatesCopy(m, t.root(), cls))) {
      return false;
    }
    FieldDecl f = copies.index().field(cls, t.field());
    return f != null && !f.isStatic() && isSharedState(copies, cls, f);
  }

  /**
   * Whether the reference copy {@code fs} is in code meant to make an independent object: a copy
   * method (it fills a new instance field by field), or a copy constructor with the evidence of
   * the class comment above.
   */
  private static boolean meantAsCopy(CopyFacts copies, BodyCopyAnalysis.Result r,
      CopyEvent.FieldStore fs, Set<MethodDecl> changedAfterCopy) {
    MethodDecl m = r.body().method();
    if (!m.isConstructor()) {
      return true;
    }
    String original = ((Prov.Origin) fs.value()).src().root();
    for (CopyEvent e : r.events()) {
      if (e instanceof CopyEvent.FieldStore other
          && other.target().kind() == Prov.Src.Kind.THIS_FIELD
          && other.value() instanceof Prov.Origin o && o.src().kind() == Prov.Src.Kind.PARAM
          && o.src().root().equals(original)) {
        return false; // keeps the original itself: a child, view or delegate of it
      }
    }
    return copiesContents(copies, r, original, 0) || changedAfterCopy.contains(m);
  }

  /** Constructors followed through {@code super(original)} or {@code this(original)}. */
  private static final int MAX_CONSTRUCTOR_CHAIN = 2;

  /**
   * Whether constructor result {@code r} gives the new object its own copy of the contents of
   * some field of its parameter {@code original}: {@code new ArrayList<>(o.items)}, {@code
   * o.items.clone()}, {@code o.items.copy()}, {@code new Proxy(o.proxy)} (the field's own type's
   * copy constructor), {@code this.items.addAll(o.items)}; or a constructor it delegates to with
   * {@code super(original)} does.
   */
  private static boolean copiesContents(
      CopyFacts copies, BodyCopyAnalysis.Result r, String original, int depth) {
    for (CopyEvent e : r.events()) {
      if (e instanceof CopyEvent.FieldStore other
          && other.target().kind() == Prov.Src.Kind.THIS_FIELD
          && (other.value() instanceof Prov.Copy c && isFieldOf(c.of(), original)
              || copyOfAField(other.at().value(), original))) {
        return true;
      }
      // this.items.addAll(original.items): its own list, filled with the original's elements
      if (e instanceof CopyEvent.Mutation mu && mu.at() instanceof Expr.Call call
          && CopyModels.copiesArgumentContents(mu.method())
          && mu.target() instanceof Prov.Origin own
          && own.src().kind() == Prov.Src.Kind.THIS_FIELD
          && call.args().size() == 1 && fieldOf(call.args().get(0), original)) {
        return true;
      }
    }
    if (depth >= MAX_CONSTRUCTOR_CHAIN) {
      return false;
    }
    for (Expr.Call call : CloneShapes.delegatedConstructorCalls(r.body().method())) {
      MethodDecl callee = copies.index().findMethod(call.target().owner(), call.target().name(),
          call.target().arity(), call.target().paramTypes());
      BodyCopyAnalysis.Result next = callee == null ? null : copies.resultOf(callee);
      for (int i = 0; next != null && i < call.args().size() && i < callee.params().size(); i++) {
        if (call.args().get(i) instanceof Expr.LocalRef l && l.name().equals(original)
            && copiesContents(copies, next, callee.params().get(i).name(), depth + 1)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Whether {@code value} makes a copy of a field of {@code original} (either branch of a
   * conditional): the field's own type's copy constructor, or its {@code clone()} or {@code
   * copy()}.
   */
  private static boolean copyOfAField(Expr value, String original) {
    if (value instanceof Expr.Conditional c) {
      return copyOfAField(c.whenTrue(), original) || copyOfAField(c.whenFalse(), original);
    }
    if (value instanceof Expr.Cast c) {
      return copyOfAField(c.expr(), original);
    }
    if (value instanceof Expr.New n && n.args().size() == 1 && fieldOf(n.args().get(0), original)
        && n.args().get(0).type() != null
        && n.type().erasure().equals(n.args().get(0).type().erasure())) {
      return true;
    }
    return value instanceof Expr.Call c && fieldOf(c.receiver(), original)
        && CopyModels.isOwnCopyCall(c.target().name(), c.args().size());
  }

  /** Whether {@code e} reads a field of the local or parameter {@code original}. */
  private static boolean fieldOf(Expr e, String original) {
    return e instanceof Expr.FieldAccess f && f.receiver() instanceof Expr.LocalRef l
        && l.name().equals(original);
  }

  /** Whether {@code p} is a field of the parameter {@code param} ({@code other.items}). */
  private static boolean isFieldOf(Prov p, String param) {
    return p instanceof Prov.Origin o && o.src().kind() == Prov.Src.Kind.OTHER_FIELD
        && o.src().root().equals(param);
  }

  /**
   * The constructors of the program whose new objects some code changes right after making them
   * ({@code Item c = new Item(original); c.setPort(p);}): that code treats the object as its own.
   */
  private static Set<MethodDecl> constructorsWhoseObjectsAreChanged(CopyFacts copies) {
    Set<MethodDecl> out = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    copies.forEachEvent((r, e) -> {
      if (e instanceof CopyEvent.Mutation mu && mu.target() instanceof Prov.Fresh fresh
          && fresh.site() instanceof Expr.New n && n.anonymousClassId() == null
          && n.constructor() != null) {
        MethodDecl ctor = copies.index().findMethod(n.constructor().owner(),
            n.constructor().name(), n.constructor().arity(), n.constructor().paramTypes());
        if (ctor != null && ctor.isConstructor()) {
          out.add(ctor);
        }
      }
    });
    return out;
  }

  /**
   * State whose sharing breaks a copy: library collections, maps, arrays and other mutable
   * library values. Thread-safe containers are left out (a shared concurrent cache is usually
   * meant), and so are mutable objects of analysed classes (shared collaborators) and locks.
   */
  private static boolean isSharedState(CopyFacts copies, String cls, FieldDecl f) {
    if (f.type().isArray()) {
      return true;
    }
    String type = f.type().name();
    return copies.classFacts().copyModels().isMutableLibraryType(type)
        && !CloneShapes.isLockType(f) && !copies.isThreadSafeField(cls, f.name());
  }

  /**
   * The fix for fields {@code shared} of {@code c} that {@code clone()} shares: give the copy its
   * own values, unless one is {@code final}, which {@code clone()} cannot assign (the copy comes
   * from {@code super.clone()}, not a constructor): then a copy constructor.
   */
  private static String cloneFix(ClassDecl c, List<String> shared) {
    String finalField = null;
    for (FieldDecl d : c.fields()) {
      if (d.isFinal() && shared.contains(d.name())) {
        finalField = d.name();
        break;
      }
    }
    if (finalField != null) {
      return "`" + finalField + "` is final, so `clone()` cannot give the copy its own value; copy"
          + " through a constructor that makes new " + (shared.size() == 1 ? "state" : "values")
          + " (for example `" + CloneShapes.copyExpression(c, shared.get(0)) + "`), or make `"
          + finalField + "` non-final and assign the copy's own value in `clone()`";
    }
    return "in `clone()`, give the copy its own " + (shared.size() == 1 ? "value" : "values")
        + " (for example `copy." + shared.get(0) + " = "
        + CloneShapes.copyExpression(c, shared.get(0)) + "`), or use a copy constructor";
  }

  private void checkClone(CopyFacts copies, BodyCopyAnalysis.Result r, Expr superClone,
      Reporter out) {
    ClassDecl c = r.body().owner();
    if (CloneShapes.callsOwnMethodOnCopy(r.body().method(), c.id())) {
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
            + ") changes it in place, so a change to one object shows in the other. Fix: "
            + cloneFix(c, shared) + ".";
    out.report(new Finding(ID, INFO.severity(), CopyText.location(r.body(), superClone),
        ID + ".clone", message, List.of(new RelatedLocation(first.at, first.what))), r.body());
  }

  /** Where and how the shared field is changed in place after construction. */
  private record Evidence(Location at, String what) {}

  private static Evidence laterChange(CopyFacts copies, String classId, String field) {
    List<CopyEvent.Mutation> changes = copies.fieldMutations(classId, field);
    if (!changes.isEmpty()) {
      CopyEvent.Mutation m = changes.get(0);
      return new Evidence(CopyText.location(m.body(), m.at()), Describe.expr(m.at()));
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
            + "` (line " + ev.at.line() + ") changes it in place, so a change to one object shows"
            + " in the other. Fix: copy the contents (`new ArrayList<>(…)`, `new HashMap<>(…)`,"
            + " `Arrays.copyOf(…)`).";
    return new Finding(ID, INFO.severity(), CopyText.location(r.body(), fs.at()), ID + ".copy",
        message, List.of(new RelatedLocation(ev.at, ev.what)));
  }
}
