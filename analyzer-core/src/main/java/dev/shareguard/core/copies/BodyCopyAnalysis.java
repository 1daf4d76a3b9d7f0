package dev.shareguard.core.copies;

import dev.shareguard.core.copies.CopyEvent.EscapeKind;
import dev.shareguard.core.engine.IrWalker;
import dev.shareguard.core.engine.ProgramIndex;
import dev.shareguard.core.ir.ClassDecl;
import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.MethodDecl;
import dev.shareguard.core.ir.Param;
import dev.shareguard.core.ir.Stmt;
import dev.shareguard.core.ir.TypeRef;
import dev.shareguard.core.model.CopyModels;
import dev.shareguard.core.model.CopyModels.RoundTrip;
import dev.shareguard.core.model.LibraryModels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Copy provenance of one body (method, initializer or lambda): an abstract interpretation over
 * the structured statements that tracks, per local variable, a {@link Prov} value, and, for
 * {@code MutatedMapKey}, which locals are keys of hash-based containers. Branches are analysed
 * apart and joined; a loop body runs once silently to reach its joined entry state and once more
 * to report, so every event is reported with the state that holds on every iteration.
 *
 * <p>Evaluation follows Java's order (receiver, arguments, operation) and reports {@link
 * CopyEvent}s as it goes. A lambda's or local class's body is a body of its own; the locals it
 * captures count as escaping here.
 */
public final class BodyCopyAnalysis {
  /** Container calls whose result is a value held in the container. */
  private static final Set<String> ELEMENT_GETTERS =
      Set.of(
          "get", "getOrDefault", "computeIfAbsent", "computeIfPresent", "compute", "first",
          "last", "getFirst", "getLast", "peek", "element", "firstEntry", "lastEntry", "next",
          "floorEntry", "ceilingEntry", "higherEntry", "lowerEntry");

  /** Map calls whose first argument becomes a key. */
  private static final Set<String> KEYING_MAP_CALLS =
      Set.of("put", "putIfAbsent", "computeIfAbsent", "compute", "merge");

  /** Stream steps that keep the same element objects. */
  private static final Set<String> SAME_ELEMENT_STREAM_STEPS =
      Set.of("filter", "sorted", "distinct", "limit", "skip", "peek", "sequential", "unordered");

  /** Collectors whose result holds the stream's elements in a new container. */
  private static final Set<String> COLLECTING =
      Set.of("toList", "toSet", "toCollection", "toUnmodifiableList", "toUnmodifiableSet");

  private final ClassFacts facts;
  private final CopyModels copyModels;
  private final LibraryModels models;
  private final ProgramIndex index;
  private final ProgramIndex.Body body;
  private final boolean summaryOnly;
  private final Map<EventKey, CopyEvent> events = new LinkedHashMap<>();
  private final Set<Expr> escaped =
      java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
  private final Set<Expr> read =
      java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
  /**
   * Every value with a site ever held by each local, whatever the path: when a local escapes or
   * is read, so do all of them (joins forget which one it holds; this keeps escapes sound).
   */
  private final Map<String, List<Expr>> localSites = new HashMap<>();

  /** The shallow copies each local held on some path (a may-fact; joins forget them). */
  private final Map<String, List<Prov.Copy>> localCopies = new HashMap<>();

  private boolean reporting = true;

  /** The state at one point: provenance per local and the locals that are hash keys. */
  private static final class State {
    final Map<String, Prov> env;
    final Map<String, KeyFact> keys;

    State(Map<String, Prov> env, Map<String, KeyFact> keys) {
      this.env = env;
      this.keys = keys;
    }

    State copy() {
      return new State(new HashMap<>(env), new HashMap<>(keys));
    }

    static State join(State a, State b) {
      if (a == null) {
        return b == null ? null : b.copy();
      }
      if (b == null) {
        return a.copy();
      }
      Map<String, Prov> env = new HashMap<>();
      Set<String> names = new HashSet<>(a.env.keySet());
      names.addAll(b.env.keySet());
      for (String n : names) {
        env.put(n, Prov.join(a.env.get(n), b.env.get(n)));
      }
      // A local is a key after the join only if it is one on both paths (must-facts).
      Map<String, KeyFact> keys = new HashMap<>();
      for (Map.Entry<String, KeyFact> e : a.keys.entrySet()) {
        if (e.getValue().equals(b.keys.get(e.getKey()))) {
          keys.put(e.getKey(), e.getValue());
        }
      }
      return new State(env, keys);
    }
  }

  /**
   * Identifies an event by its kind and the expression it happened at (by identity: equal-looking
   * expressions at different places are different events), so the reporting run of a loop body
   * replaces what an earlier run said about the same place.
   */
  private record EventKey(Class<?> kind, Expr at, Object detail) {
    @Override
    public boolean equals(Object o) {
      return o instanceof EventKey k && k.kind == kind && k.at == at
          && java.util.Objects.equals(k.detail, detail);
    }

