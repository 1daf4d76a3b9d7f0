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
import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.MethodDecl;
import dev.shareguard.core.model.CopyModels;
import dev.shareguard.core.rules.Rule;
import dev.shareguard.core.rules.RuleInfo;
import java.util.List;

/**
 * A read-only view ({@code Collections.unmodifiable*}, {@code keySet()}, {@code values()}, {@code
 * entrySet()}) of a field that the class keeps changing, handed out as if it were a snapshot:
 * returned from an object that many threads use, or stored in another object. Every later change
 * shows through the view; readers iterating it race with the writer.
 */
public final class UnmodifiableViewAsSnapshot implements Rule {
  public static final String ID = "UnmodifiableViewAsSnapshot";
  public static final String SUMMARY =
      "A live read-only view of a changing collection is handed out as if it were a snapshot";
  public static final RuleInfo INFO = new RuleInfo(ID, "copies", Severity.WARNING, SUMMARY);

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public void check(AnalysisFacts facts, Reporter out) {
    CopyFacts copies = facts.copies();
    for (BodyCopyAnalysis.Result r : copies.results()) {
      if (copies.isInitializer(r.body()) || copies.isContractView(r.body())
          || facts.isDeadInternalMethod(r.body()) || facts.isUncalledTestHook(r.body())) {
        continue;
      }
      for (CopyEvent e : r.events()) {
        if (e instanceof CopyEvent.Return ret && ret.value() instanceof Prov.Origin held
            && escapesItsLock(copies, r, held.src())
            && !copies.handsOver(r.body(), ret.at(), held.src().field())) {
          CopyEvent.Mutation change =
              copies.fieldMutations(held.src().classId(), held.src().field()).get(0);
          out.report(escapeFinding(copies, r, ret, held.src(), change), r.body());
          continue;
        }
        if (!(e instanceof CopyEvent.Escape esc) || !(esc.value() instanceof Prov.View v)
            || !(v.unmodifiable() || v.mechanism().how() == Prov.Made.How.VIEW
                && CopyModels.isMapView(v.mechanism().name())
                || v.site() instanceof Expr.Call call && call.receiver() == null)
            || !(backing(v) instanceof Prov.Origin o)
            || (o.src().kind() != Prov.Src.Kind.THIS_FIELD
                && o.src().kind() != Prov.Src.Kind.STATIC_FIELD)) {
          continue;
        }
        String how = handedOut(copies, r, esc);
        if (how == null || !changingContainer(copies, o.src()) || letsGo(r, o.src())
            || needsEvidence(esc)
                && !(storedElsewhere(esc) && changedLaterHere(copies, r, esc, o.src()))
                && !facts.accesses().contentsChangedWhereThreadsMeet(
                    o.src().classId(), o.src().field())) {
          continue;
        }
        CopyEvent.Mutation change = copies.fieldMutations(o.src().classId(), o.src().field()).get(0);
        out.report(finding(copies, r, esc, v, o.src(), how, change), r.body());
      }
    }
  }

  /**
   * Whether handing the view out needs evidence that its collection is changed while others hold
   * it: a view returned or stored in another object does (a class's other locks, or a builder
   * that fills a list and then hands out its view, say nothing about this collection); a view
   * handed to another thread is that evidence itself.
   */
  private static boolean needsEvidence(CopyEvent.Escape esc) {
    return esc.kind() == CopyEvent.EscapeKind.RETURN || storedElsewhere(esc);
  }

  /**
   * Whether the view is kept by another object (a constructor argument, another object's field,
   * an argument a call keeps), where a builder typically puts what it built.
   */
  private static boolean storedElsewhere(CopyEvent.Escape esc) {
    return esc.kind() == CopyEvent.EscapeKind.CONSTRUCTOR_ARGUMENT
        || esc.kind() == CopyEvent.EscapeKind.OTHER_OBJECT_FIELD_STORE
        || esc.kind() == CopyEvent.EscapeKind.ARGUMENT;
  }

