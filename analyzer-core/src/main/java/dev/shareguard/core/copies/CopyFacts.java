package dev.shareguard.core.copies;

import dev.shareguard.core.config.Config;
import dev.shareguard.core.engine.ConcurrencyIntent;
import dev.shareguard.core.engine.FieldFacts;
import dev.shareguard.core.engine.ProgramIndex;
import dev.shareguard.core.ir.MethodDecl;
import dev.shareguard.core.ir.TypeRef;
import dev.shareguard.core.model.CopyModels;
import dev.shareguard.core.model.LibraryModels;
import dev.shareguard.core.engine.IrWalker;
import dev.shareguard.core.ir.ClassDecl;
import dev.shareguard.core.ir.Expr;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Copy provenance over the whole analysed program, for the {@code copies} and {@code values}
 * packs: method return summaries first (two rounds, so a method returning another method's
 * defensive copy is summed up too), then every body's {@link BodyCopyAnalysis}, then per-class
 * indexes of what is changed in place.
 */
public final class CopyFacts {
  /** Rounds of return summaries: each round lets summaries flow through one more call. */
  private static final int SUMMARY_ROUNDS = 2;

  private final ProgramIndex index;
  private final ClassFacts classFacts;
  private final ConcurrencyIntent intent;
  /** The engine's facts about what fields hold (thread-safe containers, project ones too). */
  private final FieldFacts fieldFacts;
  private final List<BodyCopyAnalysis.Result> results = new ArrayList<>();
  private final Map<FieldKey, List<CopyEvent.Mutation>> fieldMutations = new HashMap<>();
  private final Map<FieldKey, List<CopyEvent.Mutation>> nestedMutations = new HashMap<>();
  private final Set<FieldKey> threadSafeStores = new HashSet<>();
  // Bounded by the program's private methods.
  private final Map<MethodDecl, Boolean> initOnly = new IdentityHashMap<>();
  /**
   * For each method asked about, the calls it makes on its own object ({@code name/arity}), so that
   * judging every private method of a class walks each body of the class once, not once per method.
   * Bounded by the program's methods and dropped with these facts.
   */
  private final Map<MethodDecl, Set<String>> ownCalls = new IdentityHashMap<>();

  public CopyFacts(ProgramIndex index, LibraryModels models, Config config,
      ConcurrencyIntent intent, FieldFacts fieldFacts) {
    this.index = index;
    this.intent = intent;
    this.fieldFacts = fieldFacts;
    this.classFacts =
        new ClassFacts(index, new CopyModels(models.types(), config), models);
    summarize();
    for (ProgramIndex.Body b : index.bodies().values()) {
      BodyCopyAnalysis.Result r = BodyCopyAnalysis.analyze(classFacts, b);
      results.add(r);
      indexEvents(r);
    }
  }

  private void summarize() {
    List<ProgramIndex.Body> candidates = new ArrayList<>();
    for (ProgramIndex.Body b : index.bodies().values()) {
      if (!b.isLambda() && !b.method().isInitializer() && returnsContainer(b.method())
          && b.method().body() != null) {
        candidates.add(b);
      }
    }
    // What each candidate's analysis in the last round summed up, and the names of the methods
    // whose summary that round changed.
    List<Prov.Summary> last = null;
    Set<String> changed = Set.of();
    for (int round = 0; round < SUMMARY_ROUNDS; round++) {
      Map<MethodDecl, Prov.Summary> next = new LinkedHashMap<>();
      List<Prov.Summary> now = new ArrayList<>(candidates.size());
      for (int i = 0; i < candidates.size(); i++) {
        ProgramIndex.Body b = candidates.get(i);
        // A body is summed up from the summaries of the methods it calls, asked for its calls
        // alone (CallResults): one calling no method so named sums up as it did last round.
        Prov.Summary s = last != null && !callsAny(b, changed)
            ? last.get(i)
            : BodyCopyAnalysis.summarize(classFacts, b);
        now.add(s);
        if (s != null) {
          next.put(b.method(), s);
        }
      }
      Set<String> names = new HashSet<>();
      next.forEach((m, s) -> {
        if (!s.equals(classFacts.summary(m))) {
          names.add(m.name());
        }
        classFacts.putSummary(m, s);
      });
      last = now;
      changed = names;
    }
  }

  /**
   * Whether {@code b}'s code (its lambdas' included, more than its analysis reads) calls a
   * method named one of {@code names}.
   */
  private static boolean callsAny(ProgramIndex.Body b, Set<String> names) {
    if (names.isEmpty()) {
      return false;
    }
    boolean[] found = {false};
    IrWalker.forEachExpr(b.block(), e -> {
      if (!found[0] && e instanceof Expr.Call c && names.contains(c.target().name())) {
        found[0] = true;
      }
    });
    return found[0];
  }

  private boolean returnsContainer(MethodDecl m) {
    TypeRef t = m.returnType();
    return t != null && t.kind() == TypeRef.Kind.CLASS && !t.isArray()
        && classFacts.models().isContainer(t.name());
  }