    @Override
    public int hashCode() {
      return kind.hashCode() * 31 + System.identityHashCode(at);
    }
  }

  /** Local {@code local} is a key of {@code container}, put there at {@code at}. */
  private record KeyFact(Expr at, String container, String classId) {}

  /** What the analysis of one body found. */
  public record Result(
      ProgramIndex.Body body, List<CopyEvent> events, Set<Expr> escaped, Set<Expr> read) {}

  private BodyCopyAnalysis(ClassFacts facts, ProgramIndex.Body body, boolean summaryOnly) {
    this.facts = facts;
    this.copyModels = facts.copyModels();
    this.models = facts.models();
    this.index = facts.index();
    this.body = body;
    this.summaryOnly = summaryOnly;
  }

  /** Analyses {@code body}. */
  public static Result analyze(ClassFacts facts, ProgramIndex.Body body) {
    return new BodyCopyAnalysis(facts, body, false).run();
  }

  /**
   * What {@code m} returns, summed up (see {@link Prov.Summary}), from an analysis of its body
   * with the summaries known so far; null when its returns disagree or say nothing useful.
   */
  static Prov.Summary summarize(ClassFacts facts, ProgramIndex.Body body) {
    Result r = new BodyCopyAnalysis(facts, body, true).run();
    Prov.Summary out = null;
    boolean any = false;
    for (CopyEvent e : r.events()) {
      if (!(e instanceof CopyEvent.Return ret)) {
        continue;
      }
      Prov.Summary s = summaryOf(ret.value(), body.method().params());
      if (s == null || (any && !s.equals(out))) {
        return null;
      }
      out = s;
      any = true;
    }
    return out;
  }

  private static Prov.Summary summaryOf(Prov p, List<Param> params) {
    if (p instanceof Prov.Copy c && c.of() instanceof Prov.Origin o
        && o.src().kind() == Prov.Src.Kind.PARAM) {
      for (int i = 0; i < params.size(); i++) {
        if (params.get(i).name().equals(o.src().root())) {
          return new Prov.Summary(Prov.Summary.Kind.COPY_OF_ARGUMENT, null, i, c.unmodifiable());
        }
      }
      return null;
    }
    if (p instanceof Prov.Immutable i && !i.fixedSize()
        || p instanceof Prov.Copy c && c.unmodifiable()
        || p instanceof Prov.View v && v.unmodifiable()) {
      return new Prov.Summary(Prov.Summary.Kind.UNMODIFIABLE, null, -1, true);
    }
    if (p instanceof Prov.Result r && r.summary().kind() == Prov.Summary.Kind.UNMODIFIABLE) {
      return r.summary();
    }
    if (p instanceof Prov.Copy c && c.of() instanceof Prov.Origin o
        && o.src().kind() == Prov.Src.Kind.THIS_FIELD) {
      return new Prov.Summary(Prov.Summary.Kind.FRESH_COPY, o.src().field(), -1, false);
    }
    return null;
  }

  private Result run() {
    State s = new State(new HashMap<>(), new HashMap<>());
    // A method's parameters come from its callers; a lambda's are unknown values.
    if (!body.isLambda()) {
      for (Param p : body.method().params()) {
        s.env.put(p.name(), new Prov.Origin(
            new Prov.Src(Prov.Src.Kind.PARAM, p.name(), null, null, p.type())));
      }
    }
    exec(body.block(), s);
    return new Result(body, List.copyOf(events.values()), escaped, read);
  }

  // ---- statements: state in, state out (null = unreachable) ----