  /**
   * Whether the body that stores the view in another object changes the backing collection
   * after it ({@code new Batch(unmodifiableList(pending)); pending.clear();}): the holder of the
   * view sees the change on one thread. Otherwise a view is only a bug where the collection is
   * changed while others may read it, under a lock or in a task ({@code
   * AccessFacts.contentsChangedWhereThreadsMeet}); a builder's list, changed only while one
   * thread fills it, and then handed out, is not.
   */
  private static boolean changedLaterHere(
      CopyFacts copies, BodyCopyAnalysis.Result r, CopyEvent.Escape esc, Prov.Src field) {
    for (CopyEvent.Mutation m : copies.fieldMutations(field.classId(), field.field())) {
      if (m.body() == r.body() && m.at().pos().compareTo(esc.at().pos()) > 0) {
        return true;
      }
    }
    return false;
  }

  /** What a view is a view of, through views of views ({@code unmodifiable(map.values())}). */
  private static Prov backing(Prov.View v) {
    Prov p = v.of();
    for (int guard = 0; p instanceof Prov.View inner && guard < 8; guard++) {
      p = inner.of();
    }
    return p;
  }

  /** How the view leaves as a snapshot, or null when it does not. */
  private static String handedOut(CopyFacts copies, BodyCopyAnalysis.Result r, CopyEvent.Escape e) {
    switch (e.kind()) {
      case RETURN -> {
        return SnapshotApi.handsOutSnapshots(copies, r.body())
            && !SnapshotApi.contractViewMethod(copies, r.body())
            ? "returned by `" + r.body().method().name() + "()` of a class written for concurrent use"
            : null;
      }
      case THREAD -> {
        return "handed to another thread (`" + e.via() + "`)";
      }
      case CONSTRUCTOR_ARGUMENT, OTHER_OBJECT_FIELD_STORE -> {
        return "stored in another object (`" + e.via() + "`)";
      }
      case ARGUMENT -> {
        // add(view), put(k, view), setItems(view) keep the view itself; addAll/putAll copy it.
        return CopyModels.keepsArgument(e.via())
            ? "stored in another object (`" + e.via() + "(…)`)"
            : null;
      }
      default -> {
        return null;
      }
    }
  }

  /**
   * Whether a {@code synchronized} method returns the very container its class changes in other
   * code: the lock guarded the read of the field, not the caller's iteration of what it got,
   * which runs after the lock is released while the writers go on changing it. The container
   * itself is the livest view there is. Changes that fill it once, under that lock, before it is
   * first returned ({@link CopyFacts#filledOnce}) are no such writers.
   */
  private static boolean escapesItsLock(
      CopyFacts copies, BodyCopyAnalysis.Result r, Prov.Src field) {
    MethodDecl m = r.body().isLambda() ? null : r.body().method();
    return m != null && m.isSynchronized() && m.isPublic()
        && (field.kind() == Prov.Src.Kind.THIS_FIELD || field.kind() == Prov.Src.Kind.STATIC_FIELD)
        && SnapshotApi.isPublicApi(copies, r.body().owner())
        && changingContainer(copies, field)
        && !copies.fieldMutations(field.classId(), field.field()).stream()
            .allMatch(c -> copies.isInitializer(c.body())
                || c.body().owner().id().equals(r.body().owner().id())
                    && copies.filledOnce(c, m.isStatic()));
  }

  /**
   * The JDK snapshot factory for a collection of static type {@code type}: {@code Map.copyOf}
   * for a map, {@code Set.copyOf} for a set, {@code List.copyOf} otherwise.
   */
  private static String copyFactory(CopyFacts copies, dev.shareguard.core.ir.TypeRef type) {
    String t = type == null ? null : type.erasure();
    if (t != null && copies.index().hierarchy().isSubtype(t, "java.util.Map")) {
      return "Map.copyOf";
    }
    if (t != null && copies.index().hierarchy().isSubtype(t, "java.util.Set")) {
      return "Set.copyOf";
    }
    return "List.copyOf";
  }

