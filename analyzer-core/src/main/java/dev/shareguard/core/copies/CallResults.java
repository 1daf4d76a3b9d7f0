package dev.shareguard.core.copies;

import dev.shareguard.core.engine.ProgramIndex;
import dev.shareguard.core.ir.ClassDecl;
import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.MethodDecl;
import dev.shareguard.core.ir.TypeRef;
import dev.shareguard.core.model.CopyModels;
import dev.shareguard.core.model.CopyModels.RoundTrip;
import dev.shareguard.core.model.LibraryModels;
import java.util.List;

/**
 * What a call returns, as provenance, for the copy analysis of one body: serialization round
 * trips, deep and shallow copies, clones, builders and withers, views, values held in containers,
 * stream pipelines over a container, entries' keys and values, and analysed methods' return
 * summaries. Library knowledge comes from {@link CopyModels} and {@link LibraryModels}.
 */
final class CallResults {
  private final ClassFacts facts;
  private final CopyModels copyModels;
  private final LibraryModels models;
  private final ProgramIndex index;
  private final ProgramIndex.Body body;
  private final CopyRecorder rec;
  private final CallEffects effects;

  CallResults(ClassFacts facts, CopyRecorder rec, CallEffects effects) {
    this.facts = facts;
    this.copyModels = facts.copyModels();
    this.models = facts.models();
    this.index = facts.index();
    this.body = rec.body();
    this.rec = rec;
    this.effects = effects;
  }

  /**
   * Whether analysed method {@code m} returns its own receiver on every return: {@code return
   * this;} (returns inside lambdas and local classes are theirs, not the method's).
   */
  static boolean returnsOnlyThis(MethodDecl m) {
    if (m == null || m.body() == null) {
      return false;
    }
    List<Expr> returned = dev.shareguard.core.engine.IrWalker.returned(m.body());
    return !returned.isEmpty()
        && returned.stream().allMatch(e -> e instanceof Expr.ThisRef t && !t.isSuper());
  }

  Prov resultOf(
      Expr.Call c, String owner, String name, Expr recvExpr, Prov recv, List<Prov> args,
      MethodDecl callee, CopyState s) {
    RoundTrip ser = copyModels.serializer(owner, name);
    if (ser != null && !args.isEmpty()) {
      return new Prov.Serialized(c, args.get(0), ser);
    }
    RoundTrip de = copyModels.deserializer(owner, name);
    if (de != null && !args.isEmpty() && args.get(0) instanceof Prov.Serialized z
        && z.how() == de) {
      rec.report(new CopyEvent.RoundTripCopy(body, c, de, deserializedType(c)));
      return new Prov.Fresh(c, c.type());
    }
    RoundTrip whole = copyModels.roundTripCall(owner, name);
    if (whole != null && !args.isEmpty()) {
      TypeRef t = c.args().size() > 1 ? deserializedType(c) : c.args().get(0).type();
      if (c.args().size() == 1 || t.erasure().equals(c.args().get(0).type().erasure())) {
        rec.report(new CopyEvent.RoundTripCopy(body, c, whole, t));
      }
      return new Prov.Fresh(c, c.type());
    }
    if (owner != null && copyModels.isDeepCopy(owner, name)) {
      return new Prov.Fresh(c, c.type());
    }
    if (c.receiver() == null && owner != null) {
      return staticResult(c, owner, name, args, s);
    }
    if (recvExpr == null) {
      return summaryResult(c, callee, args);
    }
    String recvType = CopyText.typeName(recvExpr.type());
    if (name.equals("clone") && c.args().isEmpty()) {
      if (recv instanceof Prov.Held h) {
        return new Prov.ValueCopy(c, h, Prov.Made.of(Prov.Made.How.CLONE), false);
      }
      return new Prov.Copy(c, recv, Prov.Made.of(Prov.Made.How.CLONE), false, recvExpr.type());
    }
    if (recv instanceof Prov.Held h && name.equals("toBuilder") && c.args().isEmpty()) {
      return new Prov.Builder(c, h, false);
    }
    if (recv instanceof Prov.Builder b) {
      if (name.startsWith("build")) {
        return new Prov.ValueCopy(c, b.of(), new Prov.Made(Prov.Made.How.REBUILD, null, name),
            b.changed());
      }
      boolean getter = name.startsWith("get") || name.startsWith("is") || name.startsWith("has");
      if (!getter && c.type().erasure().equals(recvExpr.type().erasure())) {
        return new Prov.Builder(c, b.of(), true);
      }
    }
    if (recv instanceof Prov.Held h && CopyModels.isWitherName(name)
        && c.type().erasure().equals(recvExpr.type().erasure())
        && c.type().kind() == TypeRef.Kind.CLASS) {
      // A fluent setter of a mutable builder hands back the object it changed, not a copy.
      return returnsOnlyThis(callee) ? h
          : new Prov.ValueCopy(c, h, new Prov.Made(Prov.Made.How.CALL, null, name), true);
    }
    if (recvType != null && models.isContainer(recvType)) {
      if (models.isViewMethod(recvType, name)) {
        return new Prov.View(c, recv, new Prov.Made(Prov.Made.How.VIEW, null, name), false);
      }
      if (name.equals("stream") && c.args().isEmpty()) {
        return new Prov.View(c, recv, Prov.Made.of(Prov.Made.How.STREAM), false);
      }
      if (copyModels.isElementGetter(name)) {
        return new Prov.Held(c, recv, c.args().isEmpty() ? null : c.args().get(0));
      }
      if ((name.equals("putAll") || name.equals("addAll")) && recv instanceof Prov.Fresh
          && recvExpr instanceof Expr.LocalRef l && !args.isEmpty()) {
        Prov copy = new Prov.Copy(recv.site(), args.get(0),
            new Prov.Made(Prov.Made.How.CALL, null, name), false, ((Prov.Fresh) recv).type());
        s.bind(l.name(), copy);
        rec.rememberSite(s, l.name(), copy);
      }
      return Prov.UNKNOWN;
    }
    if (recv instanceof Prov.View v && v.mechanism().how() == Prov.Made.How.STREAM) {
      if (copyModels.keepsStreamElements(name)) {
        return v;
      }
      if (name.equals("toList") && c.args().isEmpty()) {
        return new Prov.Copy(c, v.of(), Prov.Made.of(Prov.Made.How.STREAM_TO_LIST), true, c.type());
      }
      if (name.equals("collect") && c.args().size() == 1
          && c.args().get(0) instanceof Expr.Call col && col.receiver() == null
          && "java.util.stream.Collectors".equals(col.target().owner())
          && copyModels.isCollectingCollector(col.target().name())) {
        return new Prov.Copy(c, v.of(),
            new Prov.Made(Prov.Made.How.STREAM_COLLECT, null, col.target().name()),
            col.target().name().startsWith("toUnmodifiable"), c.type());
      }
      return Prov.UNKNOWN;
    }
    if (recv instanceof Prov.View v && v.mechanism().isView("iterator") && name.equals("next")) {
      return new Prov.Held(c, recv, null);
    }
    if (recv instanceof Prov.Held h && h.key() == null && recvType != null
        && (recvType.equals("java.util.Map.Entry")
            || models.types().isSubtype(recvType, "java.util.Map.Entry"))
        && (name.equals("getValue") || name.equals("getKey"))) {
      return new Prov.Held(c, h.container(), null);
    }
    return summaryResult(c, callee, args);
  }