  private State exec(Stmt s, State in) {
    if (in == null || s == null) {
      return in;
    }
    if (s instanceof Stmt.Block b) {
      State cur = in;
      for (Stmt x : b.stmts()) {
        cur = exec(x, cur);
      }
      return cur;
    }
    if (s instanceof Stmt.ExprStmt es) {
      Prov v = eval(es.expr(), in);
      report(new CopyEvent.Dropped(body, es.expr(), v));
      return in;
    }
    if (s instanceof Stmt.LocalVar v) {
      Prov p = v.init() == null ? null : eval(v.init(), in);
      assignLocal(in, v.name(), p);
      return in;
    }
    if (s instanceof Stmt.If i) {
      eval(i.cond(), in);
      State t = exec(i.then(), in.copy());
      State f = i.orElse() == null ? in : exec(i.orElse(), in.copy());
      return State.join(t, f);
    }
    if (s instanceof Stmt.While w) {
      return loop(in, st -> {
        eval(w.cond(), st);
        return exec(w.body(), st);
      });
    }
    if (s instanceof Stmt.DoWhile d) {
      return loop(in, st -> {
        State out = exec(d.body(), st);
        if (out != null) {
          eval(d.cond(), out);
        }
        return out;
      });
    }
    if (s instanceof Stmt.For f) {
      State cur = in;
      for (Stmt x : f.init()) {
        cur = exec(x, cur);
      }
      if (cur == null) {
        return null;
      }
      return loop(cur, st -> {
        if (f.cond() != null) {
          eval(f.cond(), st);
        }
        State out = exec(f.body(), st);
        if (out != null) {
          for (Expr u : f.update()) {
            eval(u, out);
          }
        }
        return out;
      });
    }
    if (s instanceof Stmt.ForEach fe) {
      Prov it = eval(fe.iterable(), in);
      Prov element = new Prov.Held(fe.iterable(), it, null);
      return loop(in, st -> {
        assignLocal(st, fe.var(), element);
        return exec(fe.body(), st);
      });
    }
    if (s instanceof Stmt.Try t) {
      State cur = in;
      for (Stmt r : t.resources()) {
        cur = exec(r, cur);
      }
      State start = cur == null ? in : cur;
      State out = exec(t.body(), start.copy());
      for (Stmt.Catch c : t.catches()) {
        State cs = State.join(start, out);
        if (cs != null) {
          cs.env.put(c.var(), Prov.UNKNOWN);
          out = State.join(out, exec(c.body(), cs));
        }
      }
      if (t.finallyBlock() != null) {
        State fs = State.join(out, start);
        State after = exec(t.finallyBlock(), fs);
        return out == null ? null : after;
      }
      return out;
    }
    if (s instanceof Stmt.Synchronized y) {
      Prov m = eval(y.monitor(), in);
      report(new CopyEvent.Locked(body, y.monitor(), m));
      return exec(y.body(), in);
    }
    if (s instanceof Stmt.Return r) {
      if (r.expr() != null) {
        Prov v = eval(r.expr(), in);
        report(new CopyEvent.Return(body, r.expr(), v));
        escape(v, r.expr(), EscapeKind.RETURN, "return");
        if (r.expr() instanceof Expr.LocalRef l) {
          for (Prov.Copy c : localCopies.getOrDefault(l.name(), List.of())) {
            report(new CopyEvent.MayReturnCopy(body, r.expr(), c));
          }
        }
      }
      return null;
    }
    if (s instanceof Stmt.Throw t) {
      Prov v = eval(t.expr(), in);
      escape(v, t.expr(), EscapeKind.ARGUMENT, "throw");
      return null;
    }
    if (s instanceof Stmt.Yield y) {
      Prov v = eval(y.expr(), in);
      escape(v, y.expr(), EscapeKind.ARGUMENT, "yield");
      return in;
    }
    if (s instanceof Stmt.Labeled l) {
      return exec(l.body(), in);
    }
    if (s instanceof Stmt.Switch sw) {
      eval(sw.selector(), in);
      return switchCases(sw.cases(), in);
    }
    if (s instanceof Stmt.LocalClass) {
      escapeAll(in, null);
      return in;
    }
    if (s instanceof Stmt.Assert a) {
      eval(a.cond(), in);
      if (a.message() != null) {
        eval(a.message(), in);
      }
      return in;
    }
    // Break, continue, empty: the state goes on (break targets are joined conservatively by the
    // enclosing loop, which joins its entry state).
    return in;
  }

  private State switchCases(List<Stmt.SwitchCase> cases, State in) {
    State out = null;
    State fall = null;
    boolean hasDefault = false;
    for (Stmt.SwitchCase c : cases) {
      hasDefault |= c.isDefault();
      State start = c.arrow() ? in.copy() : State.join(in, fall);
      State cur = start;
      for (Stmt x : c.body()) {
        cur = exec(x, cur);
      }
      if (c.arrow()) {
        out = State.join(out, cur);
        fall = null;
      } else {
        fall = cur;
      }
    }
    out = State.join(out, fall);
    return hasDefault ? out : State.join(out, in);
  }

  /**
   * A loop: the body runs once without reporting from the entry state, the entry is joined with
   * what comes out, and the body runs again from there, reporting. The result joins the entry
   * (zero iterations) with the reporting run's exit.
   */
  private State loop(State in, java.util.function.Function<State, State> bodyFn) {
    boolean was = reporting;
    reporting = false;
    State first = bodyFn.apply(in.copy());
    reporting = was;
    State entry = State.join(in, first);
    State out = bodyFn.apply(entry.copy());
    return State.join(in, out);
  }

  private void assignLocal(State s, String name, Prov p) {
    s.keys.remove(name);
    rememberSite(name, p);
    if (p == null) {
      s.env.remove(name);
    } else {
      s.env.put(name, p);
    }
  }

  private void rememberSite(String local, Prov p) {
    if (p instanceof Prov.Copy c) {
      List<Prov.Copy> copies = localCopies.computeIfAbsent(local, k -> new ArrayList<>());
      if (copies.stream().noneMatch(x -> x.site() == c.site())) {
        copies.add(c);
      }
    }
    if (p != null && p.site() != null) {
      List<Expr> sites = localSites.computeIfAbsent(local, k -> new ArrayList<>());
      for (Expr e : sites) {
        if (e == p.site()) {
          return;
        }
      }
      sites.add(p.site());
    }
  }

