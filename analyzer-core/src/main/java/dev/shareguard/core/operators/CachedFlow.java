package dev.shareguard.core.operators;

import dev.shareguard.core.cfg.Cfg;
import dev.shareguard.core.cfg.CfgBuilder;
import dev.shareguard.core.cfg.Node;
import dev.shareguard.core.dataflow.ForwardAnalysis;
import dev.shareguard.core.engine.ProgramIndex;
import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.Stmt;
import dev.shareguard.core.ir.TypeRef;
import dev.shareguard.core.ir.UserText;
import dev.shareguard.core.model.KubernetesModels;
import dev.shareguard.core.model.KubernetesModels.Yield;
import dev.shareguard.core.operators.Shared.Kind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which locals of one body hold objects shared with an informer cache, and what the body does with
 * them: a forward analysis over the body's {@link Cfg} whose state maps each local to its {@link
 * Shared} value. Afterwards, one pass over the reached nodes reports what the body changes in
 * place, what it hands to other bodies (arguments, captured locals, elements passed to {@code
 * ifPresent}/{@code forEach}), what it stores in fields and what it returns; {@link OperatorFacts}
 * turns those into summaries and runs the callees.
 */
final class CachedFlow extends ForwardAnalysis<CachedFlow.Env> {

  /**
   * Locals to values; absent means untracked. Join: the locals tracked on both paths, each with
   * {@link Shared#join} of its two values. A local shared on one path only is dropped: the rules
   * report what surely holds a cached object, since a value that is shared only when one branch
   * was taken is usually changed under another, correlated condition ({@code toUpdate =
   * noUpdate ? cached : fresh}, changed only when an update was asked for).
   */
  record Env(Map<String, Shared> vars) {
    Env with(String name, Shared v) {
      if (v == null ? !vars.containsKey(name) : v.equals(vars.get(name))) {
        return this;
      }
      Map<String, Shared> m = new TreeMap<>(vars);
      if (v == null) {
        m.remove(name);
      } else {
        m.put(name, v);
      }
      return new Env(Collections.unmodifiableMap(m));
    }

    Shared get(String name) {
      return vars.get(name);
    }
  }

  /** What the pass over one body found. */
  record Outcome(
      List<OperatorFacts.Mutation> mutations,
      Map<String, Map<String, Shared>> seeds,
      Shared returned,
      Map<String, Shared> fieldStores) {}

  /** What the flow asks of the rest of the program. */
  interface Program {
    /** The bodies a call (or constructor) may run, with their parameter names. */
    List<ProgramIndex.Body> callees(Expr call);

    /** The body of a lambda. */
    String lambdaBody(Expr.Lambda lambda);

    /** What a body returns, if it is shared with a cache. */
    Shared returned(String bodyId);

    /** What a field holds, if it is shared with a cache. */
    Shared field(String owner, String name);

    /** Whether {@code classId} is analysed code, whose calls both front ends resolve alike. */
    boolean isProjectClass(String classId);
  }

  private final ProgramIndex.Body body;
  private final KubernetesModels models;
  private final Program program;

  CachedFlow(ProgramIndex.Body body, KubernetesModels models, Program program) {
    this.body = body;
    this.models = models;
    this.program = program;
  }

  /** Runs the analysis from {@code seeds} (parameters and captured locals) and collects. */
  Outcome run(Map<String, Shared> seeds) {
    Cfg cfg = CfgBuilder.build(body.block());
    Map<Node, Env> in = run(cfg, new Env(Map.copyOf(seeds)));
    Collector c = new Collector();
    for (Node n : cfg.reversePostOrder()) {
      Env env = in.get(n);
      if (env != null && n.kind() == Node.Kind.EXPR) {
        c.node(n.expr(), env);
      }
    }
    Shared returned = null;
    for (Node n : cfg.reversePostOrder()) {
      Env env = in.get(n);
      if (env != null && n.kind() == Node.Kind.NOP && n.stmt() instanceof Stmt.Return r) {
        returned = Shared.join(returned, eval(r.expr(), env));
      }
    }
    return new Outcome(c.mutations, c.seeds, returned, c.fields);
  }

  @Override
  protected Env join(Env a, Env b) {
    if (a.equals(b)) {
      return a;
    }
    Map<String, Shared> m = new TreeMap<>();
    a.vars().forEach((k, v) -> {
      Shared other = b.get(k);
      if (other != null) {
        m.put(k, Shared.join(v, other));
      }
    });
    return new Env(Collections.unmodifiableMap(m));
  }

