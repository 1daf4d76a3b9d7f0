package dev.shareguard.core.engine;

import dev.shareguard.core.engine.BodyResult.Point;
import dev.shareguard.core.engine.BodyResult.RawAccess;
import dev.shareguard.core.engine.BodyResult.RawCall;
import dev.shareguard.core.engine.BodyResult.RawRun;
import dev.shareguard.core.engine.BodyResult.RawSpawn;
import dev.shareguard.core.engine.BodyResult.Slot;
import dev.shareguard.core.ir.Annotation;
import dev.shareguard.core.ir.ClassDecl;
import dev.shareguard.core.ir.FieldDecl;
import dev.shareguard.core.ir.MethodDecl;
import dev.shareguard.core.ir.Modifier;
import dev.shareguard.core.ir.TypeRef;
import dev.shareguard.core.model.LibraryModels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Instantiates body results in thread contexts. Starting from every entry (non-private methods:
 * callers' threads; constructors: before sharing; Thread subclasses' run), it follows calls into
 * analysed code and code run synchronously, carrying the locks held and the happens-before
 * ordering with tasks from the caller; each task start it meets becomes a root walked on its own
 * thread. Every access met becomes an {@link AccessInstance} on an abstract location.
 */
public final class ThreadWalker {
  /** Call depth followed from an entry; deeper calls are cut (their accesses are not seen). */
  private static final int MAX_DEPTH = 8;

  /**
   * Distinct contexts one body is walked in, and walks in all: past these the walker stops
   * following, so a huge or highly connected program costs a bounded amount.
   */
  private static final int MAX_WALKS_PER_BODY = 32;

  private static final int MAX_WALKS = 400_000;

  /** Overrides followed at one virtual call; more are cut to keep walks bounded. */
  private static final int MAX_DISPATCH_TARGETS = 8;

  /** Entry-method names that start a service once, so a pool task they submit runs once. */
  private static final Set<String> LIFECYCLE_METHODS =
      Set.of(
          "start", "init", "initialize", "open", "begin", "launch", "main", "run",
          "afterPropertiesSet", "postConstruct", "startUp", "startup", "activate", "onStart",
          "setUp", "boot", "<init>", "<clinit>", "<instinit>");

  /**
   * Set-up methods by convention ({@code configure(…)}, {@code init()}): called once, before the
   * object is used, so before the threads its other methods start.
   */
  private static final Set<String> SET_UP_METHODS =
      Set.of("configure", "init", "initialize", "setup", "setUp");

  /**
   * Prefix of an excluded mark for what a set-up method of a class (and what it calls) does: it
   * comes before the tasks the class's other methods start.
   */
  static final String SET_UP = "U:";

  /** The caller's view of a body: how its frame-relative values map into the caller's. */
  private record Frame(
      Map<String, AbsVal> thisOf,
      Map<String, AbsVal> params,
      Map<String, AbsVal> captured,
      Set<String> held,
      Set<String> excluded,
      Set<String> live,
      int depth,
      int activation,
      boolean once,
      String thisClass,
      CallPath path) {}

  private final ProgramIndex index;
  private final LibraryModels models;
  private final FieldFacts fieldFacts;
  private final ConcurrencyIntent concurrencyAware;
  private final Map<String, BodyResult> results = new HashMap<>();
  private final List<AccessInstance> instances = new ArrayList<>();
  private final List<AccessInstance> wrapperInstances = new ArrayList<>();
  private final List<AccessInstance> threadSafeInstances = new ArrayList<>();
  private final List<AccessInstance> mapValueInstances = new ArrayList<>();
  private final List<AccessInstance> snapshotInstances = new ArrayList<>();
  private final Set<String> walkedRoots = new HashSet<>();
  private final Set<Memo> visited = new HashSet<>();

  /** What makes two walks of a body record the same instances (see {@link #walk}). */
  private record Memo(String bodyId, Ctx.Kind kind, String rootKey, String singleCaller,
      Ctx.Phase phase, String thisClass, Set<String> held, Set<String> excluded, Set<String> live,
      Map<String, AbsVal> thisOf,
      Map<String, AbsVal> params, Map<String, AbsVal> captured, boolean once) {
    /**
     * A map's own hash (key ^ value per entry) is 0 for every {@code C -> this:C} and {@code p ->
     * param p}, so memos of one body would share a hash bucket; this one mixes keys and values.
     */
    @Override
    public int hashCode() {
      int h = bodyId.hashCode();
      h = h * 31 + kind.hashCode();
      h = h * 31 + java.util.Objects.hashCode(rootKey);
      h = h * 31 + java.util.Objects.hashCode(singleCaller);
      h = h * 31 + java.util.Objects.hashCode(thisClass);
      h = h * 31 + held.hashCode();
      h = h * 31 + excluded.hashCode();
      h = h * 31 + live.hashCode();
      h = h * 31 + mixed(thisOf);
      h = h * 31 + mixed(params);
      h = h * 31 + mixed(captured);
      return h * 31 + Boolean.hashCode(once);
    }

    private static int mixed(Map<String, AbsVal> values) {
      int h = 0;
      for (Map.Entry<String, AbsVal> e : values.entrySet()) {
        h += java.util.Objects.hashCode(e.getKey()) * 31 + java.util.Objects.hashCode(e.getValue());
      }
      return h;
    }
  }

  /** Values with the activation tags of their allocations removed, for memo keys. */
  private static Map<String, AbsVal> withoutActivations(Map<String, AbsVal> values) {
    if (values.isEmpty()) {
      return values;
    }
    Map<String, AbsVal> out = new HashMap<>(values);
    for (Map.Entry<String, AbsVal> e : out.entrySet()) {
      e.setValue(withoutActivation(e.getValue()));
    }
    return out;
  }

  private static AbsVal withoutActivation(AbsVal v) {
    if (v instanceof AbsVal.Alloc a && a.site().indexOf('#') >= 0) {
      return new AbsVal.Alloc(withoutActivation(a.site()), a.type(), a.loops(),
          a.threadSafe(), a.immutable(), a.singleThreadExecutor(), a.accessOrdered(),
          a.synchronizedWrapper());
    }
    if (v instanceof AbsVal.Field f) {
      AbsVal base = withoutActivation(f.base());
      return base == f.base() ? f : new AbsVal.Field(base, f.owner(), f.field());
    }
    if (v instanceof AbsVal.Elem e) {
      AbsVal base = withoutActivation(e.base());
      return base == e.base() ? e : new AbsVal.Elem(base);
    }
    return v;
  }

  /** {@code site} with each activation tag ({@code #digits@}) replaced by {@code @}. */
  static String withoutActivation(String site) {
    StringBuilder out = null;
    int copied = 0;
    int n = site.length();
    int hash = site.indexOf('#');
    while (hash >= 0) {
      int end = hash + 1;
      while (end < n && site.charAt(end) >= '0' && site.charAt(end) <= '9') {
        end++;
      }
      if (end > hash + 1 && end < n && site.charAt(end) == '@') {
        if (out == null) {
          out = new StringBuilder(n);
        }
        out.append(site, copied, hash);
        copied = end;
        hash = site.indexOf('#', end + 1);
      } else {
        hash = site.indexOf('#', hash + 1);
      }
    }
    return out == null ? site : out.append(site, copied, n).toString();
  }
  private int activations;
  private int totalWalks;
  private final Set<String> spawningClasses = new HashSet<>();
  private final Map<String, Integer> walksPerBody = new HashMap<>();

  public ThreadWalker(ProgramIndex index, LibraryModels models, FieldFacts fieldFacts) {
    this.index = index;
    this.models = models;
    this.fieldFacts = fieldFacts;
    // Only what the declarations say (not what the walk finds out) while walking, so answers do
    // not depend on walk order.
    this.concurrencyAware = new ConcurrencyIntent(index, models, Set.of());
  }

  /** Walks every entry of the program and returns all access instances, in a stable order. */
  public List<AccessInstance> walkAll() {
    try {
      return walkEntries();
    } finally {
      walkDone = true;
      ahead = Map.of();
      aheadModels.remove();
    }
  }

