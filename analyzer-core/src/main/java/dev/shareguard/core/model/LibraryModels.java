package dev.shareguard.core.model;

import dev.shareguard.core.config.Config;
import dev.shareguard.core.ir.Expr;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the engine knows about library types and calls: which containers are thread-safe or
 * immutable, which calls read or write a container, which calls run code on another thread, which
 * wait for it, and which take or release locks. Declarative tables, each entry with its reason;
 * user config adds thread-safe and immutable types. Rules never hard-code library knowledge.
 *
 * <p>This class holds the containers and answers the rest from its parts: {@link TaskModels}
 * (spawning and waiting), {@link LockModels} (locks) and the frameworks of {@link
 * FrameworkModels} (shared entry points, start-up callbacks, single-thread executors, serial
 * callbacks).
 */
public final class LibraryModels {

  /** What a call does to the container it is called on. */
  public enum Effect {
    READ,
    WRITE,
    /** Not a container operation the models know. */
    NONE
  }

  static final String MAP = "java.util.Map";
  static final String COLLECTION = "java.util.Collection";

  /**
   * Containers whose single calls are safe from any thread. Subtypes count too (ConcurrentMap
   * covers every concurrent map; BlockingQueue every blocking queue).
   */
  private static final Set<String> THREAD_SAFE_CONTAINERS =
      Set.of(
          // Lock-free or lock-striped maps: every single call is atomic.
          "java.util.concurrent.ConcurrentMap",
          "java.util.concurrent.ConcurrentSkipListSet",
          // Copy-on-write: every write copies the array under a lock; reads see a snapshot.
          "java.util.concurrent.CopyOnWriteArrayList",
          "java.util.concurrent.CopyOnWriteArraySet",
          "java.util.concurrent.ConcurrentLinkedQueue",
          "java.util.concurrent.ConcurrentLinkedDeque",
          "java.util.concurrent.BlockingQueue",
          // Legacy synchronized collections: every method is synchronized on the instance.
          "java.util.Hashtable",
          "java.util.Vector");

  /**
   * Packages whose every collection is safe for concurrent single calls: JCTools' queues (safe
   * for the producers and consumers each declares) and its non-blocking maps and sets.
   */
  private static final Set<String> THREAD_SAFE_PREFIXES =
      Set.of("org.jctools.queues.", "org.jctools.maps.");

  /** Immutable container types: every write throws, so reads never race. */
  private static final Set<String> IMMUTABLE_PREFIXES =
      Set.of(
          // Guava's immutable collections (ImmutableMap, ImmutableList, ImmutableSet, …).
          "com.google.common.collect.Immutable");

  /**
   * Static factories returning containers safe for concurrent single calls:
   * Collections.synchronized* lock every call on the wrapper; newKeySet is backed by a CHM.
   */
  private static final Set<String> THREAD_SAFE_FACTORIES =
      Set.of(
          "java.util.Collections#synchronizedMap",
          "java.util.Collections#synchronizedSortedMap",
          "java.util.Collections#synchronizedNavigableMap",
          "java.util.Collections#synchronizedList",
          "java.util.Collections#synchronizedSet",
          "java.util.Collections#synchronizedSortedSet",
          "java.util.Collections#synchronizedNavigableSet",
          "java.util.Collections#synchronizedCollection",
          "java.util.concurrent.ConcurrentHashMap#newKeySet",
          // Netty's and JCTools' factories return lock-free concurrent containers (MPSC/SPSC
          // queues are safe for their declared producers and consumers, which Netty enforces).
          "io.netty.util.internal.PlatformDependent#newConcurrentHashMap",
          "io.netty.util.internal.PlatformDependent#newConcurrentDeque",
          "io.netty.util.internal.PlatformDependent#newMpscQueue",
          "io.netty.util.internal.PlatformDependent#newFixedMpscQueue",
          "io.netty.util.internal.PlatformDependent#newSpscQueue",
          "io.netty.util.internal.PlatformDependent#newConcurrentSet",
          "com.google.common.collect.Sets#newConcurrentHashSet",
          "com.google.common.collect.Maps#newConcurrentMap",
          "com.google.common.collect.Queues#newConcurrentLinkedQueue",
          "com.google.common.collect.Queues#newLinkedBlockingQueue",
          "com.google.common.collect.Queues#newArrayBlockingQueue",
          "com.google.common.collect.Queues#newLinkedBlockingDeque");