  private void indexEvents(BodyCopyAnalysis.Result r) {
    boolean init = isInitializer(r.body());
    for (CopyEvent e : r.events()) {
      if (e instanceof CopyEvent.FieldStore fs && fs.target().field() != null
          && isThreadSafeValue(fs.at().value())) {
        threadSafeStores.add(key(fs.target()));
      }
      if (e instanceof CopyEvent.Mutation m) {
        Prov.Src own = ownField(m.target());
        if (own == null && m.target() instanceof Prov.Origin o
            && o.src().kind() == Prov.Src.Kind.STATIC_FIELD && o.src().field() != null) {
          // A class's static field is its own state too, changed wherever its code runs.
          own = o.src();
        }
        if (own != null && !init) {
          fieldMutations.computeIfAbsent(key(own), k -> new ArrayList<>()).add(m);
        }
        if (m.target() instanceof Prov.Held h) {
          Prov.Src held = ownField(root(h.container()));
          if (held != null && !init) {
            nestedMutations.computeIfAbsent(key(held), k -> new ArrayList<>()).add(m);
          }
        }
      }
    }
  }

  /**
   * Whether {@code b} runs while its object is being built: a constructor, an initializer, {@code
   * clone()}, or a private method that only those call.
   */
  /**
   * Whether body {@code b} is a collection's own view method ({@code keySet()} of a class
   * implementing {@code Map}, {@code subList} of a {@code List}, …), whose contract requires it to
   * return a live view: handing one out is what the interface promises, not a mistaken snapshot.
   * A method so named that overrides one of a supertype ({@code @Override}, as a map-like
   * interface of the project declares them) keeps that contract too.
   */
  public boolean isContractView(ProgramIndex.Body b) {
    MethodDecl m = b.isLambda() ? null : b.method();
    if (m == null || m.isStatic() || !CopyModels.isContractView(m.name(), m.params().size())) {
      return false;
    }
    if (m.annotations().stream().anyMatch(a -> a.simpleName().equals("Override"))) {
      return true;
    }
    dev.shareguard.core.ir.ClassDecl owner = index.ownerOf(m);
    return owner != null
        && (index.hierarchy().isSubtype(owner.id(), "java.util.Map")
            || index.hierarchy().isSubtype(owner.id(), "java.util.Collection"));
  }

  public boolean isInitializer(ProgramIndex.Body b) {
    MethodDecl m = b.isLambda() ? index.enclosingMethod(b.id()) : b.method();
    return m != null && isInitializer(m, 0);
  }

  private boolean isInitializer(MethodDecl m, int depth) {
    if (m.isInitializer() || m.name().equals("clone") && m.params().isEmpty()) {
      return true;
    }
    // Public methods may be called by anyone; the others are judged by their callers in the class.
    if (m.isPublic() || m.isStatic() || depth > 2) {
      return false;
    }
    Boolean cached = initOnly.get(m);
    if (cached != null) {
      return cached;
    }
    initOnly.put(m, false);
    ClassDecl owner = index.ownerOf(m);
    boolean any = false;
    boolean onlyInit = owner != null;
    if (owner != null) {
      for (MethodDecl caller : owner.methods()) {
        if (caller == m || caller.body() == null
            || !ownCallsOf(caller).contains(m.name() + "/" + m.params().size())) {
          continue;
        }
        any = true;
        if (!isInitializer(caller, depth + 1)) {
          onlyInit = false;
          break;
        }
      }
    }
    boolean result = any && onlyInit;
    initOnly.put(m, result);
    return result;
  }

  /** The calls {@code caller} makes with no receiver or on {@code this}, as {@code name/arity}. */
  private Set<String> ownCallsOf(MethodDecl caller) {
    Set<String> out = ownCalls.get(caller);
    if (out == null) {
      Set<String> calls = new HashSet<>();
      IrWalker.forEachExpr(caller.body(), e -> {
        if (e instanceof Expr.Call c
            && (c.receiver() == null || c.receiver() instanceof Expr.ThisRef)) {
          calls.add(c.target().name() + "/" + c.args().size());
        }
      });
      out = calls;
      ownCalls.put(caller, out);
    }
    return out;
  }

  /**
   * Whether field {@code field} of {@code classId} holds a thread-safe container: declared or
   * initialized so, or assigned one ({@code new ConcurrentHashMap<>()}, {@code
   * ConcurrentHashMap.newKeySet()}, {@code Collections.synchronizedList(…)}) anywhere.
   */
  public boolean isThreadSafeField(String classId, String field) {
    LibraryModels models = classFacts.models();
    String impl = classFacts.implType(new Prov.Src(Prov.Src.Kind.THIS_FIELD, "this", classId,
        field, null));
    if (impl != null && models.isThreadSafeContainer(impl)) {
      return true;
    }
    return threadSafeStores.contains(new FieldKey(classId, field))
        || fieldFacts.of(classId, field).allThreadSafe();
  }

