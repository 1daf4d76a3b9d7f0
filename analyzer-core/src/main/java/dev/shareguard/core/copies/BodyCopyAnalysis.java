package dev.shareguard.core.copies;

import dev.shareguard.core.cfg.Cfg;
import dev.shareguard.core.cfg.CfgBuilder;
import dev.shareguard.core.cfg.Node;
import dev.shareguard.core.copies.CopyEvent.EscapeKind;
import dev.shareguard.core.engine.IrWalker;
import dev.shareguard.core.engine.ProgramIndex;
import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.Param;
import dev.shareguard.core.ir.Stmt;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Copy provenance of one body (method, initializer or lambda): a forward dataflow analysis over
 * the body's control-flow graph ({@link CfgBuilder}, run by {@link CopyFlow}) that tracks, per
 * local variable, a {@link Prov} value, and, for {@code MutatedMapKey}, which locals are keys of
 * hash-based containers. The state and its join are {@link CopyState}; this class is the transfer
 * of each node. {@code break}, {@code continue}, {@code return}, {@code throw} and exceptions go
 * where the graph sends them, loops run until the states stop changing (a fixpoint), and then one
 * reporting pass over the reached nodes, in the order the graph was built (the source order),
 * reports every {@link CopyEvent} with the state that holds there on every path. (In a body
 * without loops the worklist's one visit of each node has that state already: it reports, and
 * {@link CopyRecorder} puts the events in node order.)
 *
 * <p>Evaluation follows Java's order (receiver, arguments, operation). A lambda's or local class's
 * body is a body of its own; the locals it captures count as escaping here.
 *
 * <p>The parts: {@link CopyState} (the lattice), {@link CopyExprs} (expression nodes), {@link
 * CallResults} (what a call returns), {@link CallEffects} (what a call or store changes), {@link
 * CopyRecorder} (events, escapes, reads).
 */
public final class BodyCopyAnalysis {
  private final ProgramIndex.Body body;
  private final CopyRecorder rec;
  private final Cfg cfg;
  private final CopyExprs exprs;

  /** Expression nodes whose value nothing reads: statements, a for loop's updates, case labels. */
  private final Set<Expr> dropped = Collections.newSetFromMap(new IdentityHashMap<>());

  /** The top expressions of expression statements. */
  private final Set<Expr> statements = Collections.newSetFromMap(new IdentityHashMap<>());

  /** The locals each loop declares (its variable, its body's), which its head forgets. */
  private final Map<Stmt, Set<String>> loopScopes = new IdentityHashMap<>();

  /** What the analysis of one body found. */
  public record Result(
      ProgramIndex.Body body, List<CopyEvent> events, Set<Expr> escaped, Set<Expr> read) {}