  @Override
  protected Env transfer(Node node, Env in) {
    if (node.kind() == Node.Kind.DECL && node.stmt() instanceof Stmt.LocalVar v) {
      return in.with(v.name(), v.init() == null ? null : eval(v.init(), in));
    }
    if (node.kind() == Node.Kind.ITER_NEXT && node.stmt() instanceof Stmt.ForEach f) {
      return in.with(f.var(), element(eval(f.iterable(), in)));
    }
    if (node.kind() == Node.Kind.EXPR && node.expr() instanceof Expr.Assign a
        && a.target() instanceof Expr.LocalRef l) {
      return in.with(l.name(), eval(a.value(), in));
    }
    return in;
  }

  /** An element of {@code v}: the cached instances in a container, the parts of an object. */
  private static Shared element(Shared v) {
    if (v == null || (v.kind() != Kind.ELEMENTS && v.kind() != Kind.OBJECT)) {
      return null;
    }
    return v.as(Kind.OBJECT);
  }

  /** The value of {@code e} in {@code env}: one small case per expression kind. */
  Shared eval(Expr e, Env env) {
    if (e instanceof Expr.LocalRef l) {
      return env.get(l.name());
    } else if (e instanceof Expr.Cast c) {
      return eval(c.expr(), env);
    } else if (e instanceof Expr.Assign a) {
      return eval(a.value(), env);
    } else if (e instanceof Expr.Conditional c) {
      Shared t = eval(c.whenTrue(), env);
      Shared f = eval(c.whenFalse(), env);
      return t == null || f == null ? null : Shared.join(t, f);
    } else if (e instanceof Expr.FieldAccess f) {
      return field(f, env);
    } else if (e instanceof Expr.Call c) {
      return call(c, env);
    } else if (e instanceof Expr.New n) {
      return allocation(n, env);
    }
    return null;
  }

  private Shared field(Expr.FieldAccess f, Env env) {
    Shared recv = f.receiver() == null ? null : eval(f.receiver(), env);
    if (recv != null && (recv.kind() == Kind.OBJECT || recv.kind() == Kind.COPY)) {
      return recv;
    }
    if (models.isDeclaredSourceField(f.ownerClass(), f.name())) {
      return declared(f, Kind.ELEMENTS, f.ownerClass(), f.name());
    }
    Shared stored = program.field(f.ownerClass(), f.name());
    if (stored != null) {
      return stored;
    }
    String type = models.cacheTypeOf(className(f.type()));
    if (type != null) {
      Origin o = new Origin(Origin.Kind.CACHE_READ, UserText.expr(f),
          UserText.simpleName(className(f.type())), body.id(), f.pos(),
          KubernetesModels.hasDeepCopyFix(type));
      return new Shared(Kind.HANDLE, o, type);
    }
    return null;
  }

  private Shared call(Expr.Call c, Env env) {
    String name = c.target().name();
    String owner = program.isProjectClass(c.target().owner()) ? c.target().owner() : null;
    String recvType = declaredType(c.receiver());
    if (models.isDeepCopy(c.target().owner(), name) || models.isDeepCopy(recvType, name)) {
      return null;
    }
    Shared recv = c.receiver() == null ? null : eval(c.receiver(), env);
    if (c.receiver() == null && KubernetesModels.wrapsArguments(c.target().owner(), name)) {
      Shared held = null;
      for (Expr a : c.args()) {
        held = Shared.join(held, element(eval(a, env)));
      }
      return held == null ? null : held.as(Kind.ELEMENTS);
    }
    if (models.isDeclaredSourceMethod(recvType, owner, name)) {
      Kind k = isContainer(c.target().returnType()) || isContainer(c.type())
          ? Kind.ELEMENTS : Kind.OBJECT;
      return declared(c, k, owner != null ? owner : recvType, name);
    }
    Shared read = cacheRead(c, recv, recvType, owner, name);
    if (read != null) {
      return read;
    }
    if (recv != null) {
      Shared r = onShared(c, recv, name);
      if (r != null) {
        return r;
      }
    }
    Shared returned = null;
    for (ProgramIndex.Body callee : program.callees(c)) {
      returned = Shared.join(returned, program.returned(callee.id()));
    }
    return returned;
  }