  // ---- expressions ----

  private Prov eval(Expr e, State s) {
    Prov p = evalNoRead(e, s);
    if (e instanceof Expr.LocalRef l) {
      markRead(p);
      if (reporting) {
        read.addAll(localSites.getOrDefault(l.name(), List.of()));
      }
    }
    return p;
  }

  private Prov evalNoRead(Expr e, State s) {
    if (e == null) {
      return Prov.UNKNOWN;
    }
    if (e instanceof Expr.LocalRef l) {
      Prov p = s.env.get(l.name());
      return p == null ? Prov.UNKNOWN : p;
    }
    if (e instanceof Expr.FieldAccess f) {
      if (f.receiver() != null) {
        eval(f.receiver(), s);
      }
      return new Prov.Origin(srcOf(f));
    }
    if (e instanceof Expr.ArrayAccess a) {
      Prov arr = eval(a.array(), s);
      eval(a.index(), s);
      return new Prov.Held(e, arr, a.index());
    }
    if (e instanceof Expr.Call || e instanceof Expr.New) {
      Prov p = e instanceof Expr.Call c ? call(c, s) : newObject((Expr.New) e, s);
      if (p instanceof Prov.ValueCopy v && v.site() == e) {
        report(new CopyEvent.ValueCopied(body, e, v));
      }
      return p;
    }
    if (e instanceof Expr.NewArray n) {
      n.dimensions().forEach(d -> eval(d, s));
      for (Expr i : n.initializers()) {
        escape(eval(i, s), i, EscapeKind.ARGUMENT, "array initializer");
      }
      return new Prov.Fresh(e, e.type());
    }
    if (e instanceof Expr.Lambda l) {
      for (String name : capturedLocals(l)) {
        Prov p = s.env.get(name);
        if (p != null) {
          escape(p, e, EscapeKind.CAPTURE, "lambda");
        }
        if (reporting) {
          escaped.addAll(localSites.getOrDefault(name, List.of()));
          read.addAll(localSites.getOrDefault(name, List.of()));
        }
      }
      return Prov.UNKNOWN;
    }
    if (e instanceof Expr.MethodRef m) {
      if (m.receiver() != null) {
        escape(eval(m.receiver(), s), e, EscapeKind.CAPTURE, "method reference");
      }
      return Prov.UNKNOWN;
    }
    if (e instanceof Expr.Assign a) {
      return assign(a, s);
    }
    if (e instanceof Expr.Unary u) {
      eval(u.operand(), s);
      if (u.writes() && u.operand() instanceof Expr.FieldAccess f && f.receiver() != null
          && !(f.receiver() instanceof Expr.ThisRef)) {
        mutation(u, f.receiver(), evalNoRead(f.receiver(), s), f.name() + " " + u.op(), false,
            Set.of(f.name()), s);
      }
      return Prov.UNKNOWN;
    }
    if (e instanceof Expr.Binary b) {
      eval(b.left(), s);
      eval(b.right(), s);
      return Prov.UNKNOWN;
    }
    if (e instanceof Expr.Conditional c) {
      eval(c.condition(), s);
      return Prov.join(eval(c.whenTrue(), s), eval(c.whenFalse(), s));
    }
    if (e instanceof Expr.Cast c) {
      return evalNoRead(c.expr(), s);
    }
    if (e instanceof Expr.InstanceOf i) {
      eval(i.expr(), s);
      if (i.binding() != null) {
        assignLocal(s, i.binding(), Prov.UNKNOWN);
      }
      return Prov.UNKNOWN;
    }
    if (e instanceof Expr.SwitchExpr sw) {
      eval(sw.selector(), s);
      State out = switchCases(sw.cases(), s);
      if (out != null) {
        s.env.clear();
        s.env.putAll(out.env);
      }
      return Prov.UNKNOWN;
    }
    if (e instanceof Expr.Opaque o) {
      for (Expr x : o.parts()) {
        escape(eval(x, s), x, EscapeKind.ARGUMENT, o.what());
      }
      return Prov.UNKNOWN;
    }
    return Prov.UNKNOWN;
  }

  private Prov.Src srcOf(Expr.FieldAccess f) {
    if (f.isStatic() || f.receiver() == null && f.ownerClass() != null
        && index.field(f.ownerClass(), f.name()) != null
        && index.field(f.ownerClass(), f.name()).isStatic()) {
      String owner = f.ownerClass() == null ? "?" : f.ownerClass();
      return new Prov.Src(Prov.Src.Kind.STATIC_FIELD,
          owner.substring(owner.lastIndexOf('.') + 1), f.ownerClass(), f.name(), f.type());
    }
    if (f.receiver() == null || f.receiver() instanceof Expr.ThisRef) {
      String cls = f.ownerClass() != null ? f.ownerClass()
          : f.receiver() instanceof Expr.ThisRef t ? t.classId() : body.owner().id();
      return new Prov.Src(Prov.Src.Kind.THIS_FIELD, "this", cls, f.name(), f.type());
    }
    return new Prov.Src(Prov.Src.Kind.OTHER_FIELD,
        dev.shareguard.core.engine.Describe.expr(f.receiver()), f.ownerClass(), f.name(),
        f.type());
  }

