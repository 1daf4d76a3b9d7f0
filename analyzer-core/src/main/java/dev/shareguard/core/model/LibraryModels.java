package dev.shareguard.core.model;

import dev.shareguard.core.config.Config;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What the engine knows about library types and calls: which containers are thread-safe or
 * immutable, which calls read or write a container, which calls run code on another thread, which
 * wait for it, and which take or release locks. Declarative tables, each entry with its reason;
 * user config adds thread-safe and immutable types. Rules never hard-code library knowledge.
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
   * Reactive Streams subscribers: the signal methods of one subscriber are delivered one at a time
   * (Reactive Streams §1.3: onSubscribe, onNext, onError and onComplete are signalled serially),
   * so two of them never run at once on one subscriber. {@code request} and {@code cancel} on its
   * subscription may come from any thread.
   */
  public static final String SUBSCRIBER = "org.reactivestreams.Subscriber";

  /**
   * Consumer types under the same contract (signals to one consumer are serialized): the JDK's
   * {@code Flow.Subscriber} (the Reactive Streams interfaces in the JDK) and the ReactiveX
   * consumers of RxJava 2 and 3, whose Observable contract requires serialized notifications.
   */
  public static final Set<String> SERIAL_CONSUMERS =
      Set.of(
          SUBSCRIBER,
          "java.util.concurrent.Flow.Subscriber",
          "io.reactivex.rxjava3.core.Observer",
          "io.reactivex.rxjava3.core.SingleObserver",
          "io.reactivex.rxjava3.core.MaybeObserver",
          "io.reactivex.rxjava3.core.CompletableObserver",
          "io.reactivex.Observer",
          "io.reactivex.SingleObserver",
          "io.reactivex.MaybeObserver",
          "io.reactivex.CompletableObserver");

  /** The serially delivered signal methods of {@link #SERIAL_CONSUMERS}. */
  public static final Set<String> SUBSCRIBER_SIGNALS =
      Set.of("onSubscribe", "onNext", "onSuccess", "onError", "onComplete");

  /** Whether {@code classId}'s method {@code name} is a serially delivered consumer signal. */
  public boolean isSubscriberSignal(String classId, String name) {
    return SUBSCRIBER_SIGNALS.contains(name) && types.isSubtypeOfAny(classId, SERIAL_CONSUMERS);
  }

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

  /** Executors that run their tasks one at a time, so their tasks never race each other. */
  private static final Set<String> SINGLE_THREAD_EXECUTOR_FACTORIES =
      Set.of(
          "java.util.concurrent.Executors#newSingleThreadExecutor",
          "java.util.concurrent.Executors#newSingleThreadScheduledExecutor");

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
          "java.lang.String#join", "java.util.Collections#unmodifiableMap",
          "java.util.Collections#unmodifiableList", "java.util.Collections#unmodifiableSet");

  /** Instance *Async methods of CompletableFuture whose task is their second argument. */
  private static final Set<String> ASYNC_SECOND_ARG =
      Set.of(
          "thenCombineAsync", "thenAcceptBothAsync", "runAfterBothAsync", "applyToEitherAsync",
          "acceptEitherAsync", "runAfterEitherAsync");

  /** Stream operations that take a function: with a parallel stream it runs on pool threads. */
  private static final Set<String> STREAM_OPS =
      Set.of(
          "forEach", "forEachOrdered", "map", "filter", "flatMap", "reduce", "collect", "peek",
          "anyMatch", "allMatch", "noneMatch", "mapToInt", "mapToLong", "mapToDouble",
          "mapToObj", "sorted", "min", "max", "takeWhile", "dropWhile", "mapMulti");

  private final TypeHierarchy types;
  private final Set<String> threadSafe;
  private final Set<String> immutable;
  private final java.util.List<Config.Spawner> spawners;
  private final Set<String> sharedEntryAnnotations;

  public LibraryModels(TypeHierarchy types, Config config) {
    this.types = types;
    this.threadSafe = new HashSet<>(THREAD_SAFE_CONTAINERS);
    this.threadSafe.addAll(config.extraThreadSafeTypes());
    this.immutable = Set.copyOf(config.extraImmutableTypes());
    this.spawners = config.extraSpawners();
    this.sharedEntryAnnotations = new HashSet<>(SHARED_ENTRY_ANNOTATIONS.keySet());
    this.sharedEntryAnnotations.addAll(config.extraSharedEntryAnnotations());
  }

  /**
   * Annotations that only allow an instance to be shared between connections (Netty's
   * {@code @Sharable}): whether it is depends on where the program makes it.
   */
  public static final Set<String> SHAREABLE_PER_CONNECTION_ANNOTATIONS =
      Set.of("io.netty.channel.ChannelHandler.Sharable");

  /**
   * Methods a framework calls once per connection to build that connection's objects (Netty's
   * {@code ChannelInitializer.initChannel}): an object made there belongs to one connection.
   */
  public static final Set<String> PER_CONNECTION_FACTORY_METHODS = Set.of("initChannel");

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
    return type != null && types.isSubtypeOfAny(type, threadSafe);
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

  public boolean isSingleThreadExecutorFactory(String owner, String name) {
    return SINGLE_THREAD_EXECUTOR_FACTORIES.contains(owner + "#" + name);
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

  /** Static calls that write their first argument in place. */
  public boolean writesFirstArgument(String owner, String name) {
    return STATIC_WRITES_ARG0.contains(owner + "#" + name);
  }

  /** Calls that read all elements of their container arguments. */
  public boolean readsContainerArguments(String owner, String name, boolean isStatic) {
    return isStatic ? COPY_FACTORIES.contains(owner + "#" + name) : BULK_READ_ARG_METHODS.contains(name);
  }

  /** Copy constructors of containers read all elements of their argument. */
  public boolean isCopyConstructor(String type, int arity) {
    return arity >= 1 && isContainer(type);
  }

  // ---- threads ----

  /** How a call hands a task to another thread. */
  public record SpawnModel(
      int taskArg, boolean deferredUntilStart, boolean joinedAtOnce, boolean periodic, String what) {}

  /**
   * If this call runs one of its arguments on another thread, how. {@code receiverType} is the
   * static type of the receiver (null for static calls, where {@code owner} is used).
   */
  public SpawnModel spawnModel(String receiverType, String owner, String name, boolean isStatic) {
    for (Config.Spawner sp : spawners) {
      // User-declared spawners (config): their own thread pools and schedulers.
      if (sp.method().equals(name)
          && (isStatic ? sp.type().equals(owner) : types.isSubtype(receiverType, sp.type()))) {
        return new SpawnModel(sp.taskArgument(), false, false, false,
            sp.type().substring(sp.type().lastIndexOf('.') + 1) + "." + name);
      }
    }
    if (isStatic) {
      if ("java.util.concurrent.CompletableFuture".equals(owner)
          && (name.equals("runAsync") || name.equals("supplyAsync"))) {
        // Runs on the common pool (or the given executor).
        return new SpawnModel(0, false, false, false, "CompletableFuture." + name);
      }
      if ("java.lang.Thread".equals(owner) && name.equals("startVirtualThread")) {
        return new SpawnModel(0, false, false, false, "Thread.startVirtualThread");
      }
      return null;
    }
    if (receiverType == null) {
      return null;
    }
    if (types.isSubtype(receiverType, "java.util.concurrent.ScheduledExecutorService")
        && (name.equals("scheduleAtFixedRate") || name.equals("scheduleWithFixedDelay"))) {
      // Runs of one periodic task never overlap each other.
      return new SpawnModel(0, false, false, true, "ScheduledExecutorService." + name);
    }
    if (types.isSubtype(receiverType, "java.util.concurrent.ScheduledExecutorService")
        && name.equals("schedule")) {
      return new SpawnModel(0, false, false, false, "ScheduledExecutorService.schedule");
    }
    if (types.isSubtype(receiverType, "java.util.concurrent.ForkJoinPool")
        && name.equals("invoke")) {
      return new SpawnModel(0, false, true, false, "ForkJoinPool.invoke");
    }
    if (types.isSubtype(receiverType, "java.util.concurrent.ExecutorService")
        && name.equals("submit")) {
      return new SpawnModel(0, false, false, false, "ExecutorService.submit");
    }
    if (types.isSubtype(receiverType, "java.util.concurrent.Executor")
        && name.equals("execute")) {
      return new SpawnModel(0, false, false, false, "Executor.execute");
    }
    if (types.isSubtype(receiverType, "java.util.concurrent.CompletableFuture")
        && name.endsWith("Async")) {
      return new SpawnModel(
          ASYNC_SECOND_ARG.contains(name) ? 1 : 0, false, false, false, "CompletableFuture." + name);
    }
    if (types.isSubtype(receiverType, "java.util.Timer")
        && (name.equals("schedule") || name.equals("scheduleAtFixedRate"))) {
      // One Timer thread runs all its tasks in turn.
      return new SpawnModel(0, false, false, true, "Timer." + name);
    }
    if ((types.isSubtype(receiverType, "java.lang.Thread.Builder")
            || types.isSubtype(receiverType, "java.lang.Thread.Builder.OfVirtual")
            || types.isSubtype(receiverType, "java.lang.Thread.Builder.OfPlatform"))
        && (name.equals("start") || name.equals("unstarted"))) {
      return new SpawnModel(0, name.equals("unstarted"), false, false, "Thread.Builder." + name);
    }
    return null;
  }

  /** Whether {@code new type(...)} creates a thread from a Runnable argument (started later). */
  public boolean isThreadConstructor(String type) {
    return "java.lang.Thread".equals(type);
  }

  /** A stream operation whose function runs on pool threads when the stream is parallel. */
  public boolean isStreamOperation(String name) {
    return STREAM_OPS.contains(name);
  }

  /** Calls that wait for one task (the receiver is its handle). */
  public boolean isJoin(String receiverType, String name) {
    if (receiverType == null) {
      return false;
    }
    if (types.isSubtype(receiverType, "java.lang.Thread")) {
      return name.equals("join");
    }
    if (types.isSubtype(receiverType, "java.util.concurrent.Future")
        || types.isSubtype(receiverType, "java.util.concurrent.CompletableFuture")) {
      return name.equals("get") || name.equals("join") || name.equals("resultNow");
    }
    return false;
  }

  /** Calls that wait for every task of an executor. */
  public boolean isJoinAll(String receiverType, String name) {
    return receiverType != null
        && types.isSubtype(receiverType, "java.util.concurrent.ExecutorService")
        && (name.equals("awaitTermination") || name.equals("close") || name.equals("invokeAll"));
  }

  /**
   * Netty executors that are one thread: an event loop runs every task handed to it, and all the
   * I/O of the channels registered with it, on its own thread, one after another ({@code
   * EventExecutor#inEventLoop()} asks whether the caller is that thread).
   */
  private static final Set<String> EVENT_EXECUTORS =
      Set.of(
          "io.netty.util.concurrent.EventExecutor",
          "io.netty.util.concurrent.OrderedEventExecutor",
          "io.netty.util.concurrent.SingleThreadEventExecutor",
          "io.netty.channel.EventLoop");

  /**
   * Netty executors that are not one thread, although they are {@code EventExecutor}s: the
   * immediate executor runs each task on the thread handing it over, the unordered one on a pool.
   */
  private static final Set<String> UNORDERED_EVENT_EXECUTORS =
      Set.of(
          "io.netty.util.concurrent.ImmediateEventExecutor",
          "io.netty.util.concurrent.UnorderedThreadPoolEventExecutor");

  /**
   * Whether a value of static type {@code type} is a Netty event executor: one thread that runs
   * the tasks handed to it in turn. A group of loops ({@code EventLoopGroup}) is not one.
   */
  public boolean isEventExecutor(String type) {
    return type != null
        && types.isSubtypeOfAny(type, EVENT_EXECUTORS)
        && !types.isSubtypeOfAny(type, UNORDERED_EVENT_EXECUTORS);
  }

  /**
   * Whether {@code type} is a Netty event executor whose own {@code run()} is its thread's loop
   * ({@code NioEventLoop.run()} selects and runs tasks until shutdown).
   */
  public boolean isEventLoopThreadClass(String type) {
    return types.isSubtype(type, "io.netty.util.concurrent.SingleThreadEventExecutor");
  }

  /** Whether {@code type} starts a thread through its own {@code run()} (a Thread subclass). */
  public boolean isThreadSubclass(String type) {
    return types.isSubtype(type, "java.lang.Thread");
  }

  /** The method that runs when an object of {@code type} is handed to a spawner. */
  public String taskMethodOf(String type) {
    if (types.isSubtype(type, "java.util.concurrent.ForkJoinTask")) {
      return "compute";
    }
    if (types.isSubtype(type, "java.util.concurrent.Callable")) {
      return "call";
    }
    if (types.isSubtype(type, "java.util.function.Supplier")) {
      return "get";
    }
    return "run";
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

  public LockOp lockOp(String receiverType, String name) {
    if (receiverType == null) {
      return LockOp.NONE;
    }
    if (types.isSubtype(receiverType, "java.util.concurrent.locks.Lock")) {
      switch (name) {
        case "lock":
        case "lockInterruptibly":
          return LockOp.ACQUIRE;
        case "tryLock":
          return LockOp.TRY_ACQUIRE;
        case "unlock":
          return LockOp.RELEASE;
        default:
          return LockOp.NONE;
      }
    }
    if (types.isSubtype(receiverType, "java.util.concurrent.locks.ReadWriteLock")) {
      return name.equals("readLock")
          ? LockOp.READ_VIEW
          : name.equals("writeLock") ? LockOp.WRITE_VIEW : LockOp.NONE;
    }
    if ("java.util.concurrent.locks.StampedLock".equals(receiverType)) {
      switch (name) {
        case "writeLock":
        case "writeLockInterruptibly":
          return LockOp.STAMP_WRITE;
        case "readLock":
        case "readLockInterruptibly":
          return LockOp.STAMP_READ;
        case "unlockWrite":
        case "unlockRead":
        case "unlock":
          return LockOp.STAMP_RELEASE;
        case "asReadLock":
          return LockOp.READ_VIEW;
        case "asWriteLock":
          return LockOp.WRITE_VIEW;
        default:
          return LockOp.NONE;
      }
    }
    return LockOp.NONE;
  }

  /** Annotations that declare a class safe for concurrent callers (simple names). */
  public static final Set<String> THREAD_SAFE_ANNOTATIONS = Set.of("ThreadSafe");

  /** Supertypes whose public methods are called by many threads at once. */
  public static final Set<String> SHARED_ENTRY_SUPERTYPES =
      Set.of(
          "javax.servlet.http.HttpServlet",
          "jakarta.servlet.http.HttpServlet",
          "javax.servlet.Servlet",
          "jakarta.servlet.Servlet",
          "javax.servlet.Filter",
          "jakarta.servlet.Filter");

  /**
   * Annotations that make a class a shared singleton (qualified names), with the reason: Spring
   * stereotypes are singletons by default; JAX-RS {@code @Singleton} resources and Netty
   * {@code @Sharable} handlers serve every request or channel from one instance.
   */
  public static final Map<String, String> SHARED_ENTRY_ANNOTATIONS =
      Map.of(
          "org.springframework.stereotype.Component", "Spring singleton bean",
          "org.springframework.stereotype.Service", "Spring singleton bean",
          "org.springframework.stereotype.Repository", "Spring singleton bean",
          "org.springframework.stereotype.Controller", "Spring singleton bean",
          "org.springframework.web.bind.annotation.RestController", "Spring singleton bean",
          "org.springframework.context.annotation.Configuration", "Spring singleton bean",
          "javax.inject.Singleton", "JAX-RS/JSR-330 singleton",
          "jakarta.inject.Singleton", "JAX-RS/JSR-330 singleton",
          "io.netty.channel.ChannelHandler.Sharable", "Netty @Sharable handler");

  /**
   * Annotations on methods that a container calls while it builds a shared bean, before any
   * request thread sees it (simple names: the Spring, JSR-330 and Jakarta spellings share them):
   * injection points, init callbacks and bean factory methods.
   */
  public static final Set<String> INIT_METHOD_ANNOTATIONS =
      Set.of("Autowired", "Inject", "Value", "Resource", "PostConstruct", "Bean");

  /**
   * Container callbacks that run during start-up of a shared bean: Spring's *Aware setters and
   * InitializingBean/SmartInitializingSingleton, servlet and filter init.
   */
  public static final Set<String> INIT_CALLBACKS =
      Set.of(
          "afterPropertiesSet", "afterSingletonsInstantiated", "setBeanFactory",
          "setApplicationContext", "setImportMetadata", "setEnvironment", "setResourceLoader",
          "setBeanClassLoader", "setBeanName", "setServletContext", "setApplicationEventPublisher",
          "setMessageSource", "setEmbeddedValueResolver", "setLoadTimeWeaver", "init");

  /**
   * Whether a method of a shared bean runs while the container builds it, not on request threads:
   * annotated as an injection point or init method, a container callback, or a one-argument
   * setter (property injection).
   */
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