  private BodyCopyAnalysis(ClassFacts facts, ProgramIndex.Body body, boolean summaryOnly) {
    this.body = body;
    this.rec = new CopyRecorder(body, summaryOnly);
    this.cfg = CfgBuilder.build(body.block());
    Set<Expr> nodeExprs = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Node n : cfg.nodes()) {
      if (n.kind() == Node.Kind.EXPR) {
        nodeExprs.add(n.expr());
      }
    }
    this.exprs = new CopyExprs(facts, rec, nodeExprs);
    if (body.block() != null) {
      IrWalker.forEachStmt(body.block(), this::noteStatement);
      IrWalker.forEachExpr(body.block(), e -> {
        if (e instanceof Expr.SwitchExpr sw) {
          for (Stmt.SwitchCase c : sw.cases()) {
            c.body().forEach(x -> IrWalker.forEachStmt(x, this::noteStatement));
          }
        }
      });
    }
  }

  private void noteStatement(Stmt s) {
    if (s instanceof Stmt.ExprStmt es) {
      statements.add(es.expr());
      dropped.add(es.expr());
    } else if (s instanceof Stmt.For f) {
      dropped.addAll(f.update());
    } else if (s instanceof Stmt.Switch sw) {
      sw.cases().forEach(c -> dropped.addAll(c.labels()));
    }
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
      if (any && s != null && out != null && s.kind() == Prov.Summary.Kind.UNMODIFIABLE
          && out.kind() == Prov.Summary.Kind.UNMODIFIABLE && s.empty() != out.empty()) {
        // Unmodifiable on every return; empty only if empty on every one.
        s = new Prov.Summary(Prov.Summary.Kind.UNMODIFIABLE, null, -1, true, false);
        out = s;
      }
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
      return new Prov.Summary(Prov.Summary.Kind.UNMODIFIABLE, null, -1, true,
          p instanceof Prov.Immutable i && i.empty());
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
    CopyState s = CopyState.empty();
    // A method's parameters come from its callers; a lambda's are unknown values.
    if (!body.isLambda()) {
      for (Param p : body.method().params()) {
        s.bind(p.name(), new Prov.Origin(
            new Prov.Src(Prov.Src.Kind.PARAM, p.name(), null, null, p.type())));
      }
    }
    if (isAcyclic(cfg)) {
      // Without loops the worklist visits each node once, after all its predecessors, so that
      // visit already has the final state: it reports, and the events are put in node order.
      rec.startBuffering(cfg.nodes().size());
      new CopyFlow(this).run(cfg, s);
      rec.flushBuffered();
    } else {
      Map<Node, CopyState> in = new CopyFlow(this).run(cfg, s);
      rec.reporting = true;
      for (Node n : cfg.nodes()) {
        CopyState before = in.get(n);
        if (before != null) {
          transfer(n, before);
        }
      }
    }
    return new Result(body, rec.events(), rec.escaped(), rec.read());
  }

  /** Whether no edge among the reachable nodes goes back in reverse post-order (no loop). */
  private static boolean isAcyclic(Cfg cfg) {
    int[] order = new int[cfg.nodes().size()];
    java.util.Arrays.fill(order, -1);
    List<Node> rpo = cfg.reversePostOrder();
    for (int i = 0; i < rpo.size(); i++) {
      order[rpo.get(i).id()] = i;
    }
    for (int i = 0; i < rpo.size(); i++) {
      for (Node.Edge e : rpo.get(i).successors()) {
        if (order[e.target().id()] <= i) {
          return false;
        }
      }
    }
    return true;
  }

  /** The state after node {@code n} given {@code in}, the state before it (left unchanged). */
  CopyState transfer(Node n, CopyState in) {
    rec.atNode(n.id());
    switch (n.kind()) {
      case EXPR: {
        CopyState s = in.copy();
        Expr e = n.expr();
        Prov v = exprs.evalNode(e, s);
        if (statements.contains(e)) {
          rec.report(new CopyEvent.Dropped(body, e, v));
        } else if (!dropped.contains(e)) {
          s.putTemp(e, v);
        }
        return s;
      }
      case DECL: {
        CopyState s = in.copy();
        Stmt.LocalVar v = (Stmt.LocalVar) n.stmt();
        rec.assignLocal(s, v.name(), v.init() == null ? null : exprs.evalTop(v.init(), s));
        return s;
      }
      case ITER_START: {
        // The iterable's value waits in the temps for each ITER_NEXT of the loop.
        CopyState s = in.copy();
        s.putTemp(n.expr(), exprs.evalTop(n.expr(), s));
        return s;
      }
      case ITER_NEXT: {
        CopyState s = in.copy();
        Prov it = s.tempOf(n.expr(), Prov.UNKNOWN);
        rec.assignLocal(s, ((Stmt.ForEach) n.stmt()).var(), new Prov.Held(n.expr(), it, null));
        return s;
      }
      case MONITOR_ENTER: {
        CopyState s = in.copy();
        exprs.evalTop(n.expr(), s);
        return s;
      }
      case BRANCH:
        return branch(n, in);
      case NOP:
        return n.stmt() == null ? in : statement(n.stmt(), in);
      default:
        return in;
    }
  }

  /** A condition (its reads and escapes), or the head of a for-each loop. */
  private CopyState branch(Node n, CopyState in) {
    if (n.expr() == null && !(n.stmt() instanceof Stmt.ForEach)) {
      return in;
    }
    CopyState s = in.copy();
    if (n.stmt() instanceof Stmt.ForEach) {
      s.forget(loopScope(n.stmt()));
    }
    if (n.expr() != null) {
      exprs.evalTop(n.expr(), s);
    }
    if (n.stmt() instanceof Stmt.Assert a && a.message() != null) {
      exprs.evalTop(a.message(), s);
    }
    return s;
  }

  /** A no-effect node of statement {@code st}: where a value is returned, thrown, yielded… */
  private CopyState statement(Stmt st, CopyState in) {
    if (st instanceof Stmt.Synchronized || st instanceof Stmt.ForEach) {
      // Where a monitor is let go on an exception, or a for-each leaves: no effect here.
      return in;
    }
    CopyState s = in.copy();
    if (st instanceof Stmt.Return r && r.expr() != null) {
      Prov v = exprs.evalTop(r.expr(), s);
      rec.report(new CopyEvent.Return(body, r.expr(), v));
      rec.escape(s, v, r.expr(), EscapeKind.RETURN, "return");
      if (r.expr() instanceof Expr.LocalRef l) {
        for (Prov.Copy c : CopyRecorder.copiesHeldBy(s, l.name())) {
          rec.report(new CopyEvent.MayReturnCopy(body, r.expr(), c));
        }
      }
    } else if (st instanceof Stmt.Throw t) {
      rec.escape(s, exprs.evalTop(t.expr(), s), t.expr(), EscapeKind.ARGUMENT, "throw");
    } else if (st instanceof Stmt.Yield y) {
      rec.escape(s, exprs.evalTop(y.expr(), s), y.expr(), EscapeKind.ARGUMENT, "yield");
    } else if (st instanceof Stmt.ExprStmt es) {
      // An expression statement that is no node of its own (an opaque expression).
      rec.report(new CopyEvent.Dropped(body, es.expr(), exprs.evalTop(es.expr(), s)));
    } else if (st instanceof Stmt.Switch sw) {
      exprs.evalTop(sw.selector(), s);
    } else if (st instanceof Stmt.LocalClass) {
      rec.escapeAll(s, null);
    } else if (st instanceof Stmt.While || st instanceof Stmt.DoWhile || st instanceof Stmt.For) {
      // The head of a loop (or where its continues meet): the body's locals are out of scope.
      s.forget(loopScope(st));
    } else if (st instanceof Stmt.Try t) {
      // Where a try's exceptions are dispatched to its catch clauses.
      for (Stmt.Catch c : t.catches()) {
        s.bind(c.var(), Prov.UNKNOWN);
      }
    }
    return s;
  }

  /** The locals declared inside loop {@code loop}: its variable and those of its body. */
  private Set<String> loopScope(Stmt loop) {
    return loopScopes.computeIfAbsent(loop, l -> {
      Set<String> names = new HashSet<>();
      Stmt inner = l instanceof Stmt.While w ? w.body() : l instanceof Stmt.DoWhile d ? d.body()
          : l instanceof Stmt.For f ? f.body() : ((Stmt.ForEach) l).body();
      if (l instanceof Stmt.ForEach fe) {
        names.add(fe.var());
      }
      IrWalker.forEachStmt(inner, x -> {
        if (x instanceof Stmt.LocalVar v) {
          names.add(v.name());
        } else if (x instanceof Stmt.ForEach fe) {
          names.add(fe.var());
        } else if (x instanceof Stmt.Try t) {
          t.catches().forEach(c -> names.add(c.var()));
        }
      });
      IrWalker.forEachExpr(inner, x -> {
        if (x instanceof Expr.InstanceOf i && i.binding() != null) {
          names.add(i.binding());
        }
      });
      return names;
    });
  }
}