  /** Static factories returning immutable containers: writes throw, so reads never race. */
  private static final Set<String> IMMUTABLE_FACTORIES =
      Set.of(
          "java.util.Map#of",
          "java.util.Map#ofEntries",
          "java.util.Map#copyOf",
          "java.util.List#of",
          "java.util.List#copyOf",
          "java.util.Set#of",
          "java.util.Set#copyOf",
          "java.util.Collections#emptyMap",
          "java.util.Collections#emptyList",
          "java.util.Collections#emptySet",
          "java.util.Collections#emptySortedMap",
          "java.util.Collections#emptySortedSet",
          "java.util.Collections#emptyNavigableMap",
          "java.util.Collections#emptyNavigableSet",
          "java.util.Collections#singletonList",
          "java.util.Collections#singletonMap",
          "java.util.Collections#singleton",
          "java.util.Collections#nCopies",
          // An unmodifiable view of a container the caller just built and does not keep.
          "java.util.Collections#unmodifiableMap",
          "java.util.Collections#unmodifiableList",
          "java.util.Collections#unmodifiableSet",
          "java.util.Collections#unmodifiableCollection",
          "java.util.Collections#unmodifiableSortedMap",
          "java.util.Collections#unmodifiableSortedSet",
          "java.util.Collections#unmodifiableNavigableMap",
          "java.util.Collections#unmodifiableNavigableSet",
          "java.util.Arrays#asList");

  /** Map calls that change the map. */
  private static final Set<String> MAP_WRITES =
      Set.of(
          "put", "putAll", "remove", "clear", "compute", "computeIfAbsent", "computeIfPresent",
          "merge", "putIfAbsent", "replace", "replaceAll", "pollFirstEntry", "pollLastEntry",
          "putFirst", "putLast");

  /** Map calls that only read it (views read now; writes through views are tracked apart). */
  private static final Set<String> MAP_READS =
      Set.of(
          "get", "getOrDefault", "containsKey", "containsValue", "size", "isEmpty", "keySet",
          "values", "entrySet", "forEach", "equals", "hashCode", "toString", "firstKey",
          "lastKey", "firstEntry", "lastEntry", "ceilingKey", "ceilingEntry", "floorKey",
          "floorEntry", "higherKey", "higherEntry", "lowerKey", "lowerEntry", "headMap",
          "tailMap", "subMap", "navigableKeySet", "descendingMap", "descendingKeySet",
          "sequencedKeySet", "sequencedValues", "sequencedEntrySet", "clone");

  /** Collection and queue calls that change it. */
  private static final Set<String> COLLECTION_WRITES =
      Set.of(
          "add", "addAll", "remove", "removeAll", "retainAll", "removeIf", "clear", "set",
          "sort", "replaceAll", "offer", "poll", "push", "pop", "addFirst", "addLast",
          "removeFirst", "removeLast", "offerFirst", "offerLast", "pollFirst", "pollLast",
          "put", "take", "drainTo", "removeFirstOccurrence", "removeLastOccurrence",
          "trimToSize", "ensureCapacity");

  /** Collection calls that only read it. */
  private static final Set<String> COLLECTION_READS =
      Set.of(
          "get", "contains", "containsAll", "size", "isEmpty", "iterator", "listIterator",
          "stream", "parallelStream", "forEach", "toArray", "indexOf", "lastIndexOf",
          "subList", "equals", "hashCode", "toString", "peek", "element", "first", "last",
          "getFirst", "getLast", "spliterator", "ceiling", "floor", "higher", "lower",
          "headSet", "tailSet", "subSet", "descendingSet", "descendingIterator", "clone",
          "reversed");

