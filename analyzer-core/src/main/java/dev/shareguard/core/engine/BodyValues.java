package dev.shareguard.core.engine;

import dev.shareguard.core.cfg.Node;
import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.MethodDecl;
import dev.shareguard.core.ir.Param;
import dev.shareguard.core.ir.TypeRef;
import dev.shareguard.core.model.ContainerContracts;
import dev.shareguard.core.model.LibraryModels;
import dev.shareguard.core.model.LibraryModels.LockOp;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an expression of a body evaluates to in a dataflow state ({@link AbsVal}): locals,
 * {@code this}, fields (and what {@link FieldFacts} knows they always hold), fresh objects at
 * their allocation sites, lambdas and method references, task handles, and the values calls
 * return (getters, container elements, views, lock views, factories' objects). Pure: no effects.
 */
final class BodyValues {
  private final BodyAnalyzer ba;

  BodyValues(BodyAnalyzer ba) {
    this.ba = ba;
  }

  /**
   * Container calls whose result is a value still held in the container. Calls that take the
   * value out ({@code remove}, {@code poll}, {@code take}) are not here: the value is handed over
   * to the caller, as a queue hands a task from producer to consumer, and no longer shared
   * through the container.
   */
  static final Set<String> ELEMENT_GETTERS =
      Set.of(
          "get", "getOrDefault", "computeIfAbsent", "computeIfPresent", "compute", "merge",
          "putIfAbsent", "peek", "first", "last", "getFirst", "getLast", "next", "element",
          "firstEntry", "lastEntry");

  /** What {@code e} evaluates to in state {@code s}: a pure function, no effects. */
  AbsVal valueOf(Expr e, FlowState s, Node at) {
    if (e == null) {
      return AbsVal.UNKNOWN;
    }
    if (e instanceof Expr.LocalRef l) {
      AbsVal v = s.local(l.name());
      if (v != null) {
        return v;
      }
      return ba.params.contains(l.name())
          ? new AbsVal.Param(l.name())
          : new AbsVal.Captured(l.name());
    }
    if (e instanceof Expr.ThisRef t) {
      return new AbsVal.This(t.classId());
    }
    if (e instanceof Expr.FieldAccess f) {
      return fieldValue(f, s, at);
    }
    if (e instanceof Expr.ClassLiteral cl) {
      return new AbsVal.Static(cl.of().name());
    }
    if (e instanceof Expr.Cast c) {
      return valueOf(c.expr(), s, at);
    }
    if (e instanceof Expr.Assign a) {
      return a.op().equals("=") ? valueOf(a.value(), s, at) : AbsVal.UNKNOWN;
    }
    if (e instanceof Expr.Conditional c) {
      AbsVal a = valueOf(c.whenTrue(), s, at);
      return a.equals(valueOf(c.whenFalse(), s, at)) ? a : AbsVal.UNKNOWN;
    }
    if (e instanceof Expr.Lambda l) {
      return new AbsVal.Closure(l.id(), ba.body.id());
    }
    if (e instanceof Expr.MethodRef m) {
      AbsVal recv = m.receiver() == null ? null : valueOf(m.receiver(), s, at);
      String q = m.qualifierType() == null ? null : m.qualifierType().name();
      return new AbsVal.MethodRefVal(recv, m.target(), q);
    }
    if (e instanceof Expr.New n) {
      if (n.anonymousClassId() != null) {
        return new AbsVal.Anon(n.anonymousClassId(), ba.body.id(), site(n));
      }
      Integer spawn = ba.spawnIndex.get(n);
      if (spawn != null) {
        return new AbsVal.Handle(spawn);
      }
      AbsVal.Alloc a = alloc(n, n.type(), at, accessOrdered(n));
      return SingleThreadExecutors.made(n, ba.index, ba.models)
          ? new AbsVal.Alloc(a.site(), a.type(), a.loops(), false, false, true, false, false)
          : a;
    }
    if (e instanceof Expr.NewArray n) {
      return alloc(n, n.type(), at, false);
    }
    if (e instanceof Expr.Call c) {
      return callValue(c, s, at);
    }
    return AbsVal.UNKNOWN;
  }

  AbsVal fieldValue(Expr.FieldAccess f, FlowState s, Node at) {
    if (f.receiver() == null) {
      String owner = f.ownerClass();
      if (owner != null && ContainerContracts.isImmutableConstant(owner, f.name())) {
        // Collections.EMPTY_SET: an immutable object, like what emptySet() returns.
        return new AbsVal.Alloc(site(f), f.type() == null ? null : f.type().erasure(),
            at == null ? java.util.List.of() : at.loops(), false, true, false, false, false);
      }
      return owner == null
          ? AbsVal.UNKNOWN
          : new AbsVal.Field(new AbsVal.Static(owner), owner, f.name());
    }
    AbsVal base = valueOf(f.receiver(), s, at);
    String owner = f.ownerClass();
    if (owner == null && f.receiver() instanceof Expr.ThisRef t) {
      owner = t.classId();
    }
    if (owner == null || base instanceof AbsVal.Unknown) {
      return AbsVal.UNKNOWN;
    }
    String task = ba.fieldFacts.of(owner, f.name()).onlyLambda();
    if (task != null) {
      // A field that only ever holds one lambda (a Runnable kept for resubmission).
      return new AbsVal.Closure(task, null);
    }
    String view = ba.fieldFacts.of(owner, f.name()).lockViewOf();
    if (view != null) {
      // A field that always holds the read or write lock of a sibling read/write lock.
      return new AbsVal.LockView(
          new AbsVal.Field(base, owner, view), ba.fieldFacts.of(owner, f.name()).lockViewRead());
    }
    return new AbsVal.Field(base, owner, f.name());
  }

  AllocSite site(Expr e) {
    return AllocSite.of(ba.body.id(), e.pos());
  }

  AbsVal.Alloc alloc(Expr e, TypeRef type, Node at, boolean accessOrdered) {
    String t = type.erasure();
    return new AbsVal.Alloc(
        site(e),
        t,
        at == null ? List.of() : at.loops(),
        ba.models.isThreadSafeContainer(t),
        ba.models.isImmutableContainer(t),
        false,
        accessOrdered,
        false);
  }

  /**
   * What an analysed accessor or helper returns ({@link ReturnValues}), in this frame: its
   * receiver is {@code recv} (null for a static method), its parameters the arguments' values.
   * Null when not known.
   */
  AbsVal returnedValue(Expr.Call c, AbsVal recv, FlowState s, Node at) {
    ReturnValues returns = ba.fieldFacts.returnValues();
    MethodDecl m = returns.target(c);
    AbsVal summary = m == null ? null : returns.of(m);
    if (summary == null) {
      return null;
    }
    Map<String, AbsVal> args = new HashMap<>();
    for (int i = 0; i < c.args().size() && i < m.params().size(); i++) {
      AbsVal a = valueOf(c.args().get(i), s, at);
      if (!(a instanceof AbsVal.Unknown)) {
        args.put(m.params().get(i).name(), a);
      }
    }
    return ReturnValues.substitute(summary, recv, args);
  }

  /** {@code new LinkedHashMap<>(cap, load, true)}: an access-ordered map, whose get reorders it. */
  static boolean accessOrdered(Expr.New n) {
    return n.type().name().equals("java.util.LinkedHashMap")
        && n.args().size() == 3
        && n.args().get(2) instanceof Expr.Literal l
        && l.text().equals("true");
  }

  AbsVal callValue(Expr.Call c, FlowState s, Node at) {
    Integer spawn = ba.spawnIndex.get(c);
    if (spawn != null) {
      return new AbsVal.Handle(spawn);
    }
    String name = c.target().name();
    if (c.receiver() == null) {
      String owner = c.target().owner();
      if (owner == null) {
        return AbsVal.UNKNOWN;
      }
      if (ba.models.isThreadSafeFactory(owner, name)) {
        return new AbsVal.Alloc(site(c), c.type().erasure(), at.loops(), true, false, false, false,
            ba.models.isSynchronizedWrapperFactory(owner, name) && !ba.fieldFacts.wrapsThreadSafe(c));
      }
      if (ba.models.isUnmodifiableView(owner, name) && c.args().size() == 1) {
        // A read-only view of a container the code keeps elsewhere: reads through it read that
        // container. A view of one the code just built and does not keep is immutable (below).
        AbsVal of = valueOf(c.args().get(0), s, at);
        if (!(of instanceof AbsVal.Unknown) && !(of instanceof AbsVal.Alloc)) {
          return new AbsVal.View(of);
        }
      }
      if (ba.models.isImmutableFactory(owner, name)) {
        return new AbsVal.Alloc(site(c), c.type().erasure(), at.loops(), false, true, false, false,
            false);
      }
      if (SingleThreadExecutors.made(c, ba.index, ba.models)) {
        return new AbsVal.Alloc(site(c), c.type().erasure(), at.loops(), false, false, true, false,
            false);
      }
      AbsVal returned = returnedValue(c, null, s, at);
      return returned == null ? AbsVal.UNKNOWN : returned;
    }
    String recvType = c.receiver().type().name();
    AbsVal recv = valueOf(c.receiver(), s, at);
    if (name.equals("inEventLoop") && c.args().isEmpty()
        && ba.models.isEventExecutor(ba.models.staticType(c.receiver()))
        && !(recv instanceof AbsVal.Unknown)) {
      // True only on the loop's own thread: code that runs when it is true runs on that loop.
      return new AbsVal.LockAttempt(new AbsVal.OnLoop(recv));
    }
    if (ba.models.isCompareAndSet(recvType, name, c.args().size())
        && c.args().get(0) instanceof Expr.Literal from && c.args().get(1) instanceof Expr.Literal to
        && !from.text().equals(to.text()) && recv instanceof AbsVal.Field flag) {
      // A once-gate: of the callers changing the flag from one constant to another, one wins,
      // so what runs when it is won never runs beside another run of itself (or of another
      // region gated by the same change). Kept like an event loop, not a lock: it orders
      // nothing else and is no sign of how the flag's owner guards its state.
      return new AbsVal.LockAttempt(
          new AbsVal.OnLoop(new AbsVal.OnceGate(flag, from.text(), to.text())));
    }
    // A getter yields the field of the receiver, so {@code getCache().put(…)} writes {@code cache}.
    AbsVal got = recv instanceof AbsVal.Unknown ? null : returnedValue(c, recv, s, at);
    if (got != null) {
      return got;
    }
    if (ba.models.isPublishingHolder(recvType) && LibraryModels.HOLDER_READS.contains(name)
        && !(recv instanceof AbsVal.Unknown)) {
      // The object an AtomicReference publishes: shared with every thread that reads it.
      return new AbsVal.Elem(recv);
    }
    LockOp op = ba.models.lockOp(recvType, name);
    if (op == LockOp.TRY_ACQUIRE) {
      return new AbsVal.LockAttempt(recv);
    }
    if (op == LockOp.READ_VIEW || op == LockOp.WRITE_VIEW) {
      return new AbsVal.LockView(recv, op == LockOp.READ_VIEW);
    }
    if (recv instanceof AbsVal.View v
        && (name.equals("iterator") || name.equals("listIterator") || name.equals("stream"))) {
      return v;
    }
    if (ba.models.isViewMethod(recvType, name) && !(recv instanceof AbsVal.Unknown)) {
      return new AbsVal.View(recv);
    }
    if (ba.models.isContainer(recvType) && ELEMENT_GETTERS.contains(name)
        && !c.type().isPrimitive() && !c.args().isEmpty()
        && CheckThenAct.keyOfTheCurrentThread(
            ba.body.block(), c.args().get(0), ba.index.hierarchy())) {
      // The value kept under the current thread's own key is that thread's, as a ThreadLocal's
      // is: no other thread takes it out by that key.
      return AbsVal.UNKNOWN;
    }
    if ((ba.models.isContainer(recvType) || recv instanceof AbsVal.View)
        && ELEMENT_GETTERS.contains(name)
        && !c.type().isPrimitive()) {
      AbsVal base = recv instanceof AbsVal.View v ? v.backing() : recv;
      return base instanceof AbsVal.Unknown ? AbsVal.UNKNOWN : new AbsVal.Elem(base);
    }
    return AbsVal.UNKNOWN;
  }
}
