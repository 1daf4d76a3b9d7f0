package dev.shareguard.core.operators;

import dev.shareguard.core.engine.IrWalker;
import dev.shareguard.core.engine.ProgramIndex;
import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.MethodDecl;
import dev.shareguard.core.ir.Param;
import dev.shareguard.core.ir.TypeRef;
import dev.shareguard.core.model.KubernetesModels;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Objects shared through a Kubernetes informer cache, for the {@code operators} pack: every place
 * the program changes one in place. Each body is analysed on its own ({@link CachedFlow}); what it
 * passes to other bodies becomes summaries, and the bodies are run again until the summaries stop
 * changing:
 *
 * <ul>
 *   <li><b>parameters</b>: a shared value passed to an analysed method, constructor or lambda (also
 *       as a captured local, or as the element {@code ifPresent}/{@code forEach} hands over);
 *   <li><b>returns</b>: an analysed method that may return a shared value is a source itself;
 *   <li><b>fields</b>: a field that is assigned a shared value holds one wherever it is read.
 * </ul>
 *
 * <p>All three are may-facts that only grow, over finite sets (bodies, parameters, fields), so
 * the rounds end; a bound on rounds guards against a program whose values keep changing origin.
 * Bodies are visited only when they can matter: a first walk over their expressions keeps those
 * that read a cache, handle informer events, or call or read what a summary names. A program with
 * no Kubernetes code costs one walk.
 */
public final class OperatorFacts {
  /** More rounds than any call chain we need to follow from a cache read to a change. */
  private static final int MAX_ROUNDS = 12;

  /**
   * A change to a shared object: {@code at} (a call or a field write) changes {@code value}, in
   * {@code body}.
   */
  public record Mutation(ProgramIndex.Body body, Expr at, Shared value) {}

  private final ProgramIndex index;
  private final KubernetesModels models;
  private final Map<Expr.Lambda, String> lambdaBodies = new IdentityHashMap<>();
  private final Map<String, Map<String, Shared>> seeds = new TreeMap<>();
  private final Map<String, Shared> returns = new HashMap<>();
  private final Map<String, Shared> fields = new HashMap<>();
  private final Set<String> summarizedNames = new HashSet<>();
  /**
   * The names each body calls or reads, computed on first need: only once some body has a summary
   * (a program with no cache reads needs none of them). Bounded by the program's bodies.
   */
  private final Map<String, Set<String>> namesUsed = new HashMap<>();
  private final Set<String> relevant = new HashSet<>();
  /**
   * {@link KubernetesModels#isCacheType} by type name: the prescreen asks it at every call and
   * field read of the program, and each answer walks the type's supertypes once per cache type.
   * One entry per declared type met, so bounded by the program.
   */
  private final Map<String, Boolean> cacheTypes = new HashMap<>();
  private final List<Mutation> mutations;

  public OperatorFacts(ProgramIndex index, KubernetesModels models) {
    this.index = index;
    this.models = models;
    this.mutations = compute();
  }

  /** Every change to an object shared with a cache, in file and position order. */
  public List<Mutation> mutations() {
    return mutations;
  }

  public ProgramIndex index() {
    return index;
  }

  private List<Mutation> compute() {
    prescreen();
    Map<String, List<Mutation>> found = new LinkedHashMap<>();
    CachedFlow.Program program = new ProgramView();
    for (int round = 0; round < MAX_ROUNDS; round++) {
      boolean changed = false;
      for (ProgramIndex.Body b : index.bodies().values()) {
        if (!isCandidate(b)) {
          continue;
        }
        CachedFlow.Outcome o = new CachedFlow(b, models, program)
            .run(seeds.getOrDefault(b.id(), Map.of()));
        found.put(b.id(), o.mutations());
        for (var e : o.seeds().entrySet()) {
          for (var v : e.getValue().entrySet()) {
            changed |= merge(seeds.computeIfAbsent(e.getKey(), k -> new TreeMap<>()),
                v.getKey(), v.getValue());
          }
        }
        if (o.returned() != null && merge(returns, b.id(), o.returned())) {
          changed = true;
          summarizedNames.add(b.method().name());
        }
        for (var f : o.fieldStores().entrySet()) {
          if (merge(fields, f.getKey(), f.getValue())) {
            changed = true;
            summarizedNames.add(f.getKey().substring(f.getKey().indexOf('#') + 1));
          }
        }
      }
      if (!changed) {
        break;
      }
    }
    List<Mutation> out = new ArrayList<>();
    found.values().forEach(out::addAll);
    out.sort(Comparator.comparing((Mutation m) -> m.body().file().path())
        .thenComparing(m -> m.at().pos()));
    return List.copyOf(out);
  }

  private static boolean merge(Map<String, Shared> map, String key, Shared v) {
    Shared old = map.get(key);
    Shared joined = Shared.join(old, v);
    if (joined.equals(old)) {
      return false;
    }
    map.put(key, joined);
    return true;
  }

  private boolean isCandidate(ProgramIndex.Body b) {
    if (relevant.contains(b.id()) || seeds.containsKey(b.id())) {
      return true;
    }
    if (summarizedNames.isEmpty()) {
      return false;
    }
    Set<String> names = namesUsed.computeIfAbsent(b.id(), k -> namesIn(b));
    for (String n : names) {
      if (summarizedNames.contains(n)) {
        return true;
      }
    }
    return false;
  }