  private Prov summaryResult(Expr.Call c, MethodDecl callee, List<Prov> args) {
    if (callee == null || !index.overrides(callee).isEmpty()) {
      return Prov.UNKNOWN;
    }
    Prov.Summary sum = facts.summary(callee);
    if (sum == null) {
      return Prov.UNKNOWN;
    }
    ClassDecl owner = index.ownerOf(callee);
    Prov.Made label = new Prov.Made(Prov.Made.How.ANALYSED,
        owner == null ? null : owner.simpleName(), callee.name());
    if (sum.kind() == Prov.Summary.Kind.COPY_OF_ARGUMENT) {
      return sum.argument() < args.size()
          ? new Prov.Copy(c, args.get(sum.argument()), label, sum.unmodifiable(), c.type())
          : Prov.UNKNOWN;
    }
    return new Prov.Result(c, label, sum);
  }

  private Prov staticResult(Expr.Call c, String owner, String name, List<Prov> args, CopyState s) {
    Prov.Made staticCall = new Prov.Made(Prov.Made.How.STATIC_CALL, owner, name);
    if (copyModels.isShallowCopyFactory(owner, name) && !args.isEmpty()) {
      TypeRef argType = c.args().get(0).type();
      boolean arrays = owner.equals("java.util.Arrays");
      if (arrays && (argType == null || !argType.isArray() || argType.elementType().isPrimitive())) {
        return new Prov.Fresh(c, c.type());
      }
      if (!arrays && !CopyExprs.isContainerType(models, argType)) {
        return Prov.UNKNOWN;
      }
      return new Prov.Copy(c, args.get(0), staticCall,
          copyModels.isUnmodifiableCopyFactory(owner, name), c.type());
    }
    if (copyModels.isUnmodifiableView(owner, name) && !args.isEmpty()) {
      if (args.get(0) instanceof Prov.Fresh || args.get(0) instanceof Prov.Copy) {
        return new Prov.Immutable(c, staticCall, false);
      }
      return new Prov.View(c, args.get(0), staticCall, true);
    }
    if (copyModels.isLiveView(owner, name) && !args.isEmpty()) {
      return new Prov.View(c, args.get(0), staticCall, false);
    }
    if (copyModels.isImmutableFactory(owner, name)) {
      return new Prov.Immutable(c, staticCall, false, copyModels.isEmptyFactory(owner, name));
    }
    if (copyModels.isFixedSizeFactory(owner, name)) {
      return new Prov.Immutable(c, staticCall, true);
    }
    int src = copyModels.beanCopierSource(owner, name);
    if (src >= 0 && c.args().size() == 2) {
      Expr target = c.args().get(1 - src);
      if (target instanceof Expr.LocalRef l && s.env.get(l.name()) instanceof Prov.Fresh f) {
        s.bind(l.name(), new Prov.Copy(f.site(), args.get(src), staticCall, false, f.type()));
      }
      return Prov.UNKNOWN;
    }
    return summaryResult(c, effects.resolve(c), args);
  }

  private static TypeRef deserializedType(Expr.Call c) {
    for (Expr a : c.args()) {
      if (a instanceof Expr.ClassLiteral cl) {
        return cl.of();
      }
    }
    return c.type();
  }
}
