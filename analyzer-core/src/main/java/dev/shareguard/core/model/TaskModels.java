package dev.shareguard.core.model;

import dev.shareguard.core.config.Config;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which library calls run code on another thread, and how ({@link LibraryModels.SpawnModel}), and
 * which wait for it: executors, schedulers, timers, threads and their builders, {@code
 * CompletableFuture}'s async steps, parallel streams; {@code join}, {@code Future.get}, {@code
 * awaitTermination}. User config adds spawners. {@link LibraryModels} answers from here.
 */
final class TaskModels {
  /** Executors that run their tasks one at a time, so their tasks never race each other. */
  private static final Set<String> SINGLE_THREAD_EXECUTOR_FACTORIES =
      Set.of(
          "java.util.concurrent.Executors#newSingleThreadExecutor",
          "java.util.concurrent.Executors#newSingleThreadScheduledExecutor");

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

  /** Methods of serial executors that run a task later in their turn (every framework's). */
  private static final Map<String, Set<String>> SERIAL_TASK_METHODS =
      FrameworkModels.byType(FrameworkModel::serialTaskMethods);

  private final TypeHierarchy types;
  private final List<Config.Spawner> spawners;

  TaskModels(TypeHierarchy types, List<Config.Spawner> spawners) {
    this.types = types;
    this.spawners = spawners;
  }

  /**
   * Whether {@code owner.name(args)} makes an executor with one thread. {@code literals} holds the
   * source text of each argument that is a literal, null for the others. Besides the JDK's
   * single-thread factories, a fixed or scheduled pool of literal size 1 has one thread, and a
   * factory of any class named like the JDK's ({@code newSingleThreadExecutor}, {@code
   * newSingleThreadScheduledExecutor}) is taken at its word, as callers of a library whose code
   * is not audited read it.
   */
  boolean isSingleThreadExecutorFactory(String owner, String name, List<String> literals) {
    if (SINGLE_THREAD_EXECUTOR_FACTORIES.contains(owner + "#" + name)
        || name.equals("newSingleThreadExecutor")
        || name.equals("newSingleThreadScheduledExecutor")) {
      return true;
    }
    return "java.util.concurrent.Executors".equals(owner)
        && (name.equals("newFixedThreadPool") || name.equals("newScheduledThreadPool"))
        && !literals.isEmpty() && "1".equals(literals.get(0));
  }

  /**
   * Whether {@code type} is an executor class that says by its name that it runs its tasks on
   * one thread, one after another ({@code SingleThreadEventExecutor}, a project's {@code
   * MpscSingleThreadExecutor} or {@code OrderedSingleThreadExecutor}): an {@code Executor} whose
   * simple name contains {@code SingleThread}, the same convention as the JDK's {@code
   * newSingleThreadExecutor} factory name.
   */
  boolean isSingleThreadExecutorClass(String type) {
    if (type == null || !types.isSubtype(type, "java.util.concurrent.Executor")) {
      return false;
    }
    String simple = type.substring(Math.max(type.lastIndexOf('.'), type.lastIndexOf('$')) + 1);
    return simple.contains("SingleThread");
  }

  /**
   * Whether {@code new type(args)} makes an executor with one thread at most: a {@code
   * ThreadPoolExecutor} whose maximum size is the literal 1 (its core size then 0 or 1: a larger
   * core throws), or a {@code ScheduledThreadPoolExecutor} whose core size is 1 (it never grows
   * past its core threads).
   */
  boolean isSingleThreadExecutorConstruction(String type, List<String> literals) {
    if (literals.isEmpty()) {
      return false;
    }
    if (types.isSubtype(type, "java.util.concurrent.ScheduledThreadPoolExecutor")) {
      return "1".equals(literals.get(0));
    }
    return types.isSubtype(type, "java.util.concurrent.ThreadPoolExecutor")
        && ("0".equals(literals.get(0)) || "1".equals(literals.get(0)))
        && literals.size() > 1 && "1".equals(literals.get(1));
  }

