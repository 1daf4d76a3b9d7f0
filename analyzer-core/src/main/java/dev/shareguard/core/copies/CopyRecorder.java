package dev.shareguard.core.copies;

import dev.shareguard.core.copies.CopyEvent.EscapeKind;
import dev.shareguard.core.engine.ProgramIndex;
import dev.shareguard.core.ir.Expr;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the copy analysis of one body records as it interprets it: the {@link CopyEvent}s (one per
 * kind and place, the last run's word winning), the values that escape the body and the values
 * that are read. While a loop body runs silently to reach its entry state ({@link #reporting}
 * off), nothing is recorded; a summary-only run records only returns.
 */
final class CopyRecorder {
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

  /** Off while a loop body runs silently to reach its entry state. */
  boolean reporting = true;

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

  /** Local {@code name} is read: so is every value it ever held. */
  void readLocal(String name) {
    if (reporting) {
      read.addAll(localSites.getOrDefault(name, List.of()));
    }
  }

  /** Local {@code name} is captured by a lambda: every value it ever held escapes and is read. */
  void captured(String name) {
    if (reporting) {
      escaped.addAll(localSites.getOrDefault(name, List.of()));
      read.addAll(localSites.getOrDefault(name, List.of()));
    }
  }

  void assignLocal(CopyState s, String name, Prov p) {
    s.keys.remove(name);
    rememberSite(name, p);
    if (p == null) {
      s.env.remove(name);
    } else {
      s.env.put(name, p);
    }
  }

  /** The shallow copies local {@code local} held on some path so far. */
  List<Prov.Copy> copiesHeldBy(String local) {
    return localCopies.getOrDefault(local, List.of());
  }

  void rememberSite(String local, Prov p) {
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

  void escape(Prov p, Expr at, EscapeKind kind, String via) {
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

  void escapeAll(CopyState s, Expr at) {
    for (Prov p : s.env.values()) {
      escape(p, at, EscapeKind.CAPTURE, "class");
    }
    if (reporting) {
      localSites.values().forEach(escaped::addAll);
      localSites.values().forEach(read::addAll);
    }
  }

  void markRead(Prov p) {
    if (p != null && p.site() != null && reporting) {
      read.add(p.site());
    }
  }

  void report(CopyEvent e) {
    if (!reporting || summaryOnly && !(e instanceof CopyEvent.Return)) {
      return;
    }
    Object detail = e instanceof CopyEvent.Escape x ? List.of(x.kind(), x.value()) : null;
    events.put(new EventKey(e.getClass(), e.at(), detail), e);
  }
}
