package dev.shareguard.core.engine;

import dev.shareguard.core.ir.ClassDecl;
import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.FieldDecl;
import dev.shareguard.core.ir.MethodDecl;
import dev.shareguard.core.ir.SourceFile;
import dev.shareguard.core.ir.Stmt;
import dev.shareguard.core.ir.TypeRef;
import dev.shareguard.core.model.TypeHierarchy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the engine looks up by name: classes, their fields and methods, lambdas and the body
 * that creates each, and which file declares what. Built once per analysis.
 */
public final class ProgramIndex {

  /** A piece of code analysed on its own: a method, initializer or lambda body. */
  public record Body(
      String id,
      SourceFile file,
      ClassDecl owner,
      MethodDecl method,
      Expr.Lambda lambda,
      Stmt.Block block) {

    /** The method this body is, or (for a lambda) the method it is written in. */
    public boolean isLambda() {
      return lambda != null;
    }
  }

  private final Map<String, ClassDecl> classes = new LinkedHashMap<>();
  private final Map<String, SourceFile> fileOfClass = new HashMap<>();
  private final Map<String, Body> bodies = new LinkedHashMap<>();
  private final Map<String, MethodDecl> enclosingMethodOfLambda = new HashMap<>();
  private final Map<MethodDecl, String> methodBodyIds = new java.util.IdentityHashMap<>();
  /** {@link #ownerOf} of each method, worked out once: it is asked at every call walked. */
  private final Map<MethodDecl, ClassDecl> owners = new java.util.IdentityHashMap<>();
  private final TypeHierarchy hierarchy;
  private final java.util.Set<MethodDecl> called =
      java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
  private final java.util.Set<String> instantiated = new java.util.HashSet<>();

  /** Packages every source file of which is analysed (see {@link #isClosedPackage}). */
  private final java.util.Set<String> closedPackages;

  public ProgramIndex(List<SourceFile> files) {
    this(files, java.util.Set.of());
  }

  /**
   * @param closedPackages packages whose every source file is among {@code files}: what no code of
   *     theirs calls with package access, nothing in production calls
   */
  public ProgramIndex(List<SourceFile> files, java.util.Set<String> closedPackages) {
    this.closedPackages = java.util.Set.copyOf(closedPackages);
    for (SourceFile f : files) {
      for (ClassDecl c : f.classes()) {
        classes.putIfAbsent(c.id(), c);
        fileOfClass.putIfAbsent(c.id(), f);
      }
    }
    for (SourceFile f : files) {
      for (ClassDecl c : f.classes()) {
        if (classes.get(c.id()) != c) {
          continue;
        }
        for (MethodDecl m : c.methods()) {
          String id = methodId(c, m);
          methodBodyIds.put(m, id);
          owners.put(m, classById(id.substring(0, id.indexOf('#'))));
          if (m.body() != null) {
            bodies.put(id, new Body(id, f, c, m, null, m.body()));
            collectLambdas(f, c, m, m.body());
          }
        }
        for (FieldDecl fd : c.fields()) {
          if (fd.initializer() != null) {
            collectLambdasInExpr(f, c, null, fd.initializer());
          }
        }
      }
    }
    this.hierarchy = new TypeHierarchy(classes.values());
    this.subclasses = new HashMap<>();
    for (ClassDecl c : classes.values()) {
      for (String sup : hierarchy.supertypesOf(c.id())) {
        if (!sup.equals(c.id())) {
          subclasses.computeIfAbsent(sup, k -> new ArrayList<>()).add(c);
        }
      }
    }
    for (Body b : bodies.values()) {
      if (b.block() != null) {
        // Statements, lambdas' bodies included (a lambda's return is not its method's).
        MethodDecl returnsFor = b.lambda() == null ? b.method() : null;
        IrWalker.forEachStmt(b.block(), st -> noteThreadViews(st, returnsFor));
      }
      if (b.lambda() != null) {
        // A lambda's code is walked inside the method or field initializer that holds it (the
        // walk enters lambdas), under the same method name; what is noted goes into sets.
        continue;
      }
      String where = b.method() == null ? null : b.method().name();
      IrWalker.forEachExpr(b.block(), e -> {
        noteCallsAndNews(e);
        noteAllocation(e, where);
        noteThreadStart(e, b.owner());
        if (e instanceof Expr.Call c && c.args().isEmpty() && c.receiver() != null
            && c.target().name().equals("join")) {
          joiningBodies.add(b.id());
        }
      });
    }
    for (ClassDecl c : classes.values()) {
      for (FieldDecl fd : c.fields()) {
        notePlainThread(fd.initializer(), fd.type());
        IrWalker.forEachExpr(fd.initializer(), e -> {
          noteCallsAndNews(e);
          noteAllocation(e, null);
          noteThreadStart(e, c);
        });
      }
    }
  }