  /** Calls that return a live view of their receiver: writes through the view write it. */
  private static final Set<String> VIEW_METHODS =
      Set.of(
          "keySet", "values", "entrySet", "iterator", "listIterator", "subList", "headMap",
          "tailMap", "subMap", "headSet", "tailSet", "subSet", "navigableKeySet",
          "descendingMap", "descendingKeySet", "descendingSet", "descendingIterator",
          "reversed", "sequencedKeySet", "sequencedValues", "sequencedEntrySet");

  /**
   * Static calls that write the container passed as their first argument (owner#name): they
   * reorder or fill it in place.
   */
  private static final Set<String> STATIC_WRITES_ARG0 =
      Set.of(
          "java.util.Collections#sort", "java.util.Collections#shuffle",
          "java.util.Collections#reverse", "java.util.Collections#swap",
          "java.util.Collections#fill", "java.util.Collections#rotate",
          "java.util.Collections#addAll", "java.util.Arrays#sort", "java.util.Arrays#fill",
          "java.util.Arrays#parallelSort", "java.util.Arrays#setAll");

  /**
   * Calls and constructors that read every element of a container argument (copies and bulk
   * operations): copying a HashMap while another thread writes it fails like iterating it.
   */
  private static final Set<String> BULK_READ_ARG_METHODS =
      Set.of("putAll", "addAll", "containsAll", "removeAll", "retainAll");

  private static final Set<String> COPY_FACTORIES =
      Set.of(
          "java.util.List#copyOf", "java.util.Set#copyOf", "java.util.Map#copyOf",
          "java.lang.String#join");

  /**
   * {@code Collections.unmodifiable*}: a read-only view of its argument, made without reading a
   * single element (the JDK's wrappers only keep a reference); every read through it reads the
   * argument.
   */
  private static final Set<String> UNMODIFIABLE_VIEWS =
      Set.of(
          "unmodifiableMap", "unmodifiableList", "unmodifiableSet", "unmodifiableCollection",
          "unmodifiableSortedMap", "unmodifiableSortedSet", "unmodifiableNavigableMap",
          "unmodifiableNavigableSet", "unmodifiableSequencedCollection",
          "unmodifiableSequencedSet", "unmodifiableSequencedMap");

  /** Supertypes whose public methods are called by many threads at once (every framework's). */
  public static final Set<String> SHARED_ENTRY_SUPERTYPES =
      FrameworkModels.union(FrameworkModel::sharedEntrySupertypes);

  /** Method annotations of objects being built by a container (every framework's). */
  private static final Set<String> INIT_METHOD_ANNOTATIONS =
      FrameworkModels.union(FrameworkModel::initMethodAnnotations);

  /** Teardown method annotations (every framework's). */
  private static final Set<String> TEARDOWN_ANNOTATIONS =
      FrameworkModels.union(FrameworkModel::teardownAnnotations);

  /** Start-up callbacks of shared objects (every framework's). */
  private static final Set<String> INIT_CALLBACKS =
      FrameworkModels.union(FrameworkModel::initCallbacks);

  private final TypeHierarchy types;
  private final TaskModels tasks;
  private final LockModels locks;
  private final SerialContexts serial;
  private final Set<String> threadSafe;
  private final Set<String> immutable;
  private final Set<String> sharedEntryAnnotations;

  public LibraryModels(TypeHierarchy types, Config config) {
    this.types = types;
    this.threadSafe = new HashSet<>(THREAD_SAFE_CONTAINERS);
    this.threadSafe.addAll(config.extraThreadSafeTypes());
    this.immutable = Set.copyOf(config.extraImmutableTypes());
    this.tasks = new TaskModels(types, config.extraSpawners());
    this.locks = new LockModels(types);
    this.serial = new SerialContexts(types);
    this.sharedEntryAnnotations =
        new HashSet<>(FrameworkModels.sharedEntryAnnotations().keySet());
    this.sharedEntryAnnotations.addAll(config.extraSharedEntryAnnotations());
  }

