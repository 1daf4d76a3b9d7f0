package dev.shareguard.core.model;

import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.TypeRef;
import java.util.Map;
import java.util.Set;

/**
 * What the framework models say about serial execution: which executors are one thread (event
 * loops, serializing contexts), which callbacks a framework delivers one at a time or on one of
 * its loops, and what its loop accessors return. {@link LibraryModels} answers the engine from
 * here; the tables are the unions of {@link FrameworkModels#ALL}.
 */
final class SerialContexts {
  /** Executors that are one thread (every framework's). */
  private static final Set<String> EVENT_EXECUTORS =
      FrameworkModels.union(FrameworkModel::singleThreadExecutors);

  /** Subtypes of {@link #EVENT_EXECUTORS} that are not one thread. */
  private static final Set<String> UNORDERED_EVENT_EXECUTORS =
      FrameworkModels.union(FrameworkModel::unorderedExecutors);

  /** Executors whose own {@code run()} is their thread's loop. */
  private static final Set<String> LOOP_THREAD_CLASSES =
      FrameworkModels.union(FrameworkModel::loopThreadClasses);

  /** Callbacks delivered one at a time to one object, by declaring supertype. */
  private static final Map<String, Set<String>> SERIAL_CALLBACKS =
      FrameworkModels.serialCallbacks();

  /** Callbacks a framework calls on one of its loops, by declaring supertype. */
  private static final Map<String, Set<String>> LOOP_CALLBACKS =
      FrameworkModels.byType(FrameworkModel::loopCallbacks);

  /** Types whose instances each live on one event loop. */
  private static final Set<String> LOOP_BOUND_TYPES =
      FrameworkModels.union(FrameworkModel::loopBoundTypes);

  /** Return types of framework methods, by {@code declaring type#method}. */
  private static final Map<String, String> RETURN_TYPES = FrameworkModels.libraryReturnTypes();

  /** Serial executors one instance of which serves a whole connection (every framework's). */
  private static final Set<String> CONNECTION_WIDE_SERIAL_EXECUTORS =
      FrameworkModels.union(FrameworkModel::connectionWideSerialExecutors);

  /** Calls that return only in a serial executor's turn, by declaring type. */
  private static final Map<String, Set<String>> SERIAL_CONTEXT_ASSERTIONS =
      FrameworkModels.byType(FrameworkModel::serialContextAssertions);

  private final TypeHierarchy types;

  SerialContexts(TypeHierarchy types) {
    this.types = types;
  }

  /** Whether a supertype of {@code type} that {@code table} names declares method {@code name}. */
  private boolean declares(Map<String, Set<String>> table, String type, String name) {
    if (type == null) {
      return false;
    }
    for (Map.Entry<String, Set<String>> e : table.entrySet()) {
      if (e.getValue().contains(name) && types.isSubtype(type, e.getKey())) {
        return true;
      }
    }
    return false;
  }

  /** Whether values of static type {@code type} each live on one event loop (a channel). */
  boolean isLoopBound(String type) {
    return type != null && types.isSubtypeOfAny(type, LOOP_BOUND_TYPES);
  }

  /**
   * The framework model whose API contract has callers use objects of {@code classId} from one
   * thread at a time, when {@code name} is not one of the methods it provides for other threads
   * ({@link FrameworkModel#singleCallerTypes}); else null. One name per model: the objects of one
   * family (a connection and its statements) share it.
   */
  String singleCallerContract(String classId, String name) {
    if (classId == null) {
      return null;
    }
    for (FrameworkModel m : FrameworkModels.ALL) {
      for (Map.Entry<String, Set<String>> e : m.singleCallerTypes().entrySet()) {
        if (!e.getValue().contains(name) && types.isSubtype(classId, e.getKey())) {
          return m.name();
        }
      }
    }
    return null;
  }

  /**
   * Whether {@code classId}'s method {@code name} is a callback its framework delivers one at a
   * time (a Reactive Streams subscriber's signals).
   */
  boolean isSubscriberSignal(String classId, String name) {
    return declares(SERIAL_CALLBACKS, classId, name);
  }

  /**
   * The static type of expression {@code e}: its own, or for a call of a framework method whose
   * declaration the audit does not see, the type the framework models say it returns ({@link
   * FrameworkModel#libraryReturnTypes()}), so that both front ends see the same type.
   */
  String staticType(Expr e) {
    if (e.type().kind() == TypeRef.Kind.CLASS
        || !(e instanceof Expr.Call c) || c.receiver() == null) {
      return e.type().name();
    }
    String name = c.target().name();
    for (String t : types.supertypesOf(staticType(c.receiver()))) {
      String r = RETURN_TYPES.get(t + "#" + name);
      if (r != null) {
        return r;
      }
    }
    String built = builtType(c);
    return built != null ? built : e.type().name();
  }

  /**
   * The class a dependency's builder chain makes, by the builder convention: {@code build()} at
   * the end of calls on {@code new X.Builder(…)} returns an {@code X}. Null for any other call.
   */
  private static String builtType(Expr.Call c) {
    if (!c.target().name().equals("build") || !c.args().isEmpty()) {
      return null;
    }
    Expr r = c.receiver();
    for (int guard = 0; r instanceof Expr.Call inner && guard < 32; guard++) {
      r = inner.receiver();
    }
    if (r instanceof Expr.New n && n.type().kind() == TypeRef.Kind.CLASS) {
      String type = n.type().name();
      int dot = type.lastIndexOf('.');
      if (dot > 0 && type.substring(dot + 1).equals("Builder")) {
        return type.substring(0, dot);
      }
    }
    return null;
  }

  /**
   * Whether method {@code name} of class {@code classId} is a callback its framework calls on one
   * of its event loops ({@link FrameworkModel#loopCallbacks()}).
   */
  boolean isLoopCallback(String classId, String name) {
    return declares(LOOP_CALLBACKS, classId, name);
  }

  /**
   * Whether a value of static type {@code type} is an event executor: one thread that runs the
   * tasks handed to it in turn ({@link FrameworkModel#singleThreadExecutors()}).
   */
  boolean isEventExecutor(String type) {
    return type != null
        && types.isSubtypeOfAny(type, EVENT_EXECUTORS)
        && !types.isSubtypeOfAny(type, UNORDERED_EVENT_EXECUTORS);
  }

  /**
   * Whether values of static type {@code type} are serial executors one of which serves a whole
   * connection ({@link FrameworkModel#connectionWideSerialExecutors()}).
   */
  boolean isConnectionWideSerialExecutor(String type) {
    return type != null && types.isSubtypeOfAny(type, CONNECTION_WIDE_SERIAL_EXECUTORS);
  }

  /**
   * Whether {@code receiverType.name()} returns only when called in the turn of its receiver, a
   * serial executor ({@link FrameworkModel#serialContextAssertions()}): the code after it runs
   * there, as if under the executor's one lock.
   */
  boolean isSerialContextAssertion(String receiverType, String name) {
    return declares(SERIAL_CONTEXT_ASSERTIONS, receiverType, name);
  }

  /** Whether {@code type} is an event executor whose own {@code run()} is its thread's loop. */
  boolean isEventLoopThreadClass(String type) {
    return types.isSubtypeOfAny(type, LOOP_THREAD_CLASSES);
  }
}
