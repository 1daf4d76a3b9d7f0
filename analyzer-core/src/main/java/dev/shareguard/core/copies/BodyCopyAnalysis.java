package dev.shareguard.core.copies;

import dev.shareguard.core.copies.CopyEvent.EscapeKind;
import dev.shareguard.core.engine.ProgramIndex;
import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.Param;
import dev.shareguard.core.ir.Stmt;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Copy provenance of one body (method, initializer or lambda): an abstract interpretation over
 * the structured statements that tracks, per local variable, a {@link Prov} value, and, for
 * {@code MutatedMapKey}, which locals are keys of hash-based containers. Branches are analysed
 * apart and joined; a loop body runs silently until the state at the loop's head stops changing (a
 * fixpoint), then once more to report, so every event is reported with the state that holds on
 * every iteration. A {@code break} carries its state to the exit of the loop, switch or labelled
 * statement it leaves, a {@code continue} to the head of its loop.
 *
 * <p>Evaluation follows Java's order (receiver, arguments, operation) and reports {@link
 * CopyEvent}s as it goes. A lambda's or local class's body is a body of its own; the locals it
 * captures count as escaping here.
 *
 * <p>This class is the driver and the statements; the parts are: {@link CopyState} (the state and
 * its join), {@link CopyExprs} (expressions), {@link CallResults} (what a call returns), {@link
 * CallEffects} (what a call or store changes), {@link CopyRecorder} (events, escapes, reads).
 */
public final class BodyCopyAnalysis {
  /** Rounds of a loop's body before its head state is taken as fixed (see {@link #loop}). */
  private static final int MAX_ROUNDS = 8;

  private final ProgramIndex.Body body;
  private final CopyRecorder rec;
  private final CopyExprs exprs;

  /** The statements {@code break} and {@code continue} may jump to, innermost first. */
  private final Deque<Target> targets = new ArrayDeque<>();

  /** The label of the loop {@link #exec} is about to run, if it has one. */
  private String pendingLabel;

  /** Where jumps go, and the states they carry there. */
  private static final class Target {
    final String label;
    final boolean loop;
    final boolean isSwitch;
    CopyState breaks;
    CopyState continues;

    Target(String label, boolean loop, boolean isSwitch) {
      this.label = label;
      this.loop = loop;
      this.isSwitch = isSwitch;
    }
  }

  /** What the analysis of one body found. */
  public record Result(
      ProgramIndex.Body body, List<CopyEvent> events, Set<Expr> escaped, Set<Expr> read) {}

  private BodyCopyAnalysis(ClassFacts facts, ProgramIndex.Body body, boolean summaryOnly) {
    this.body = body;
    this.rec = new CopyRecorder(body, summaryOnly);
    this.exprs = new CopyExprs(facts, rec, this);
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
    CopyState s = new CopyState(new HashMap<>(), new HashMap<>());
    // A method's parameters come from its callers; a lambda's are unknown values.
    if (!body.isLambda()) {
      for (Param p : body.method().params()) {
        s.env.put(p.name(), new Prov.Origin(
            new Prov.Src(Prov.Src.Kind.PARAM, p.name(), null, null, p.type())));
      }
    }
    exec(body.block(), s);
    return new Result(body, rec.events(), rec.escaped(), rec.read());
  }

  // ---- statements: state in, state out (null = unreachable) ----