  /**
   * One walk over every body, up to its first cache read: which read a cache (by the receiver's
   * type or a name only caches have) or a declared source, and the event handlers' parameters as
   * first seeds. (The names each body uses are collected later, only if some body gets a summary.)
   */
  private void prescreen() {
    for (ProgramIndex.Body b : index.bodies().values()) {
      if (b.lambda() != null) {
        lambdaBodies.put(b.lambda(), b.id());
      }
      boolean[] hit = {false};
      IrWalker.forEachExpr(b.block(), e -> {
        if (hit[0]) {
          return;
        }
        if (e instanceof Expr.Call c) {
          hit[0] = readsCache(c);
        } else if (e instanceof Expr.FieldAccess f) {
          String t = CachedFlow.className(f.type());
          hit[0] = models.isDeclaredSourceField(f.ownerClass(), f.name())
              || (t != null && isCacheType(t));
        }
      });
      if (hit[0]) {
        relevant.add(b.id());
      }
      seedEventHandler(b);
    }
  }

  /** The names of the methods {@code b} calls or refers to and of the fields it reads. */
  private static Set<String> namesIn(ProgramIndex.Body b) {
    Set<String> names = new HashSet<>();
    IrWalker.forEachExpr(b.block(), e -> {
      if (e instanceof Expr.Call c) {
        names.add(c.target().name());
      } else if (e instanceof Expr.FieldAccess f) {
        names.add(f.name());
      } else if (e instanceof Expr.MethodRef m && m.target() != null) {
        names.add(m.target().name());
      }
    });
    return names;
  }

  private boolean readsCache(Expr.Call c) {
    String name = c.target().name();
    String recv = CachedFlow.declaredType(c.receiver());
    return models.cacheRead(recv, name) != null
        || models.isDeclaredSourceMethod(recv, c.target().owner(), name)
        || (recv != null && isCacheType(recv));
  }

  private boolean isCacheType(String type) {
    return cacheTypes.computeIfAbsent(type, models::isCacheType);
  }

  /** The object parameters of {@code onAdd/onUpdate/onDelete} of an event handler class. */
  private void seedEventHandler(ProgramIndex.Body b) {
    MethodDecl m = b.method();
    if (b.lambda() != null || m == null || !KubernetesModels.isEventMethod(m.name())
        || b.owner() == null || !models.isEventHandler(b.owner().id())) {
      return;
    }
    for (Param p : m.params()) {
      TypeRef t = p.type();
      if (t == null || t.isPrimitive() || "java.lang.Boolean".equals(t.name())) {
        continue;
      }
      Origin o = new Origin(Origin.Kind.EVENT_PARAMETER, p.name(),
          "ResourceEventHandler." + m.name(), b.id(), m.pos(), false);
      seeds.computeIfAbsent(b.id(), k -> new TreeMap<>())
          .put(p.name(), new Shared(Shared.Kind.OBJECT, o, null));
      relevant.add(b.id());
    }
  }

  /** The program as {@link CachedFlow} sees it: callees, lambdas and the summaries so far. */
  private final class ProgramView implements CachedFlow.Program {
    @Override
    public List<ProgramIndex.Body> callees(Expr call) {
      MethodDecl m = target(call);
      if (m == null) {
        return List.of();
      }
      List<ProgramIndex.Body> out = new ArrayList<>();
      add(m, out);
      Expr receiver = call instanceof Expr.Call c ? c.receiver()
          : call instanceof Expr.MethodRef r ? r.receiver() : null;
      for (MethodDecl o : index.overrides(m, receiver)) {
        add(o, out);
      }
      return out;
    }

    private void add(MethodDecl m, List<ProgramIndex.Body> out) {
      String id = index.bodyIdOf(m);
      ProgramIndex.Body b = id == null ? null : index.body(id);
      if (b != null && b.method() != null) {
        out.add(b);
      }
    }

    private MethodDecl target(Expr call) {
      if (call instanceof Expr.New n) {
        String type = CachedFlow.className(n.type());
        return type == null ? null
            : index.findMethod(type, MethodDecl.CONSTRUCTOR, n.args().size(),
                n.constructor() == null ? List.of() : n.constructor().paramTypes());
      }
      dev.shareguard.core.ir.MethodTarget t;
      Expr receiver;
      if (call instanceof Expr.Call c) {
        t = c.target();
        receiver = c.receiver();
      } else if (call instanceof Expr.MethodRef r && r.target() != null) {
        t = r.target();
        receiver = r.receiver();
      } else {
        return null;
      }
      String cls = t.owner();
      if (cls == null && receiver instanceof Expr.ThisRef self) {
        cls = self.classId();
      } else if (cls == null && receiver != null) {
        cls = CachedFlow.className(receiver.type());
      }
      int arity = call instanceof Expr.MethodRef ? 1 : t.arity();
      return index.findMethod(cls, t.name(), arity, t.paramTypes());
    }

    @Override
    public boolean isProjectClass(String classId) {
      return classId != null && index.classById(classId) != null;
    }

    @Override
    public String lambdaBody(Expr.Lambda lambda) {
      return lambdaBodies.get(lambda);
    }

    @Override
    public Shared returned(String bodyId) {
      return returns.get(bodyId);
    }

    @Override
    public Shared field(String owner, String name) {
      return owner == null ? null : fields.get(owner + "#" + name);
    }
  }
}