  /**
   * Whether an annotation (qualified name as resolved, or simple name when unresolved) declares
   * a class whose public methods many threads call at once.
   */
  public boolean isSharedEntryAnnotation(String name) {
    if (sharedEntryAnnotations.contains(name)) {
      return true;
    }
    String simple = name.substring(name.lastIndexOf('.') + 1);
    return THREAD_SAFE_ANNOTATIONS.contains(simple);
  }

  public TypeHierarchy types() {
    return types;
  }

  public boolean isMap(String type) {
    return types.isSubtype(type, MAP);
  }

  public boolean isCollection(String type) {
    return types.isSubtype(type, COLLECTION);
  }

  /** A map or collection type the models know. */
  public boolean isContainer(String type) {
    return isMap(type) || isCollection(type);
  }

  /** Single calls on this type are safe from any thread. */
  public boolean isThreadSafeContainer(String type) {
    if (type == null) {
      return false;
    }
    for (String t : types.supertypesOf(type)) {
      for (String p : THREAD_SAFE_PREFIXES) {
        if (t.startsWith(p)) {
          return true;
        }
      }
    }
    return types.isSubtypeOfAny(type, threadSafe) || ContainerNaming.threadSafeByName(types, type);
  }

  /** Values of this type never change after construction. */
  public boolean isImmutableContainer(String type) {
    if (type == null) {
      return false;
    }
    for (String p : IMMUTABLE_PREFIXES) {
      if (type.startsWith(p)) {
        return true;
      }
    }
    return types.isSubtypeOfAny(type, immutable);
  }

  public boolean isThreadSafeFactory(String owner, String name) {
    return THREAD_SAFE_FACTORIES.contains(owner + "#" + name);
  }

  /**
   * {@code Collections.synchronized*}: every single call locks the wrapper, but traversal
   * (iterator, for-each, stream, spliterator) must hold its monitor, as its javadoc requires.
   */
  public boolean isSynchronizedWrapperFactory(String owner, String name) {
    return "java.util.Collections".equals(owner) && name.startsWith("synchronized");
  }

  public boolean isImmutableFactory(String owner, String name) {
    return IMMUTABLE_FACTORIES.contains(owner + "#" + name);
  }

  /**
   * Whether the static call {@code owner.name(args)} makes an executor that runs its tasks one at a
   * time, so its tasks never race each other. {@code literals}: each argument's literal text, or
   * null where the argument is not a literal.
   */
  public boolean isSingleThreadExecutorFactory(String owner, String name, List<String> literals) {
    return tasks.isSingleThreadExecutorFactory(owner, name, literals);
  }

  /** See {@link TaskModels#isSingleThreadExecutorClass}. */
  public boolean isSingleThreadExecutorClass(String type) {
    return tasks.isSingleThreadExecutorClass(type);
  }

  /** Whether {@code new type(args)} makes an executor with one thread (see the factories). */
  public boolean isSingleThreadExecutorConstruction(String type, List<String> literals) {
    return tasks.isSingleThreadExecutorConstruction(type, literals);
  }

  /** The effect of calling {@code name} on a receiver of static type {@code receiverType}. */
  public Effect containerEffect(String receiverType, String name) {
    if (isMap(receiverType)) {
      return MAP_WRITES.contains(name)
          ? Effect.WRITE
          : MAP_READS.contains(name) ? Effect.READ : Effect.NONE;
    }
    if (isCollection(receiverType) || types.isSubtype(receiverType, "java.util.Iterator")) {
      if (types.isSubtype(receiverType, "java.util.Iterator")) {
        return name.equals("remove") ? Effect.WRITE : Effect.READ;
      }
      return COLLECTION_WRITES.contains(name)
          ? Effect.WRITE
          : COLLECTION_READS.contains(name) ? Effect.READ : Effect.NONE;
    }
    return Effect.NONE;
  }

