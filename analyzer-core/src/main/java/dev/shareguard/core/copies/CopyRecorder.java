package dev.shareguard.core.copies;

import dev.shareguard.core.copies.CopyEvent.EscapeKind;
import dev.shareguard.core.engine.ProgramIndex;
import dev.shareguard.core.ir.Expr;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the copy analysis of one body records in its reporting pass, after the fixpoint: the
 * {@link CopyEvent}s (one per kind and place; where a {@code finally} block's copies share a place,
 * the last one's word wins), the values that escape the body and the values that are read. While
 * the fixpoint is computed ({@link #reporting} off) nothing is recorded; a summary-only run records
 * only returns. Which values a local held on some path comes from the state of the node being
 * reported ({@link CopyState#sites}).
 */
final class CopyRecorder {
  private final ProgramIndex.Body body;
  private final boolean summaryOnly;
  private final Map<EventKey, CopyEvent> events = new LinkedHashMap<>();
  private final Set<Expr> escaped =
      java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
  private final Set<Expr> read =
      java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

  /** On in the reporting pass only. */
  boolean reporting;

  /** Per node id, the events its visit reported, while buffering (else null). */
  private List<List<CopyEvent>> buffered;

  /** The id of the node being transferred. */
  private int node;

  /**
   * Identifies an event by its kind and the expression it happened at (by identity: equal-looking
   * expressions at different places are different events), so a later copy of the same place
   * (a {@code finally} block on another path) replaces what an earlier one said.
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

  CopyRecorder(ProgramIndex.Body body, boolean summaryOnly) {
    this.body = body;
    this.summaryOnly = summaryOnly;
  }

  ProgramIndex.Body body() {
    return body;
  }

  /** The events recorded, in the order of their first report. */
  List<CopyEvent> events() {
    return List.copyOf(events.values());
  }

  /** The value sites that escape the body. */
  Set<Expr> escaped() {
    return escaped;
  }

  /** The value sites that are read. */
  Set<Expr> read() {
    return read;
  }

  private static List<Expr> sitesOf(CopyState s, String local) {
    return s.sites.getOrDefault(local, List.of());
  }

  /** Local {@code name} is read: so is every value it held on some path to here. */
  void readLocal(CopyState s, String name) {
    if (reporting) {
      read.addAll(sitesOf(s, name));
    }
  }

  /** Local {@code name} is captured by a lambda: every value it held escapes and is read. */
  void captured(CopyState s, String name) {
    if (reporting) {
      escaped.addAll(sitesOf(s, name));
      read.addAll(sitesOf(s, name));
    }
  }

  void assignLocal(CopyState s, String name, Prov p) {
    s.dropKey(name);
    rememberSite(s, name, p);
    if (p == null) {
      s.unbind(name);
    } else {
      s.bind(name, p);
    }
  }

  /** The shallow copies local {@code local} held on some path to here. */
  static List<Prov.Copy> copiesHeldBy(CopyState s, String local) {
    return s.copies.getOrDefault(local, List.of());
  }

  void rememberSite(CopyState s, String local, Prov p) {
    if (p instanceof Prov.Copy c) {
      s.rememberCopy(local, c);
    }
    if (p != null && p.site() != null) {
      s.rememberSite(local, p.site());
    }
  }

  void escape(CopyState s, Prov p, Expr at, EscapeKind kind, String via) {
    if (reporting) {
      // A conditional's value is one of its branches': each escapes with it.
      for (Expr b : branches(at instanceof Expr.Assign a ? a.value() : at, new ArrayList<>())) {
        escaped.add(b);
        read.add(b);
        if (b instanceof Expr.LocalRef l) {
          escaped.addAll(sitesOf(s, l.name()));
        }
      }
    }
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
      escaped.addAll(sitesOf(s, l.name()));
    }
    if (p instanceof Prov.View || p instanceof Prov.Copy || p instanceof Prov.Result
        || p instanceof Prov.ValueCopy) {
      report(new CopyEvent.Escape(body, at, p, kind, via));
    }
  }

  /** The branches of conditional {@code e} (through casts and nested conditionals), else none. */
  private static List<Expr> branches(Expr e, List<Expr> out) {
    while (e instanceof Expr.Cast c) {
      e = c.expr();
    }
    if (e instanceof Expr.Conditional c) {
      for (Expr b : List.of(c.whenTrue(), c.whenFalse())) {
        while (b instanceof Expr.Cast k) {
          b = k.expr();
        }
        if (b instanceof Expr.Conditional) {
          branches(b, out);
        } else {
          out.add(b);
        }
      }
    }
    return out;
  }

  void escapeAll(CopyState s, Expr at) {
    for (Prov p : s.env.values()) {
      escape(s, p, at, EscapeKind.CAPTURE, "class");
    }
    if (reporting) {
      s.sites.values().forEach(escaped::addAll);
      s.sites.values().forEach(read::addAll);
    }
  }

  void markRead(Prov p) {
    if (p != null && p.site() != null && reporting) {
      read.add(p.site());
    }
  }

  /** Reports from now on, keeping each node's events apart until {@link #flushBuffered}. */
  void startBuffering(int nodes) {
    reporting = true;
    buffered = new ArrayList<>(java.util.Collections.nCopies(nodes, null));
  }

  /** Records the buffered events in node order, as a reporting pass in that order would. */
  void flushBuffered() {
    List<List<CopyEvent>> all = buffered;
    buffered = null;
    for (List<CopyEvent> es : all) {
      if (es != null) {
        es.forEach(this::report);
      }
    }
  }

  /** The node whose transfer runs next. */
  void atNode(int id) {
    node = id;
  }

  void report(CopyEvent e) {
    if (!reporting || summaryOnly && !(e instanceof CopyEvent.Return)) {
      return;
    }
    if (buffered != null) {
      if (buffered.get(node) == null) {
        buffered.set(node, new ArrayList<>());
      }
      buffered.get(node).add(e);
      return;
    }
    Object detail = e instanceof CopyEvent.Escape x ? List.of(x.kind(), x.value()) : null;
    events.put(new EventKey(e.getClass(), e.at(), detail), e);
  }
}