  /**
   * The static types of the objects analysed code calls {@code start()} on, or hands to {@code
   * Runtime.addShutdownHook} (which starts it at exit); {@code null} among them when a receiver's
   * type is unknown (see {@link #mayStart}).
   */
  private final java.util.Set<String> startedTypes = new java.util.HashSet<>();

  /**
   * Analysed classes an object of which analysed code makes and at once views as a plain {@code
   * java.lang.Thread} (or a type it cannot name): stored in such a local or field, passed as such
   * a parameter, returned as such (see {@link #mayStart}).
   */
  private final java.util.Set<String> madeAsPlainThread = new java.util.HashSet<>();

  private void noteThreadStart(Expr e, ClassDecl in) {
    if (e instanceof Expr.Call c) {
      String name = c.target().name();
      if (name.equals("start") && c.args().isEmpty()) {
        Expr r = c.receiver();
        startedTypes.add(r == null || r instanceof Expr.ThisRef ? (in == null ? null : in.id())
            : r instanceof Expr.New n ? madeClass(n)
            : r.type() == null ? null : r.type().name());
      } else if (name.equals("addShutdownHook") && c.args().size() == 1) {
        Expr hook = c.args().get(0);
        startedTypes.add(hook.type() == null ? null : hook.type().name());
      }
      notePlainThreadArgs(c.args(), c.target().paramTypes());
    } else if (e instanceof Expr.New n && n.constructor() != null) {
      notePlainThreadArgs(n.args(), n.constructor().paramTypes());
    } else if (e instanceof Expr.Assign a && a.target() != null) {
      notePlainThread(a.value(), a.target().type());
    }
  }

  private void notePlainThreadArgs(List<Expr> args, List<TypeRef> params) {
    for (int i = 0; i < args.size(); i++) {
      notePlainThread(args.get(i), params != null && i < params.size() ? params.get(i) : null);
    }
  }

  private void noteThreadViews(Stmt s, MethodDecl m) {
    if (s instanceof Stmt.LocalVar v) {
      notePlainThread(v.init(), v.type());
    } else if (s instanceof Stmt.Return r && m != null) {
      notePlainThread(r.expr(), m.returnType());
    }
  }

  /** Notes the classes {@code value} makes when the place it goes is typed {@code as}. */
  private void notePlainThread(Expr value, TypeRef as) {
    if (value instanceof Expr.Conditional c) {
      notePlainThread(c.whenTrue(), as);
      notePlainThread(c.whenFalse(), as);
    } else if (value instanceof Expr.Cast c) {
      notePlainThread(c.expr(), as);
    } else if (value instanceof Expr.New n
        && (as == null || as.name() == null || "java.lang.Thread".equals(as.name()))) {
      madeAsPlainThread.add(madeClass(n));
    }
  }

  private static String madeClass(Expr.New n) {
    return n.anonymousClassId() != null ? n.anonymousClassId()
        : n.type() == null ? null : n.type().name();
  }