  private boolean isThreadSafeValue(Expr v) {
    return isThreadSafeValue(v, 0);
  }

  private boolean isThreadSafeValue(Expr v, int depth) {
    LibraryModels models = classFacts.models();
    while (v instanceof Expr.Cast c) {
      v = c.expr();
    }
    if (v instanceof Expr.New n) {
      return models.isThreadSafeContainer(n.type().name());
    }
    if (v instanceof Expr.Call c && c.receiver() == null && c.target().owner() != null) {
      String owner = c.target().owner();
      String name = c.target().name();
      if (models.isThreadSafeFactory(owner, name)
          || models.isSetFromMapFactory(owner, name)
              && c.args().size() == 1 && isThreadSafeValue(c.args().get(0), depth + 1)) {
        return true;
      }
      // A static helper of analysed code that returns a thread-safe container.
      MethodDecl helper = index.findMethod(owner, name, c.args().size(), c.target().paramTypes());
      return helper != null && helper.body() != null && depth < 2
          && helper.body().stmts().size() == 1
          && helper.body().stmts().get(0) instanceof dev.shareguard.core.ir.Stmt.Return r
          && isThreadSafeValue(r.expr(), depth + 1);
    }
    return false;
  }

  private static Prov.Src ownField(Prov p) {
    return p instanceof Prov.Origin o && o.src().kind() == Prov.Src.Kind.THIS_FIELD
        ? o.src()
        : null;
  }

  /** A field of a class: the key of the per-class indexes. */
  private record FieldKey(String classId, String field) {}

  private static FieldKey key(Prov.Src s) {
    return new FieldKey(s.classId(), s.field());
  }

  /**
   * The container a value really lives in: views ({@code keySet()}, {@code values()}, {@code
   * entrySet()}, iterators, streams) lead back to the container. (An entry's {@code getValue()} is
   * already held in the entry's container; see {@link BodyCopyAnalysis}.)
   */
  public static Prov root(Prov p) {
    int guard = 0;
    while (guard++ < 16) {
      if (p instanceof Prov.View v && !v.unmodifiable()) {
        p = v.of();
      } else {
        return p;
      }
    }
    return p;
  }

  public ProgramIndex index() {
    return index;
  }

  /**
   * Whether change {@code m} fills its container once, under the monitor a {@code synchronized}
   * method of the same class and staticness ({@code isStatic}) holds, before it is first handed
   * out: see {@link OnceFills}.
   */
  public boolean filledOnce(CopyEvent.Mutation m, boolean isStatic) {
    return OnceFills.filledOnce(index, m.body(), m.at(), isStatic);
  }

  /**
   * Whether {@code body} hands its field's container over rather than sharing it: see {@link
   * dev.shareguard.core.engine.HandOvers}.
   */
  public boolean handsOver(ProgramIndex.Body body, Expr returned, String field) {
    return dev.shareguard.core.engine.HandOvers.handsOver(body.block(), returned, field);
  }

  public ClassFacts classFacts() {
    return classFacts;
  }

  public ConcurrencyIntent intent() {
    return intent;
  }

  /** Calls {@code f} with every event of every body and that body's analysis, in order. */
  public void forEachEvent(java.util.function.BiConsumer<BodyCopyAnalysis.Result, CopyEvent> f) {
    for (BodyCopyAnalysis.Result r : results) {
      for (CopyEvent e : r.events()) {
        f.accept(r, e);
      }
    }
  }

  /** Every body's analysis, in the program index's body order. */
  public List<BodyCopyAnalysis.Result> results() {
    return results;
  }

  /** The analysis of method or constructor {@code m}'s own body (not its lambdas'), or null. */
  public BodyCopyAnalysis.Result resultOf(MethodDecl m) {
    if (byMethod == null) {
      byMethod = new java.util.IdentityHashMap<>();
      for (BodyCopyAnalysis.Result r : results) {
        if (!r.body().isLambda()) {
          byMethod.putIfAbsent(r.body().method(), r);
        }
      }
    }
    return byMethod.get(m);
  }

  /** Built on the first {@link #resultOf} question; most audits ask none. */
  private Map<MethodDecl, BodyCopyAnalysis.Result> byMethod;

  /**
   * In-place changes of field {@code field} of class {@code classId} made outside its
   * constructors, initializers and {@code clone()}: container writes, setter calls, element
   * assignments through {@code this.field}.
   */
  public List<CopyEvent.Mutation> fieldMutations(String classId, String field) {
    return fieldMutations.getOrDefault(new FieldKey(classId, field), List.of());
  }

  /**
   * In-place changes of the values held in field {@code field} of class {@code classId} ({@code
   * field.get(k).add(v)}, {@code for (List l : field.values()) l.clear()}), outside initializers.
   */
  public List<CopyEvent.Mutation> nestedMutations(String classId, String field) {
    return nestedMutations.getOrDefault(new FieldKey(classId, field), List.of());
  }
}