  private Prov assign(Expr.Assign a, State s) {
    Prov value = a.op().equals("=") ? eval(a.value(), s) : Prov.UNKNOWN;
    if (!a.op().equals("=")) {
      eval(a.value(), s);
    }
    Expr target = a.target();
    if (target instanceof Expr.LocalRef l) {
      if (a.op().equals("=")) {
        assignLocal(s, l.name(), value);
      }
      return value;
    }
    if (target instanceof Expr.FieldAccess f) {
      boolean other = f.receiver() != null && !(f.receiver() instanceof Expr.ThisRef)
          && !f.isStatic();
      Prov recv = f.receiver() == null ? Prov.UNKNOWN : evalNoRead(f.receiver(), s);
      report(new CopyEvent.FieldStore(body, a, srcOf(f), value));
      escape(value, a, other ? EscapeKind.OTHER_OBJECT_FIELD_STORE : EscapeKind.FIELD_STORE,
          f.name());
      if (other) {
        mutation(a, f.receiver(), recv, f.name() + " =", false, Set.of(f.name()), s);
      }
      return value;
    }
    if (target instanceof Expr.ArrayAccess arr) {
      Prov array = evalNoRead(arr.array(), s);
      eval(arr.index(), s);
      escape(value, a, EscapeKind.FIELD_STORE, "array element");
      mutation(a, arr.array(), array, "[…] =", false, Set.of(), s);
    }
    return value;
  }

  private Prov newObject(Expr.New n, State s) {
    if (n.outer() != null) {
      eval(n.outer(), s);
    }
    List<Prov> args = new ArrayList<>();
    for (Expr a : n.args()) {
      args.add(eval(a, s));
    }
    if (n.anonymousClassId() != null) {
      escapeAll(s, n);
    }
    TypeRef type = n.type();
    if (args.size() == 1 && type.kind() == TypeRef.Kind.CLASS && models.isContainer(type.name())
        && isContainerType(n.args().get(0).type())) {
      return new Prov.Copy(n, args.get(0), "new " + simple(type.name()) + "<>(…)", false, type);
    }
    if (args.size() == 1 && args.get(0) instanceof Prov.Held h
        && type.erasure().equals(n.args().get(0).type().erasure())
        && type.kind() == TypeRef.Kind.CLASS) {
      return new Prov.ValueCopy(n, h, "new " + simple(type.name()) + "(…)", false);
    }
    for (int i = 0; i < args.size(); i++) {
      escape(args.get(i), n.args().get(i), EscapeKind.CONSTRUCTOR_ARGUMENT,
          "new " + simple(type.name()));
    }
    return new Prov.Fresh(n, type);
  }

  private boolean isContainerType(TypeRef t) {
    return t != null && t.kind() == TypeRef.Kind.CLASS && !t.isArray()
        && models.isContainer(t.name());
  }

  private Prov call(Expr.Call c, State s) {
    String owner = c.target().owner();
    String name = c.target().name();
    Expr recvExpr = c.receiver() instanceof Expr.ThisRef ? null : c.receiver();
    Prov recv = c.receiver() == null ? null : evalNoRead(c.receiver(), s);
    List<Prov> args = new ArrayList<>();
    for (Expr a : c.args()) {
      args.add(eval(a, s));
    }
    MethodDecl callee = resolve(c);
    boolean mutates = false;
    if (recvExpr != null) {
      mutates = receiverMutation(c, recvExpr, recv, callee, s);
      if (!mutates) {
        markRead(recv);
      }
      if (models.lockOp(typeName(recvExpr.type()), name) != null && name.startsWith("lock")) {
        report(new CopyEvent.Locked(body, c, recv));
      }
    } else if (c.receiver() == null && owner != null && models.writesFirstArgument(owner, name)
        && !args.isEmpty()) {
      mutation(c, c.args().get(0), args.get(0), simple(owner) + "." + name, false, Set.of(), s);
    }
    keyFacts(c, recvExpr, recv, s);
    handToThread(c, recvExpr, s);
    Prov result = resultOf(c, owner, name, recvExpr, recv, args, callee, s);
    // Arguments leave the body's hands, unless the call copies them (then the copy is the value).
    for (int i = 0; i < args.size(); i++) {
      if (!(result instanceof Prov.Copy cp && cp.of() == args.get(i))
          && !(result instanceof Prov.View v && v.of() == args.get(i))
          && !(result instanceof Prov.Serialized z && z.of() == args.get(i))) {
        escape(args.get(i), c.args().get(i), EscapeKind.ARGUMENT, name);
      }
    }
    return result;
  }

