package dev.shareguard.core.engine;

import dev.shareguard.core.ir.ClassDecl;
import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.FieldDecl;
import dev.shareguard.core.ir.MethodDecl;
import dev.shareguard.core.ir.Stmt;
import dev.shareguard.core.model.LibraryModels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What every value ever stored in a field is, summed over the program: whether all of them are
 * thread-safe containers, immutable containers, single-thread executors or access-ordered maps.
 * A field declared {@code Map} but only ever assigned {@code new ConcurrentHashMap<>()} is a
 * thread-safe container.
 */
public final class FieldFacts {
  private static final StoredValues NONE = new StoredValues();
  /**
   * Stored values by field: {@code elements} false for what the field itself holds, true for what
   * its container or reference holds (the values put in, the object published). Equality written
   * out, as {@link AbsVal} explains.
   */
  private record FieldKey(String owner, String field, boolean elements) {
    @Override
    public boolean equals(Object o) {
      return o == this
          || o instanceof FieldKey v
              && Objects.equals(owner, v.owner)
              && Objects.equals(field, v.field)
              && elements == v.elements;
    }

    @Override
    public int hashCode() {
      int h = Objects.hashCode(owner);
      h = 31 * h + Objects.hashCode(field);
      h = 31 * h + Boolean.hashCode(elements);
      return h;
    }
  }

  private final Map<FieldKey, StoredValues> facts = new HashMap<>();
  private final LibraryModels models;

  private final LocalDefs locals = new LocalDefs();
  private final StoredClasses stored;

  private final ProgramIndex index;
  private final ProjectContainers projectContainers;
  private final ReturnValues returnValues;

  /** The program's lock guard classes ({@link LockGuards}), asked as bodies are analysed. */
  final LockGuards lockGuards;
  /** Helpers' lock summaries, worked out once per run ({@link LockSummaries.Shared}). */
  final LockSummaries.Shared lockSummaries = new LockSummaries.Shared();
  /** Serial runners handed a once-gate ({@link HandedGates}). */
  final HandedGates handedGates;
  /** Static flags their class's initialization sets ({@link ClassInitFlags}). */
  final ClassInitFlags classInitFlags;
  /** Wait methods of the program's own executors ({@link ExecutorWaits}). */
  final ExecutorWaits executorWaits;
  /** Constant conditions ({@link ConstantConditions}). */
  final ConstantConditions constants;
  /** Whether code reopens a once-gate, asked once per flag ({@link OnceGates.Reopened}). */
  final OnceGates.Reopened reopenedGates;
  /** Reference fields building their owner always fills ({@link FilledWhenBuilt}). */
  final FilledWhenBuilt filledWhenBuilt;
  /** Every store into each field, by "owner#field", for {@link #filledWhenBuilt}. */
  private final Map<String, List<FilledWhenBuilt.Store>> storesByField = new HashMap<>();
  /** Names of fields stored into through a receiver of unresolved type. */
  private final Set<String> unresolvedStoreNames = new HashSet<>();