  /**
   * A read of a cache: a modelled call on a handle, or on a receiver whose static type is a cache.
   * The source is named from the handle when there is one, so both front ends name it alike
   * whatever static types they resolved: {@code SharedIndexInformer.getStore().getByKey}.
   */
  private Shared cacheRead(Expr.Call c, Shared recv, String recvType, String owner, String name) {
    String cacheType = null;
    String base = null;
    Yield y = null;
    if (recv != null && recv.kind() == Kind.HANDLE) {
      cacheType = recv.via();
      base = recv.origin().source();
      y = models.handleRead(cacheType, name);
    }
    if (y == null) {
      cacheType = models.cacheTypeOf(recvType);
      y = cacheType == null ? null : models.cacheRead(recvType, name);
      base = UserText.simpleName(recvType);
    }
    if (y == null) {
      return null;
    }
    boolean fabric8 = KubernetesModels.hasDeepCopyFix(cacheType);
    String source = base + "." + name + (y == Yield.HANDLE ? "()" : "");
    Origin o = new Origin(Origin.Kind.CACHE_READ, UserText.expr(c), source, body.id(), c.pos(),
        fabric8 && y != Yield.COLLECTION);
    return switch (y) {
      case HANDLE -> new Shared(Kind.HANDLE, o, KubernetesModels.handleType(cacheType, name));
      case COLLECTION -> new Shared(Kind.ELEMENTS, o, null);
      case OBJECT -> new Shared(Kind.OBJECT, o, null);
    };
  }

  /** A call on a value already shared with the cache. */
  private static Shared onShared(Expr.Call c, Shared recv, String name) {
    switch (recv.kind()) {
      case ELEMENTS:
        if (KubernetesModels.readsElement(name)) {
          return recv.as(Kind.OBJECT);
        }
        return KubernetesModels.readsElements(name) ? recv : null;
      case OBJECT:
        if (KubernetesModels.startsBuilder(name)) {
          return recv.as(Kind.BUILDER);
        }
        if (name.equals("stream")) {
          return recv.as(Kind.ELEMENTS);
        }
        return isPartRead(name) ? recv : null;
      case BUILDER:
        if (name.startsWith("build") || KubernetesModels.endsBuilder(name)) {
          return new Shared(Kind.COPY, recv.origin(), UserText.expr(c));
        }
        return recv;
      case COPY:
        if (name.equals("get") && isMapGet(c)) {
          return recv.as(Kind.OBJECT);
        }
        if (name.equals("values") || name.equals("entrySet")) {
          return recv.as(Kind.ELEMENTS);
        }
        return name.startsWith("get") ? recv : null;
      default:
        return null;
    }
  }

  /** Calls that return a live part of an object: getters and container views. */
  private static boolean isPartRead(String name) {
    return name.startsWith("get") || name.equals("values") || name.equals("keySet")
        || name.equals("entrySet") || name.equals("iterator") || name.equals("listIterator")
        || name.equals("next") || name.equals("subList");
  }

  /**
   * Whether {@code c} reads a map rather than a list: by the receiver's type when known, else by
   * the argument (a list is indexed by an {@code int}).
   */
  private static boolean isMapGet(Expr.Call c) {
    String t = declaredType(c.receiver());
    if (t != null && (t.equals("java.util.List") || t.endsWith("List"))) {
      return false;
    }
    if (c.args().size() != 1) {
      return false;
    }
    TypeRef a = c.args().get(0).type();
    return !(a != null && a.isPrimitive());
  }

  private Shared allocation(Expr.New n, Env env) {
    if (n.args().size() != 1) {
      return null;
    }
    Shared arg = eval(n.args().get(0), env);
    if (arg == null) {
      return null;
    }
    String type = className(n.type());
    if (arg.kind() == Kind.OBJECT && KubernetesModels.isBuilderType(type)) {
      return arg.as(Kind.BUILDER);
    }
    if (type != null && type.startsWith("java.util.")
        && (arg.kind() == Kind.ELEMENTS || arg.kind() == Kind.OBJECT)) {
      // A copy of a cached list or map: a new container, the same cached elements.
      return arg.as(Kind.ELEMENTS);
    }
    return null;
  }

  /** A read of a source declared in config: a cache wrapper's getter, or its storage field. */
  private Shared declared(Expr at, Kind k, String type, String member) {
    String source = (type == null ? "" : UserText.simpleName(type) + ".") + member;
    return new Shared(k, new Origin(Origin.Kind.CACHE_READ, UserText.expr(at), source, body.id(),
        at.pos(), false), null);
  }

