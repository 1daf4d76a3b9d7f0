package dev.shareguard.core.engine;

import dev.shareguard.core.ir.Annotation;
import dev.shareguard.core.ir.ClassDecl;
import dev.shareguard.core.ir.DocContract;
import dev.shareguard.core.ir.FieldDecl;
import dev.shareguard.core.ir.MethodDecl;
import dev.shareguard.core.ir.Stmt;
import dev.shareguard.core.model.LibraryModels;
import dev.shareguard.core.model.TypeHierarchy;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * What a class's own declarations say about concurrency: whether many threads call its public
 * methods (shared entries: servlets, Spring beans, {@code @ThreadSafe}…), and whether it shows it
 * is written for concurrent use at all (locks, volatile or concurrent fields, a task or thread
 * itself, or code that starts tasks).
 */
public final class ConcurrencyIntent {
  private final ProgramIndex index;
  private final TypeHierarchy types;
  private final LibraryModels models;
  private final Set<String> spawningClasses;
  /** Per class; bounded by the number of analysed classes. */
  private final Map<String, Boolean> concurrencyAware = new HashMap<>();

  /**
   * @param spawningClasses classes whose code starts tasks (as the walk found); empty while
   *     walking, so that answers do not depend on walk order
   */
  public ConcurrencyIntent(ProgramIndex index, LibraryModels models, Set<String> spawningClasses) {
    this.index = index;
    this.models = models;
    this.types = models.types();
    this.spawningClasses = spawningClasses;
  }

  /**
   * A plain field is only worth a finding when its class shows it expects concurrency: it locks,
   * declares volatile, concurrent-typed or thread-local fields (per-thread state says the class
   * runs on several threads), is a thread or task, or is declared thread-safe.
   * Plain data classes (configs, requests) are filled in by one thread and published to others by
   * means the engine cannot see (thread start, queues); container contents are exempt, since a
   * shared HashMap is wrong wherever it is declared.
   */
  /** The declaration of field {@code name} of analysed class {@code classId} (or a super), or null. */
  public FieldDecl field(String classId, String name) {
    return index.field(classId, name);
  }

  /** The program's index. */
  ProgramIndex index() {
    return index;
  }

  /** The analysed body {@code bodyId}, or null. */
  public ProgramIndex.Body body(String bodyId) {
    return bodyId == null ? null : index.body(bodyId);
  }

  /** Whether a race on location {@code key} is worth a finding by this measure. */
  public boolean expectsConcurrency(Location key) {
    String owner;
    if (key instanceof Location.InstanceField f && f.slot() == BodyResult.Slot.CELL) {
      owner = f.owner();
    } else if (key instanceof Location.StaticField f && f.slot() == BodyResult.Slot.CELL) {
      owner = f.owner();
    } else {
      // Containers' contents, objects the code made: their racing is judged elsewhere.
      return true;
    }
    return concurrencyAware.computeIfAbsent(owner, this::classExpectsConcurrency);
  }

  /** Whether analysed class {@code classId} shows it is written for concurrent use. */
  /**
   * Whether class {@code classId} (or a class enclosing it) keeps per-thread state in a {@code
   * ThreadLocal} field: its code is written to run on several threads at once.
   */
  public boolean keepsPerThreadState(String classId) {
    ClassDecl c = index.classById(classId);
    int guard = 0;
    while (c != null && guard++ < 16) {
      for (FieldDecl f : c.fields()) {
        String t = f.type().name();
        if (t.equals("java.lang.ThreadLocal") || t.equals("java.lang.InheritableThreadLocal")) {
          return true;
        }
      }
      c = index.classById(c.enclosingClassId());
    }
    return false;
  }