  /** Whether the call returns a live view of its container receiver. */
  public boolean isViewMethod(String receiverType, String name) {
    return (isContainer(receiverType)) && VIEW_METHODS.contains(name);
  }

  /**
   * {@code Collections.newSetFromMap(map)}: a set backed by {@code map}, as thread-safe as the map
   * it is given.
   */
  public boolean isSetFromMapFactory(String owner, String name) {
    return "java.util.Collections".equals(owner) && name.equals("newSetFromMap");
  }

  /** Static calls that write their first argument in place. */
  public boolean writesFirstArgument(String owner, String name) {
    return STATIC_WRITES_ARG0.contains(owner + "#" + name);
  }

  /** Calls that read all elements of their container arguments. */
  public boolean readsContainerArguments(String owner, String name, boolean isStatic) {
    return isStatic ? COPY_FACTORIES.contains(owner + "#" + name) : BULK_READ_ARG_METHODS.contains(name);
  }

  /** Whether static call {@code owner.name(…)} makes a read-only view of its argument. */
  public boolean isUnmodifiableView(String owner, String name) {
    return "java.util.Collections".equals(owner) && UNMODIFIABLE_VIEWS.contains(name);
  }

  /** Copy constructors of containers read all elements of their argument. */
  public boolean isCopyConstructor(String type, int arity) {
    return arity >= 1 && isContainer(type);
  }

  // ---- threads ----

  /**
   * How a call hands a task to another thread. {@code runner}: what runs it (its own thread or a
   * pool); {@code what} names the call for messages only.
   */
  public record SpawnModel(
      int taskArg, boolean deferredUntilStart, boolean joinedAtOnce, boolean periodic, String what,
      Runner runner) {}

  /** What runs a spawned task. */
  public enum Runner {
    /** A thread of its own: a {@code Thread}, a virtual thread, a {@code Timer}'s one thread. */
    OWN_THREAD,
    /** A pool of threads: an executor, the fork/join pool, a parallel stream. */
    POOL
  }

  /**
   * If this call runs one of its arguments on another thread, how. {@code receiverType} is the
   * static type of the receiver (null for static calls, where {@code owner} is used).
   */
  public SpawnModel spawnModel(String receiverType, String owner, String name, boolean isStatic) {
    return tasks.spawnModel(receiverType, owner, name, isStatic);
  }

  /** See {@link TaskModels#runsOnGivenExecutor}. */
  public boolean runsOnGivenExecutor(
      String receiverType, String owner, String name, boolean isStatic) {
    return tasks.runsOnGivenExecutor(receiverType, owner, name, isStatic);
  }

  /** Whether {@code new type(...)} creates a thread from a Runnable argument (started later). */
  public boolean isThreadConstructor(String type) {
    return tasks.isThreadConstructor(type);
  }

  /** A stream operation whose function runs on pool threads when the stream is parallel. */
  public boolean isStreamOperation(String name) {
    return tasks.isStreamOperation(name);
  }

  /** Calls that wait for one task (the receiver is its handle). */
  public boolean isJoin(String receiverType, String name) {
    return tasks.isJoin(receiverType, name);
  }

  /** Calls that wait for every task of an executor. */
  public boolean isJoinAll(String receiverType, String name) {
    return tasks.isJoinAll(receiverType, name);
  }

  /** Whether {@code type} starts a thread through its own {@code run()} (a Thread subclass). */
  public boolean isThreadSubclass(String type) {
    return tasks.isThreadSubclass(type);
  }

  /** The method that runs when an object of {@code type} is handed to a spawner. */
  public String taskMethodOf(String type) {
    return tasks.taskMethodOf(type);
  }