  private static boolean isContainer(TypeRef t) {
    String n = className(t);
    return n != null && (n.startsWith("java.util.") || n.startsWith("java.lang.Iterable"));
  }

  /**
   * The static type of a receiver when both front ends know it alike: a variable's or field's
   * declared type (resolved through imports even without a class path), a cast, or {@code this}.
   * The type of a call's result is left out: javac resolves library return types and the CLI
   * without a class path does not, and the findings must not depend on which one ran.
   */
  static String declaredType(Expr receiver) {
    if (receiver instanceof Expr.ThisRef t) {
      return t.classId();
    }
    if (receiver instanceof Expr.LocalRef || receiver instanceof Expr.FieldAccess
        || receiver instanceof Expr.Cast) {
      return className(receiver.type());
    }
    return null;
  }

  static String className(TypeRef t) {
    return t != null && t.kind() == TypeRef.Kind.CLASS && t.arrayDims() == 0 ? t.name() : null;
  }

  /** Collects what the body does with shared values, node by node, from the converged states. */
  private final class Collector {
    final List<OperatorFacts.Mutation> mutations = new ArrayList<>();
    final Map<String, Map<String, Shared>> seeds = new LinkedHashMap<>();
    final Map<String, Shared> fields = new LinkedHashMap<>();

    void node(Expr e, Env env) {
      if (e instanceof Expr.Call c) {
        Shared recv = c.receiver() == null ? null : eval(c.receiver(), env);
        String recvType = declaredType(c.receiver());
        if (recv != null && recv.kind() == Kind.OBJECT
            && KubernetesModels.isMutator(recvType, c.target().name(), c.args().size())) {
          mutations.add(new OperatorFacts.Mutation(body, c, recv));
        }
        if (recv != null && (recv.kind() == Kind.ELEMENTS || recv.kind() == Kind.OBJECT)
            && KubernetesModels.passesElements(c.target().name())) {
          passElements(c, recv.as(Kind.OBJECT));
        }
        arguments(c, c.args(), env);
      } else if (e instanceof Expr.New n) {
        arguments(n, n.args(), env);
      } else if (e instanceof Expr.Lambda l) {
        String id = program.lambdaBody(l);
        if (id != null) {
          env.vars().forEach((k, v) -> seed(id, k, v));
        }
      } else if (e instanceof Expr.Assign a && a.target() instanceof Expr.FieldAccess f) {
        Shared recv = f.receiver() == null ? null : eval(f.receiver(), env);
        if (recv != null && recv.kind() == Kind.OBJECT) {
          mutations.add(new OperatorFacts.Mutation(body, a, recv));
        }
        Shared v = eval(a.value(), env);
        if (v != null && f.ownerClass() != null
            && (v.kind() == Kind.OBJECT || v.kind() == Kind.ELEMENTS)) {
          fields.merge(f.ownerClass() + "#" + f.name(), v, Shared::join);
        }
      }
    }

    private void arguments(Expr call, List<Expr> args, Env env) {
      List<ProgramIndex.Body> callees = null;
      for (int i = 0; i < args.size(); i++) {
        Shared v = eval(args.get(i), env);
        if (v == null) {
          continue;
        }
        if (callees == null) {
          callees = program.callees(call);
        }
        for (ProgramIndex.Body callee : callees) {
          var params = callee.method().params();
          if (i < params.size() && !(callee.method().varargs() && i >= params.size() - 1)) {
            seed(callee.id(), params.get(i).name(), v);
          }
        }
      }
    }

    /** {@code cached.ifPresent(x -> …)}, {@code list.forEach(this::fix)}: elements flow in. */
    private void passElements(Expr.Call c, Shared element) {
      for (Expr a : c.args()) {
        if (a instanceof Expr.Lambda l && !l.params().isEmpty()) {
          String id = program.lambdaBody(l);
          if (id != null) {
            seed(id, l.params().get(0).name(), element);
          }
        } else if (a instanceof Expr.MethodRef m && m.receiver() != null) {
          for (ProgramIndex.Body callee : program.callees(m)) {
            var params = callee.method().params();
            if (!params.isEmpty()) {
              seed(callee.id(), params.get(0).name(), element);
            }
          }
        }
      }
    }

    private void seed(String bodyId, String name, Shared v) {
      seeds.computeIfAbsent(bodyId, k -> new TreeMap<>()).merge(name, v, Shared::join);
    }
  }
}