  private CopyState exec(Stmt s, CopyState in) {
    String label = pendingLabel;
    pendingLabel = null;
    if (in == null || s == null) {
      return in;
    }
    if (s instanceof Stmt.Block b) {
      CopyState cur = in;
      for (Stmt x : b.stmts()) {
        cur = exec(x, cur);
      }
      return cur;
    }
    if (s instanceof Stmt.ExprStmt es) {
      Prov v = exprs.eval(es.expr(), in);
      rec.report(new CopyEvent.Dropped(body, es.expr(), v));
      return in;
    }
    if (s instanceof Stmt.LocalVar v) {
      Prov p = v.init() == null ? null : exprs.eval(v.init(), in);
      rec.assignLocal(in, v.name(), p);
      return in;
    }
    if (s instanceof Stmt.If i) {
      exprs.eval(i.cond(), in);
      CopyState t = exec(i.then(), in.copy());
      CopyState f = i.orElse() == null ? in : exec(i.orElse(), in.copy());
      return CopyState.join(t, f);
    }
    if (s instanceof Stmt.While w) {
      return loop(label, in, st -> {
        exprs.eval(w.cond(), st);
        return st;
      }, st -> exec(w.body(), st), null);
    }
    if (s instanceof Stmt.DoWhile d) {
      return loop(label, in, null, st -> exec(d.body(), st), st -> {
        exprs.eval(d.cond(), st);
        return st;
      });
    }
    if (s instanceof Stmt.For f) {
      CopyState cur = in;
      for (Stmt x : f.init()) {
        cur = exec(x, cur);
      }
      if (cur == null) {
        return null;
      }
      return loop(label, cur, st -> {
        if (f.cond() != null) {
          exprs.eval(f.cond(), st);
        }
        return f.cond() == null ? null : st;
      }, st -> exec(f.body(), st), st -> {
        for (Expr u : f.update()) {
          exprs.eval(u, st);
        }
        return st;
      });
    }
    if (s instanceof Stmt.ForEach fe) {
      Prov it = exprs.eval(fe.iterable(), in);
      Prov element = new Prov.Held(fe.iterable(), it, null);
      return loop(label, in, st -> st, st -> {
        rec.assignLocal(st, fe.var(), element);
        return exec(fe.body(), st);
      }, null);
    }
    if (s instanceof Stmt.Try t) {
      CopyState cur = in;
      for (Stmt r : t.resources()) {
        cur = exec(r, cur);
      }
      CopyState start = cur == null ? in : cur;
      CopyState out = exec(t.body(), start.copy());
      for (Stmt.Catch c : t.catches()) {
        CopyState cs = CopyState.join(start, out);
        if (cs != null) {
          cs.env.put(c.var(), Prov.UNKNOWN);
          out = CopyState.join(out, exec(c.body(), cs));
        }
      }
      if (t.finallyBlock() != null) {
        CopyState fs = CopyState.join(out, start);
        CopyState after = exec(t.finallyBlock(), fs);
        return out == null ? null : after;
      }
      return out;
    }
    if (s instanceof Stmt.Synchronized y) {
      Prov m = exprs.eval(y.monitor(), in);
      rec.report(new CopyEvent.Locked(body, y.monitor(), m));
      return exec(y.body(), in);
    }
    if (s instanceof Stmt.Return r) {
      if (r.expr() != null) {
        Prov v = exprs.eval(r.expr(), in);
        rec.report(new CopyEvent.Return(body, r.expr(), v));
        rec.escape(v, r.expr(), EscapeKind.RETURN, "return");
        if (r.expr() instanceof Expr.LocalRef l) {
          for (Prov.Copy c : rec.copiesHeldBy(l.name())) {
            rec.report(new CopyEvent.MayReturnCopy(body, r.expr(), c));
          }
        }
      }
      return null;
    }
    if (s instanceof Stmt.Throw t) {
      Prov v = exprs.eval(t.expr(), in);
      rec.escape(v, t.expr(), EscapeKind.ARGUMENT, "throw");
      return null;
    }
    if (s instanceof Stmt.Yield y) {
      Prov v = exprs.eval(y.expr(), in);
      rec.escape(v, y.expr(), EscapeKind.ARGUMENT, "yield");
      return in;
    }
    if (s instanceof Stmt.Labeled l) {
      if (isLoop(l.body())) {
        pendingLabel = l.label();
        return exec(l.body(), in);
      }
      Target t = new Target(l.label(), false, false);
      targets.push(t);
      CopyState out = exec(l.body(), in);
      targets.pop();
      return CopyState.join(out, t.breaks);
    }
    if (s instanceof Stmt.Switch sw) {
      exprs.eval(sw.selector(), in);
      Target t = new Target(label, false, true);
      targets.push(t);
      CopyState out = switchCases(sw.cases(), in);
      targets.pop();
      return CopyState.join(out, t.breaks);
    }
    if (s instanceof Stmt.Break b) {
      Target t = target(b.label(), false);
      if (t == null) {
        return in;
      }
      t.breaks = CopyState.join(t.breaks, in);
      return null;
    }
    if (s instanceof Stmt.Continue c) {
      Target t = target(c.label(), true);
      if (t == null) {
        return in;
      }
      t.continues = CopyState.join(t.continues, in);
      return null;
    }
    if (s instanceof Stmt.LocalClass) {
      rec.escapeAll(in, null);
      return in;
    }
    if (s instanceof Stmt.Assert a) {
      exprs.eval(a.cond(), in);
      if (a.message() != null) {
        exprs.eval(a.message(), in);
      }
      return in;
    }
    // Empty: the state goes on.
    return in;
  }