  private static Finding escapeFinding(CopyFacts copies,
      BodyCopyAnalysis.Result r, CopyEvent.Return e, Prov.Src field, CopyEvent.Mutation change) {
    String method = r.body().method().name();
    String message =
        "`" + method + "()` returns `" + field.text() + "` itself from under its lock, and it is"
            + " still changed (`" + Describe.expr(change.at()) + "`, line "
            + change.at().pos().line() + "): the caller reads or iterates it after the lock is"
            + " released, while the writers change it, and may see it half-changed or fail with"
            + " ConcurrentModificationException. Fix: return a copy made under the lock"
            + " (`" + copyFactory(copies, field.type()) + "(" + field.text() + ")`), or replace"
            + " the field with a new immutable"
            + " collection on every change.";
    return new Finding(ID, INFO.severity(), CopyText.location(r.body(), e.at()),
        ID + ".escapesLock", message,
        List.of(new dev.shareguard.core.finding.RelatedLocation(
            new dev.shareguard.core.finding.Location(change.body().file().path(),
                change.at().pos().line(), change.at().pos().column()),
            "`" + field.text() + "` changed here")));
  }

  /**
   * Whether the same body gives the field a new value after handing out the view ({@code
   * toSend = unmodifiableMap(next); next = null;}): the container is handed over, not shared.
   */
  private static boolean letsGo(BodyCopyAnalysis.Result r, Prov.Src field) {
    for (CopyEvent e : r.events()) {
      if (e instanceof CopyEvent.FieldStore fs && fs.target().kind() == Prov.Src.Kind.THIS_FIELD
          && field.field().equals(fs.target().field())) {
        return true;
      }
    }
    return false;
  }

  /** A field holding a non-thread-safe, non-immutable container that is changed after building. */
  private static boolean changingContainer(CopyFacts copies, Prov.Src field) {
    String type = copies.classFacts().implType(field);
    var models = copies.classFacts().models();
    return type != null && models.isContainer(type)
        && !copies.isThreadSafeField(field.classId(), field.field())
        && !models.isImmutableContainer(type)
        && !copies.fieldMutations(field.classId(), field.field()).isEmpty();
  }

  private static Finding finding(CopyFacts copies,
      BodyCopyAnalysis.Result r, CopyEvent.Escape e, Prov.View v, Prov.Src field, String how,
      CopyEvent.Mutation change) {
    String view = Describe.expr(v.site());
    // A snapshot of what the view shows: of the view's own argument (a map's values(), a map),
    // by the view's type.
    String of = v.site() instanceof Expr.Call call && call.args().size() == 1
        ? Describe.expr(call.args().get(0)) : field.text();
    String snapshot = copyFactory(copies, v.site().type()) + "(" + of + ")";
    String message =
        "`" + view + "` is a live view of `" + field.text() + "`, not a copy, and it is " + how
            + ": `" + field.text() + "` is still changed (`" + Describe.expr(change.at())
            + "`, line " + change.at().pos().line() + "), so every holder of the view sees"
            + " those changes as they happen and may fail with ConcurrentModificationException"
            + " while iterating it. Fix: hand out a snapshot (`" + snapshot + "`, or a copy made"
            + " under the lock that guards `" + field.text() + "`), or document that the view is"
            + " live.";
    return new Finding(ID, INFO.severity(), CopyText.location(r.body(), v.site()),
        ID + "." + e.kind().name().toLowerCase(java.util.Locale.ROOT), message,
        List.of(new dev.shareguard.core.finding.RelatedLocation(
            new dev.shareguard.core.finding.Location(change.body().file().path(),
                change.at().pos().line(), change.at().pos().column()),
            "`" + field.text() + "` changed here")));
  }
}