  /**
   * Whether an annotation only allows an instance to be shared between connections (see {@link
   * FrameworkModel#perConnectionShareableAnnotations}).
   */
  public boolean isPerConnectionShareable(String annotation) {
    return FrameworkModels.ALL.stream()
        .anyMatch(m -> m.perConnectionShareableAnnotations().contains(annotation));
  }

  /** Whether a method of that name builds one connection's objects (see {@link FrameworkModel}). */
  public boolean isPerConnectionFactory(String method) {
    return FrameworkModels.ALL.stream().anyMatch(m -> m.perConnectionFactories().contains(method));
  }

  /** See {@link SerialContexts#singleCallerContract}. */
  public String singleCallerContract(String classId, String name) {
    return serial.singleCallerContract(classId, name);
  }

  /** See {@link SerialContexts#isSubscriberSignal}. */
  public boolean isSubscriberSignal(String classId, String name) {
    return serial.isSubscriberSignal(classId, name);
  }

  /** See {@link SerialContexts#staticType}. */
  public String staticType(Expr e) {
    return serial.staticType(e);
  }

  /** See {@link SerialContexts#isLoopCallback}. */
  public boolean isLoopCallback(String classId, String name) {
    return serial.isLoopCallback(classId, name);
  }

  /** See {@link FrameworkEntries#isProtectedEntryCallback}. */
  public boolean isProtectedEntryCallback(String classId, String name) {
    return FrameworkEntries.isProtectedEntryCallback(types, classId, name);
  }

  /** See {@link SerialContexts#isLoopBound}. */
  public boolean isLoopBound(String type) {
    return serial.isLoopBound(type);
  }

  /** See {@link SerialContexts#isEventExecutor}. */
  public boolean isEventExecutor(String type) {
    return serial.isEventExecutor(type);
  }

  /** See {@link SerialContexts#isConnectionWideSerialExecutor}. */
  public boolean isConnectionWideSerialExecutor(String type) {
    return serial.isConnectionWideSerialExecutor(type);
  }

  /** See {@link SerialContexts#isSerialContextAssertion}. */
  public boolean isSerialContextAssertion(String receiverType, String name) {
    return serial.isSerialContextAssertion(receiverType, name);
  }

  /** See {@link SerialContexts#isEventLoopThreadClass}. */
  public boolean isEventLoopThreadClass(String type) {
    return serial.isEventLoopThreadClass(type);
  }

  /**
   * Whether a {@code synchronized} method {@code name}/{@code arity} of class {@code owner} is so
   * only because the JDK declares the method it overrides {@code synchronized} ({@code
   * InputStream.mark(int)} and {@code reset()}): the modifier is copied from that declaration,
   * not a sign that the class's objects are shared between threads.
   */
  public boolean synchronizedByJdkDeclaration(String owner, String name, int arity) {
    return (name.equals("mark") && arity == 1 || name.equals("reset") && arity == 0)
        && types.isSubtype(owner, "java.io.InputStream");
  }

  // ---- locks ----

  /** How a call affects a lock held through its receiver. */
  public enum LockOp {
    ACQUIRE,
    TRY_ACQUIRE,
    RELEASE,
    READ_VIEW,
    WRITE_VIEW,
    STAMP_WRITE,
    STAMP_READ,
    STAMP_RELEASE,
    NONE
  }

  /** How a call on a receiver of static type {@code receiverType} affects a lock. */
  public LockOp lockOp(String receiverType, String name) {
    return locks.lockOp(receiverType, name);
  }

  /** See {@link LockModels#completesNormally}. */
  public boolean lockCallCompletesNormally(String receiverType, String name, int arity) {
    return locks.completesNormally(receiverType, name, arity);
  }

  /** Annotations that declare a class safe for concurrent callers (simple names). */
  public static final Set<String> THREAD_SAFE_ANNOTATIONS = Set.of("ThreadSafe");