  /**
   * A lambda handed to another thread ({@code executor.submit(() -> use(view))}): the values it
   * captures are used there, so they escape to that thread.
   */
  private void handToThread(Expr.Call c, Expr recvExpr, State s) {
    LibraryModels.SpawnModel spawn = models.spawnModel(
        recvExpr == null ? null : typeName(recvExpr.type()), c.target().owner(),
        c.target().name(), c.target().isStatic());
    if (spawn == null || spawn.taskArg() < 0 || spawn.taskArg() >= c.args().size()
        || !(c.args().get(spawn.taskArg()) instanceof Expr.Lambda l)) {
      return;
    }
    for (String name : capturedLocals(l)) {
      Prov p = s.env.get(name);
      if (p != null) {
        escape(p, l, EscapeKind.THREAD, spawn.what());
      }
    }
  }

  /** The names of the locals a lambda reads (its own parameters and locals included). */
  private static Set<String> capturedLocals(Expr.Lambda l) {
    Set<String> used = new java.util.TreeSet<>();
    IrWalker.forEachExpr(l.body(), x -> {
      if (x instanceof Expr.LocalRef r) {
        used.add(r.name());
      }
    });
    return used;
  }

  private MethodDecl resolve(Expr.Call c) {
    String owner = c.target().owner();
    if (c.receiver() instanceof Expr.ThisRef t && !index.isProjectClass(owner)) {
      owner = t.classId();
    }
    if (owner == null || !index.isProjectClass(owner)) {
      return null;
    }
    return index.findMethod(owner, c.target().name(), c.target().arity(),
        c.target().paramTypes());
  }

  /** Reports the call's change to its receiver, if it makes one; returns whether it does. */
  private boolean receiverMutation(
      Expr.Call c, Expr recvExpr, Prov recv, MethodDecl callee, State s) {
    String name = c.target().name();
    String type = typeName(recvExpr.type());
    if (type != null && (models.isContainer(type)
        || models.types().isSubtype(type, "java.util.Iterator"))) {
      if (models.containerEffect(type, name) == LibraryModels.Effect.WRITE) {
        mutation(c, recvExpr, recv, name, copyModels.isStructuralWrite(name), Set.of(), s);
        return true;
      }
      return false;
    }
    if (type != null && models.types().isSubtype(type, "java.util.Map.Entry")
        || "java.util.Map.Entry".equals(c.target().owner())) {
      if (name.equals("setValue")) {
        mutation(c, recvExpr, recv, name, false, Set.of(), s);
        return true;
      }
      return false;
    }
    if (callee != null) {
      Set<String> w = facts.fieldWrites(callee);
      if (!w.isEmpty() && !callee.isStatic()) {
        mutation(c, recvExpr, recv, name, false, w, s);
        return true;
      }
      return false;
    }
    if (isSetterName(name) && c.args().size() == 1
        && (c.type() == null || c.type().equals(TypeRef.VOID)
            || c.type().erasure().equals(recvExpr.type().erasure()))) {
      mutation(c, recvExpr, recv, name, false, Set.of(), s);
      return true;
    }
    return false;
  }

  private static boolean isSetterName(String name) {
    return name.length() > 3 && name.startsWith("set") && Character.isUpperCase(name.charAt(3));
  }

  private void mutation(
      Expr at, Expr recvExpr, Prov target, String what, boolean structural, Set<String> fields,
      State s) {
    report(new CopyEvent.Mutation(body, at, recvExpr, target, what, structural, fields));
    if (recvExpr instanceof Expr.LocalRef l) {
      Prov cur = s.env.get(l.name());
      if (cur instanceof Prov.Builder b && !b.changed()) {
        s.env.put(l.name(), new Prov.Builder(b.site(), b.of(), true));
      }
      KeyFact k = s.keys.get(l.name());
      if (k != null) {
        Set<String> eq = facts.equalityFields(k.classId());
        for (String f : fields) {
          if (eq.contains(f)) {
            report(new CopyEvent.MutatedKey(body, at, l.name(), f, k.classId(), k.at(),
                k.container()));
            break;
          }
        }
      }
    }
  }

  /** Keeps track of locals that become keys of hash-based containers, or stop being keys. */
  private void keyFacts(Expr.Call c, Expr recvExpr, Prov recv, State s) {
    if (recvExpr == null || c.args().isEmpty()
        || !(c.args().get(0) instanceof Expr.LocalRef k)) {
      return;
    }
    String name = c.target().name();
    if (name.equals("remove")) {
      s.keys.remove(k.name());
      return;
    }
    String recvType = typeName(recvExpr.type());
    if (recvType == null) {
      return;
    }
    boolean keying = models.isMap(recvType) ? KEYING_MAP_CALLS.contains(name)
        : models.types().isSubtype(recvType, "java.util.Set") && name.equals("add");
    if (!keying || !isHashBased(recvType, recv)) {
      return;
    }
    String keyClass = typeName(k.type());
    if (keyClass == null || facts.equalityFields(keyClass).isEmpty()) {
      return;
    }
    s.keys.put(k.name(), new KeyFact(c, dev.shareguard.core.engine.Describe.expr(recvExpr),
        keyClass));
  }