  /**
   * If this call runs one of its arguments on another thread, how. {@code receiverType} is the
   * static type of the receiver (null for static calls, where {@code owner} is used).
   */
  LibraryModels.SpawnModel spawnModel(String receiverType, String owner, String name, boolean isStatic) {
    for (Config.Spawner sp : spawners) {
      // User-declared spawners (config): their own thread pools and schedulers.
      if (sp.method().equals(name)
          && (isStatic ? sp.type().equals(owner) : types.isSubtype(receiverType, sp.type()))) {
        return new LibraryModels.SpawnModel(sp.taskArgument(), false, false, false,
            sp.type().substring(sp.type().lastIndexOf('.') + 1) + "." + name,
            LibraryModels.Runner.POOL);
      }
    }
    if (isStatic) {
      if ("java.util.concurrent.CompletableFuture".equals(owner)
          && (name.equals("runAsync") || name.equals("supplyAsync"))) {
        // Runs on the common pool (or the given executor).
        return new LibraryModels.SpawnModel(0, false, false, false, "CompletableFuture." + name,
            LibraryModels.Runner.POOL);
      }
      if ("java.lang.Thread".equals(owner) && name.equals("startVirtualThread")) {
        return new LibraryModels.SpawnModel(0, false, false, false, "Thread.startVirtualThread",
            LibraryModels.Runner.OWN_THREAD);
      }
      return null;
    }
    if (receiverType == null) {
      return null;
    }
    if (types.isSubtype(receiverType, "java.util.concurrent.ScheduledExecutorService")
        && (name.equals("scheduleAtFixedRate") || name.equals("scheduleWithFixedDelay"))) {
      // Runs of one periodic task never overlap each other.
      return new LibraryModels.SpawnModel(0, false, false, true,
          "ScheduledExecutorService." + name,
            LibraryModels.Runner.POOL);
    }
    if (types.isSubtype(receiverType, "java.util.concurrent.ScheduledExecutorService")
        && name.equals("schedule")) {
      return new LibraryModels.SpawnModel(0, false, false, false,
          "ScheduledExecutorService.schedule", LibraryModels.Runner.POOL);
    }
    if (types.isSubtype(receiverType, "java.util.concurrent.ForkJoinPool")
        && name.equals("invoke")) {
      return new LibraryModels.SpawnModel(0, false, true, false, "ForkJoinPool.invoke",
            LibraryModels.Runner.POOL);
    }
    if (types.isSubtype(receiverType, "java.util.concurrent.ExecutorService")
        && name.equals("submit")) {
      return new LibraryModels.SpawnModel(0, false, false, false, "ExecutorService.submit",
            LibraryModels.Runner.POOL);
    }
    for (Map.Entry<String, Set<String>> e : SERIAL_TASK_METHODS.entrySet()) {
      if (e.getValue().contains(name) && types.isSubtype(receiverType, e.getKey())) {
        // A serial executor's own way to run a task later, in its turn.
        return new LibraryModels.SpawnModel(0, false, false, false,
            e.getKey().substring(e.getKey().lastIndexOf('.') + 1) + "." + name,
            LibraryModels.Runner.POOL);
      }
    }
    if (types.isSubtype(receiverType, "java.util.concurrent.Executor")
        && name.equals("execute")) {
      return new LibraryModels.SpawnModel(0, false, false, false, "Executor.execute",
            LibraryModels.Runner.POOL);
    }
    if (types.isSubtype(receiverType, "java.util.concurrent.CompletableFuture")
        && name.endsWith("Async")) {
      return new LibraryModels.SpawnModel(
          ASYNC_SECOND_ARG.contains(name) ? 1 : 0, false, false, false, "CompletableFuture." + name,
            LibraryModels.Runner.POOL);
    }
    if (types.isSubtype(receiverType, "java.util.Timer")
        && (name.equals("schedule") || name.equals("scheduleAtFixedRate"))) {
      // One Timer thread runs all its tasks in turn.
      return new LibraryModels.SpawnModel(0, false, false, true, "Timer." + name,
            LibraryModels.Runner.OWN_THREAD);
    }
    if ((types.isSubtype(receiverType, "java.lang.Thread.Builder")
            || types.isSubtype(receiverType, "java.lang.Thread.Builder.OfVirtual")
            || types.isSubtype(receiverType, "java.lang.Thread.Builder.OfPlatform"))
        && (name.equals("start") || name.equals("unstarted"))) {
      return new LibraryModels.SpawnModel(0, name.equals("unstarted"), false, false,
          "Thread.Builder." + name,
            LibraryModels.Runner.OWN_THREAD);
    }
    return null;
  }

  /**
   * Whether the spawn {@code name} runs its task on an executor given as its last argument
   * when one is given: {@code CompletableFuture}'s {@code *Async(…, executor)} stages and its
   * static {@code runAsync}/{@code supplyAsync}.
   */
  boolean runsOnGivenExecutor(String receiverType, String owner, String name, boolean isStatic) {
    if (isStatic) {
      return "java.util.concurrent.CompletableFuture".equals(owner)
          && (name.equals("runAsync") || name.equals("supplyAsync"));
    }
    return receiverType != null && name.endsWith("Async")
        && types.isSubtype(receiverType, "java.util.concurrent.CompletableFuture");
  }

  /** Whether {@code new type(...)} creates a thread from a Runnable argument (started later). */
  boolean isThreadConstructor(String type) {
    return "java.lang.Thread".equals(type);
  }

  /** A stream operation whose function runs on pool threads when the stream is parallel. */
  boolean isStreamOperation(String name) {
    return STREAM_OPS.contains(name);
  }

  /** Calls that wait for one task (the receiver is its handle). */
  boolean isJoin(String receiverType, String name) {
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
  boolean isJoinAll(String receiverType, String name) {
    return receiverType != null
        && types.isSubtype(receiverType, "java.util.concurrent.ExecutorService")
        && (name.equals("awaitTermination") || name.equals("close") || name.equals("invokeAll"));
  }

  /** Whether {@code type} starts a thread through its own {@code run()} (a Thread subclass). */
  boolean isThreadSubclass(String type) {
    return types.isSubtype(type, "java.lang.Thread");
  }

  /** The method that runs when an object of {@code type} is handed to a spawner. */
  String taskMethodOf(String type) {
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
}