  public FieldFacts(ProgramIndex index, LibraryModels models) {
    this.models = models;
    this.index = index;
    this.lockGuards = new LockGuards(index);
    this.handedGates = new HandedGates(index, models);
    this.classInitFlags = new ClassInitFlags(index);
    this.executorWaits = new ExecutorWaits(index, models);
    this.constants = new ConstantConditions(index);
    this.reopenedGates = new OnceGates.Reopened(index);
    this.filledWhenBuilt = new FilledWhenBuilt(index, storesByField, unresolvedStoreNames);
    this.stored = new StoredClasses(index, locals);
    this.projectContainers = new ProjectContainers(index, models, stored::storedClasses);
    this.returnValues = new ReturnValues(index, models, locals);
    for (ClassDecl c : index.classes().values()) {
      for (FieldDecl f : c.fields()) {
        if (f.initializer() != null) {
          // A lambda or anonymous body in an initializer may store into a field later.
          IrWalker.forEachExpr(f.initializer(), e -> noteStore(e, null));
          record(new FieldKey(c.id(), f.name(), false), f.initializer(), null);
          stored.noteStore(c.id(), f.name(), f.initializer(), null);
          IrWalker.forEachExpr(f.initializer(), e -> stored.noteConstructorCall(e, null));
          if (f.initializer() instanceof Expr.New n && models.isPublishingHolder(n.type().name())
              && n.args().size() == 1) {
            // new AtomicReference<>(initial) publishes its first snapshot.
            record(new FieldKey(c.id(), f.name(), true), n.args().get(0), null);
          }
        }
      }
      for (MethodDecl m : c.methods()) {
        if (m.body() != null) {
          // Worked out when a store needs it: few calls put a local into a field's map.
          java.util.concurrent.atomic.AtomicReference<Map<String, Expr>> found =
              new java.util.concurrent.atomic.AtomicReference<>();
          java.util.function.Supplier<Map<String, Expr>> locals = () -> found.updateAndGet(
              v -> v != null ? v : LocalDefs.singleNewValues(m.body()));
          IrWalker.forEachExpr(
              m.body(),
              e -> {
                noteStore(e, m);
                if (e instanceof Expr.Assign a
                    && a.target() instanceof Expr.FieldAccess fa
                    && fa.ownerClass() != null) {
                  record(new FieldKey(fa.ownerClass(), fa.name(), false), a.value(), m,
                      fa.isStatic() || fa.receiver() == null
                          || fa.receiver() instanceof Expr.ThisRef);
                  stored.noteStore(fa.ownerClass(), fa.name(), a.value(), m);
                  if (a.value() instanceof Expr.New n && models.isPublishingHolder(n.type().name())
                      && n.args().size() == 1) {
                    // this.ref = new AtomicReference<>(initial) publishes its first snapshot.
                    record(new FieldKey(fa.ownerClass(), fa.name(), true), n.args().get(0), m);
                  }
                } else if (e instanceof Expr.Assign a
                    && a.target() instanceof Expr.FieldAccess fa) {
                  // A store into a field of an unresolved class may be into any field so named.
                  stored.noteUnresolvedStore(fa.name());
                } else if (e instanceof Expr.Call call) {
                  recordMapValue(call, locals, m);
                  if (call.args().stream().anyMatch(x -> x instanceof Expr.FieldAccess)) {
                    callsWithFieldArguments.add(call);
                  }
                }
                stored.noteConstructorCall(e, m);
              });
        }
      }
    }
    recordParameterMapValues();
    judgeProjectTypes();
    judgeValuesMadeElsewhere();
    judgeFieldCopies();
    returnValues.computeAll();
  }

  private void noteStore(Expr e, MethodDecl in) {
    if (e instanceof Expr.Assign a && a.target() instanceof Expr.FieldAccess fa) {
      if (fa.ownerClass() == null) {
        unresolvedStoreNames.add(fa.name());
      } else {
        storesByField.computeIfAbsent(fa.ownerClass() + "#" + fa.name(), k -> new ArrayList<>())
            .add(new FilledWhenBuilt.Store(a, in));
      }
    }
  }