  public boolean classExpectsConcurrency(String classId) {
    ClassDecl c = index.classById(classId);
    int guard = 0;
    while (c != null && guard++ < 16) {
      if (isSharedEntryClass(c)
          || spawningClasses.contains(c.id())
          || types.isSubtype(c.id(), "java.lang.Runnable")
          || types.isSubtype(c.id(), "java.util.concurrent.Callable")) {
        return true;
      }
      for (FieldDecl f : c.fields()) {
        String t = f.type().name();
        if (f.isVolatile() || t.startsWith("java.util.concurrent.")
            || t.equals("java.lang.ThreadLocal") || t.equals("java.lang.InheritableThreadLocal")) {
          return true;
        }
      }
      for (MethodDecl m : c.methods()) {
        if (synchronizedByIntent(c, m) || (m.body() != null && hasSynchronizedBlock(m.body()))) {
          return true;
        }
      }
      c = index.classById(c.enclosingClassId());
    }
    return false;
  }

  /**
   * Whether {@code body} is a {@code synchronized} method whose modifier is copied from the JDK
   * method it overrides ({@code InputStream.mark}/{@code reset}).
   */
  boolean synchronizedOnlyByJdkDeclaration(ProgramIndex.Body body) {
    MethodDecl m = body.isLambda() ? null : body.method();
    return m != null && m.isSynchronized()
        && models.synchronizedByJdkDeclaration(body.owner().id(), m.name(), m.params().size());
  }

  /** A synchronized method whose modifier is not just copied from the JDK's declaration. */
  private boolean synchronizedByIntent(ClassDecl c, MethodDecl m) {
    return m.isSynchronized()
        && !models.synchronizedByJdkDeclaration(c.id(), m.name(), m.params().size());
  }

  private static boolean hasSynchronizedBlock(Stmt s) {
    if (s instanceof Stmt.Synchronized) {
      return true;
    }
    if (s instanceof Stmt.Block b) {
      for (Stmt x : b.stmts()) {
        if (hasSynchronizedBlock(x)) {
          return true;
        }
      }
    } else if (s instanceof Stmt.If i) {
      return hasSynchronizedBlock(i.then()) || (i.orElse() != null && hasSynchronizedBlock(i.orElse()));
    } else if (s instanceof Stmt.Try t) {
      return hasSynchronizedBlock(t.body())
          || (t.finallyBlock() != null && hasSynchronizedBlock(t.finallyBlock()));
    } else if (s instanceof Stmt.While w) {
      return hasSynchronizedBlock(w.body());
    } else if (s instanceof Stmt.For f) {
      return hasSynchronizedBlock(f.body());
    } else if (s instanceof Stmt.ForEach f) {
      return hasSynchronizedBlock(f.body());
    }
    return false;
  }

  /**
   * Whether the public methods of {@code classId} are meant to be called from several threads:
   * the class (an enclosing or analysed super class included) locks, starts tasks, or is declared
   * shared. Stronger than {@link #classExpectsConcurrency}: a volatile or atomic field says that
   * field is read across threads, not that every method is.
   */
  public boolean methodsExpectConcurrentCallers(String classId) {
    if (declaredNotThreadSafe(classId)) {
      return false;
    }
    for (String t : types.supertypesOf(classId)) {
      ClassDecl c = index.classById(t);
      int guard = 0;
      while (c != null && guard++ < 16) {
        if (isSharedEntryClass(c) || spawningClasses.contains(c.id()) || locks(c)) {
          return true;
        }
        c = index.classById(c.enclosingClassId());
      }
    }
    return false;
  }

