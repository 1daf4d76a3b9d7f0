package dev.shareguard.core.engine;

import dev.shareguard.core.ir.ClassDecl;
import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.FieldDecl;
import dev.shareguard.core.ir.MethodDecl;
import dev.shareguard.core.model.LibraryModels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

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
   * its container or reference holds (the values put in, the object published).
   */
  private record FieldKey(String owner, String field, boolean elements) {}

  private final Map<FieldKey, StoredValues> facts = new HashMap<>();
  private final LibraryModels models;

  /** A value stored into a field, with the method (null: a field initializer) storing it. */
  private record Store(Expr value, MethodDecl method) {}

  /**
   * A constructor call site: its arguments, the method (null: an initializer) making it, and
   * whether it is {@code this(…)}/{@code super(…)} (building the caller's own object).
   */
  private record CtorCall(List<Expr> args, MethodDecl method, boolean sameObject) {}

  /** A field by the class that declares it, however a front end named its owner. */
  private record DeclaredField(String classId, String name) {}

  /** A question to {@link #storedClasses}: a field, for any object or one analysed code made. */
  private record StoredQuery(DeclaredField field, boolean made) {}

  private final Map<DeclaredField, List<Store>> storesOf = new HashMap<>();
  /** A class's constructors of one arity. */
  private record Constructor(String classId, int arity) {}

  /** Constructor call sites by class and arity; absent: none seen. */
  private final Map<Constructor, List<CtorCall>> ctorCalls = new HashMap<>();
  /** Classes whose constructors are also called in ways the arguments cannot be seen. */
  private final Set<String> openConstructors = new HashSet<>();
  /** Arities of {@code this(…)}/{@code super(…)} calls whose class is not resolved. */
  private final Set<Integer> openArities = new HashSet<>();
  /** Whether some constructor reference's class is not resolved: any constructor may be open. */
  private boolean anyConstructorOpen;
  private final LocalDefs locals = new LocalDefs();
  private final Map<StoredQuery, Set<String>> storedClasses = new HashMap<>();
  private final Set<StoredQuery> computing = new HashSet<>();
  private int cycles;
  private final Set<String> unresolvedStores = new HashSet<>();
  private final ProgramIndex index;
  private final ProjectContainers projectContainers;
  private final ReturnValues returnValues;

  public FieldFacts(ProgramIndex index, LibraryModels models) {
    this.models = models;
    this.index = index;
    this.projectContainers = new ProjectContainers(index, models, this::storedClasses);
    this.returnValues = new ReturnValues(index, models, locals);
    for (ClassDecl c : index.classes().values()) {
      for (FieldDecl f : c.fields()) {
        if (f.initializer() != null) {
          record(new FieldKey(c.id(), f.name(), false), f.initializer(), null);
          storesOf.computeIfAbsent(declared(c.id(), f.name()), k -> new ArrayList<>())
              .add(new Store(f.initializer(), null));
          IrWalker.forEachExpr(f.initializer(), e -> noteConstructorCall(e, null));
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
                if (e instanceof Expr.Assign a
                    && a.target() instanceof Expr.FieldAccess fa
                    && fa.ownerClass() != null) {
                  record(new FieldKey(fa.ownerClass(), fa.name(), false), a.value(), m);
                  storesOf.computeIfAbsent(declared(fa.ownerClass(), fa.name()),
                      k -> new ArrayList<>()).add(new Store(a.value(), m));
                } else if (e instanceof Expr.Assign a
                    && a.target() instanceof Expr.FieldAccess fa) {
                  // A store into a field of an unresolved class may be into any field so named.
                  unresolvedStores.add(fa.name());
                } else if (e instanceof Expr.Call call) {
                  recordMapValue(call, locals);
                }
                noteConstructorCall(e, m);
              });
        }
      }
    }
    judgeProjectTypes();
    returnValues.computeAll();
  }

  /**
   * Values put into a map field ({@code put}, {@code putIfAbsent}, what a {@code computeIfAbsent}
   * function returns) are summed as the pseudo-field {@code name[*]}: a map declared {@code Map<K,
   * List<V>>} whose lists are all {@code CopyOnWriteArrayList}s holds thread-safe values.
   */
  /**
   * Locals of a body that are only ever given one value (their initializer, or one assignment):
   * enough to see that {@code set = ConcurrentHashMap.newKeySet(); map.putIfAbsent(k, set)} puts a
   * thread-safe set.
   */
  private void recordMapValue(Expr.Call call,
      java.util.function.Supplier<Map<String, Expr>> locals) {
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
        record(new FieldKey(fa.ownerClass(), fa.name(), true), v, null);
      }
      return;
    }
    if (!models.isMap(call.receiver().type().name())) {
      return;
    }
    String name = call.target().name();
    Expr value = null;
    if ((name.equals("put") || name.equals("putIfAbsent")) && call.args().size() == 2) {
      value = call.args().get(1);
    } else if (name.equals("computeIfAbsent") && call.args().size() == 2
        && call.args().get(1) instanceof Expr.Lambda l
        && l.body().stmts().size() == 1
        && l.body().stmts().get(0) instanceof dev.shareguard.core.ir.Stmt.Return r) {
      value = r.expr();
    }
    if (value instanceof Expr.LocalRef l && locals.get().containsKey(l.name())) {
      value = locals.get().get(l.name());
    }
    if (value != null) {
      record(new FieldKey(fa.ownerClass(), fa.name(), true), value, null);
    }
  }

  /** A field by the class that declares it, however a front end named its owner. */
  private DeclaredField declared(String owner, String name) {
    ClassDecl c = index.fieldOwner(owner, name);
    return new DeclaredField(c == null ? owner : c.id(), name);
  }

  private void noteConstructorCall(Expr e, MethodDecl in) {
    if (e instanceof Expr.New n) {
      ctorCalls.computeIfAbsent(new Constructor(n.type().name(), n.args().size()),
              k -> new ArrayList<>())
          .add(new CtorCall(n.args(), in, false));
    } else if (e instanceof Expr.Call c && c.target().name().equals(MethodDecl.CONSTRUCTOR)) {
      // this(…) and super(…): the owner is the class whose constructor runs.
      if (c.target().owner() == null) {
        openArities.add(c.args().size());
      } else {
        ctorCalls.computeIfAbsent(new Constructor(c.target().owner(), c.args().size()),
            k -> new ArrayList<>()).add(new CtorCall(c.args(), in, true));
      }
    } else if (e instanceof Expr.MethodRef r && r.target() != null
        && r.target().name().equals(MethodDecl.CONSTRUCTOR)) {
      // Foo::new: its arguments come from wherever the function is applied.
      openConstructor(r.target().owner());
      openConstructor(r.qualifierType() == null ? null : r.qualifierType().name());
    }
  }

  /**
   * The analysed classes of every object ever stored in field {@code name} of {@code owner}, or
   * null when some stored value is not known to be a fresh object: each store is a {@code new},
   * {@code null}, another such field, a local given only such values, or a constructor parameter
   * every analysed {@code new} passes such values for. A call through the field can only run
   * these classes' code, so it need not dispatch to every subclass of the field's declared type.
   * Lambdas and method references count as no analysed class (no analysed override runs them).
   */
  public Set<String> storedClasses(String owner, String name) {
    return storedClasses(owner, name, false);
  }

  /**
   * Like {@link #storedClasses(String, String)}, for the field of an object the analysed code
   * itself made with {@code new}: such an object only ran constructors analysed code calls, so a
   * constructor nothing analysed calls (a public overload for other programs) adds nothing.
   */
  public Set<String> storedClassesOfMadeObject(String owner, String name) {
    return storedClasses(owner, name, true);
  }

  private Set<String> storedClasses(String owner, String name, boolean made) {
    if (unresolvedStores.contains(name)) {
      return null;
    }
    DeclaredField field = declared(owner, name);
    StoredQuery key = new StoredQuery(field, made);
    if (storedClasses.containsKey(key)) {
      return storedClasses.get(key);
    }
    if (!computing.add(key)) {
      // A field fed (through constructors) from itself: unknown, rather than a guess.
      cycles++;
      return null;
    }
    int cyclesBefore = cycles;
    Set<String> out = new TreeSet<>();
    List<Store> stores = storesOf.getOrDefault(field, List.of());
    if (stores.isEmpty()) {
      out = null;
    }
    for (int i = 0; out != null && i < stores.size(); i++) {
      Set<String> more = classesOf(stores.get(i).value(), stores.get(i).method(), 0, made);
      if (more == null) {
        out = null;
      } else {
        out.addAll(more);
      }
    }
    computing.remove(key);
    Set<String> result = out == null ? null : Set.copyOf(out);
    if (cycles == cyclesBefore || computing.isEmpty()) {
      // An answer cut short by a field still being computed is kept only by the outermost
      // question, so each field's answer does not depend on which field was asked first.
      storedClasses.put(key, result);
    }
    return result;
  }

  /** Constructors of {@code classId} (null: of a class not resolved) are called unseen. */
  private void openConstructor(String classId) {
    if (classId == null) {
      anyConstructorOpen = true;
    } else {
      openConstructors.add(classId);
    }
  }

  /** The classes of the fresh objects {@code e} can be in {@code in}, or null when unknown. */
  private Set<String> classesOf(Expr e, MethodDecl in, int depth, boolean made) {
    if (depth > 8) {
      return null;
    }
    while (e instanceof Expr.Cast || e instanceof Expr.Assign) {
      e = e instanceof Expr.Cast c ? c.expr() : ((Expr.Assign) e).value();
    }
    if (e instanceof Expr.New n) {
      return Set.of(n.anonymousClassId() != null ? n.anonymousClassId() : n.type().name());
    }
    if (e instanceof Expr.Literal l) {
      return l.text().equals("null") ? Set.of() : null;
    }
    if (e instanceof Expr.Lambda || e instanceof Expr.MethodRef) {
      return Set.of();
    }
    if (e instanceof Expr.Conditional c) {
      Set<String> a = classesOf(c.whenTrue(), in, depth + 1, made);
      Set<String> b = a == null ? null : classesOf(c.whenFalse(), in, depth + 1, made);
      if (b == null) {
        return null;
      }
      Set<String> out = new HashSet<>(a);
      out.addAll(b);
      return out;
    }
    if (e instanceof Expr.FieldAccess fa && fa.ownerClass() != null) {
      return storedClasses(fa.ownerClass(), fa.name());
    }
    if (e instanceof Expr.LocalRef l && in != null) {
      List<Expr> defs = locals.defsOf(in).get(l.name());
      if (defs != null) {
        Set<String> out = new HashSet<>();
        for (Expr d : defs) {
          Set<String> more = classesOf(d, in, depth + 1, made);
          if (more == null) {
            return null;
          }
          out.addAll(more);
        }
        return out;
      }
      int p = paramIndex(in, l.name());
      if (p >= 0 && in.isConstructor() && !in.varargs()
          && !locals.defsOf(in).containsKey(l.name() + "#bound")) {
        return constructorArgClasses(in, p, depth, made);
      }
      if (p >= 0 && !in.isConstructor() && index.neverCalled(in)) {
        // A parameter of a method nothing can call: the store never runs.
        return Set.of();
      }
    }
    if (e instanceof Expr.Call c) {
      return returnedClasses(c, depth, made);
    }
    return null;
  }

  /**
   * The classes of what a factory of the analysed code returns ({@code return new SyncAppender(
   * inner);}): a static or private method, one that no subclass can override, called on its own
   * class; every {@code return} of its body counts. Null when unknown.
   */
  private Set<String> returnedClasses(Expr.Call c, int depth, boolean made) {
    if (c.target().owner() == null
        || !(c.receiver() == null || c.receiver() instanceof Expr.ThisRef)) {
      return null;
    }
    MethodDecl m = index.findMethod(
        c.target().owner(), c.target().name(), c.args().size(), c.target().paramTypes());
    if (m == null || m.body() == null || m.isConstructor()
        || !(m.isStatic() || m.isPrivate())) {
      return null;
    }
    List<Expr> returned = IrWalker.returned(m.body());
    if (returned.isEmpty()) {
      return null;
    }
    Set<String> out = new HashSet<>();
    for (Expr r : returned) {
      Set<String> more = r == null ? null : classesOf(r, m, depth + 1, false);
      if (more == null) {
        return null;
      }
      out.addAll(more);
    }
    return out;
  }

  /** What every analysed call of constructor {@code ctor} passes as parameter {@code p}. */
  private Set<String> constructorArgClasses(MethodDecl ctor, int p, int depth, boolean made) {
    ClassDecl c = index.ownerOf(ctor);
    int arity = ctor.params().size();
    if (c == null || openConstructors.contains(c.id()) || anyConstructorOpen
        || openArities.contains(arity)) {
      return null;
    }
    List<CtorCall> calls = ctorCalls.get(new Constructor(c.id(), arity));
    if (calls == null) {
      // Nothing analysed calls it: for an object analysed code made, it never ran; for any
      // other, it ran with unknown arguments.
      return made ? Set.of() : null;
    }
    Set<String> out = new HashSet<>();
    for (CtorCall call : calls) {
      // Arguments of another object's constructor call are read in the caller's own object,
      // which may be any.
      Set<String> more = classesOf(call.args().get(p), call.method(), depth + 1,
          made && call.sameObject());
      if (more == null) {
        return null;
      }
      out.addAll(more);
    }
    return out;
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

  /** Records a store of {@code value} made in {@code m} (null: an initializer). */
  private void record(FieldKey key, Expr value, MethodDecl m) {
    StoredValues f = facts.computeIfAbsent(key, k -> new StoredValues());
    if (isNull(value)) {
      // A null holds no container: no thread can change or read one through it.
      return;
    }
    f.stores++;
    classify(f, value, m);
  }

  /** Counts one store of {@code value} (made in {@code m}, null: an initializer) into {@code f}. */
  private void classify(StoredValues f, Expr value, MethodDecl m) {
    // A chained assignment ({@code this.f = local = new X()}) stores what its right side is.
    while (value instanceof Expr.Cast || value instanceof Expr.Assign) {
      value = value instanceof Expr.Cast c ? c.expr() : ((Expr.Assign) value).value();
    }
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
    if (value instanceof Expr.LocalRef l && (m == null || paramIndex(m, l.name()) < 0)
        || (value instanceof Expr.New n && !n.args().isEmpty()
            && models.isContainer(n.type().name())
            && models.isContainer(n.args().get(0).type().name()))) {
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
    return e instanceof Expr.Literal l && l.text().equals("null");
  }

  private StoredValues branch(Expr value, MethodDecl m) {
    StoredValues one = new StoredValues();
    one.stores++;
    classify(one, value, m);
    return one;
  }

  /** See {@link ThreadSafeValues#wraps}. */
  boolean wrapsThreadSafe(Expr.Call wrapper) {
    return ThreadSafeValues.wraps(wrapper, models);
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