  /**
   * Values put into a map field ({@code put}, {@code putIfAbsent}, what a {@code computeIfAbsent}
   * function returns) are summed as the pseudo-field {@code name[*]}: a map declared {@code Map<K,
   * List<V>>} whose lists are all {@code CopyOnWriteArrayList}s holds thread-safe values. {@code
   * locals}: the locals of the body only ever given one value, enough to see that {@code set =
   * ConcurrentHashMap.newKeySet(); map.putIfAbsent(k, set)} puts a thread-safe set. A map that is
   * a parameter of {@code in} is noted for the map fields callers pass ({@link
   * #recordParameterMapValues}).
   */
  private void recordMapValue(Expr.Call call,
      java.util.function.Supplier<Map<String, Expr>> locals, MethodDecl in) {
    if (call.receiver() instanceof Expr.LocalRef p && in != null
        && models.isMap(call.receiver().type().name())) {
      // A helper handed the map (getList(listeners, key) { return map.computeIfAbsent(…); }):
      // its values are the map field's that each call passes (recordParameterMapValues).
      for (int i = 0; i < in.params().size(); i++) {
        if (in.params().get(i).name().equals(p.name())) {
          for (Expr value : mapValues(call)) {
            if (value instanceof Expr.LocalRef l && locals.get().containsKey(l.name())) {
              value = locals.get().get(l.name());
            }
            parameterMapValues.computeIfAbsent(in, k -> new HashMap<>())
                .computeIfAbsent(i, k -> new ArrayList<>()).add(value);
          }
        }
      }
      return;
    }
    if (!(call.receiver() instanceof Expr.FieldAccess fa) || fa.ownerClass() == null) {
      return;
    }
    if (models.isPublishingHolder(call.receiver().type().name())) {
      int arg = LibraryModels.publishedArgument(call.target().name(), call.args().size());
      if (arg >= 0) {
        Expr v = call.args().get(arg);
        if (v instanceof Expr.LocalRef l && locals.get().containsKey(l.name())) {
          v = locals.get().get(l.name());
        }
        FieldKey contents = new FieldKey(fa.ownerClass(), fa.name(), true);
        record(contents, v, null);
        StoredValues held = facts.get(contents);
        if (held != null && held.madeElsewhere != null && !held.madeElsewhere.isEmpty()
            && held.madeElsewhere.get(held.madeElsewhere.size() - 1).value() == v
            && handedInByAnUncalledMethod(v, in)) {
          // The published value handed in by an API setter nothing calls (ref.set(map)).
          held.madeElsewhere.remove(held.madeElsewhere.size() - 1);
          held.handedIn++;
        }
      }
      return;
    }
    if (!models.isMap(call.receiver().type().name())) {
      return;
    }
    for (Expr value : mapValues(call)) {
      if (value instanceof Expr.LocalRef l && locals.get().containsKey(l.name())) {
        value = locals.get().get(l.name());
      }
      record(new FieldKey(fa.ownerClass(), fa.name(), true), value, null);
    }
  }

  /**
   * The values a map's remapping function puts in: what its {@code return}s give, arm by arm of a
   * {@code ?:}, leaving out {@code null} (it removes) and the function's parameters (the value
   * already held, or the one {@code merge} was given, which is recorded from its argument).
   */
  private static List<Expr> madeByFunction(Expr.Lambda l) {
    List<Expr> out = new ArrayList<>();
    java.util.Set<String> params = new java.util.HashSet<>();
    l.params().forEach(p -> params.add(p.name()));
    for (Expr r : IrWalker.returned(l.body())) {
      addArms(r, params, out);
    }
    return out;
  }

  private static void addArms(Expr e, java.util.Set<String> params, List<Expr> out) {
    if (e == null || e instanceof Expr.Literal lit && lit.text().equals("null")
        || e instanceof Expr.LocalRef ref && params.contains(ref.name())) {
      return;
    }
    if (e instanceof Expr.Conditional c) {
      addArms(c.whenTrue(), params, out);
      addArms(c.whenFalse(), params, out);
      return;
    }
    out.add(e);
  }

  /** See {@link StoredClasses#storedClasses(String, String)}. */
  public Set<String> storedClasses(String owner, String name) {
    return stored.storedClasses(owner, name);
  }

  /** See {@link StoredClasses#storedClassesOfMadeObject}. */
  public Set<String> storedClassesOfMadeObject(String owner, String name) {
    return stored.storedClassesOfMadeObject(owner, name);
  }