  /** The class's own code takes a monitor or holds a {@code java.util.concurrent.locks} lock. */
  private boolean locks(ClassDecl c) {
    for (FieldDecl f : c.fields()) {
      if (f.type().name().startsWith("java.util.concurrent.locks.")) {
        return true;
      }
    }
    for (MethodDecl m : c.methods()) {
      if (synchronizedByIntent(c, m) || (m.body() != null && hasSynchronizedBlock(m.body()))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the task started by body {@code spawnerBody} is started by the use of an object of
   * class {@code owner}: by code of that class, a subclass or a class nested in one of them (a
   * lambda counts as the method it is written in), other than its constructors and set-up methods
   * ({@code NIOServerCnxnFactory.reconfigure()} starting an accept thread). Such a task comes
   * after the object was set up.
   */
  boolean startedByUseOf(String spawnerBody, String owner) {
    ProgramIndex.Body body = index.body(spawnerBody);
    MethodDecl m = body == null ? null : body.method();
    if (m == null || m.isInitializer() || EntryPolicy.isSetUp(m)) {
      return false;
    }
    ClassDecl c = body.owner();
    int guard = 0;
    while (c != null && guard++ < 16) {
      if (types.isSubtype(c.id(), owner)) {
        return true;
      }
      c = index.classById(c.enclosingClassId());
    }
    return false;
  }

  /** Whether {@code sub} is {@code sup} or extends or implements it. */
  boolean isSubtype(String sub, String sup) {
    return types.isSubtype(sub, sup);
  }

  /**
   * Whether analysed class {@code classId} (or a class enclosing it) says its callers must not
   * call it from several threads at once: {@code @NotThreadSafe} (jcip, {@code
   * javax.annotation.concurrent}) or a doc comment that says it is not thread-safe ({@link
   * DocContract}), on itself or on an analysed supertype whose contract it implements (an
   * interface whose documentation says its implementations are not thread-safe), unless it
   * declares itself {@code @ThreadSafe}. Its own locks then guard narrower things than every
   * call, and its public methods are not meant for concurrent callers; threads it is handed to
   * are still followed.
   */
  public boolean declaredNotThreadSafe(String classId) {
    ClassDecl c = index.classById(classId);
    int guard = 0;
    while (c != null && guard++ < 16) {
      if (saysNotThreadSafe(c)) {
        return true;
      }
      if (c.annotations().stream().noneMatch(an -> an.simpleName().equals("ThreadSafe"))) {
        for (String sup : types.supertypesOf(c.id())) {
          ClassDecl s = sup.equals(c.id()) ? null : index.classById(sup);
          if (s != null && saysNotThreadSafe(s)) {
            return true;
          }
        }
      }
      c = index.classById(c.enclosingClassId());
    }
    return false;
  }

  private static boolean saysNotThreadSafe(ClassDecl c) {
    for (Annotation an : c.annotations()) {
      if (an.simpleName().equals("NotThreadSafe") || an.name().equals(DocContract.NOT_THREAD_SAFE)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether entry {@code e} is a method of its class's public contract (some method of that name
   * is public, or the class is an interface): what a framework that shares the instance calls
   * from its request threads. A protected or package-private method nothing analysed calls is a
   * hook for subclasses or a test, called in their own lifecycle.
   */
  boolean isPublicEntry(Ctx.Entry e) {
    ClassDecl c = index.classById(e.classId());
    if (c == null || c.kind() == ClassDecl.Kind.INTERFACE
        || models.isProtectedEntryCallback(c.id(), e.method())) {
      return true;
    }
    for (dev.shareguard.core.ir.MethodDecl m : c.methods()) {
      if (m.name().equals(e.method()) && m.isPublic()) {
        return true;
      }
    }
    return false;
  }

  /** {@link #isSharedEntryClass(ClassDecl)} by class id; false for a class not analysed. */
  boolean isSharedEntryClass(String classId) {
    ClassDecl c = index.classById(classId);
    return c != null && isSharedEntryClass(c);
  }

  /**
   * Whether an annotation that only allows sharing between connections ({@link
   * LibraryModels#isPerConnectionShareable}) is moot because the program makes every
   * instance of {@code c} in a per-connection factory method: each instance serves one connection,
   * whose events come one at a time, so it is not a shared entry.
   */
  private boolean madePerConnection(ClassDecl c, Annotation an) {
    if (!models.isPerConnectionShareable(an.name())) {
      return false;
    }
    Set<String> sites = index.allocatingMethods(c.id());
    return !sites.isEmpty() && sites.stream().allMatch(models::isPerConnectionFactory);
  }


  /**
   * Classes whose public methods many threads call at once, by declaration. A declaration speaks
   * for its own class (and an anonymous or local class written in its code), not for member
   * classes nested in it: those are classes of their own, whose objects the outer one may well
   * use only under its own lock.
   */
  boolean isSharedEntryClass(ClassDecl c) {
    if (c != null && declaredNotThreadSafe(c.id())) {
      return false;
    }
    int guard = 0;
    while (c != null && guard++ < 16) {
      for (Annotation an : c.annotations()) {
        if (models.isSharedEntryAnnotation(an.name()) && !madePerConnection(c, an)) {
          return true;
        }
      }
      if (types.isSubtypeOfAny(c.id(), LibraryModels.SHARED_ENTRY_SUPERTYPES)) {
        return true;
      }
      if (c.kind() != ClassDecl.Kind.ANONYMOUS && c.kind() != ClassDecl.Kind.LOCAL) {
        return false;
      }
      c = index.classById(c.enclosingClassId());
    }
    return false;
  }

  /**
   * Whether the class itself declares that any of its methods may be called from any thread at
   * any time ({@code @ThreadSafe}, documented thread-safe), rather than a container sharing it
   * after a start-up phase.
   */
  public boolean declaredThreadSafe(ClassDecl c) {
    return isSharedEntryClass(c) && !isContainerBean(c);
  }

  /**
   * Whether a container (Spring, JAX-RS, Netty, a servlet engine) builds and shares this class: its
   * injection and init callbacks run once, before request threads use it. A class that is shared
   * only because it says {@code @ThreadSafe} has no such start-up phase.
   */
  public boolean isContainerBean(ClassDecl c) {
    int guard = 0;
    while (c != null && guard++ < 16) {
      for (Annotation an : c.annotations()) {
        if (models.isSharedEntryAnnotation(an.name())
            && !LibraryModels.THREAD_SAFE_ANNOTATIONS.contains(an.simpleName())) {
          return true;
        }
      }
      if (types.isSubtypeOfAny(c.id(), LibraryModels.SHARED_ENTRY_SUPERTYPES)) {
        return true;
      }
      c = index.classById(c.enclosingClassId());
    }
    return false;
  }

  /**
   * Whether {@code classId} or any analysed superclass of it is written for concurrent use (see
   * {@link #classExpectsConcurrency}): a value of such a type guards itself.
   */
  public boolean typeExpectsConcurrency(String classId) {
    for (String t : types.supertypesOf(classId)) {
      ClassDecl c = index.classById(t);
      if (c != null && declaresConcurrency(c)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code classId} or an analysed superclass of it takes locks (synchronized methods or
   * blocks, a {@code Lock} field): its plain fields may be guarded by them. An atomic or volatile
   * field beside plain ones guards only itself.
   */
  public boolean typeLocks(String classId) {
    for (String t : types.supertypesOf(classId)) {
      ClassDecl c = index.classById(t);
      if (c != null && locks(c)) {
        return true;
      }
    }
    return false;
  }

  /** The class's own declarations (not its enclosing class's) show concurrent use. */
  private boolean declaresConcurrency(ClassDecl c) {
    if (types.isSubtype(c.id(), "java.lang.Runnable")
        || types.isSubtype(c.id(), "java.util.concurrent.Callable")) {
      return true;
    }
    for (FieldDecl f : c.fields()) {
      if (f.isVolatile() || f.type().name().startsWith("java.util.concurrent.")) {
        return true;
      }
    }
    for (MethodDecl m : c.methods()) {
      if (synchronizedByIntent(c, m) || (m.body() != null && hasSynchronizedBlock(m.body()))) {
        return true;
      }
    }
    return false;
  }
}