  private boolean isHashBased(String staticType, Prov recv) {
    if (copyModels.isHashBased(staticType)) {
      return true;
    }
    if (recv instanceof Prov.Fresh f && f.type() != null) {
      return copyModels.isHashBased(f.type().name());
    }
    if (recv instanceof Prov.Origin o && o.src().field() != null) {
      return copyModels.isHashBased(facts.implType(o.src()));
    }
    return false;
  }

  private Prov resultOf(
      Expr.Call c, String owner, String name, Expr recvExpr, Prov recv, List<Prov> args,
      MethodDecl callee, State s) {
    RoundTrip ser = copyModels.serializer(owner, name);
    if (ser != null && !args.isEmpty()) {
      return new Prov.Serialized(c, args.get(0), ser);
    }
    RoundTrip de = copyModels.deserializer(owner, name);
    if (de != null && !args.isEmpty() && args.get(0) instanceof Prov.Serialized z
        && z.how() == de) {
      report(new CopyEvent.RoundTripCopy(body, c, de, deserializedType(c)));
      return new Prov.Fresh(c, c.type());
    }
    RoundTrip whole = copyModels.roundTripCall(owner, name);
    if (whole != null && !args.isEmpty()) {
      TypeRef t = c.args().size() > 1 ? deserializedType(c) : c.args().get(0).type();
      if (c.args().size() == 1 || t.erasure().equals(c.args().get(0).type().erasure())) {
        report(new CopyEvent.RoundTripCopy(body, c, whole, t));
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
    String recvType = typeName(recvExpr.type());
    if (name.equals("clone") && c.args().isEmpty()) {
      if (recv instanceof Prov.Held h) {
        return new Prov.ValueCopy(c, h, "clone()", false);
      }
      return new Prov.Copy(c, recv, "clone()", false, recvExpr.type());
    }
    if (recv instanceof Prov.Held h && name.equals("toBuilder") && c.args().isEmpty()) {
      return new Prov.Builder(c, h, false);
    }
    if (recv instanceof Prov.Builder b) {
      if (name.startsWith("build")) {
        return new Prov.ValueCopy(c, b.of(), "toBuilder()…" + name + "()", b.changed());
      }
      boolean getter = name.startsWith("get") || name.startsWith("is") || name.startsWith("has");
      if (!getter && c.type().erasure().equals(recvExpr.type().erasure())) {
        return new Prov.Builder(c, b.of(), true);
      }
    }
    if (recv instanceof Prov.Held h && isWither(name)
        && c.type().erasure().equals(recvExpr.type().erasure())
        && c.type().kind() == TypeRef.Kind.CLASS) {
      return new Prov.ValueCopy(c, h, name + "(…)", true);
    }
    if (recvType != null && models.isContainer(recvType)) {
      if (models.isViewMethod(recvType, name)) {
        return new Prov.View(c, recv, name, false);
      }
      if (name.equals("stream") && c.args().isEmpty()) {
        return new Prov.View(c, recv, "stream", false);
      }
      if (ELEMENT_GETTERS.contains(name)) {
        return new Prov.Held(c, recv, c.args().isEmpty() ? null : c.args().get(0));
      }
      if ((name.equals("putAll") || name.equals("addAll")) && recv instanceof Prov.Fresh
          && recvExpr instanceof Expr.LocalRef l && !args.isEmpty()) {
        Prov copy = new Prov.Copy(recv.site(), args.get(0), name + "(…)", false,
            ((Prov.Fresh) recv).type());
        s.env.put(l.name(), copy);
        rememberSite(l.name(), copy);
      }
      return Prov.UNKNOWN;
    }
    if (recv instanceof Prov.View v && v.mechanism().equals("stream")) {
      if (SAME_ELEMENT_STREAM_STEPS.contains(name)) {
        return v;
      }
      if (name.equals("toList") && c.args().isEmpty()) {
        return new Prov.Copy(c, v.of(), "stream().toList()", true, c.type());
      }
      if (name.equals("collect") && c.args().size() == 1
          && c.args().get(0) instanceof Expr.Call col && col.receiver() == null
          && "java.util.stream.Collectors".equals(col.target().owner())
          && COLLECTING.contains(col.target().name())) {
        return new Prov.Copy(c, v.of(), "stream().collect(Collectors." + col.target().name()
            + "(…))", col.target().name().startsWith("toUnmodifiable"), c.type());
      }
      return Prov.UNKNOWN;
    }
    if (recv instanceof Prov.View v && v.mechanism().equals("iterator") && name.equals("next")) {
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
    String label = (owner == null ? "" : owner.simpleName() + ".") + callee.name() + "()";
    if (sum.kind() == Prov.Summary.Kind.COPY_OF_ARGUMENT) {
      return sum.argument() < args.size()
          ? new Prov.Copy(c, args.get(sum.argument()), label, sum.unmodifiable(), c.type())
          : Prov.UNKNOWN;
    }
    return new Prov.Result(c, label, sum);
  }

  private Prov staticResult(Expr.Call c, String owner, String name, List<Prov> args, State s) {
    if (copyModels.isShallowCopyFactory(owner, name) && !args.isEmpty()) {
      TypeRef argType = c.args().get(0).type();
      boolean arrays = owner.equals("java.util.Arrays");
      if (arrays && (argType == null || !argType.isArray() || argType.elementType().isPrimitive())) {
        return new Prov.Fresh(c, c.type());
      }
      if (!arrays && !isContainerType(argType)) {
        return Prov.UNKNOWN;
      }
      return new Prov.Copy(c, args.get(0), simple(owner) + "." + name + "(…)",
          copyModels.isUnmodifiableCopyFactory(owner, name), c.type());
    }
    if (copyModels.isUnmodifiableView(owner, name) && !args.isEmpty()) {
      if (args.get(0) instanceof Prov.Fresh || args.get(0) instanceof Prov.Copy) {
        return new Prov.Immutable(c, simple(owner) + "." + name + "(…)", false);
      }
      return new Prov.View(c, args.get(0), simple(owner) + "." + name + "(…)", true);
    }
    if (copyModels.isLiveView(owner, name) && !args.isEmpty()) {
      return new Prov.View(c, args.get(0), simple(owner) + "." + name + "(…)", false);
    }
    if (copyModels.isImmutableFactory(owner, name)) {
      return new Prov.Immutable(c, simple(owner) + "." + name + "(…)", false);
    }
    if (copyModels.isFixedSizeFactory(owner, name)) {
      return new Prov.Immutable(c, simple(owner) + "." + name + "(…)", true);
    }
    int src = copyModels.beanCopierSource(owner, name);
    if (src >= 0 && c.args().size() == 2) {
      Expr target = c.args().get(1 - src);
      if (target instanceof Expr.LocalRef l && s.env.get(l.name()) instanceof Prov.Fresh f) {
        s.env.put(l.name(), new Prov.Copy(f.site(), args.get(src), simple(owner) + "." + name
            + "(…)", false, f.type()));
      }
      return Prov.UNKNOWN;
    }
    return summaryResult(c, resolve(c), args);
  }

  private static TypeRef deserializedType(Expr.Call c) {
    for (Expr a : c.args()) {
      if (a instanceof Expr.ClassLiteral cl) {
        return cl.of();
      }
    }
    return c.type();
  }

  private static boolean isWither(String name) {
    return name.length() > 4 && name.startsWith("with") && Character.isUpperCase(name.charAt(4));
  }

  // ---- escapes and reads ----

  private void escape(Prov p, Expr at, EscapeKind kind, String via) {
    if (p == null || !reporting) {
      return;
    }
    if (p.site() != null) {
      escaped.add(p.site());
      read.add(p.site());
    }
    Expr v = at instanceof Expr.Assign a ? a.value() : at;
    while (v instanceof Expr.Cast c) {
      v = c.expr();
    }
    if (v instanceof Expr.LocalRef l) {
      escaped.addAll(localSites.getOrDefault(l.name(), List.of()));
    }
    if (p instanceof Prov.View || p instanceof Prov.Copy || p instanceof Prov.Result
        || p instanceof Prov.ValueCopy) {
      report(new CopyEvent.Escape(body, at, p, kind, via));
    }
  }

  private void escapeAll(State s, Expr at) {
    for (Prov p : s.env.values()) {
      escape(p, at, EscapeKind.CAPTURE, "class");
    }
    if (reporting) {
      localSites.values().forEach(escaped::addAll);
      localSites.values().forEach(read::addAll);
    }
  }

  private void markRead(Prov p) {
    if (p != null && p.site() != null && reporting) {
      read.add(p.site());
    }
  }

  private void report(CopyEvent e) {
    if (!reporting || summaryOnly && !(e instanceof CopyEvent.Return)) {
      return;
    }
    Object detail = e instanceof CopyEvent.Escape x ? List.of(x.kind(), x.value()) : null;
    events.put(new EventKey(e.getClass(), e.at(), detail), e);
  }

  private static String typeName(TypeRef t) {
    return t != null && t.kind() == TypeRef.Kind.CLASS && !t.isArray() ? t.name() : null;
  }

  private static String simple(String qualified) {
    return dev.shareguard.core.engine.Describe.simpleName(qualified);
  }
}