  private List<AccessInstance> walkEntries() {
    ConcurrencyIntent entries = concurrencyAware;
    for (ClassDecl c : index.classes().values()) {
      boolean threadClass = models.isThreadSubclass(c.id());
      boolean taskClass = threadClass || isTaskClass(c);
      boolean named = c.kind() != ClassDecl.Kind.ANONYMOUS && c.kind() != ClassDecl.Kind.LOCAL;
      boolean sharedEntry = entries.isSharedEntryClass(c);
      boolean containerBean = sharedEntry && entries.isContainerBean(c);
      for (MethodDecl m : c.methods()) {
        String bodyId = index.bodyIdOf(m);
        if (m.body() == null || index.body(bodyId) == null) {
          continue;
        }
        boolean beanInit = containerBean && !m.isStatic() && models.isBeanInitMethod(
            m.name(), m.params().size(), m.annotations().stream().map(a -> a.simpleName()).toList());
        if (m.isInitializer() || beanInit) {
          Ctx ctx = new Ctx(Ctx.Kind.INIT, null, false, null, null,
              beanInit
                  ? "`" + c.simpleName() + "." + m.name() + "()` (called while the bean is built)"
                  : "the constructor of `" + c.simpleName() + "`",
              m.name(), 0, false, null, null);
          walk(bodyId, rootFrame(true), ctx);
        } else if (threadClass && isTaskMethod(m)) {
          // A Thread subclass the program never creates still runs its own run(); one it
          // creates is started (and ordered) where it is started.
          if (named && !index.isInstantiated(c.id())) {
            String key = "T:" + c.id();
            walkedRoots.add(key);
            Ctx ctx = new Ctx(Ctx.Kind.ROOT, key, false, null, c.id(),
                "thread `" + c.simpleName() + ".run()`", "run", activations + 1, false, null, null);
            walk(bodyId, rootFrame(true), ctx);
          }
        } else if (!m.isPrivate() && !(taskClass && isTaskMethod(m)) && named
            && (!index.isCalled(m) || (sharedEntry && m.isPublic())) && !entries.isTestHook(m)
            && !(index.isClosedPackage(c.id()) && onlyPackageCalls(c, m))) {
          // Entries are the methods nothing in the analysed code calls (the API the rest of the
          // world calls from its own threads); called ones are reached through their callers,
          // on the callers' threads.
          Ctx ctx = new Ctx(Ctx.Kind.CALLER, null, false, null, null,
              "`" + c.simpleName() + "." + m.name() + "()`",
              isProgramMain(m) ? Ctx.PROGRAM_MAIN : m.name(), 0, false,
              entries.declaredNotThreadSafe(c.id()) || models.isSubscriberSignal(c.id(), m.name())
                  ? c.id() : null,
              null, phaseOf(m));
          Frame frame = rootFrame(LIFECYCLE_METHODS.contains(m.name()));
          if (isTaskMethod(m) && m.name().equals("run") && !m.isStatic()
              && models.isEventLoopThreadClass(c.id())) {
            // A single-thread event executor's run() is its thread's loop: it runs on that loop.
            frame = new Frame(Map.of(), Map.of(), Map.of(),
                Set.of(LOOP + lockKey(new AbsVal.This(c.id()))), Set.of(), Set.of(), 0, 0,
                frame.once(), null, null);
          } else if (isSetUp(m)) {
            frame = new Frame(frame.thisOf(), frame.params(), frame.captured(), frame.held(),
                Set.of(SET_UP + c.id()), frame.live(), 0, 0, frame.once(), null, null);
          }
          walk(bodyId, frame, ctx);
        }
      }
    }
    return instances;
  }

  /**
   * Whether {@code m} is hidden from the API of its class: a package-private method of a class
   * that is itself visible outside its package (public or protected, as are the classes enclosing
   * it), that is no serialization hook and carries no annotation a framework might call it by.
   * Only code of its own package can call it; in a package the audit sees whole, such a method
   * that nothing calls is there for tests (kafka's {@code AbstractCoordinator.rejoinReason()},
   * zookeeper's {@code QuorumPeer.setId}). In a package-private class package access is simply
   * the default, so its methods are left as they are.
   */
  private boolean onlyPackageCalls(ClassDecl c, MethodDecl m) {
    if (m.isPublic() || m.modifiers().contains(Modifier.PROTECTED)
        || c.kind() == ClassDecl.Kind.INTERFACE || c.kind() == ClassDecl.Kind.ANNOTATION
        || SERIALIZATION_HOOKS.contains(m.name())) {
      return false;
    }
    int guard = 0;
    for (ClassDecl k = c; k != null && guard++ < 16; k = index.classById(k.enclosingClassId())) {
      if (!k.modifiers().contains(Modifier.PUBLIC) && !k.modifiers().contains(Modifier.PROTECTED)) {
        return false;
      }
    }
    for (Annotation a : m.annotations()) {
      if (!NOT_CALLER_ANNOTATIONS.contains(a.simpleName())) {
        return false;
      }
    }
    return true;
  }

  /** Methods the JVM's serialization calls by name, whatever their access. */
  private static final Set<String> SERIALIZATION_HOOKS =
      Set.of("writeObject", "readObject", "readObjectNoData", "writeReplace", "readResolve");

  /**
   * Annotations that say something about a method without asking anyone to call it; any other
   * annotation (a framework's {@code @Subscribe}, {@code @PostConstruct}, {@code @JsonCreator}…)
   * may mean it is called reflectively.
   */
  private static final Set<String> NOT_CALLER_ANNOTATIONS =
      Set.of("Override", "SuppressWarnings", "Deprecated", "SafeVarargs", "GuardedBy", "Holding",
          "Nullable", "Nonnull", "NonNull", "CheckForNull", "CheckReturnValue",
          "CanIgnoreReturnValue", "MustBeClosed", "ForOverride");

