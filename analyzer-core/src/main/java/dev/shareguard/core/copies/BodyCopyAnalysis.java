package dev.shareguard.core.copies;

import dev.shareguard.core.copies.CopyEvent.EscapeKind;
import dev.shareguard.core.engine.ProgramIndex;
import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.Param;
import dev.shareguard.core.ir.Stmt;
import java.util.HashMap;
import java.util.List;
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
 *
 * <p>This class is the driver and the statements; the parts are: {@link CopyState} (the state and
 * its join), {@link CopyExprs} (expressions), {@link CallResults} (what a call returns), {@link
 * CallEffects} (what a call or store changes), {@link CopyRecorder} (events, escapes, reads).
 */
public final class BodyCopyAnalysis {
  private final ProgramIndex.Body body;
  private final CopyRecorder rec;
  private final CopyExprs exprs;

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
      return loop(in, st -> {
        exprs.eval(w.cond(), st);
        return exec(w.body(), st);
      });
    }
    if (s instanceof Stmt.DoWhile d) {
      return loop(in, st -> {
        CopyState out = exec(d.body(), st);
        if (out != null) {
          exprs.eval(d.cond(), out);
        }
        return out;
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
      return loop(cur, st -> {
        if (f.cond() != null) {
          exprs.eval(f.cond(), st);
        }
        CopyState out = exec(f.body(), st);
        if (out != null) {
          for (Expr u : f.update()) {
            exprs.eval(u, out);
          }
        }
        return out;
      });
    }
    if (s instanceof Stmt.ForEach fe) {
      Prov it = exprs.eval(fe.iterable(), in);
      Prov element = new Prov.Held(fe.iterable(), it, null);
      return loop(in, st -> {
        rec.assignLocal(st, fe.var(), element);
        return exec(fe.body(), st);
      });
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
      return exec(l.body(), in);
    }
    if (s instanceof Stmt.Switch sw) {
      exprs.eval(sw.selector(), in);
      return switchCases(sw.cases(), in);
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
    // Break, continue, empty: the state goes on (break targets are joined conservatively by the
    // enclosing loop, which joins its entry state).
    return in;
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
   * A loop: the body runs once without reporting from the entry state, the entry is joined with
   * what comes out, and the body runs again from there, reporting. The result joins the entry
   * (zero iterations) with the reporting run's exit.
   */
  private CopyState loop(CopyState in, java.util.function.Function<CopyState, CopyState> bodyFn) {
    boolean was = rec.reporting;
    rec.reporting = false;
    CopyState first = bodyFn.apply(in.copy());
    rec.reporting = was;
    CopyState entry = CopyState.join(in, first);
    CopyState out = bodyFn.apply(entry.copy());
    return CopyState.join(in, out);
  }
}