  static int paramIndex(MethodDecl m, String name) {
    for (int i = 0; i < m.params().size(); i++) {
      if (m.params().get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Whether every value local {@code local} of {@code m} is ever given is a thread-safe container:
   * made as one, by a thread-safe factory, or by the creating function of a {@code
   * computeIfAbsent} that makes one.
   */
  public boolean localHoldsOnlyThreadSafe(MethodDecl m, String local) {
    List<Expr> values = localValues(m, local);
    return values != null && !values.isEmpty() && values.stream().allMatch(v -> ThreadSafeValues.makes(v, models));
  }

  /** What analysed methods return (accessors and helpers), for the values of calls. */
  ReturnValues returnValues() {
    return returnValues;
  }

  /** See {@link LocalDefs#localValues}. */
  List<Expr> localValues(MethodDecl m, String name) {
    return locals.localValues(m, name);
  }

  /**
   * Whether field {@code name} of {@code owner} holds a thread-safe map: declared as one, or a
   * {@code Map} every store fills with one.
   */
  public boolean isThreadSafeMap(String owner, String name) {
    dev.shareguard.core.ir.FieldDecl decl = index.field(owner, name);
    if (decl == null || !models.isMap(decl.type().erasure())) {
      return false;
    }
    return models.isThreadSafeContainer(decl.type().erasure()) || of(owner, name).allThreadSafe();
  }

  /** What is known about the values stored in field {@code name} declared in {@code owner}. */
  public StoredValues of(String owner, String name) {
    return facts.getOrDefault(new FieldKey(owner, name, false), NONE);
  }

  /**
   * What is known about what the container or reference in field {@code name} of {@code owner}
   * holds: the values put into it, the object it publishes.
   */
  public StoredValues elementsOf(String owner, String name) {
    return facts.getOrDefault(new FieldKey(owner, name, true), NONE);
  }

  /** The values a map call stores: a put's value, what a compute or merge function makes. */
  private List<Expr> mapValues(Expr.Call call) {
    String name = call.target().name();
    List<Expr> values = new ArrayList<>();
    if ((name.equals("put") || name.equals("putIfAbsent")) && call.args().size() == 2) {
      values.add(call.args().get(1));
    } else if ((name.equals("computeIfAbsent") || name.equals("computeIfPresent")
            || name.equals("compute")) && call.args().size() == 2
        && call.args().get(1) instanceof Expr.Lambda l) {
      values.addAll(madeByFunction(l));
    } else if (name.equals("merge") && call.args().size() == 3) {
      values.add(call.args().get(1));
      if (call.args().get(2) instanceof Expr.Lambda l) {
        values.addAll(madeByFunction(l));
      }
    }
    return values;
  }

  /** Values stored into a map a method gets as a parameter, by method and parameter index. */
  private final Map<MethodDecl, Map<Integer, List<Expr>>> parameterMapValues =
      new java.util.IdentityHashMap<>();

  /** Calls with a field among their arguments, met while reading the program. */
  private final List<Expr.Call> callsWithFieldArguments = new ArrayList<>();

  /**
   * Values a helper stores into the map it is handed count for every map field a call passes it:
   * {@code getList(listeners, k)} with {@code getList} doing {@code map.computeIfAbsent(k, x ->
   * new CopyOnWriteArrayList<>())} gives {@code listeners} thread-safe values.
   */
  private void recordParameterMapValues() {
    if (parameterMapValues.isEmpty()) {
      return;
    }
    for (Expr.Call call : callsWithFieldArguments) {
      MethodDecl callee = index.calledMethod(call);
      Map<Integer, List<Expr>> byParam = callee == null ? null : parameterMapValues.get(callee);
      if (byParam == null) {
        continue;
      }
      byParam.forEach((i, values) -> {
        if (i < call.args().size() && call.args().get(i) instanceof Expr.FieldAccess fa
            && fa.ownerClass() != null) {
          for (Expr value : values) {
            record(new FieldKey(fa.ownerClass(), fa.name(), true), value, null);
          }
        }
      });
    }
  }

  /** Records a store of {@code value} made in {@code m} (null: an initializer). */
  private void record(FieldKey key, Expr value, MethodDecl m) {
    record(key, value, m, true);
  }

  /**
   * Records a store of {@code value} made in {@code m}; {@code ownObject}: into the field of the
   * object the code runs on (or a static field), not of another object of the class (a clone
   * being filled, {@code copy.items = new ArrayList<>(items)}), which publishes nothing to the
   * readers of this object's field.
   */
  private void record(FieldKey key, Expr value, MethodDecl m, boolean ownObject) {
    StoredValues f = facts.computeIfAbsent(key, k -> new StoredValues());
    if (isNull(value)) {
      // A null holds no container: no thread can change or read one through it.
      return;
    }
    f.stores++;
    Expr bare = value;
    while (bare instanceof Expr.Cast c) {
      bare = c.expr();
    }
    if (bare instanceof Expr.FieldAccess from && from.ownerClass() != null) {
      // Another field's value (previous = current): judged by that field's own stores, once
      // all are known (judgeFieldCopies).
      fieldCopies.computeIfAbsent(f, k -> new ArrayList<>())
          .add(new FieldKey(from.ownerClass(), from.name(), false));
      return;
    }
    int classified = f.classified();
    classify(f, value, m, ownObject);
    if (classified == f.classified()
        && (value instanceof Expr.Call || value instanceof Expr.LocalRef)) {
      if (f.madeElsewhere == null) {
        f.madeElsewhere = new ArrayList<>();
      }
      f.madeElsewhere.add(new StoredClasses.Store(value, m));
    }
  }

  /**
   * What a call of a project's static factory of a container stores: the expression the
   * factory's one statement returns ({@code static <K, V> Map<K, V> syncMap() { return
   * Collections.synchronizedMap(new LinkedHashMap<>()); }}), followed through up to three such
   * factories; {@code value} itself when it is no such call. A factory that does more than return
   * one expression, or returns no container (an executor, judged by its name), is not looked into.
   */
  private Expr madeByProjectFactory(Expr value) {
    for (int depth = 0; depth < 3; depth++) {
      if (!(value instanceof Expr.Call c) || c.receiver() != null || c.target().owner() == null
          || index.classById(c.target().owner()) == null || c.type() == null
          || !models.isContainer(c.type().name())) {
        return value;
      }
      MethodDecl m = index.findMethod(c.target().owner(), c.target().name(), c.target().arity(),
          c.target().paramTypes());
      if (m == null || !m.isStatic() || m.body() == null || m.body().stmts().size() != 1
          || !(m.body().stmts().get(0) instanceof Stmt.Return r) || r.expr() == null) {
        return value;
      }
      value = r.expr();
      while (value instanceof Expr.Cast cast) {
        value = cast.expr();
      }
    }
    return value;
  }

  /**
   * Counts one store of {@code value} (made in {@code m}, null: an initializer) into {@code f};
   * {@code ownObject}: into the object the code runs on, so a copy stored republishes the field.
   */
  private void classify(StoredValues f, Expr value, MethodDecl m, boolean ownObject) {
    // A chained assignment ({@code this.f = local = new X()}) stores what its right side is.
    while (value instanceof Expr.Cast || value instanceof Expr.Assign) {
      value = value instanceof Expr.Cast c ? c.expr() : ((Expr.Assign) value).value();
    }
    value = madeByProjectFactory(value);
    if (value instanceof Expr.Conditional c) {
      // {@code cond ? newConcurrentMap() : emptyMap()}: thread-safe when each branch is
      // thread-safe or immutable (and one is thread-safe), immutable when both are.
      StoredValues a = branch(c.whenTrue(), m);
      StoredValues b = branch(c.whenFalse(), m);
      boolean safeA = a.threadSafe + a.immutable == 1 || isNull(c.whenTrue());
      boolean safeB = b.threadSafe + b.immutable == 1 || isNull(c.whenFalse());
      if (safeA && safeB && a.threadSafe + b.threadSafe > 0) {
        f.threadSafe++;
      } else if (a.immutable == 1 && b.immutable == 1) {
        f.immutable++;
      }
      return;
    }
    // A local built here and stored whole is copy-on-write; a parameter is a caller's hand-over.
    boolean copy = value instanceof Expr.LocalRef l && (m == null || paramIndex(m, l.name()) < 0)
        || value instanceof Expr.New n && !n.args().isEmpty()
            && models.isContainer(n.type().name())
            && models.isContainer(n.args().get(0).type().name());
    if (ownObject && copy) {
      f.republished++;
    }
    if (value instanceof Expr.LocalRef l && m != null && localHoldsOnlyThreadSafe(m, l.name())) {
      // A snapshot built in a local that only ever holds thread-safe containers.
      f.threadSafe++;
      return;
    }
    if (value instanceof Expr.Lambda l) {
      f.lambda = l.id();
      f.lambdas++;
      return;
    }
    if (value instanceof Expr.Call c
        && c.receiver() instanceof Expr.FieldAccess rw
        && c.args().isEmpty()
        && (c.target().name().equals("readLock") || c.target().name().equals("writeLock")
            || c.target().name().equals("asReadLock") || c.target().name().equals("asWriteLock"))
        && (rw.receiver() == null || rw.receiver() instanceof Expr.ThisRef)) {
      boolean read = c.target().name().toLowerCase(java.util.Locale.ROOT).contains("read");
      if (f.lockViews == 0 || (rw.name().equals(f.lockViewOf) && f.lockViewRead == read)) {
        f.lockViewOf = rw.name();
        f.lockViewRead = read;
        f.lockViews++;
      }
      return;
    }
    if (SingleThreadExecutors.made(value, index, models)) {
      f.singleThreadExecutor++;
      return;
    }
    String type = null;
    if (value instanceof Expr.New n) {
      type = n.type().name();
      if (dev.shareguard.core.model.ContainerContracts.keepsFixedSlots(n.type().erasure())) {
        f.fixedSlots++;
      }
      if (type.equals("java.util.LinkedHashMap")
          && n.args().size() == 3
          && n.args().get(2) instanceof Expr.Literal l
          && l.text().equals("true")) {
        f.accessOrdered = true;
      }
    } else if (value instanceof Expr.Call c && c.receiver() == null && c.target().owner() != null) {
      String owner2 = c.target().owner();
      String name = c.target().name();
      if (models.isSetFromMapFactory(owner2, name)
          && c.args().size() == 1 && ThreadSafeValues.makes(c.args().get(0), models)) {
        // A set view of a concurrent map is as thread-safe as the map.
        f.threadSafe++;
        return;
      }
      if (models.isThreadSafeFactory(owner2, name)) {
        f.threadSafe++;
        if (models.isSynchronizedWrapperFactory(owner2, name) && !wrapsThreadSafe(c)) {
          f.synchronizedWrappers++;
        }
        return;
      }
      if (models.isImmutableFactory(owner2, name)) {
        f.immutable++;
        return;
      }
      type = c.type().name();
      if (models.isImmutableContainer(type)) {
        f.immutable++;
      } else if (models.isThreadSafeContainer(type)) {
        // A static factory declared to return a thread-safe container returns one.
        f.threadSafe++;
      }
      return;
    } else if (value instanceof Expr.Call c && c.type() != null) {
      // Builders and instance factories: judge by the static type of the result.
      type = models.staticType(c);
      if (models.isImmutableContainer(type)) {
        f.immutable++;
      } else if (models.isThreadSafeContainer(type)) {
        f.threadSafe++;
      }
      return;
    }
    if (type != null) {
      if (models.isThreadSafeContainer(type)) {
        f.threadSafe++;
      } else if (models.isImmutableContainer(type)) {
        f.immutable++;
      } else if (index.classById(type) != null) {
        if (f.projectTypes == null) {
          f.projectTypes = new ArrayList<>();
        }
        f.projectTypes.add(type);
      }
    }
  }

  /**
   * How one branch of a conditional store would be counted, alone (nested conditionals too).
   * Project classes in a branch are not judged here: that needs every store of the program.
   */
  private static boolean isNull(Expr e) {
    while (e instanceof Expr.Cast c) {
      e = c.expr();
    }
    return IrWalker.isNullLiteral(e);
  }

  private StoredValues branch(Expr value, MethodDecl m) {
    StoredValues one = new StoredValues();
    one.stores++;
    classify(one, value, m, true);
    return one;
  }

  /** See {@link ThreadSafeValues#wraps}. */
  boolean wrapsThreadSafe(Expr.Call wrapper) {
    return ThreadSafeValues.wraps(wrapper, models);
  }

  /**
   * Counts the stores of values made elsewhere whose every possible class is a thread-safe
   * container (a field typed {@code Map} given what a factory of the analysed code returns, or a
   * constructor's parameter every analysed caller fills with a concurrent map): that needs every
   * store of the program, so it runs after they are all recorded.
   */
  private void judgeValuesMadeElsewhere() {
    Map<MethodDecl, List<StoredClasses.CtorCall>> setterCalls = callsOfSetters();
    for (StoredValues f : facts.values()) {
      if (f.madeElsewhere != null) {
        for (StoredClasses.Store store : f.madeElsewhere) {
          if (threadSafeHandedIn(store.value(), store.method(), 0)) {
            f.threadSafe++;
            continue;
          }
          if (handedInByAnUncalledMethod(store.value(), store.method())
              || handedInThreadSafeByEveryCall(store.value(), store.method(), setterCalls)) {
            f.handedIn++;
            continue;
          }
          Set<String> classes = stored.classesOf(store.value(), store.method(), 0, false);
          if (classes != null && !classes.isEmpty()
              && classes.stream().allMatch(t -> models.isThreadSafeContainer(t)
                  || projectContainers.threadSafe(t))) {
            f.threadSafe++;
          }
        }
        f.madeElsewhere = null;
      }
    }
  }

  /**
   * The analysed calls of each method (not a constructor) that stores one of its parameters into a
   * field a store of which is still to be judged ({@link StoredValues#madeElsewhere}), by the
   * method each call resolves to: found in one pass over the program, and only when there are such
   * methods (usually few).
   */
  private Map<MethodDecl, List<StoredClasses.CtorCall>> callsOfSetters() {
    Map<MethodDecl, List<StoredClasses.CtorCall>> out = new java.util.IdentityHashMap<>();
    Set<String> names = new HashSet<>();
    for (StoredValues f : facts.values()) {
      if (f.madeElsewhere != null) {
        for (StoredClasses.Store store : f.madeElsewhere) {
          MethodDecl m = store.method();
          if (parameterOf(store.value(), m) >= 0 && !m.isConstructor() && index.isCalled(m)) {
            out.put(m, new ArrayList<>());
            names.add(m.name());
          }
        }
      }
    }
    if (out.isEmpty()) {
      return out;
    }
    for (ClassDecl c : index.classes().values()) {
      for (MethodDecl in : c.methods()) {
        if (in.body() == null) {
          continue;
        }
        IrWalker.forEachExpr(in.body(), e -> {
          if (e instanceof Expr.Call call && names.contains(call.target().name())
              && call.target().owner() != null) {
            MethodDecl target = index.findMethod(call.target().owner(), call.target().name(),
                call.target().arity(), call.target().paramTypes());
            List<StoredClasses.CtorCall> calls = target == null ? null : out.get(target);
            if (calls != null) {
              calls.add(new StoredClasses.CtorCall(call.args(), in, false));
            }
          }
        });
      }
    }
    return out;
  }

  /**
   * The index of the parameter of {@code m} that {@code value} is (past casts and null checks,
   * {@link StoredClasses#withoutChecks}), when {@code m} never assigns it; else -1.
   */
  private static int parameterOf(Expr value, MethodDecl m) {
    return StoredClasses.withoutChecks(value) instanceof Expr.LocalRef l && m != null
        && m.body() != null && !IrWalker.assignsLocal(m.body(), l.name())
        ? paramIndex(m, l.name()) : -1;
  }

  /**
   * Whether every one of {@code calls} passes a thread-safe container as argument {@code p}: a
   * value the store rules count thread-safe, or a constructor's parameter every call of that
   * constructor passes one for ({@link #threadSafeHandedIn}, {@code depth} deep).
   */
  private boolean everyCallPassesThreadSafe(List<StoredClasses.CtorCall> calls, int p,
      int depth) {
    for (StoredClasses.CtorCall call : calls) {
      if (p >= call.args().size()) {
        return false;
      }
      Expr arg = call.args().get(p);
      if (!threadSafeHandedIn(arg, call.method(), depth)) {
        StoredValues one = new StoredValues();
        classify(one, arg, call.method(), false);
        if (one.threadSafe == 0) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * Whether {@code value}, stored in {@code m}, is a parameter of {@code m} (not a constructor)
   * that every analysed call of it passes a thread-safe container for ({@code session.open(…, new
   * ConcurrentHashMap<>())}): callers outside the program are not seen, so such a store counts
   * for neither side, like one of a setter nothing calls ({@link StoredValues#handedIn}).
   */
  private boolean handedInThreadSafeByEveryCall(Expr value, MethodDecl m,
      Map<MethodDecl, List<StoredClasses.CtorCall>> setterCalls) {
    int p = parameterOf(value, m);
    List<StoredClasses.CtorCall> calls = p < 0 ? null : setterCalls.get(m);
    return calls != null && !calls.isEmpty() && everyCallPassesThreadSafe(calls, p, 0);
  }

  /**
   * Whether {@code value}, stored in {@code m}, is a parameter of a constructor (possibly through
   * a null check, {@code this.sessions = requireNonNull(sessions)}) that every analysed call of
   * that constructor passes a thread-safe container for ({@code this(…,
   * Collections.newSetFromMap(new ConcurrentHashMap<>()))}), through chains of such constructors:
   * a field given a constructor's parameter holds what the callers of the constructor pass. Not
   * when code the analysis cannot follow may call the constructor, or nothing analysed does.
   */
  private boolean threadSafeHandedIn(Expr value, MethodDecl m, int depth) {
    if (depth > 4 || m == null || !m.isConstructor()) {
      return false;
    }
    int p = parameterOf(value, m);
    List<StoredClasses.CtorCall> calls = p < 0 ? null : stored.callsOf(m);
    return calls != null && everyCallPassesThreadSafe(calls, p, depth + 1);
  }

  /**
   * Whether {@code value}, stored in {@code m}, is a parameter of {@code m}, a method (not a
   * constructor) that no analysed code calls: an API method a caller outside uses to hand the
   * field a value.
   */
  private boolean handedInByAnUncalledMethod(Expr value, MethodDecl m) {
    return parameterOf(value, m) >= 0 && !m.isConstructor() && !index.isCalled(m);
  }

  /** Stores of another field's value, by the facts of the field stored into. */
  private final Map<StoredValues, List<FieldKey>> fieldCopies = new java.util.IdentityHashMap<>();

  /**
   * Counts the stores of another field's value ({@code previous = current;}) as thread-safe when
   * every value that field is ever given is: a field only ever given concurrent maps, directly
   * or from such fields, holds only concurrent maps. Fields copied into each other in a cycle
   * are judged together: each copy is taken as thread-safe until a field it comes from is shown
   * to hold something else (the greatest solution, as for a cycle nothing else stores into).
   */
  private void judgeFieldCopies() {
    Map<StoredValues, List<FieldKey>> safe = new java.util.IdentityHashMap<>();
    fieldCopies.forEach((f, from) -> safe.put(f, new ArrayList<>(from)));
    boolean changed = true;
    while (changed) {
      changed = false;
      for (List<FieldKey> copies : safe.values()) {
        changed |= copies.removeIf(k -> !assumedThreadSafe(facts.get(k), safe));
      }
    }
    safe.forEach((f, copies) -> {
      for (FieldKey k : copies) {
        f.threadSafe++;
        StoredValues from = facts.get(k);
        if (from.synchronizedWrappers == from.stores) {
          // A synchronized wrapper is still one in the field it is copied into.
          f.synchronizedWrappers++;
        }
      }
    });
  }

  private static boolean assumedThreadSafe(StoredValues from,
      Map<StoredValues, List<FieldKey>> safe) {
    if (from == null || from.stores == 0) {
      return false;
    }
    List<FieldKey> copies = safe.get(from);
    return from.threadSafe + (copies == null ? 0 : copies.size()) == from.stores;
  }

  /**
   * Counts the stores of project classes inferred thread-safe ({@link ProjectContainers}): that
   * needs every store of the program, so it runs after they are all recorded.
   */
  private void judgeProjectTypes() {
    for (StoredValues f : facts.values()) {
      if (f.projectTypes != null) {
        for (String type : f.projectTypes) {
          if (projectContainers.threadSafe(type)) {
            f.threadSafe++;
          }
        }
        f.projectTypes = null;
      }
    }
  }
}
