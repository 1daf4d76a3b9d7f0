package dev.shareguard.core.engine;

import dev.shareguard.core.ir.Annotation;
import dev.shareguard.core.ir.ClassDecl;
import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.MethodDecl;
import dev.shareguard.core.ir.Modifier;
import dev.shareguard.core.model.LibraryModels;
import java.util.List;
import java.util.Set;

/**
 * Which methods are entries of the thread walk and what they mean: test hooks and methods only
 * their package calls are no entries; lifecycle and set-up methods run once, before the object
 * serves other threads; property setters and lifecycle transitions are the object's
 * configuration phase ({@link Ctx.Phase}); a static {@code main(String[])} is a program's start.
 */
final class EntryPolicy {
  private final ProgramIndex index;
  private final LibraryModels models;
  /** Methods marked for tests and their overrides, collected on first use. */
  private Set<MethodDecl> testHooks;

  EntryPolicy(ProgramIndex index, LibraryModels models) {
    this.index = index;
    this.models = models;
  }

  /**
   * Entry-method names that start a service once, so a pool task they submit runs once: with the
   * template-method forms a framework's own {@code start()} calls once ({@code doStart}, {@code
   * doInit}), as {@link #LIFECYCLE_TRANSITIONS} has them.
   */
  static final Set<String> LIFECYCLE_METHODS =
      Set.of(
          "start", "init", "initialize", "open", "begin", "launch", "main", "run",
          "afterPropertiesSet", "postConstruct", "startUp", "startup", "activate", "onStart",
          "setUp", "boot", "doStart", "doInit", "<init>", "<clinit>", "<instinit>");

  /**
   * Set-up methods by convention ({@code configure(…)}, {@code init()}): called once, before the
   * object is used, so before the threads its other methods start.
   */
  private static final Set<String> SET_UP_METHODS =
      Set.of("configure", "init", "initialize", "setup", "setUp");

  /**
   * Whether a method is there for tests: marked so (an annotation named {@code VisibleForTesting},
   * whichever library or project declares it), named so ({@code resetForTesting}, {@code setClockForTests}), or an
   * override of a method marked so. Only tests call it from outside, so it is no entry for
   * production threads; code that does call it still reaches it through its callers.
   */
  boolean isTestHook(MethodDecl m) {
    if (testHooks == null) {
      Set<MethodDecl> hooks = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
      for (ClassDecl c : index.classes().values()) {
        for (MethodDecl d : c.methods()) {
          if (markedForTests(d)) {
            hooks.add(d);
            hooks.addAll(index.overrides(d));
          }
        }
      }
      testHooks = hooks;
    }
    String n = m.name();
    return testHooks.contains(m) || markedForTests(m)
        || n.endsWith("ForTesting") || n.endsWith("ForTests") || n.endsWith("ForTest");
  }

  private static boolean markedForTests(MethodDecl m) {
    return ProgramIndex.markedForTests(m);
  }