  /** The walk activation that allocated a local object, from its site ({@code body#n@pos}). */
  static int activationOf(String site) {
    int at = site.lastIndexOf('@');
    int hash = site.lastIndexOf('#', at);
    if (hash < 0 || at < 0) {
      return 0;
    }
    try {
      return Integer.parseInt(site.substring(hash + 1, at));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** Accesses to {@code Collections.synchronized*} wrappers, kept apart: single calls are safe. */
  public List<AccessInstance> synchronizedWrapperAccesses() {
    return wrapperInstances;
  }

  /** Accesses to thread-safe containers (synchronized wrappers included), kept apart. */
  public List<AccessInstance> threadSafeContainerAccesses() {
    return threadSafeInstances;
  }

  /** Accesses to the contents of published snapshots (see {@link #snapshotKey}). */
  public List<AccessInstance> snapshotAccesses() {
    return snapshotInstances;
  }

  /**
   * The location of a published snapshot's contents: the collection an {@code AtomicReference}
   * field holds, or the one a volatile collection field holds when the code replaces it with new
   * copies (copy-on-write). Such a collection should never change in place; its accesses are kept
   * apart from the other rules.
   */
  private String snapshotKey(AbsVal target, RawAccess a) {
    if (a.slot() != Slot.CONTENTS) {
      return null;
    }
    AbsVal container = target instanceof AbsVal.View w ? w.backing() : target;
    if (container instanceof AbsVal.Elem e && e.base() instanceof AbsVal.Field ref) {
      FieldDecl decl = index.field(ref.owner(), ref.field());
      if (decl != null && models.isPublishingHolder(decl.type().name())) {
        FieldFacts.Facts published = fieldFacts.of(ref.owner(), ref.field() + "[*]");
        if (published.allThreadSafe() || published.allImmutable()) {
          // Every snapshot it ever publishes is itself thread-safe: changing it is fine.
          return null;
        }
        String key = locationKey(ref, Slot.CONTENTS);
        return key == null ? null : "snapshot " + key;
      }
      return null;
    }
    if (container instanceof AbsVal.Field fd) {
      FieldDecl decl = index.field(fd.owner(), fd.field());
      if (decl != null && decl.isVolatile() && models.isContainer(decl.type().erasure())
          && !models.isThreadSafeContainer(decl.type().erasure())
          && fieldFacts.of(fd.owner(), fd.field()).republished()) {
        String key = locationKey(fd, Slot.CONTENTS);
        return key == null ? null : "snapshot " + key;
      }
    }
    return null;
  }

  /** Accesses to values held in thread-safe maps (their contents or fields). */
  public List<AccessInstance> mapValueAccesses() {
    return mapValueInstances;
  }

  /**
   * Whether a container access goes through a local that only ever holds thread-safe containers
   * ({@code m = all.computeIfAbsent(k, x -> new ConcurrentHashMap<>()); m.put(…)}): the value is
   * thread-safe, whatever map it came from.
   */
  private boolean heldThreadSafe(RawAccess a, ProgramIndex.Body body) {
    return a.slot() == Slot.CONTENTS && body.method() != null
        && a.expr() instanceof dev.shareguard.core.ir.Expr.Call c
        && c.receiver() instanceof dev.shareguard.core.ir.Expr.LocalRef l
        && fieldFacts.localHoldsOnlyThreadSafe(body.method(), l.name());
  }

  /**
   * The location of a value held in a thread-safe map ({@code this.byKey[*]}, or a field of it):
   * the map is shared and safe, the values it hands out are shared too and may not be. Null for
   * anything else, and for values of thread-safe or immutable types.
   */
  private String mapValueKey(AbsVal target, RawAccess a) {
    AbsVal v = target;
    StringBuilder suffix = new StringBuilder();
    int guard = 0;
    while (!(v instanceof AbsVal.Elem) && guard++ < 16) {
      if (v instanceof AbsVal.Field fd) {
        suffix.insert(0, "." + fd.field());
        v = fd.base();
      } else if (v instanceof AbsVal.View w) {
        v = w.backing();
      } else {
        return null;
      }
    }
    if (!(v instanceof AbsVal.Elem e) || !(e.base() instanceof AbsVal.Field map)) {
      return null;
    }
    int depth = suffix.length() - suffix.toString().replace(".", "").length();
    if ((a.slot() == Slot.CELL && depth != 1) || depth > 1) {
      // The value itself or one field of it: deeper paths come from dispatch guesses.
      return null;
    }
    if (a.slot() == Slot.CONTENTS && a.receiverType() != null
        && (models.isThreadSafeContainer(a.receiverType())
            || models.isImmutableContainer(a.receiverType()))) {
      return null;
    }
    if (a.slot() == Slot.CONTENTS && a.receiverType() != null
        && index.isProjectClass(a.receiverType())
        && concurrencyAware.typeExpectsConcurrency(a.receiverType())) {
      return null;
    }
    AbsVal.Field valueField = firstFieldAfterElement(target);
    if (valueField != null && concurrencyAware.typeLocks(valueField.owner())) {
      // A value class that takes locks guards its own state (an unguarded access in it is the
      // thread rules' to judge); an atomic counter beside plain fields guards only itself.
      return null;
    }
    if (a.slot() == Slot.CONTENTS && target instanceof AbsVal.Field held) {
      FieldDecl decl = index.field(held.owner(), held.field());
      if ((decl != null && models.isThreadSafeContainer(decl.type().erasure()))
          || fieldFacts.of(held.owner(), held.field()).allThreadSafe()) {
        return null;
      }
    }
    if (a.slot() == Slot.CONTENTS && target == v) {
      FieldFacts.Facts values = fieldFacts.of(map.owner(), map.field() + "[*]");
      if (values.allThreadSafe() || values.allImmutable()) {
        // Every value ever put in is thread-safe (a CopyOnWriteArrayList, a newKeySet()).
        return null;
      }
    }
    if (a.slot() == Slot.CELL && target instanceof AbsVal.Field fd) {
      FieldDecl decl = index.field(fd.owner(), fd.field());
      if (decl == null || decl.isFinal() || decl.isVolatile()) {
        return null;
      }
    }
    String mapKey = locationKey(map, Slot.CONTENTS);
    if (mapKey == null || !isThreadSafeMap(map)) {
      return null;
    }
    return mapKey + "[*]" + suffix + (a.slot() == Slot.CELL ? " cell" : " contents");
  }

  /** The value's own field on a path {@code map[*].field…}, or null. */
  private static AbsVal.Field firstFieldAfterElement(AbsVal v) {
    AbsVal.Field last = null;
    int guard = 0;
    while (guard++ < 16) {
      if (v instanceof AbsVal.Field f) {
        last = f;
        v = f.base();
      } else if (v instanceof AbsVal.View w) {
        v = w.backing();
      } else {
        break;
      }
    }
    return v instanceof AbsVal.Elem ? last : null;
  }

  private boolean isThreadSafeMap(AbsVal.Field map) {
    return fieldFacts.isThreadSafeMap(map.owner(), map.field());
  }

  /** The body results computed so far, by body id. */
  public Map<String, BodyResult> results() {
    return results;
  }

  /** Whether the access touches the contents of a thread-safe (not immutable) container. */
  private boolean isThreadSafeContents(RawAccess a, AbsVal target) {
    if (a.slot() != Slot.CONTENTS) {
      return false;
    }
    AbsVal container = target instanceof AbsVal.View w ? w.backing() : target;
    if (container instanceof AbsVal.Alloc al) {
      return al.threadSafe();
    }
    if (a.receiverType() != null && models.isThreadSafeContainer(a.receiverType())) {
      return true;
    }
    if (container instanceof AbsVal.Field fd) {
      FieldDecl decl = index.field(fd.owner(), fd.field());
      if (decl != null && models.isThreadSafeContainer(decl.type().erasure())) {
        return true;
      }
      return fieldFacts.of(fd.owner(), fd.field()).allThreadSafe();
    }
    return false;
  }

  /** Whether the access touches the contents of a {@code Collections.synchronized*} wrapper. */
  private boolean isSynchronizedWrapper(RawAccess a, AbsVal target) {
    if (a.slot() != Slot.CONTENTS) {
      return false;
    }
    AbsVal container = target instanceof AbsVal.View w ? w.backing() : target;
    if (container instanceof AbsVal.Alloc al) {
      return al.synchronizedWrapper();
    }
    return container instanceof AbsVal.Field fd
        && fieldFacts.of(fd.owner(), fd.field()).allSynchronizedWrappers();
  }

  /** Classes (and their enclosing classes) whose code starts a task: they expect concurrency. */
  public Set<String> spawningClasses() {
    return spawningClasses;
  }

  private boolean isTaskClass(ClassDecl c) {
    return models.types().isSubtype(c.id(), "java.lang.Runnable")
        || models.types().isSubtype(c.id(), "java.util.concurrent.Callable")
        || models.types().isSubtype(c.id(), "java.util.concurrent.ForkJoinTask");
  }

  private static boolean isTaskMethod(MethodDecl m) {
    return m.params().isEmpty()
        && (m.name().equals("run") || m.name().equals("call") || m.name().equals("compute"));
  }

  /** {@code once}: the entry runs once per program run (a constructor, a lifecycle method). */
  private static Frame rootFrame(boolean once) {
    return new Frame(
        Map.of(), Map.of(), Map.of(), Set.of(), Set.of(), Set.of(), 0, 0, once, null, null);
  }

  private BodyResult result(String bodyId) {
    BodyResult r = results.get(bodyId);
    if (r == null) {
      ProgramIndex.Body b = index.body(bodyId);
      if (b == null) {
        return null;
      }
      r = ahead(bodyId);
      if (r == null) {
        r = BodyAnalyzer.analyze(index, models, fieldFacts, b);
      }
      results.put(bodyId, r);
    }
    return r;
  }

  /**
   * Body results worked out ahead of the walk by {@link #computeAhead}, by body id; empty when
   * the walk is on its own.
   */
  private Map<String, java.util.concurrent.FutureTask<BodyResult>> ahead = Map.of();

  /** Set when the walk is over: the helpers stop taking bodies. */
  private volatile boolean walkDone;

  /** The models each thread computing body results uses (see {@link #computeAhead}). */
  private ThreadLocal<LibraryModels> aheadModels = new ThreadLocal<>();

  /**
   * Has {@code tasks} tasks on {@code executor} work out every body's result ahead of the walk,
   * which itself stays on one thread and in one order. A body's result depends only on the body
   * and the program, so which thread computes it changes nothing. Each helper thread uses its own
   * models from {@code helperModels} (their type-hierarchy cache is not thread-safe); the walk
   * takes a result when it is ready, waits for one being computed, and computes one nobody has
   * started itself. Call before {@link #walkAll}.
   */
  public void computeAhead(
      java.util.concurrent.Executor executor,
      int tasks,
      java.util.function.Supplier<LibraryModels> helperModels) {
    ThreadLocal<LibraryModels> local = ThreadLocal.withInitial(helperModels);
    local.set(models);
    aheadModels = local;
    List<ProgramIndex.Body> bodies = new ArrayList<>(index.bodies().values());
    Map<String, java.util.concurrent.FutureTask<BodyResult>> work = new HashMap<>();
    for (ProgramIndex.Body b : bodies) {
      work.put(b.id(), new java.util.concurrent.FutureTask<>(
          () -> BodyAnalyzer.analyze(index, local.get(), fieldFacts, b)));
    }
    ahead = work;
    java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
    for (int t = 0; t < tasks; t++) {
      executor.execute(() -> {
        for (int i = next.getAndIncrement(); i < bodies.size() && !walkDone;
            i = next.getAndIncrement()) {
          work.get(bodies.get(i).id()).run();
        }
      });
    }
  }

  /**
   * The result {@link #computeAhead} has for {@code bodyId}, computed here if no helper has
   * started it; null if there is none, or the helper failed (the caller then computes it on this
   * thread, so a failure is the one the walk alone would meet).
   */
  private BodyResult ahead(String bodyId) {
    java.util.concurrent.FutureTask<BodyResult> task = ahead.get(bodyId);
    if (task == null) {
      return null;
    }
    task.run();
    try {
      return task.get();
    } catch (java.util.concurrent.ExecutionException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a body's result", e);
    }
  }

  private void walk(String bodyId, Frame f, Ctx ctx) {
    if (f.depth() > MAX_DEPTH) {
      return;
    }
    // Walks that would record the same instances are done once. Which entry led here does not
    // change them, nor does which activation allocated an argument (activation tags are left out),
    // so neither is part of the key.
    Memo memo = new Memo(bodyId, ctx.kind(), ctx.rootKey(), ctx.singleCaller(), ctx.phase(),
        f.thisClass(),
        f.held(), f.excluded(), f.live(),
        withoutActivations(f.thisOf()), withoutActivations(f.params()),
        withoutActivations(f.captured()), f.once());
    if (!visited.add(memo)) {
      return;
    }
    int count = walksPerBody.merge(bodyId, 1, Integer::sum);
    if (count > MAX_WALKS_PER_BODY || ++totalWalks > MAX_WALKS) {
      // Bounded: a body reached in more distinct contexts than this adds little but cost.
      return;
    }
    BodyResult r = result(bodyId);
    if (r == null) {
      return;
    }
    // Each walk of a body is one activation: the objects it allocates are its own.
    f = new Frame(f.thisOf(), f.params(), f.captured(), f.held(), f.excluded(), f.live(),
        f.depth(), ++activations, f.once(), f.thisClass(), f.path());
    ProgramIndex.Body body = index.body(bodyId);
    Map<Integer, String> spawnKeys = new HashMap<>();
    for (RawSpawn s : r.spawns()) {
      String key = startRoot(body, s, f, ctx);
      if (key != null) {
        spawnKeys.put(s.index(), key);
      }
    }
    List<CallStarts> starts = new ArrayList<>();
    // Only a body run once per run of its entry or task: one run in a loop may follow a call
    // that started the tasks in an earlier run.
    for (RawCall c : f.once() ? r.calls() : List.<RawCall>of()) {
      AbsVal recv = c.receiver() == null ? null : resolve(c.receiver(), f, body);
      Set<String> keys = callStarts
          .computeIfAbsent(c, k -> new HashMap<>())
          .computeIfAbsent(heldClasses(recv), h -> startsWithin(c, recv));
      String started = startedThreadClass(c);
      if (started != null && c.at().spawned().isEmpty()) {
        keys = new TreeSet<>(keys);
        keys.add(STARTED + started);
      }
      if (!keys.isEmpty()) {
        starts.add(new CallStarts(c.at(), keys));
      }
    }
    startsStack.push(starts);
    joinsStack.push(joinsOf.computeIfAbsent(bodyId, k -> joinsIn(body, r, 0)));
    try {
      walkBody(r, body, f, ctx, spawnKeys);
    } finally {
      startsStack.pop();
      joinsStack.pop();
    }
  }

  /** A point after which the threads of {@code classes} held in a field have been joined. */
  private record JoinAt(dev.shareguard.core.ir.Pos pos, Set<String> classes) {}

  /** For each body being walked (innermost first), its joins of field-held threads. */
  private final java.util.ArrayDeque<List<JoinAt>> joinsStack = new java.util.ArrayDeque<>();

  private final Map<String, List<JoinAt>> joinsOf = new HashMap<>();

  /**
   * The joins in a body of threads kept in a field ({@code thread = this.heartbeat; …
   * thread.join()}), by the classes of the threads the field ever holds, and the calls whose one
   * target makes such a join (down to two calls deep).
   */
  private List<JoinAt> joinsIn(ProgramIndex.Body body, BodyResult r, int depth) {
    List<JoinAt> out = new ArrayList<>();
    if (body.lambda() == null && body.method() != null) {
      Set<dev.shareguard.core.ir.Expr> inLambdas =
          java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
      IrWalker.forEachExpr(body.block(), e -> {
        if (e instanceof dev.shareguard.core.ir.Expr.Lambda l) {
          IrWalker.forEachExpr(l.body(), inLambdas::add);
        }
      });
      IrWalker.forEachExpr(body.block(), e -> {
        if (e instanceof dev.shareguard.core.ir.Expr.Call c && !inLambdas.contains(c)
            && c.target().name().equals("join") && c.args().isEmpty() && c.receiver() != null) {
          Set<String> classes = c.receiver() instanceof dev.shareguard.core.ir.Expr.ThisRef t
                  && !t.isSuper() && t.classId().equals(body.owner().id())
                  && models.isThreadSubclass(t.classId())
              // A thread's own method joining it ({@code this.join()} in its shutdown()).
              ? Set.of(t.classId())
              : joinedThreads(c.receiver(), body.method(), true);
          if ((classes == null || classes.isEmpty())
              && !(c.receiver() instanceof dev.shareguard.core.ir.Expr.ThisRef)) {
            // An object of an analysed Thread subclass, wherever it was made
            // ({@code quorumPeer.start(); … quorumPeer.join();}): by its declared class.
            String declared = analysedThreadClass(c.receiver());
            if (declared != null) {
              classes = Set.of(declared);
            }
          }
          if (classes != null && !classes.isEmpty()) {
            out.add(new JoinAt(c.pos(), classes));
          }
        }
      });
    }
    if (depth < 2) {
      for (RawCall c : r.calls()) {
        MethodDecl m = c.call() == null ? null : resolvedMethod(c);
        List<MethodDecl> targets = m == null ? List.of() : dispatchTargets(c, m, null);
        BodyResult callee = targets.size() == 1 ? result(index.bodyIdOf(targets.get(0))) : null;
        if (callee == null || !c.at().loops().isEmpty()) {
          continue;
        }
        Set<String> classes = new TreeSet<>();
        joinsIn(index.body(index.bodyIdOf(targets.get(0))), callee, depth + 1)
            .forEach(j -> classes.addAll(j.classes()));
        if (!classes.isEmpty()) {
          out.add(new JoinAt(c.at().pos(), classes));
        }
      }
    }
    return out;
  }

  /**
   * The thread classes a joined value can be: a field whose every stored value is a fresh
   * thread, or a local only ever given such fields; null when unknown or not all threads.
   */
  private Set<String> joinedThreads(dev.shareguard.core.ir.Expr e, MethodDecl in,
      boolean followLocal) {
    Set<String> out = null;
    if (e instanceof dev.shareguard.core.ir.Expr.FieldAccess fa && fa.ownerClass() != null) {
      out = fieldFacts.storedClasses(fa.ownerClass(), fa.name());
    } else if (e instanceof dev.shareguard.core.ir.Expr.LocalRef l && followLocal) {
      List<dev.shareguard.core.ir.Expr> values = fieldFacts.localValues(in, l.name());
      if (values == null || values.isEmpty()) {
        return null;
      }
      out = new TreeSet<>();
      for (dev.shareguard.core.ir.Expr v : values) {
        Set<String> more = joinedThreads(v, in, false);
        if (more == null) {
          return null;
        }
        out.addAll(more);
      }
    }
    return out == null || !out.stream().allMatch(models::isThreadSubclass) ? null : out;
  }

  /** The tasks one call of the body being walked starts inside its callees. */
  private record CallStarts(Point at, Set<String> keys) {}

  /** For each body being walked (innermost first), the tasks its calls start in callees. */
  private final java.util.ArrayDeque<List<CallStarts>> startsStack = new java.util.ArrayDeque<>();

  /** Tasks started inside each call's callees, by the classes its receiver can be. */
  private final Map<RawCall, Map<Set<String>, Set<String>>> callStarts =
      new java.util.IdentityHashMap<>();

  private void walkBody(BodyResult r, ProgramIndex.Body body, Frame f, Ctx ctx,
      Map<Integer, String> spawnKeys) {
    for (RawAccess a : r.accesses()) {
      AbsVal target = resolve(a.target(), f, body);
      String snapshot = snapshotKey(target, a);
      if (snapshot != null) {
        snapshotInstances.add(instance(body, a, ctx, snapshot, target, f, spawnKeys));
        continue;
      }
      String key = locationKey(target, a.slot());
      if (key == null) {
        String valueKey = heldThreadSafe(a, body) ? null : mapValueKey(target, a);
        if (valueKey != null) {
          mapValueInstances.add(instance(body, a, ctx, valueKey, target, f, spawnKeys));
        }
        continue;
      }
      boolean wrapper = isSynchronizedWrapper(a, target);
      boolean threadSafe = wrapper || isThreadSafeContents(a, target);
      if (!threadSafe && !isShareable(a, target)) {
        continue;
      }
      AccessInstance instance = instance(body, a, ctx, key, target, f, spawnKeys);
      if (wrapper) {
        wrapperInstances.add(instance);
      }
      (threadSafe ? threadSafeInstances : instances).add(instance);
    }
    for (RawCall c : r.calls()) {
      call(body, c, f, ctx, spawnKeys);
    }
    for (RawRun run : r.syncRuns()) {
      AbsVal code = resolve(run.code(), f, body);
      runCode(code, run.at(), f, ctx, spawnKeys, body);
    }
  }

  /**
   * The instance of access {@code a} in this walk. The event loops it surely runs on ride with the
   * held locks through calls (see {@link #loopKey}) and are set apart from them here.
   */
  private AccessInstance instance(ProgramIndex.Body body, RawAccess a, Ctx ctx, String key,
      AbsVal target, Frame f, Map<Integer, String> spawnKeys) {
    Set<String> locks = locksAt(a.at(), f, body);
    Set<String> loops = Set.of();
    if (locks.stream().anyMatch(l -> l.startsWith(LOOP))) {
      loops = new TreeSet<>();
      for (java.util.Iterator<String> it = locks.iterator(); it.hasNext(); ) {
        String l = it.next();
        if (l.startsWith(LOOP)) {
          loops.add(l);
          it.remove();
        }
      }
    }
    return new AccessInstance(body, a, ctx, key, target, locks, excludedAt(a.at(), f, spawnKeys),
        liveAt(a.at(), f, spawnKeys), loops, f.thisClass(), f.path(), passedAt(a.at(), f, body));
  }

  // ---- calls and synchronous code ----

  private void call(ProgramIndex.Body body, RawCall c, Frame f, Ctx ctx,
      Map<Integer, String> spawnKeys) {
    AbsVal recv = c.receiver() == null ? null : resolve(c.receiver(), f, body);
    MethodDecl m = resolvedMethod(c);
    if (m == null) {
      return;
    }
    Set<String> held = heldClasses(recv);
    for (MethodDecl t : dispatchTargets(c, m, held)) {
      callTarget(body, c, t, recv, f, ctx, spawnKeys, held == null && t != m);
    }
  }

  /** The analysed method a call statically names, or null. */
  private MethodDecl resolvedMethod(RawCall c) {
    String owner = c.target().owner();
    if (c.call() != null && c.call().receiver() instanceof dev.shareguard.core.ir.Expr.ThisRef t
        && index.findMethod(t.classId(), c.target().name(), c.target().arity(),
            c.target().paramTypes()) != null) {
      owner = t.classId();
    }
    String name = c.call() == null ? MethodDecl.CONSTRUCTOR : c.target().name();
    return index.findMethod(owner, name, c.target().arity(), c.target().paramTypes());
  }

  /**
   * The methods a call of {@code m} may run: {@code m} and its analysed overrides
   * (class-hierarchy analysis, bounded), less those of classes the receiver cannot be when
   * {@code held} (the classes it can be) is known.
   */
  private List<MethodDecl> dispatchTargets(RawCall c, MethodDecl m, Set<String> held) {
    List<MethodDecl> targets = new ArrayList<>();
    if (m.body() != null) {
      targets.add(m);
    }
    if (c.call() != null && !m.isPrivate()) {
      for (MethodDecl o : index.overrides(m, c.call().receiver())) {
        if (targets.size() < MAX_DISPATCH_TARGETS) {
          targets.add(o);
        }
      }
    }
    if (held != null && !m.isStatic() && !m.isConstructor()) {
      // No object the receiver can be is of such a class: its override never runs here.
      targets.removeIf(t -> {
        ClassDecl tc = index.ownerOf(t);
        return tc != null && held.stream().noneMatch(h -> index.hierarchy().isSubtype(h, tc.id()));
      });
    }
    return targets;
  }

  /** Prefix of an excluded mark for every thread of one class, joined before this point. */
  static final String JOINED = "J:";

  /**
   * Prefix of an excluded mark for the threads of one class (and its subclasses) whose start is
   * a later call of this body: {@code peer = makePeer(); peer.setId(id); peer.start();} orders
   * the set-up before the thread, wherever the object was made. Marked by class, as the walk
   * meets the thread where it is made; only where nothing was started before in the body.
   */
  static final String STARTED = "S:";

  /**
   * The analysed {@code Thread} subclass whose object {@code x.start()} starts ({@code x}'s
   * declared type), or null for any other call.
   */
  private String startedThreadClass(RawCall c) {
    dev.shareguard.core.ir.Expr.Call call = c.call();
    if (call == null || !call.target().name().equals("start") || !call.args().isEmpty()
        || call.receiver() == null || call.receiver() instanceof dev.shareguard.core.ir.Expr.ThisRef) {
      return null;
    }
    return analysedThreadClass(call.receiver());
  }

  /** The analysed {@code Thread} subclass that is {@code e}'s declared type, or null. */
  private String analysedThreadClass(dev.shareguard.core.ir.Expr e) {
    TypeRef t = e.type();
    return t != null && t.kind() == TypeRef.Kind.CLASS && index.isProjectClass(t.name())
        && models.isThreadSubclass(t.name()) ? t.name() : null;
  }

  /** Call depth searched for tasks a call starts inside its callees. */
  private static final int MAX_START_DEPTH = 3;

  /**
   * The keys of the tasks a call (not a constructor) may start inside the methods it runs, down to
   * {@link #MAX_START_DEPTH} calls deep: they start where the call is made, so what the caller
   * did before the call happens before them ({@code configure(…); start();}).
   */
  private Set<String> startsWithin(RawCall c, AbsVal recv) {
    Set<String> out = new TreeSet<>();
    MethodDecl m = c.call() == null ? null : resolvedMethod(c);
    if (m != null && !m.isConstructor()) {
      for (MethodDecl t : dispatchTargets(c, m, heldClasses(recv))) {
        startsWithin(t, 1, new HashSet<>(), out);
      }
    }
    return out;
  }

  private void startsWithin(MethodDecl m, int depth, Set<String> seen, Set<String> out) {
    String id = index.bodyIdOf(m);
    if (depth > MAX_START_DEPTH || !seen.add(id)) {
      return;
    }
    BodyResult r = result(id);
    if (r == null) {
      return;
    }
    for (RawSpawn s : r.spawns()) {
      out.add(rootKey(id, s));
    }
    for (RawCall c : r.calls()) {
      MethodDecl callee = c.call() == null ? null : resolvedMethod(c);
      List<MethodDecl> targets = callee == null || callee.isConstructor()
          ? List.of() : dispatchTargets(c, callee, null);
      if (targets.size() == 1 && c.at().loops().isEmpty()) {
        // Deeper down only calls with one possible target: a guessed override starts nothing.
        startsWithin(targets.get(0), depth + 1, seen, out);
      }
    }
  }

  /** The key of the task root started at spawn {@code s} of body {@code bodyId}. */
  private static String rootKey(String bodyId, RawSpawn s) {
    return "R:" + bodyId + "#" + s.index() + "@" + s.at().pos();
  }

  /**
   * The classes the object a call is made on can be, when known: a fresh object's class, or the
   * classes of every object ever stored in the field it is read from (of an object the analysed
   * code made, when the path says so); null when unknown.
   */
  private Set<String> heldClasses(AbsVal recv) {
    if (recv instanceof AbsVal.Alloc a && index.isProjectClass(a.type())) {
      return Set.of(a.type());
    }
    if (recv instanceof AbsVal.Anon an) {
      return Set.of(an.classId());
    }
    if (recv instanceof AbsVal.Field fd) {
      boolean made = fd.base() instanceof AbsVal.Alloc
          || (fd.base() instanceof AbsVal.Field b
              && fieldFacts.storedClasses(b.owner(), b.field()) != null);
      return made
          ? fieldFacts.storedClassesOfMadeObject(fd.owner(), fd.field())
          : fieldFacts.storedClasses(fd.owner(), fd.field());
    }
    return null;
  }

  /**
   * Walks one target of a call. {@code guessed}: the target is an override picked by the class
   * hierarchy alone, on an object the walk cannot place.
   */
  private void callTarget(ProgramIndex.Body body, RawCall c, MethodDecl m, AbsVal recv, Frame f,
      Ctx ctx, Map<Integer, String> spawnKeys, boolean guessed) {
    ClassDecl calleeClass = index.ownerOf(m);
    Map<String, AbsVal> thisOf = new HashMap<>(f.thisOf());
    if (guessed && calleeClass != null && recv instanceof AbsVal.Field held) {
      // An inner object of a guessed class, held in a field of an object of another kind, belongs
      // to some outer object, not necessarily the one this code runs on (kafka: a client
      // response's completion callback is not this producer's transaction handler): its enclosing
      // instances are unknown. Held by an object of the outer's own kind (a channel's unsafe),
      // it is that object's.
      for (ClassDecl in = calleeClass;
          in.enclosingClassId() != null && !in.modifiers().contains(
              dev.shareguard.core.ir.Modifier.STATIC);
          in = index.classById(in.enclosingClassId())) {
        ClassDecl outer = index.classById(in.enclosingClassId());
        if (outer == null || index.hierarchy().isSubtype(outer.id(), held.owner())
            || index.hierarchy().isSubtype(held.owner(), outer.id())) {
          break;
        }
        thisOf.put(outer.id(), AbsVal.UNKNOWN);
      }
    }
    if (recv instanceof AbsVal.Alloc && c.call() != null && isTaskMethod(m)
        && calleeClass != null) {
      // task.run() called directly: the fresh task object runs inline on this thread, as the
      // caller's own object (a pool running the same class works on other instances).
      thisOf.put(calleeClass.id(), recv);
    } else if (recv instanceof AbsVal.Handle
        || (recv instanceof AbsVal.Alloc a && index.isProjectClass(a.type())
            && (models.isThreadSubclass(a.type())
                || isTaskClass(index.classById(a.type()))))) {
      // A thread or task object: its run() sees its fields as the class's shared instance, so
      // calls on it from the starting thread do too.
      thisOf.remove(calleeClass == null ? "" : calleeClass.id());
    } else if (recv != null && calleeClass != null && !(recv instanceof AbsVal.Unknown)) {
      thisOf.put(calleeClass.id(), recv);
    } else if (recv instanceof AbsVal.Unknown && calleeClass != null) {
      // A call on an unknown object: its own fields are not this object's.
      thisOf.put(calleeClass.id(), AbsVal.UNKNOWN);
    }
    Map<String, AbsVal> params = new HashMap<>();
    for (int i = 0; i < m.params().size() && i < c.args().size(); i++) {
      params.put(m.params().get(i).name(), resolve(c.args().get(i), f, body));
    }
    Ctx calleeCtx = ctx;
    if (m.isConstructor() && ctx.kind() != Ctx.Kind.INIT) {
      // A constructor of a fresh object runs before that object is shared.
      return;
    }
    Set<String> excluded = excludedAt(c.at(), f, spawnKeys);
    if (calleeClass != null && isSetUp(m)) {
      excluded.add(SET_UP + calleeClass.id());
    }
    Frame callee = new Frame(thisOf, params, Map.of(), locksAt(c.at(), f, body),
        excluded, liveAt(c.at(), f, spawnKeys), f.depth() + 1, 0,
        f.once() && c.at().loops().isEmpty(), calleeThisClass(c, calleeClass, f),
        new CallPath(body.id(), c.at().pos(), CallPath.Via.CALLS, guessed, f.path()));
    walk(index.bodyIdOf(m), callee, calleeCtx);
  }

  /**
   * A property setter by the JavaBeans convention: an instance method {@code setX} of one
   * parameter. Calling one configures the object, a phase of its lifecycle that comes before it
   * serves other callers.
   */
  static boolean isPropertySetter(MethodDecl m) {
    String n = m.name();
    return !m.isStatic() && m.params().size() == 1 && n.length() > 3 && n.startsWith("set")
        && Character.isUpperCase(n.charAt(3));
  }

  /**
   * A lifecycle transition by name ({@link #LIFECYCLE_TRANSITIONS}): the owner starts, stops,
   * suspends or resumes an object, one transition after another, and not while it also drives
   * the object's other public methods from other threads. Like a setter, its accesses to the
   * object's state are the configuration of its lifecycle, not its running phase.
   */
  static boolean isLifecycleTransition(MethodDecl m) {
    return !m.isStatic() && LIFECYCLE_TRANSITIONS.contains(m.name());
  }

  /** The lifecycle phase entry {@code m} belongs to (see {@link Ctx.Phase}). */
  static Ctx.Phase phaseOf(MethodDecl m) {
    if (!m.isStatic() && SET_UP_PHASE.contains(m.name())) {
      return Ctx.Phase.SET_UP;
    }
    if (isPropertySetter(m)) {
      return Ctx.Phase.PROPERTY;
    }
    return isLifecycleTransition(m) ? Ctx.Phase.TRANSITION : Ctx.Phase.RUNNING;
  }

  /** Set-up methods by name: called once on an object before it is started. */
  private static final Set<String> SET_UP_PHASE =
      Set.of("init", "initialize", "configure", "setup", "setUp", "doInit", "afterPropertiesSet");

  /** Method names of lifecycle transitions, with the template-method forms frameworks use. */
  private static final Set<String> LIFECYCLE_TRANSITIONS =
      Set.of(
          "start", "stop", "init", "initialize", "shutdown", "suspend", "resume", "destroy",
          "doStart", "doStop", "doInit", "doShutdown", "doSuspend", "doResume", "doDestroy",
          "startUp", "startup", "afterPropertiesSet");

  /** A set-up method by convention, run on an object ({@link #SET_UP_METHODS}). */
  static boolean isSetUp(MethodDecl m) {
    return !m.isStatic() && !m.isInitializer() && SET_UP_METHODS.contains(m.name());
  }

  /**
   * The subclass the callee's {@code this} is known to be, beyond the callee's own class: a call on
   * this object keeps what the caller knew (a method of {@code ClientCnxnSocket} run from {@code
   * ClientCnxnSocketNIO.doIO()} runs on an NIO socket). Null otherwise: a call dispatched to an
   * override already runs in the override's class.
   */
  private String calleeThisClass(RawCall c, ClassDecl calleeClass, Frame f) {
    if (calleeClass == null || c.call() == null) {
      return null;
    }
    if (c.call().receiver() instanceof dev.shareguard.core.ir.Expr.ThisRef t && !t.isSuper()) {
      String known = f.thisClass() != null && index.hierarchy().isSubtype(f.thisClass(), t.classId())
          ? f.thisClass() : t.classId();
      return !known.equals(calleeClass.id()) && index.hierarchy().isSubtype(known, calleeClass.id())
          ? known : null;
    }
    return null;
  }

  private void runCode(AbsVal code, Point at, Frame f, Ctx ctx, Map<Integer, String> spawnKeys,
      ProgramIndex.Body body) {
    Target t = codeTarget(code);
    if (t == null) {
      return;
    }
    Frame callee = new Frame(t.thisOf, t.params, t.captured, locksAt(at, f, body),
        excludedAt(at, f, spawnKeys), liveAt(at, f, spawnKeys), f.depth() + 1, 0,
        f.once() && at.loops().isEmpty(), null,
        new CallPath(body.id(), at.pos(), CallPath.Via.RUNS, false, f.path()));
    walk(t.bodyId, callee, ctx);
  }

  /** The body a task or callback value runs, with its frame. */
  private record Target(String bodyId, Map<String, AbsVal> thisOf, Map<String, AbsVal> params,
      Map<String, AbsVal> captured, String rootClass) {}

  private Target codeTarget(AbsVal code) {
    if (code instanceof AbsVal.Bound b) {
      if (b.code() instanceof AbsVal.Closure cl) {
        return new Target(cl.lambdaId(), b.thisOf(), Map.of(), b.captured(), null);
      }
      if (b.code() instanceof AbsVal.Anon an) {
        ClassDecl c = index.classById(an.classId());
        if (c == null) {
          return null;
        }
        MethodDecl m = index.findMethod(c.id(), models.taskMethodOf(c.id()), 0, List.of());
        if (m == null) {
          m = firstZeroArgMethod(c);
        }
        if (m == null) {
          return null;
        }
        Map<String, AbsVal> thisOf = new HashMap<>(b.thisOf());
        thisOf.put(c.id(), an);
        return new Target(index.bodyIdOf(m), thisOf, Map.of(), b.captured(), c.id());
      }
      return null;
    }
    if (code instanceof AbsVal.MethodRefVal mr) {
      String owner = mr.target().owner();
      if (mr.receiver() instanceof AbsVal.This t && !index.isProjectClass(owner)) {
        owner = t.classId();
      }
      MethodDecl m = index.findMethod(owner, mr.target().name(), mr.target().arity(),
          mr.target().paramTypes());
      if (m == null || m.body() == null) {
        return null;
      }
      Map<String, AbsVal> thisOf = new HashMap<>();
      ClassDecl c = index.ownerOf(m);
      if (mr.receiver() != null && c != null) {
        thisOf.put(c.id(), mr.receiver());
      } else if (c != null && !m.isStatic()) {
        // An unbound reference (Acks::merge) runs on the object the API passes first: unknown
        // here, not the class's shared instance.
        thisOf.put(c.id(), AbsVal.UNKNOWN);
      }
      return new Target(index.bodyIdOf(m), thisOf, Map.of(), Map.of(), null);
    }
    if (code instanceof AbsVal.Alloc a && index.isProjectClass(a.type())) {
      MethodDecl m = index.findMethod(a.type(), models.taskMethodOf(a.type()), 0, List.of());
      if (m == null || m.body() == null) {
        return null;
      }
      // A task object's own fields: one abstract instance of its class (see Ctx.rootClass).
      return new Target(index.bodyIdOf(m), Map.of(), Map.of(), Map.of(), a.type());
    }
    return null;
  }

  private String displayName(String classId) {
    ClassDecl c = index.classById(classId);
    if (c == null || c.kind() != ClassDecl.Kind.ANONYMOUS) {
      return classId;
    }
    return "Thread subclass";
  }

  private static MethodDecl firstZeroArgMethod(ClassDecl c) {
    for (MethodDecl m : c.methods()) {
      if (m.params().isEmpty() && m.body() != null && !m.isInitializer()) {
        return m;
      }
    }
    return null;
  }

  // ---- task starts ----

  private String startRoot(ProgramIndex.Body body, RawSpawn s, Frame f, Ctx spawner) {
    AbsVal task = resolve(s.task(), f, body);
    Target t = codeTarget(task);
    if (t == null) {
      return null;
    }
    String key = rootKey(body.id(), s);
    for (ClassDecl c = body.owner(); c != null; c = index.classById(c.enclosingClassId())) {
      spawningClasses.add(c.id());
    }
    if (!walkedRoots.add(key)) {
      return key;
    }
    String serial = serialExecutor(s, f, body);
    boolean multi =
        s.multiByNature()
            || (!s.model().periodic() && serial == null
                && (!s.at().loops().isEmpty() || (isPool(s) && repeatable(spawner))));
    String where = body.file().path().substring(body.file().path().lastIndexOf('/') + 1);
    if (t.rootClass != null && models.isThreadSubclass(t.rootClass)) {
      where = where + " (a " + Describe.simpleName(displayName(t.rootClass)) + ")";
    }
    Ctx ctx = new Ctx(Ctx.Kind.ROOT, key, multi, serial, t.rootClass,
        "the task started by " + s.model().what() + " at " + where + ":" + s.at().pos().line(),
        spawner.entryName(), activations + 1,
        s.multiByNature() || (!s.model().periodic() && !s.at().loops().isEmpty()), null,
        body.id());
    Frame rf = new Frame(t.thisOf, t.params, t.captured, Set.of(), Set.of(), Set.of(), 0, 0,
        !multi && !s.model().periodic(), null,
        new CallPath(body.id(), s.at().pos(), CallPath.Via.STARTS, false, f.path()));
    walk(t.bodyId, rf, ctx);
    return key;
  }

  /** Whether the spawner is an executor with several threads (not a Thread or a Timer). */
  private static boolean isPool(RawSpawn s) {
    return s.model().runner() == LibraryModels.Runner.POOL;
  }

  /** Whether the code starting the task can run more than once at a time. */
  private static boolean repeatable(Ctx spawner) {
    return spawner.kind() == Ctx.Kind.ROOT
        || (spawner.kind() == Ctx.Kind.CALLER && !LIFECYCLE_METHODS.contains(spawner.entryName())
            && !spawner.programMain());
  }

  /** A program's entry point: {@code public static void main(String[])} (or varargs). */
  static boolean isProgramMain(MethodDecl m) {
    return m.name().equals("main") && m.isStatic() && m.isPublic() && m.params().size() == 1
        && m.params().get(0).type().isArray()
        && m.params().get(0).type().name().equals("java.lang.String");
  }

  private String serialExecutor(RawSpawn s, Frame f, ProgramIndex.Body body) {
    AbsVal ex = s.executor() == null ? AbsVal.UNKNOWN : resolve(s.executor(), f, body);
    if (s.eventLoop()) {
      // A Netty event loop: one thread, named like the loop code that asks inEventLoop(). One
      // the engine cannot name still runs each task once at a time: two runs overlap only on
      // two loops, that is for two channels, each with its own state.
      String loop = loopKey(ex);
      return loop == null ? UNKNOWN_LOOP : loop;
    }
    if (ex instanceof AbsVal.Alloc a && a.singleThreadExecutor()) {
      return a.site();
    }
    if (ex instanceof AbsVal.Field fd
        && fieldFacts.of(fd.owner(), fd.field()).allSingleThreadExecutor()) {
      return fd.owner() + "." + fd.field();
    }
    return null;
  }

  // ---- points: locks and happens-before ----

  /** The exclusive locks the body surely let go of before a point, as lock keys (no mode). */
  private Set<String> passedAt(Point at, Frame f, ProgramIndex.Body body) {
    if (at.passed().isEmpty()) {
      return Set.of();
    }
    Set<String> out = new TreeSet<>();
    for (AbsVal lock : at.passed()) {
      AbsVal v = resolve(lock, f, body);
      if (!(v instanceof AbsVal.OnLoop)) {
        out.add(lockKey(v));
      }
    }
    return out;
  }

  /**
   * The locks held at a point, and the event loops it is known to run on (as {@link #loopKey}s,
   * which carry no {@code :R}/{@code :W}): those flow into callees like locks.
   */
  private Set<String> locksAt(Point at, Frame f, ProgramIndex.Body body) {
    Set<String> out = new TreeSet<>(f.held());
    for (HeldLock h : at.locks()) {
      AbsVal lock = resolve(h.lock(), f, body);
      if (lock instanceof AbsVal.OnLoop on) {
        String loop = loopKey(on.loop());
        if (loop != null) {
          out.add(loop);
        }
        continue;
      }
      out.add(lockKey(lock) + (h.readOnly() ? ":R" : ":W"));
    }
    return out;
  }

  /** Prefix of the identity of a Netty event loop (see {@link #loopKey}). */
  static final String LOOP = "loop ";

  /** The executor of a task handed to a Netty event loop the engine cannot name. */
  static final String UNKNOWN_LOOP = LOOP + "?";

  /**
   * The identity of the event loop a value is, or null when the engine cannot name it: the same
   * key as a lock on that value ({@code field:AbstractChannel.eventLoop}, {@code this:NioEventLoop}).
   * A field names one loop per object, as the engine names a field's other values: two channels'
   * loops are told apart only as far as the two channels' own fields are (static state is kept
   * apart by {@link ConflictFinder}). A value it cannot name ({@code ctx.executor()}) is no loop,
   * so nothing is ordered by it.
   */
  private static String loopKey(AbsVal loop) {
    String key = lockKey(loop);
    return key.equals("?") ? null : LOOP + key;
  }

  /** A lock's identity; locks the engine cannot name share one key, so they count as common. */
  public static String lockKey(AbsVal v) {
    if (v instanceof AbsVal.This t) {
      return "this:" + t.classId();
    }
    if (v instanceof AbsVal.Static s) {
      return "class:" + s.classId();
    }
    if (v instanceof AbsVal.Field fd) {
      AbsVal root = rootOf(fd);
      if (root instanceof AbsVal.This || root instanceof AbsVal.Static) {
        return "field:" + fd.owner() + "." + fd.field();
      }
      if (root instanceof AbsVal.Alloc a) {
        return "alloc:" + a.site() + "." + fd.field();
      }
    }
    if (v instanceof AbsVal.Alloc a) {
      return "alloc:" + a.site();
    }
    if (v instanceof AbsVal.Anon a) {
      return "alloc:" + a.site();
    }
    return "?";
  }

  private Set<String> excludedAt(Point at, Frame f, Map<Integer, String> spawnKeys) {
    Set<String> out = new TreeSet<>(f.excluded());
    for (Map.Entry<Integer, String> e : spawnKeys.entrySet()) {
      if (!at.spawned().contains(e.getKey()) || at.joined().contains(e.getKey())) {
        out.add(e.getValue());
      }
    }
    boolean spawnedBefore = !at.spawned().isEmpty();
    boolean startInLoop = false;
    List<dev.shareguard.core.ir.Pos> startsBefore = new ArrayList<>();
    for (CallStarts c : startsStack.isEmpty() ? List.<CallStarts>of() : startsStack.peek()) {
      if (before(at, c.at())) {
        // Before a call that starts tasks in its callees: before those tasks start.
        out.addAll(c.keys());
      } else if (!java.util.Collections.disjoint(c.at().loops(), at.loops())) {
        startInLoop = true;
      } else if (c.at().pos().compareTo(at.pos()) < 0) {
        startsBefore.add(c.at().pos());
      }
    }
    if (!spawnedBefore && !startInLoop && at.loops().isEmpty()) {
      // After a join of the threads a field holds (and nothing started between the join and
      // here, no loop around): those threads have ended. Marked by class, as the walk meets
      // their starts elsewhere.
      for (JoinAt j : joinsStack.isEmpty() ? List.<JoinAt>of() : joinsStack.peek()) {
        if (j.pos().compareTo(at.pos()) < 0
            && startsBefore.stream().noneMatch(p -> p.compareTo(j.pos()) > 0)) {
          j.classes().forEach(c -> out.add(JOINED + c));
        }
      }
    }
    return out;
  }

  /**
   * Whether a point of a body always runs before another point of it: it comes first in the
   * text and no loop holds both (lambdas and local classes are bodies of their own).
   */
  private static boolean before(Point a, Point b) {
    return !a.pos().equals(dev.shareguard.core.ir.Pos.UNKNOWN) && a.pos().compareTo(b.pos()) < 0
        && java.util.Collections.disjoint(a.loops(), b.loops());
  }

  private static Set<String> liveAt(Point at, Frame f, Map<Integer, String> spawnKeys) {
    Set<String> out = new TreeSet<>(f.live());
    for (Map.Entry<Integer, String> e : spawnKeys.entrySet()) {
      if (at.spawned().contains(e.getKey()) && !at.joined().contains(e.getKey())) {
        out.add(e.getValue());
      }
    }
    return out;
  }

  // ---- values and locations ----

  /** Rewrites a body-relative value into the caller's frame. */
  private AbsVal resolve(AbsVal v, Frame f, ProgramIndex.Body body) {
    if (v instanceof AbsVal.Alloc a && a.site().startsWith(body.id() + "@")) {
      return new AbsVal.Alloc(a.site().replace(body.id() + "@", body.id() + "#" + f.activation()
          + "@"), a.type(), a.loops(), a.threadSafe(), a.immutable(), a.singleThreadExecutor(),
          a.accessOrdered(), a.synchronizedWrapper());
    }
    if (v instanceof AbsVal.Anon a && a.site().startsWith(body.id() + "@")) {
      v = new AbsVal.Anon(a.classId(), a.creatorBody(),
          a.site().replace(body.id() + "@", body.id() + "#" + f.activation() + "@"));
    }
    if (v instanceof AbsVal.This t) {
      return f.thisOf().getOrDefault(t.classId(), t);
    }
    if (v instanceof AbsVal.Param p) {
      return f.params().getOrDefault(p.name(), AbsVal.UNKNOWN);
    }
    if (v instanceof AbsVal.Captured c) {
      return f.captured().getOrDefault(c.name(), AbsVal.UNKNOWN);
    }
    if (v instanceof AbsVal.Field fd) {
      AbsVal base = resolve(fd.base(), f, body);
      return base instanceof AbsVal.Unknown ? base : new AbsVal.Field(base, fd.owner(), fd.field());
    }
    if (v instanceof AbsVal.Elem e) {
      AbsVal base = resolve(e.base(), f, body);
      return base instanceof AbsVal.Unknown ? base : new AbsVal.Elem(base);
    }
    if (v instanceof AbsVal.View vw) {
      AbsVal base = resolve(vw.backing(), f, body);
      return base instanceof AbsVal.Unknown ? base : new AbsVal.View(base);
    }
    if (v instanceof AbsVal.LockView lv) {
      return new AbsVal.LockView(resolve(lv.lock(), f, body), lv.read());
    }
    if (v instanceof AbsVal.OnLoop on) {
      return new AbsVal.OnLoop(resolve(on.loop(), f, body));
    }
    if (v instanceof AbsVal.MethodRefVal mr) {
      return new AbsVal.MethodRefVal(
          mr.receiver() == null ? null : resolve(mr.receiver(), f, body), mr.target(),
          mr.qualifierType());
    }
    if (v instanceof AbsVal.Closure || v instanceof AbsVal.Anon) {
      String creator = v instanceof AbsVal.Closure c ? c.creatorBody() : ((AbsVal.Anon) v).creatorBody();
      String id = v instanceof AbsVal.Closure c ? c.lambdaId() : ((AbsVal.Anon) v).classId();
      BodyResult r = result(creator);
      Map<String, AbsVal> captured = new HashMap<>();
      if (r != null && creator.equals(body.id())) {
        Map<String, AbsVal> env = r.captureEnvs().getOrDefault(id, Map.of());
        for (Map.Entry<String, AbsVal> e : env.entrySet()) {
          AbsVal val = e.getValue();
          if (val instanceof AbsVal.Closure || val instanceof AbsVal.Anon) {
            continue;
          }
          captured.put(e.getKey(), resolve(val, f, body));
        }
        // Locals the creator itself captured stay visible to nested lambdas.
        for (Map.Entry<String, AbsVal> e : f.captured().entrySet()) {
          captured.putIfAbsent(e.getKey(), e.getValue());
        }
      }
      return new AbsVal.Bound(v, captured, f.thisOf());
    }
    return v;
  }

  private static boolean throughElement(AbsVal v) {
    int guard = 0;
    while (guard++ < 64) {
      if (v instanceof AbsVal.Elem) {
        return true;
      } else if (v instanceof AbsVal.Field f) {
        v = f.base();
      } else if (v instanceof AbsVal.View w) {
        v = w.backing();
      } else {
        return false;
      }
    }
    return false;
  }

  static AbsVal rootOf(AbsVal v) {
    return AbsVal.root(v);
  }

  /**
   * The abstract location of an access, or null if it has none (an unknown or caller-owned
   * object). Fields of shared objects are keyed by declaring class and name (any two instances
   * may alias); fields and contents of fresh objects by their allocation site.
   */
  static String locationKey(AbsVal target, Slot slot) {
    if (throughElement(target)) {
      // An object taken out of a container is usually handed over between threads (a queue, a
      // map of per-request state): its own fields are not shared by the path that reached it.
      return null;
    }
    AbsVal root = rootOf(target);
    String rootKey;
    if (root instanceof AbsVal.This || root instanceof AbsVal.Static) {
      rootKey = null;
    } else if (root instanceof AbsVal.Alloc a) {
      rootKey = "L:" + a.site();
    } else if (root instanceof AbsVal.Anon a) {
      rootKey = "L:" + a.site();
    } else {
      return null;
    }
    String path = pathOf(target, rootKey);
    if (path == null) {
      return null;
    }
    return (slot == Slot.CELL ? "cell " : "contents ") + path;
  }

  private static String pathOf(AbsVal v, String localRoot) {
    if (v instanceof AbsVal.Field f) {
      if (localRoot == null) {
        return (rootOf(f) instanceof AbsVal.Static ? "static " : "") + f.owner() + "." + f.field();
      }
      String base = pathOf(f.base(), localRoot);
      return base == null ? null : base + "." + f.field();
    }
    if (v instanceof AbsVal.Elem e) {
      String base = pathOf(e.base(), localRoot);
      return base == null ? null : base + "[*]";
    }
    if (v instanceof AbsVal.View w) {
      return pathOf(w.backing(), localRoot);
    }
    if (v instanceof AbsVal.This t) {
      return localRoot == null ? "this:" + t.classId() : null;
    }
    if (v instanceof AbsVal.Alloc || v instanceof AbsVal.Anon) {
      return localRoot;
    }
    return null;
  }

  /**
   * Whether an access can take part in a race at all: not a final or volatile field's cell, not
   * a library field, not an immutable container's contents (thread-safe ones are set apart first).
   */
  private boolean isShareable(RawAccess a, AbsVal target) {
    if (a.slot() == Slot.CELL) {
      if (!(target instanceof AbsVal.Field fd)) {
        return false;
      }
      FieldDecl decl = index.field(fd.owner(), fd.field());
      return decl != null && !decl.isFinal() && !decl.isVolatile() && !isThreadLocal(decl.type());
    }
    // Thread-safe contents were set apart by isThreadSafeContents before this is asked.
    if (a.receiverType() != null
        && (models.isImmutableContainer(a.receiverType())
            || (index.isProjectClass(a.receiverType())
                && concurrencyAware.classExpectsConcurrency(a.receiverType())))) {
      // An analysed container class written for concurrent use (locks, volatile, atomics) is
      // trusted like a library concurrent container.
      return false;
    }
    AbsVal container = target instanceof AbsVal.View w ? w.backing() : target;
    if (container instanceof AbsVal.Alloc al) {
      return !al.immutable();
    }
    if (container instanceof AbsVal.Field fd) {
      FieldDecl decl = index.field(fd.owner(), fd.field());
      if (decl != null
          && (models.isImmutableContainer(decl.type().erasure()) || isThreadLocal(decl.type()))) {
        return false;
      }
      return !fieldFacts.of(fd.owner(), fd.field()).allImmutable();
    }
    return true;
  }

  private static boolean isThreadLocal(TypeRef t) {
    return t.name().equals("java.lang.ThreadLocal")
        || t.name().equals("java.lang.InheritableThreadLocal");
  }
}