  private static boolean isLoop(Stmt s) {
    return s instanceof Stmt.While || s instanceof Stmt.DoWhile || s instanceof Stmt.For
        || s instanceof Stmt.ForEach;
  }

  /**
   * The statement {@code break} or {@code continue} with {@code label} (null: none) jumps to:
   * the labelled statement, or the innermost loop (or, for {@code break}, switch); null when it
   * leaves the body being analysed (a switch expression's own cases cannot).
   */
  private Target target(String label, boolean forContinue) {
    for (Target t : targets) {
      if (label == null ? t.loop || !forContinue && t.isSwitch : label.equals(t.label)) {
        return t;
      }
    }
    return null;
  }

  CopyState switchCases(List<Stmt.SwitchCase> cases, CopyState in) {
    CopyState out = null;
    CopyState fall = null;
    boolean hasDefault = false;
    for (Stmt.SwitchCase c : cases) {
      hasDefault |= c.isDefault();
      CopyState start = c.arrow() ? in.copy() : CopyState.join(in, fall);
      CopyState cur = start;
      for (Stmt x : c.body()) {
        cur = exec(x, cur);
      }
      if (c.arrow()) {
        out = CopyState.join(out, cur);
        fall = null;
      } else {
        fall = cur;
      }
    }
    out = CopyState.join(out, fall);
    return hasDefault ? out : CopyState.join(out, in);
  }

  /**
   * A loop, to a fixpoint: the state at its head joins the state before it with the state at the
   * end of every iteration (the body's end and its {@code continue}s, after the update), over the
   * locals that live before the loop; the iterations run without reporting until that state stops
   * changing (at most {@link #MAX_ROUNDS} rounds: the lattice is shallow, a local's value only goes
   * from one value to unknown), then once more, reporting, so every event is reported with the
   * state that holds on every iteration. The loop is left when its condition is false ({@code
   * head}'s result, evaluated at the head; null for a loop without one) and by its {@code
   * break}s; for a do-while the condition is evaluated after the body ({@code next}).
   *
   * @param head evaluates the condition at the head in place; returns the state that leaves the
   *     loop there, or null when none does (or null for a do-while)
   * @param bodyFn runs one iteration's body
   * @param next runs between an iteration's end and the head: a for loop's update, a do-while's
   *     condition (null: nothing)
   */
  private CopyState loop(
      String label, CopyState in, UnaryOperator<CopyState> head, UnaryOperator<CopyState> bodyFn,
      UnaryOperator<CopyState> next) {
    Target t = new Target(label, true, false);
    targets.push(t);
    boolean was = rec.reporting;
    rec.reporting = false;
    CopyState entry = in;
    for (int round = 0; round < MAX_ROUNDS; round++) {
      CopyState after = iterate(t, entry, head, bodyFn, next).back;
      CopyState joined = CopyState.join(in, after).restrictedTo(in.env.keySet());
      if (joined.equals(entry)) {
        break;
      }
      entry = joined;
    }
    rec.reporting = was;
    Iteration last = iterate(t, entry, head, bodyFn, next);
    targets.pop();
    CopyState exit = head == null ? last.back : last.leaving;
    return CopyState.join(exit, t.breaks);
  }

  /** What one iteration from {@code entry} leaves: at the head, and back to the head. */
  private record Iteration(CopyState leaving, CopyState back) {}

  private Iteration iterate(
      Target t, CopyState entry, UnaryOperator<CopyState> head, UnaryOperator<CopyState> bodyFn,
      UnaryOperator<CopyState> next) {
    t.breaks = null;
    t.continues = null;
    CopyState st = entry.copy();
    CopyState leaving = null;
    if (head != null) {
      st = head.apply(st);
      leaving = st == null ? null : st.copy();
      if (st == null) {
        st = entry.copy();
      }
    }
    CopyState back = CopyState.join(bodyFn.apply(st), t.continues);
    if (back != null && next != null) {
      back = next.apply(back);
    }
    return new Iteration(leaving, back);
  }
}
