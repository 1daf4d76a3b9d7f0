package dev.shareguard.core.engine;

import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.MethodDecl;
import dev.shareguard.core.model.LibraryModels;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What an analysed method returns, as a value of its own frame: its receiver, a parameter, a
 * static field, a field of one of those, or an element of a container among them. Accessors and
 * helpers are transparent with it: {@code getCache().put(…)} through a static getter writes the
 * static field, and what {@code getOrCreate(map, key, make)} returns (the value it got from the
 * map, or the one it put there) is the map's value at the call site, so changing it in place
 * changes a value the map shares.
 *
 * <p>Each {@code return} of the body counts, and every one must give the same value ({@code
 * return null} gives none); a local counts through every value it is given, and a local the
 * method puts into a container ({@code map.putIfAbsent(key, value)}) is that container's element
 * whatever made it. Anything else (a fresh object, an unknown call, a value that differs between
 * returns) has no summary: the call's value stays unknown, as before. Only methods whose code is
 * the code that runs are summarised: static, private or final ones, constructors excluded, and
 * instance methods no analysed class overrides. Answers are cached per method; recursion and
 * deep helper chains end in "unknown".
 *
 * <p>Body results are computed on several threads ({@link BodyResults#computeAhead}), so every
 * summary is worked out once, on one thread and in one order, before the walk ({@link
 * #computeAll}); after that the summaries are only read, and the call-site cache is synchronized.
 */
final class ReturnValues {
  /** How many helpers deep a summary follows calls. */
  private static final int MAX_DEPTH = 4;

  /** A {@code null} literal: a return that gives no object. */
  private static final AbsVal NOTHING = new AbsVal.Static("<null>");

  /** A summary known to be unknown (cached). */
  private static final AbsVal NONE = new AbsVal.Static("<none>");

  private final ProgramIndex index;
  private final LibraryModels models;
  private final LocalDefs locals;
  /** Summaries by {@link #key}. */
  private final Map<MethodDecl, AbsVal> cache = new IdentityHashMap<>();
  /** Methods being summarised, by {@link #key} (recursion ends in "unknown"). */
  private final Set<MethodDecl> computing =
      java.util.Collections.newSetFromMap(new IdentityHashMap<>());
  /**
   * The first method met of each distinct value: summaries are kept per method value (two equal
   * declarations share one). A method's record hash walks its whole body, so the map hashes by
   * {@link ByValue} instead and compares whole methods only where that hash meets. Filled while
   * {@link #computeAll} runs, read only after.
   */
  private final Map<ByValue, MethodDecl> firstOfValue = new HashMap<>();
  /** {@link #key} per method instance, filled while {@link #computeAll} runs, read only after. */
  private final Map<MethodDecl, MethodDecl> keys = new IdentityHashMap<>();
  /**
   * {@link #target} per call site (a body's flow asks again at each pass to its fixpoint); one
   * entry per call site asked about, so bounded by the program.
   */
  private final Map<Expr.Call, Optional<MethodDecl>> targets =
      java.util.Collections.synchronizedMap(new IdentityHashMap<>());
  /** Set by {@link #computeAll}: from then on summaries are only read. */
  private volatile boolean computed;

  ReturnValues(ProgramIndex index, LibraryModels models, LocalDefs locals) {
    this.index = index;
    this.models = models;
    this.locals = locals;
  }

  /**
   * The method {@code c} runs when its code is known to be that of one analysed method (see the
   * class comment), else null.
   */
  MethodDecl target(Expr.Call c) {
    return targets.computeIfAbsent(c, k -> Optional.ofNullable(resolve(k))).orElse(null);
  }

  private MethodDecl resolve(Expr.Call c) {
    String owner = c.target().owner();
    if (owner == null) {
      return null;
    }
    if (!index.isProjectClass(owner) && c.receiver() instanceof Expr.ThisRef t) {
      owner = t.classId();
    }
    if (!index.isProjectClass(owner)) {
      return null;
    }
    MethodDecl m = index.findMethod(owner, c.target().name(), c.args().size(),
        c.target().paramTypes());
    if (m == null || m.body() == null || m.isConstructor()) {
      return null;
    }
    if (m.isStatic() || m.isPrivate() || index.overrides(m).isEmpty()) {
      return m;
    }
    return null;
  }

  /**
   * Works out the summary of every method that may have one, in the program's order of classes
   * and methods (so that where recursion or depth cuts a chain short, it is the same cut on every
   * run). Called once, before any body is analysed.
   */
  void computeAll() {
    List<dev.shareguard.core.ir.ClassDecl> classes = new java.util.ArrayList<>(index.classes().values());
    classes.sort(java.util.Comparator.comparing(dev.shareguard.core.ir.ClassDecl::id));
    for (dev.shareguard.core.ir.ClassDecl c : classes) {
      for (MethodDecl m : c.methods()) {
        if (m.body() != null && !m.isConstructor()
            && (m.isStatic() || m.isPrivate() || index.overrides(m).isEmpty())) {
          of(m);
        }
      }
    }
    computed = true;
  }

  /** What {@code m} returns in its own frame, or null when that is not known. */
  AbsVal of(MethodDecl m) {
    MethodDecl key = key(m);
    if (key == null) {
      // Not met while the summaries were worked out: none was.
      return null;
    }
    AbsVal known = cache.get(key);
    if (known != null) {
      return known == NONE ? null : known;
    }
    if (computed) {
      return null;
    }
    if (computing.size() >= MAX_DEPTH || !computing.add(key)) {
      return null;
    }
    AbsVal out = null;
    List<Expr> returned = IrWalker.returned(m.body());
    for (Expr r : returned) {
      // A field's object taken out and replaced in the field is the caller's own (HandOvers).
      AbsVal v = r == null || HandOvers.handsOver(m.body(), r, null) ? null
          : eval(r, m, new HashSet<>());
      out = join(out, v);
      if (out == null || out == NONE) {
        break;
      }
    }
    computing.remove(key);
    AbsVal result = out == null || out == NONE || out == NOTHING ? null : out;
    cache.put(key, result == null ? NONE : result);
    return result;
  }

  /**
   * The key of {@code m}'s summary: the first method met equal to it. While {@link #computeAll}
   * runs every method met gets one; after, the maps are only read (body analysis asks from several
   * threads), and a method never met has no key (null).
   */
  private MethodDecl key(MethodDecl m) {
    MethodDecl k = keys.get(m);
    if (k != null) {
      return k;
    }
    if (computed) {
      return firstOfValue.get(new ByValue(m));
    }
    k = firstOfValue.computeIfAbsent(new ByValue(m), x -> m);
    keys.put(m, k);
    return k;
  }

  /**
   * A method as a map key by its value: equal as the records are, hashed by its position, name
   * and arity only (equal methods agree on those), so no lookup walks a body to hash it.
   */
  private record ByValue(MethodDecl m) {
    @Override
    public int hashCode() {
      int h = m.pos().line() * 31 + m.pos().column();
      return (h * 31 + m.name().hashCode()) * 31 + m.params().size();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof ByValue b && (m == b.m || m.equals(b.m));
    }
  }

  /**
   * {@code a} and {@code b} as one value: equal values, or one of them {@link #NOTHING}; null for
   * "not started", {@link #NONE} for "not one value".
   */
  private static AbsVal join(AbsVal a, AbsVal b) {
    if (b == null) {
      return NONE;
    }
    if (a == null || a == NOTHING) {
      return b;
    }
    if (b == NOTHING || a.equals(b)) {
      return a;
    }
    return NONE;
  }

  private AbsVal eval(Expr e, MethodDecl m, Set<String> visiting) {
    while (e instanceof Expr.Cast c) {
      e = c.expr();
    }
    if (e instanceof Expr.Literal l) {
      return l.text().equals("null") ? NOTHING : null;
    }
    if (e instanceof Expr.ThisRef t) {
      return new AbsVal.This(t.classId());
    }
    if (e instanceof Expr.FieldAccess f) {
      String owner = f.ownerClass();
      if (owner == null) {
        return null;
      }
      AbsVal base = f.receiver() == null ? new AbsVal.Static(owner) : eval(f.receiver(), m, visiting);
      return base == null || base == NOTHING || base == NONE
          ? null
          : new AbsVal.Field(base, owner, f.name());
    }
    if (e instanceof Expr.Conditional c) {
      AbsVal v = join(join(null, eval(c.whenTrue(), m, visiting)), eval(c.whenFalse(), m, visiting));
      return v == NONE ? null : v;
    }
    if (e instanceof Expr.LocalRef l) {
      return local(l.name(), m, visiting);
    }
    if (e instanceof Expr.Call c) {
      return call(c, m, visiting);
    }
    return null;
  }

  private AbsVal local(String name, MethodDecl m, Set<String> visiting) {
    Map<String, List<Expr>> defs = locals.defsOf(m);
    if (!defs.containsKey(name)) {
      return FieldFacts.paramIndex(m, name) >= 0 ? new AbsVal.Param(name) : null;
    }
    List<Expr> given = defs.get(name);
    if (given == null) {
      return null;
    }
    if (!visiting.add(name)) {
      // The local given its own value back ({@code v = c == null ? v : c}): nothing new.
      return NOTHING;
    }
    AbsVal container = containerItIsPutInto(name, m);
    AbsVal out = null;
    for (Expr d : given) {
      AbsVal v = eval(d, m, visiting);
      if (v == null && container != null) {
        v = container;
      }
      out = join(out, v);
      if (out == NONE) {
        break;
      }
    }
    visiting.remove(name);
    return out == null || out == NONE ? null : out;
  }

  /**
   * The container {@code m} puts local {@code name} into as a value ({@code map.put(k, name)},
   * {@code map.putIfAbsent(k, name)}), as an element of the container, or null.
   */
  private AbsVal containerItIsPutInto(String name, MethodDecl m) {
    AbsVal[] found = {null};
    IrWalker.forEachExpr(m.body(), e -> {
      if (found[0] == null
          && e instanceof Expr.Call c
          && c.receiver() != null
          && (c.target().name().equals("put") || c.target().name().equals("putIfAbsent"))
          && c.args().size() == 2
          && c.args().get(1) instanceof Expr.LocalRef v
          && v.name().equals(name)
          && models.isContainer(c.receiver().type().name())
          && !CheckThenAct.keyOfTheCurrentThread(m.body(), c.args().get(0), index.hierarchy())) {
        AbsVal base = eval(c.receiver(), m, new HashSet<>(Set.of(name)));
        if (base != null && base != NOTHING) {
          found[0] = new AbsVal.Elem(base);
        }
      }
    });
    return found[0];
  }

  private AbsVal call(Expr.Call c, MethodDecl m, Set<String> visiting) {
    if (c.receiver() != null
        && models.isContainer(c.receiver().type().name())
        && BodyValues.ELEMENT_GETTERS.contains(c.target().name())
        && !c.type().isPrimitive()) {
      if (!c.args().isEmpty()
          && CheckThenAct.keyOfTheCurrentThread(m.body(), c.args().get(0), index.hierarchy())) {
        // The value kept under the current thread's own key is that thread's (a hand-made
        // ThreadLocal), as in the body's own values (BodyValues).
        return null;
      }
      AbsVal base = eval(c.receiver(), m, visiting);
      return base == null || base == NOTHING ? null : new AbsVal.Elem(base);
    }
    if (c.receiver() == null && c.args().size() == 1
        && models.isUnmodifiableView(c.target().owner(), c.target().name())) {
      // A read-only view of what the method returns a view of: reads through it read that.
      AbsVal of = eval(c.args().get(0), m, visiting);
      return of == null || of == NOTHING || of == NONE ? null : new AbsVal.View(of);
    }
    MethodDecl callee = target(c);
    if (callee == null) {
      return null;
    }
    AbsVal summary = of(callee);
    if (summary == null) {
      return null;
    }
    AbsVal recv = c.receiver() == null ? null : eval(c.receiver(), m, visiting);
    Map<String, AbsVal> args = new HashMap<>();
    for (int i = 0; i < c.args().size() && i < callee.params().size(); i++) {
      AbsVal a = eval(c.args().get(i), m, visiting);
      if (a != null && a != NOTHING) {
        args.put(callee.params().get(i).name(), a);
      }
    }
    return substitute(summary, recv, args);
  }

  /**
   * {@code v} of a callee's frame in the caller's: its receiver is {@code recv}, its parameters
   * {@code args}; null when a part it needs is unknown.
   */
  static AbsVal substitute(AbsVal v, AbsVal recv, Map<String, AbsVal> args) {
    if (v instanceof AbsVal.This) {
      return recv;
    }
    if (v instanceof AbsVal.Param p) {
      return args.get(p.name());
    }
    if (v instanceof AbsVal.Static) {
      return v;
    }
    if (v instanceof AbsVal.Field f) {
      AbsVal base = substitute(f.base(), recv, args);
      return base == null || base instanceof AbsVal.Unknown
          ? null
          : new AbsVal.Field(base, f.owner(), f.field());
    }
    if (v instanceof AbsVal.Elem el) {
      AbsVal base = substitute(el.base(), recv, args);
      return base == null || base instanceof AbsVal.Unknown ? null : new AbsVal.Elem(base);
    }
    if (v instanceof AbsVal.View w) {
      AbsVal base = substitute(w.backing(), recv, args);
      return base == null || base instanceof AbsVal.Unknown ? null : new AbsVal.View(base);
    }
    return null;
  }
}