  /**
   * Whether analysed code may start a thread object of analysed class {@code threadClass}: it
   * calls {@code start()} on (or hands to a shutdown hook) an expression typed by the class or an
   * analysed class above it, or of unknown type, or typed {@code java.lang.Thread} when it also
   * makes such an object as a plain {@code Thread} (stored, passed or returned as one); or a
   * {@code ThreadFactory}-style {@code newThread} method makes it (the executor that asked starts
   * it). A thread object nothing starts runs nothing on a thread of its own (handed to an
   * executor as a {@code Runnable}, its body runs as that executor's task).
   */
  public boolean mayStart(String threadClass) {
    if (allocatingMethods(threadClass).contains("newThread")) {
      return true;
    }
    for (String t : startedTypes) {
      if (t == null) {
        return true;
      }
      if (hierarchy.isSubtype(threadClass, t)
          && (isProjectClass(t) || madeAsPlainThread.contains(threadClass))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Method bodies with a call {@code x.join()} somewhere in their code, their lambdas included
   * (see {@link #mayJoin}).
   */
  private final java.util.Set<String> joiningBodies = new java.util.HashSet<>();

  /**
   * Whether the code of method body {@code bodyId} (its lambdas included) calls some {@code
   * join()} with no argument on a receiver: a body without one joins no thread, and the walk
   * need not look through it for joins.
   */
  public boolean mayJoin(String bodyId) {
    return joiningBodies.contains(bodyId);
  }

  /** Names of the methods that allocate each class ({@code null} for a field initializer). */
  private final Map<String, java.util.Set<String>> allocatedIn = new java.util.HashMap<>();

  private void noteAllocation(Expr e, String method) {
    if (e instanceof Expr.New n && n.anonymousClassId() == null) {
      allocatedIn.computeIfAbsent(n.type().name(), k -> new java.util.HashSet<>())
          .add(method == null ? "" : method);
    }
  }

  /**
   * The names of the methods (their lambdas included) where analysed code allocates class {@code
   * id}, {@code ""} standing for a field initializer; empty when it never does.
   */
  public java.util.Set<String> allocatingMethods(String id) {
    return allocatedIn.getOrDefault(id, java.util.Set.of());
  }

  private void noteCallsAndNews(Expr e) {
    if (e instanceof Expr.New n) {
      instantiated.add(n.anonymousClassId() != null ? n.anonymousClassId() : n.type().name());
    } else if (e instanceof Expr.Call c) {
      String owner = c.target().owner();
      if (c.receiver() instanceof Expr.ThisRef t && !isProjectClass(owner)) {
        owner = t.classId();
      }
      MethodDecl m = findMethod(owner, c.target().name(), c.target().arity(),
          c.target().paramTypes());
      if (m == null && c.receiver() instanceof Expr.ThisRef t) {
        m = findMethod(t.classId(), c.target().name(), c.target().arity(),
            c.target().paramTypes());
      }
      if (m != null) {
        called.add(m);
        called.addAll(overrides(m, c.receiver()));
      }
    } else if (e instanceof Expr.MethodRef r && r.target() != null) {
      String owner = r.target().owner();
      if (r.receiver() instanceof Expr.ThisRef t && !isProjectClass(owner)) {
        owner = t.classId();
      }
      MethodDecl m = findMethod(owner, r.target().name(), r.target().arity(),
          r.target().paramTypes());
      if (m != null) {
        called.add(m);
      }
    }
  }

  /** The analysed classes below each type, built with the index so that lookups only read it. */
  private final Map<String, List<ClassDecl>> subclasses;

  /** Classes declared inside each class, by the enclosing class's id; built on first use. */
  private Map<String, List<ClassDecl>> nested;

  /** {@code c} and the classes declared inside it, at any depth. */
  public synchronized List<ClassDecl> withNested(ClassDecl c) {
    if (nested == null) {
      nested = new HashMap<>();
      for (ClassDecl k : classes().values()) {
        if (k.enclosingClassId() != null) {
          nested.computeIfAbsent(k.enclosingClassId(), x -> new ArrayList<>()).add(k);
        }
      }
    }
    List<ClassDecl> out = new ArrayList<>();
    out.add(c);
    for (int i = 0; i < out.size() && i < 256; i++) {
      out.addAll(nested.getOrDefault(out.get(i).id(), List.of()));
    }
    return out;
  }

  /** The analysed classes that are subtypes of {@code type}, itself not included. */
  public List<ClassDecl> subclassesOf(String type) {
    return subclasses.getOrDefault(type, List.of());
  }

  /**
   * {@link #overrides} of each method asked about: a virtual call asks at every walk through it.
   * Bounded by the program's methods; identity keys, as a method's record equality is deep.
   */
  private final Map<MethodDecl, List<MethodDecl>> overridesCache =
      java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>());

  /**
   * The methods of analysed subclasses that override {@code m} (same name and arity): the other
   * targets of a virtual call, by class-hierarchy analysis.
   */
  public List<MethodDecl> overrides(MethodDecl m) {
    List<MethodDecl> cached = overridesCache.get(m);
    if (cached == null) {
      cached = List.copyOf(findOverrides(m));
      overridesCache.put(m, cached);
    }
    return cached;
  }

  /**
   * The {@link #overrides} of {@code m} that a call on a receiver of static type {@code receiver}
   * can run: those in classes below that type. When the receiver's type is an analysed subtype of
   * the declaring class ({@code delegate.poll()} on a {@code ConsumerDelegate} whose {@code poll}
   * is declared by {@code Consumer}), implementations of the declaring type beside it (the
   * delegating {@code KafkaConsumer.poll} itself) are not targets.
   */
  public List<MethodDecl> overrides(MethodDecl m, Expr receiver) {
    List<MethodDecl> all = overrides(m);
    if (all.isEmpty() || receiver == null || receiver instanceof Expr.ThisRef) {
      return all;
    }
    TypeRef t = receiver.type();
    ClassDecl owner = ownerOf(m);
    if (t == null || t.kind() != TypeRef.Kind.CLASS || t.arrayDims() > 0
        || !classes.containsKey(t.name()) || owner == null || owner.id().equals(t.name())
        || !hierarchy.isSubtype(t.name(), owner.id())) {
      return all;
    }
    return overridesBelow
        .computeIfAbsent(m, k -> new java.util.concurrent.ConcurrentHashMap<>())
        .computeIfAbsent(t.name(), below -> {
          List<MethodDecl> out = new ArrayList<>();
          for (MethodDecl o : all) {
            ClassDecl oc = ownerOf(o);
            if (oc == null || hierarchy.isSubtype(oc.id(), below)) {
              out.add(o);
            }
          }
          return List.copyOf(out);
        });
  }

  /**
   * {@link #overrides(MethodDecl, Expr)} by method and receiver type: asked at every walk through
   * a call. Bounded by the program's methods times the types their calls are made on.
   */
  private final Map<MethodDecl, Map<String, List<MethodDecl>>> overridesBelow =
      java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>());

  private List<MethodDecl> findOverrides(MethodDecl m) {
    ClassDecl owner = ownerOf(m);
    if (owner == null || m.isStatic() || m.isPrivate() || m.isInitializer()) {
      return List.of();
    }
    List<MethodDecl> out = new ArrayList<>();
    for (ClassDecl sub : subclasses.getOrDefault(owner.id(), List.of())) {
      for (MethodDecl o : sub.methods()) {
        if (o.name().equals(m.name()) && o.params().size() == m.params().size()
            && !o.isStatic() && o.body() != null) {
          out.add(o);
        }
      }
    }
    return out;
  }

  /**
   * Whether no code calls {@code m}: a private method, or a package-private one of a package
   * whose every file is analysed, that nothing analysed calls.
   */
  public boolean neverCalled(MethodDecl m) {
    if (isCalled(m)) {
      return false;
    }
    ClassDecl c = ownerOf(m);
    boolean packagePrivate = !m.isPrivate() && !m.isPublic()
        && !m.modifiers().contains(dev.shareguard.core.ir.Modifier.PROTECTED);
    return m.isPrivate() || (packagePrivate && c != null && isClosedPackage(c.id()));
  }

  /** Whether analysed code calls {@code m} (or references it) anywhere. */
  public boolean isCalled(MethodDecl m) {
    return called.contains(m);
  }

  /**
   * Whether every source file of the package declaring class {@code classId} is analysed, so
   * that the callers of its package-private methods are all known.
   */
  public boolean isClosedPackage(String classId) {
    SourceFile f = fileOfClass.get(classId);
    return f != null && closedPackages.contains(f.packageName());
  }

  /**
   * Whether the package declaring class {@code classId} is marked internal by its name: a segment
   * {@code internal} or {@code internals} ({@code org.acme.internal.io}), the convention for
   * packages a library keeps for its own use and publishes as no API.
   */
  public boolean isInternalPackage(String classId) {
    SourceFile f = fileOfClass.get(classId);
    if (f == null || f.packageName() == null) {
      return false;
    }
    for (String segment : f.packageName().split("\\.")) {
      if (segment.equals("internal") || segment.equals("internals")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code m} of class {@code c}, if nothing analysed calls it, is dead code rather than
   * API: its class is in a package marked internal ({@link #isInternalPackage}), which the library
   * publishes as no API, and it implements nothing a framework or the JDK calls (no serialization
   * hook, no {@code @Override}, no annotation that may ask for a call). Whether something calls it
   * is the caller's question ({@link #isCalled}).
   */
  public boolean isUncalledInternal(ClassDecl c, MethodDecl m) {
    if (!isInternalPackage(c.id()) || SERIALIZATION_HOOKS.contains(m.name())) {
      return false;
    }
    for (dev.shareguard.core.ir.Annotation a : m.annotations()) {
      if (a.simpleName().equals("Override") || !NOT_CALLER_ANNOTATIONS.contains(a.simpleName())) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether {@code m} is marked as there for tests: an annotation named {@code VisibleForTesting},
   * whichever library or project declares it.
   */
  public static boolean markedForTests(MethodDecl m) {
    return m.annotations().stream().anyMatch(a -> a.simpleName().equals("VisibleForTesting"));
  }

  /** Methods the JVM's serialization calls by name, whatever their access. */
  static final java.util.Set<String> SERIALIZATION_HOOKS = java.util.Set.of(
      "writeObject", "readObject", "readObjectNoData", "writeReplace", "readResolve");

  /**
   * Annotations that say something about a method without asking anyone to call it; any other
   * annotation (a framework's {@code @Subscribe}, {@code @PostConstruct}, {@code @JsonCreator}…)
   * may mean it is called reflectively.
   */
  static final java.util.Set<String> NOT_CALLER_ANNOTATIONS = java.util.Set.of(
      "Override", "SuppressWarnings", "Deprecated", "SafeVarargs", "GuardedBy", "Holding",
      "Nullable", "Nonnull", "NonNull", "CheckForNull", "CheckReturnValue",
      "CanIgnoreReturnValue", "MustBeClosed", "ForOverride");

  /** Whether analysed code creates an instance of class {@code id} anywhere. */
  public boolean isInstantiated(String id) {
    return instantiated.contains(id);
  }

  /** A stable id for a method body: {@code class#name(erased params)}. */
  public static String methodId(ClassDecl c, MethodDecl m) {
    StringBuilder sb = new StringBuilder(c.id()).append('#').append(m.name()).append('(');
    for (int i = 0; i < m.params().size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(m.params().get(i).type().erasure());
    }
    return sb.append(')').toString();
  }

  public String bodyIdOf(MethodDecl m) {
    return methodBodyIds.get(m);
  }

  private void collectLambdas(SourceFile f, ClassDecl c, MethodDecl m, Stmt s) {
    IrWalker.forEachExpr(
        s,
        e -> {
          if (e instanceof Expr.Lambda l) {
            addLambda(f, c, m, l);
          }
        });
  }

  private void collectLambdasInExpr(SourceFile f, ClassDecl c, MethodDecl m, Expr e) {
    IrWalker.forEachExpr(
        e,
        x -> {
          if (x instanceof Expr.Lambda l) {
            addLambda(f, c, m, l);
          }
        });
  }

  private void addLambda(SourceFile f, ClassDecl c, MethodDecl m, Expr.Lambda l) {
    if (!bodies.containsKey(l.id())) {
      bodies.put(l.id(), new Body(l.id(), f, c, m, l, l.body()));
      if (m != null) {
        enclosingMethodOfLambda.put(l.id(), m);
      }
    }
  }

  public TypeHierarchy hierarchy() {
    return hierarchy;
  }

  public Map<String, ClassDecl> classes() {
    return classes;
  }

  public ClassDecl classById(String id) {
    return id == null ? null : classes.get(id);
  }

  public boolean isProjectClass(String id) {
    return id != null && classes.containsKey(id);
  }

  public SourceFile fileOf(String classId) {
    return fileOfClass.get(classId);
  }

  public Map<String, Body> bodies() {
    return bodies;
  }

  public Body body(String id) {
    return bodies.get(id);
  }

  /** The declaration of field {@code name} as seen from class {@code classId} (inherited too). */
  public FieldDecl field(String classId, String name) {
    ClassDecl c = classById(classId);
    int guard = 0;
    while (c != null && guard++ < 32) {
      FieldDecl f = ownField(c, name);
      if (f != null) {
        return f;
      }
      c = c.superclass() == null ? null : classById(c.superclass().name());
    }
    return null;
  }

  /**
   * Each class's own fields by name (the first declared of each name), made when first asked:
   * the walk looks a field up at every access it records, and a generated class may declare
   * hundreds. One map per class asked about, so bounded by the program; concurrent, as body
   * analysis asks from several threads.
   */
  private final Map<String, Map<String, FieldDecl>> ownFields =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** The field {@code name} class {@code c} (from {@link #classById}) declares itself, or null. */
  private FieldDecl ownField(ClassDecl c, String name) {
    Map<String, FieldDecl> byName = ownFields.get(c.id());
    if (byName == null) {
      byName = new HashMap<>();
      for (FieldDecl f : c.fields()) {
        byName.putIfAbsent(f.name(), f);
      }
      ownFields.put(c.id(), byName);
    }
    return byName.get(name);
  }

  /** The class that declares field {@code name} as seen from {@code classId}, or null. */
  public ClassDecl fieldOwner(String classId, String name) {
    ClassDecl c = classById(classId);
    int guard = 0;
    while (c != null && guard++ < 32) {
      if (ownField(c, name) != null) {
        return c;
      }
      c = c.superclass() == null ? null : classById(c.superclass().name());
    }
    return null;
  }

  /**
   * The method a call runs: looked up by name and arity in {@code classId} and its project
   * superclasses, preferring an exact parameter-type match. Null when not analysed code.
   */
  /**
   * The analysed method a call names without dispatch: on {@code this} (or {@code Outer.this}) of
   * a class that declares or inherits it, that class's; otherwise the declaring class the front
   * end resolved. Null when it is not analysed.
   */
  public MethodDecl calledMethod(Expr.Call c) {
    if (c.receiver() instanceof Expr.ThisRef t) {
      MethodDecl own = findMethod(t.classId(), c.target().name(), c.target().arity(),
          c.target().paramTypes());
      if (own != null) {
        return own;
      }
    }
    return findMethod(c.target().owner(), c.target().name(), c.target().arity(),
        c.target().paramTypes());
  }

  public MethodDecl findMethod(String classId, String name, int arity, List<TypeRef> paramTypes) {
    if (classId == null || classById(classId) == null) {
      // Most calls are to library classes: answered without building and comparing a cache key.
      return null;
    }
    // Bounded by the program's distinct call targets.
    return methodCache
        .computeIfAbsent(
            new MethodKey(classId, name, arity, paramTypes),
            k -> java.util.Optional.ofNullable(findMethod(classId, name, arity, paramTypes, 0)))
        .orElse(null);
  }

  private record MethodKey(String classId, String name, int arity, List<TypeRef> paramTypes) {
    /** Leaves the parameter types out: hashing them costs more than the rare overload clash. */
    @Override
    public int hashCode() {
      return (classId.hashCode() * 31 + java.util.Objects.hashCode(name)) * 31 + arity;
    }

    /**
     * The record's equality, written out: the generated one goes through a method handle per
     * call, which the quick JIT the CLI runs with does not make cheap, and every call looked up
     * ends here.
     */
    @Override
    public boolean equals(Object o) {
      return this == o
          || o instanceof MethodKey k
              && arity == k.arity
              && java.util.Objects.equals(classId, k.classId)
              && java.util.Objects.equals(name, k.name)
              && java.util.Objects.equals(paramTypes, k.paramTypes);
    }
  }

  private final Map<MethodKey, java.util.Optional<MethodDecl>> methodCache =
      new java.util.concurrent.ConcurrentHashMap<>();

  private MethodDecl findMethod(
      String classId, String name, int arity, List<TypeRef> paramTypes, int depth) {
    ClassDecl c = classById(classId);
    if (c == null || depth > 32) {
      return null;
    }
    MethodDecl byArity = null;
    for (MethodDecl m : c.methods()) {
      if (m.name().equals(name) && (m.params().size() == arity || m.varargs())) {
        if (!paramTypes.isEmpty() && sameErasures(m, paramTypes)) {
          return m;
        }
        byArity = m;
      }
    }
    if (byArity != null) {
      return byArity;
    }
    List<String> supers = new ArrayList<>();
    if (c.superclass() != null) {
      supers.add(c.superclass().name());
    }
    for (TypeRef i : c.interfaces()) {
      supers.add(i.name());
    }
    for (String s : supers) {
      MethodDecl m = findMethod(s, name, arity, paramTypes, depth + 1);
      if (m != null) {
        return m;
      }
    }
    return null;
  }

  private static boolean sameErasures(MethodDecl m, List<TypeRef> types) {
    if (m.params().size() != types.size()) {
      return false;
    }
    for (int i = 0; i < types.size(); i++) {
      if (!m.params().get(i).type().erasure().equals(types.get(i).erasure())) {
        return false;
      }
    }
    return true;
  }

  /** The class declaring {@code m}. */
  public ClassDecl ownerOf(MethodDecl m) {
    return owners.get(m);
  }

  /** The method a lambda is written in (null for a lambda in a field initializer). */
  public MethodDecl enclosingMethod(String lambdaId) {
    return enclosingMethodOfLambda.get(lambdaId);
  }
}