  /**
   * Whether {@code m} can be called only by code of its own package: a package-private method,
   * whichever the visibility of its class (package access is the method's, so a public class or
   * subclass does not open it), that is no serialization hook and carries no annotation a
   * framework might call it by. In a package the audit sees whole, such a method that nothing
   * calls is there for tests (a package-private {@code setId} or {@code rejoinReason()} that tests
   * beside the class call) or is dead (an {@code invalidate()} of a package-private list class
   * nothing calls any more): no production thread enters it. A protected method is one too when
   * neither its class nor any subclass of it is visible outside the package: no class elsewhere
   * can extend one to call it (the subclasses of a class hidden in its package are all in the
   * package, which the audit sees whole).
   */
  boolean onlyPackageCalls(ClassDecl c, MethodDecl m) {
    if (m.isPublic() || c.kind() == ClassDecl.Kind.INTERFACE
        || c.kind() == ClassDecl.Kind.ANNOTATION
        || ProgramIndex.SERIALIZATION_HOOKS.contains(m.name())) {
      return false;
    }
    if (m.modifiers().contains(Modifier.PROTECTED)) {
      if (visibleOutsideItsPackage(c)) {
        return false;
      }
      for (ClassDecl sub : index.subclassesOf(c.id())) {
        if (visibleOutsideItsPackage(sub)) {
          return false;
        }
      }
    }
    for (Annotation a : m.annotations()) {
      if (!ProgramIndex.NOT_CALLER_ANNOTATIONS.contains(a.simpleName())) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether only code of {@code c}'s own top-level class can create instances of it or of its
   * subclasses: it, or a class enclosing it, is private (JLS 6.6.1), so every such instance is
   * made by code the analysis sees.
   */
  boolean madeOnlyInItsFile(ClassDecl c) {
    int guard = 0;
    for (ClassDecl k = c; k != null && guard++ < 16; k = index.classById(k.enclosingClassId())) {
      if (k.modifiers().contains(Modifier.PRIVATE)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether only analysed code can create instances of {@code c} or of its subclasses: only its
   * own file can ({@link #madeOnlyInItsFile}), or (in a package the audit sees whole) neither it
   * nor any subclass of it is visible outside its package, so no class elsewhere can extend or
   * make one.
   */
  boolean madeOnlyInAnalysedCode(ClassDecl c) {
    if (madeOnlyInItsFile(c)) {
      return true;
    }
    if (!index.isClosedPackage(c.id()) || visibleOutsideItsPackage(c)) {
      return false;
    }
    for (ClassDecl sub : index.subclassesOf(c.id())) {
      if (visibleOutsideItsPackage(sub)) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code c} and every class enclosing it are public or protected. */
  private boolean visibleOutsideItsPackage(ClassDecl c) {
    int guard = 0;
    for (ClassDecl k = c; k != null && guard++ < 16; k = index.classById(k.enclosingClassId())) {
      if (!k.modifiers().contains(Modifier.PUBLIC) && !k.modifiers().contains(Modifier.PROTECTED)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether {@code m}, which nothing analysed calls, is a method of a library's own implementation
   * that no code outside it calls either: its class is in a package marked internal ({@link
   * ProgramIndex#isInternalPackage}), which the library publishes as no API, and it implements
   * nothing a framework or the JDK calls (no {@code @Override}, no annotation that may ask for a
   * call). Such a method is dead code, not an entry for other threads. Other modules of the same
   * library are callers too when they are analysed with it.
   */
  boolean uncalledInternal(ClassDecl c, MethodDecl m) {
    return index.isUncalledInternal(c, m);
  }

  /**
   * The event loop a class is written to run on, or null. A class that keeps a Netty event
   * executor in a field of its own and asks it {@code inEventLoop()} confines itself to that loop:
   * it runs work at once when called on the loop and hands it to the loop otherwise, and the
   * framework that drives it (a subscriber's signals, a channel's callbacks) calls it there. Its
   * entries are taken to run on that loop; what it hands to another executor does not, nor does
   * static state (see {@code Parallelism.onOneLoop}). A class asking two loops of its own names
   * none.
   */
  EventLoop confinedLoop(ClassDecl c) {
    Set<String> asked = new java.util.TreeSet<>();
    for (MethodDecl m : c.methods()) {
      if (m.body() == null || m.isStatic()) {
        continue;
      }
      IrWalker.forEachExpr(m.body(), e -> {
        if (e instanceof Expr.Call call && call.target().name().equals("inEventLoop")
            && call.args().isEmpty()
            && call.receiver() instanceof Expr.FieldAccess fa && !fa.isStatic()
            && fa.receiver() instanceof Expr.ThisRef && c.id().equals(fa.ownerClass())
            && models.isEventExecutor(fa.type().name())) {
          asked.add(fa.name());
        }
      });
    }
    return asked.size() == 1
        ? new EventLoop(new LockId.FieldValue(c.id(), asked.iterator().next()))
        : null;
  }

  /**
   * When {@code m} is a signal of a class shaped as a Reactive Streams subscriber, the class that
   * names its family of subscribers (the topmost analysed superclass declaring a signal); else
   * null. The shape: the family (that class, its analysed superclasses and subclasses) declares
   * all four of {@code onSubscribe(s)}, {@code onNext(t)}, {@code onError(e)} and {@code
   * onComplete()}. Libraries that define their own subscriber interface to that specification
   * (not {@code org.reactivestreams.Subscriber} itself, which the models name) keep its rule §1.3
   * that the four are signalled one at a time to one subscriber, as the named ones do; an abstract
   * subscriber whose subclasses declare {@code onNext} is one family with them, so the signals of
   * either are one caller's.
   */
  String reactiveSubscriberFamily(ClassDecl c, MethodDecl m) {
    if (!isSignal(m)) {
      return null;
    }
    ClassDecl root = null;
    for (ClassDecl k = c; k != null;
        k = k.superclass() == null ? null : index.classById(k.superclass().erasure())) {
      if (declaresASignal(k)) {
        root = k;
      }
    }
    if (root == null) {
      return null;
    }
    java.util.Set<String> found = new java.util.HashSet<>();
    java.util.ArrayDeque<ClassDecl> todo = new java.util.ArrayDeque<>(List.of(root));
    java.util.Set<String> seen = new java.util.HashSet<>();
    int signals = LibraryModels.subscriberSignalCount();
    while (!todo.isEmpty() && found.size() < signals && seen.size() < 64) {
      ClassDecl k = todo.poll();
      if (!seen.add(k.id())) {
        continue;
      }
      for (MethodDecl d : k.methods()) {
        if (d.body() != null && isSignal(d)) {
          found.add(d.name());
        }
      }
      todo.addAll(index.subclassesOf(k.id()));
    }
    return found.size() == signals ? root.id() : null;
  }

  /** Whether {@code m} has a subscriber signal's name and arity (an instance method). */
  private static boolean isSignal(MethodDecl m) {
    return !m.isStatic()
        && m.params().size() == LibraryModels.subscriberSignalArity(m.name());
  }

  private static boolean declaresASignal(ClassDecl k) {
    for (MethodDecl d : k.methods()) {
      if (d.body() != null && isSignal(d)) {
        return true;
      }
    }
    return false;
  }

  boolean isTaskClass(ClassDecl c) {
    return models.types().isSubtype(c.id(), "java.lang.Runnable")
        || models.types().isSubtype(c.id(), "java.util.concurrent.Callable")
        || models.types().isSubtype(c.id(), "java.util.concurrent.ForkJoinTask");
  }

  static boolean isTaskMethod(MethodDecl m) {
    return m.params().isEmpty()
        && (m.name().equals("run") || m.name().equals("call") || m.name().equals("compute"));
  }

  /**
   * A property setter by the JavaBeans convention: an instance method {@code setX} of one
   * parameter; or a fluent one, {@code withX(…)} returning the object itself on every path for
   * chaining ({@code container.withExposedPorts(80).withEnv(…)}: {@code return this;}, a cast of
   * it, or a call of its own that does, {@code return self();}, {@code return withPort(p, 1);}).
   * Calling one configures the object,
   * a phase of its lifecycle that comes before it serves other callers.
   */
  boolean isPropertySetter(MethodDecl m) {
    String n = m.name();
    if (m.isStatic()) {
      return false;
    }
    if (m.params().size() == 1 && n.length() > 3 && n.startsWith("set")
        && Character.isUpperCase(n.charAt(3))) {
      return true;
    }
    return !m.params().isEmpty() && n.length() > 4 && n.startsWith("with")
        && Character.isUpperCase(n.charAt(4)) && returnsItself(m, 0);
  }

  /** Whether every {@code return} of {@code m} gives the object itself (see above). */
  private boolean returnsItself(MethodDecl m, int depth) {
    if (m.body() == null) {
      return false;
    }
    java.util.List<Expr> returned = IrWalker.returned(m.body());
    if (returned.isEmpty()) {
      return false;
    }
    ClassDecl owner = index.ownerOf(m);
    for (Expr r : returned) {
      Expr e = r instanceof Expr.Cast c ? c.expr() : r;
      if (e instanceof Expr.ThisRef t && !t.isSuper()) {
        continue;
      }
      MethodDecl own = e instanceof Expr.Call call && depth < 2 && owner != null
          && (call.receiver() == null || call.receiver() instanceof Expr.ThisRef)
          ? index.calledMethod(call) : null;
      if (own == null || own.isStatic() || !returnsItself(own, depth + 1)) {
        return false;
      }
    }
    return true;
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

  /**
   * The lifecycle phase entry {@code m} belongs to: by its name ({@link #phaseOf}), or a
   * transition when a framework calls it as it takes the object down ({@code @PreDestroy}).
   */
  Ctx.Phase entryPhase(MethodDecl m) {
    return models.isTeardownMethod(m.annotations().stream().map(a -> a.simpleName()).toList())
        ? Ctx.Phase.TRANSITION : phaseOf(m);
  }

  /** The lifecycle phase entry {@code m} belongs to by its name (see {@link Ctx.Phase}). */
  Ctx.Phase phaseOf(MethodDecl m) {
    if (!m.isStatic() && (SET_UP_PHASE.contains(m.name()) || initialisesAPart(m.name()))) {
      return Ctx.Phase.SET_UP;
    }
    if (isPropertySetter(m)) {
      return Ctx.Phase.PROPERTY;
    }
    return isLifecycleTransition(m) ? Ctx.Phase.TRANSITION : Ctx.Phase.RUNNING;
  }

  /**
   * The set-up of one part of an object by name: {@code init} or {@code initialize} followed by
   * the part ({@code initPool}, {@code initializeChannels}), the same lifecycle step as {@code
   * init()} for that part, run once before the object serves callers.
   */
  static boolean initialisesAPart(String name) {
    for (String verb : new String[] {"initialize", "init"}) {
      if (name.length() > verb.length() && name.startsWith(verb)
          && Character.isUpperCase(name.charAt(verb.length()))) {
        return true;
      }
    }
    return false;
  }

  /** Set-up methods by name: called once on an object before it is started. */
  private static final Set<String> SET_UP_PHASE =
      Set.of("init", "initialize", "configure", "setup", "setUp", "doInit", "afterPropertiesSet");

  /** Method names of lifecycle transitions, with the template-method forms frameworks use. */
  private static final Set<String> LIFECYCLE_TRANSITIONS =
      Set.of(
          "start", "stop", "init", "initialize", "shutdown", "shutDown", "triggerShutdown",
          "suspend", "resume", "destroy",
          "doStart", "doStop", "doInit", "doShutdown", "doSuspend", "doResume", "doDestroy",
          "startUp", "startup", "afterPropertiesSet");

  /** A set-up method by convention, run on an object ({@link #SET_UP_METHODS}). */
  static boolean isSetUp(MethodDecl m) {
    return !m.isStatic() && !m.isInitializer() && SET_UP_METHODS.contains(m.name());
  }

  /**
   * Whether {@code name} opens or closes its object's connection or resource: the owner calls
   * it once per object (a {@code connect()}, then a {@code close()}), not from two threads at
   * once.
   */
  static boolean opensOrCloses(String name) {
    return OPENS_OR_CLOSES.contains(name);
  }

  private static final Set<String> OPENS_OR_CLOSES =
      Set.of("open", "close", "connect", "disconnect");

  /**
   * Whether the code starting a task can run more than once, so that the tasks it starts on a
   * pool may overlap: a task that repeats ({@link Ctx.Task#repeats}), or an entry other than a
   * lifecycle method or the program's {@code main}. A task started once by code that runs once
   * (a reader handed to the pool from a task {@code start()} hands on) runs once.
   */
  static boolean repeatable(Ctx spawner) {
    return (spawner instanceof Ctx.Task t && t.repeats())
        || (spawner instanceof Ctx.Entry e && !LIFECYCLE_METHODS.contains(e.method())
            && !e.programMain());
  }

  /** A program's entry point: {@code public static void main(String[])} (or varargs). */
  static boolean isProgramMain(MethodDecl m) {
    return m.name().equals("main") && m.isStatic() && m.isPublic() && m.params().size() == 1
        && m.params().get(0).type().isArray()
        && m.params().get(0).type().name().equals("java.lang.String");
  }
}