  /**
   * Whether a method of a shared bean runs while the container builds it, not on request threads:
   * annotated as an injection point or init method, a container callback, or a one-argument
   * setter (property injection).
   */
  /** Whether a method so annotated is a framework's teardown call (see {@link FrameworkModel}). */
  public boolean isTeardownMethod(java.util.Collection<String> annotationSimpleNames) {
    return annotationSimpleNames.stream().anyMatch(TEARDOWN_ANNOTATIONS::contains);
  }

  public boolean isBeanInitMethod(
      String name, int arity, java.util.Collection<String> annotationSimpleNames) {
    for (String a : annotationSimpleNames) {
      if (INIT_METHOD_ANNOTATIONS.contains(a)) {
        return true;
      }
    }
    return INIT_CALLBACKS.contains(name)
        || (arity == 1 && name.length() > 3 && name.startsWith("set")
            && Character.isUpperCase(name.charAt(3)));
  }

  /**
   * A holder that publishes one object to other threads: reading it ({@code get}…) yields the
   * published object, writing it ({@code set}…) publishes one.
   */
  public boolean isPublishingHolder(String type) {
    return type != null && types.isSubtype(type, "java.util.concurrent.atomic.AtomicReference");
  }

  /**
   * Whether {@code name}/{@code arity} on a value of static type {@code type} changes an atomic
   * from an expected value to a new one and says whether it won ({@code compareAndSet}).
   */
  public boolean isCompareAndSet(String type, String name, int arity) {
    return arity == 2 && name.equals("compareAndSet") && type != null
        && type.startsWith("java.util.concurrent.atomic.Atomic");
  }

  /**
   * Whether {@code name} on a value of static type {@code type} is a latch's release ({@code
   * release}) or its wait ({@code !release}): what a thread does before counting a
   * {@code CountDownLatch} down happens-before what a thread does after its {@code await} returns.
   */
  public static boolean isLatchSignal(String type, String name, boolean release) {
    return "java.util.concurrent.CountDownLatch".equals(type)
        && name.equals(release ? "countDown" : "await");
  }

  /**
   * Static null checks that return their first argument unchanged: the JDK's {@code
   * Objects.requireNonNull} and Guava's {@code Preconditions.checkNotNull}, by {@code
   * owner#name}.
   */
  private static final Set<String> ARGUMENT_RETURNING_CHECKS = Set.of(
      "java.util.Objects#requireNonNull", "com.google.common.base.Preconditions#checkNotNull");

  /** Whether static method {@code owner.name} returns its first argument (a null check). */
  public static boolean returnsItsFirstArgument(String owner, String name) {
    return owner != null && ARGUMENT_RETURNING_CHECKS.contains(owner + "#" + name);
  }

  /**
   * The arity of Reactive Streams subscriber signal {@code name} ({@code onSubscribe}, {@code
   * onNext}, {@code onError}, {@code onComplete}), or -1 for any other name.
   */
  public static int subscriberSignalArity(String name) {
    return ReactiveStreamsModel.SIGNAL_ARITY.getOrDefault(name, -1);
  }

  /** How many signals a Reactive Streams subscriber has. */
  public static int subscriberSignalCount() {
    return ReactiveStreamsModel.SIGNAL_ARITY.size();
  }

  /** Reads of a publishing holder that return the published object. */
  public static final Set<String> HOLDER_READS =
      Set.of("get", "getAcquire", "getPlain", "getOpaque");

  /** Writes of a publishing holder and the argument they publish. */
  public static int publishedArgument(String name, int arity) {
    switch (name) {
      case "set":
      case "lazySet":
      case "setRelease":
      case "setPlain":
      case "setOpaque":
      case "getAndSet":
        return arity == 1 ? 0 : -1;
      case "compareAndSet":
      case "weakCompareAndSet":
      case "weakCompareAndSetPlain":
      case "weakCompareAndSetVolatile":
      case "compareAndExchange":
        return arity == 2 ? 1 : -1;
      default:
        return -1;
    }
  }
}
