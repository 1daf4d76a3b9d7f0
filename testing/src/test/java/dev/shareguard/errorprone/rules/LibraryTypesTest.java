package dev.shareguard.errorprone.rules;

import dev.shareguard.core.finding.Confidence;
import dev.shareguard.core.rules.threads.UnguardedSharedWrite;
import dev.shareguard.testing.RuleTestHelper;
import org.junit.jupiter.api.Test;

/**
 * Library types a project uses as a dependency, whose sources an audit of the project does not
 * hold: what the models know of their supertypes must hold there too. The Netty stand-ins below
 * are given as a {@link RuleTestHelper#library library} (compiled onto javac's class path, absent
 * from the CLI's tree), as a real project sees Netty.
 */
class LibraryTypesTest {
  private static RuleTestHelper withNettyJar(RuleTestHelper h) {
    return h.library(
            "io/netty/util/concurrent/EventExecutorGroup.java",
            """
            package io.netty.util.concurrent;
            public interface EventExecutorGroup extends java.util.concurrent.ScheduledExecutorService {}
            """)
        .library(
            "io/netty/util/concurrent/EventExecutor.java",
            """
            package io.netty.util.concurrent;
            public interface EventExecutor extends EventExecutorGroup {
              boolean inEventLoop();
            }
            """)
        .library(
            "io/netty/channel/ChannelHandlerContext.java",
            """
            package io.netty.channel;
            public interface ChannelHandlerContext {
              io.netty.util.concurrent.EventExecutor executor();
            }
            """)
        .library(
            "io/netty/util/concurrent/Future.java",
            """
            package io.netty.util.concurrent;
            public interface Future<V> extends java.util.concurrent.Future<V> {}
            """)
        .library(
            "io/netty/util/concurrent/GenericFutureListener.java",
            """
            package io.netty.util.concurrent;
            public interface GenericFutureListener<F extends Future<?>>
                extends java.util.EventListener {
              void operationComplete(F future) throws Exception;
            }
            """);
  }

  private static final String LOOP_CONFINED =
      """
      package com.acme;
      import io.netty.util.concurrent.EventExecutor;
      import java.util.concurrent.ExecutorService;
      public class Reader {
        private final EventExecutor executor;
        private final ExecutorService blocking;
        private boolean closed;
        public Reader(EventExecutor executor, ExecutorService blocking) {
          this.executor = executor;
          this.blocking = blocking;
        }
        public void read() {
          blocking.execute(() -> close());
        }
        public void cancel() {
          if (executor.inEventLoop()) {
            cancel0();
          } else {
            executor.execute(this::cancel0);
          }
        }
        private void cancel0() {
          if (closed) { return; }
          closed = true;
        }
        private void close() {
          if (executor.inEventLoop()) {
            close0();
          } else {
            executor.execute(() -> close0());
          }
        }
        private void close0() {
          if (closed) { return; }
          closed = true;
        }
      }
      """;

  /**
   * Shape from an HTTP framework built on Netty: state changed only on one event loop, directly
   * when the caller is on it ({@code inEventLoop()}) and through a task on it otherwise, from a
   * blocking-I/O pool and from public API. Every change runs on the loop's one thread. Netty is a
   * dependency, not in the audited tree: that an {@code EventExecutor} is an executor comes from
   * the Netty model, not from its sources.
   */
  @Test
  void negative_stateConfinedToAnEventLoopOfADependency() {
    withNettyJar(RuleTestHelper.rule(UnguardedSharedWrite.ID))
        .source("com/acme/Reader.java", LOOP_CONFINED)
        .check();
  }

  /**
   * The same class, but the pool's task closes directly, off the loop: each change races with the
   * other's check, one on the pool thread and one on the loop.
   */
  @Test
  void positive_stateChangedOffTheEventLoopOfADependency() {
    withNettyJar(RuleTestHelper.rule(UnguardedSharedWrite.ID))
        .source(
            "com/acme/Reader.java",
            LOOP_CONFINED.replace(
                "blocking.execute(() -> close());",
                "blocking.execute(() -> close0());")
                .replace(
                    "  private void cancel0() {\n    if (closed) { return; }\n    closed = true;",
                    "  private void cancel0() {\n    if (closed) { return; }\n"
                        + "    // BUG: Diagnostic contains: closed\n    closed = true;")
                .replace(
                    "  private void close0() {\n    if (closed) { return; }\n    closed = true;",
                    "  private void close0() {\n    if (closed) { return; }\n"
                        + "    // BUG: Diagnostic contains: closed\n    closed = true;"))
        .check();
  }

  private static final String SUBSCRIBER =
      """
      package com.acme;
      import io.netty.util.concurrent.EventExecutor;
      import java.util.HashSet;
      import java.util.Set;
      public class Aggregator {
        private final EventExecutor executor;
        private final Set<Object> children = new HashSet<>();
        private long requested;
        private boolean closed;
        public Aggregator(EventExecutor executor) {
          this.executor = executor;
        }
        public void onNext(Object item) {
          if (closed) { return; }
          children.add(item);
        }
        public void request(long n) {
          if (executor.inEventLoop()) {
            handleRequest(n);
          } else {
            executor.execute(() -> handleRequest(n));
          }
        }
        private void handleRequest(long n) {
          if (closed) { return; }
          requested += n;
          if (children.size() > requested) {
            closed = true;
          }
        }
      }
      """;

  /**
   * Shape from a streaming library on Netty: a subscriber that runs a request at once when called
   * on its event loop and hands it to that loop otherwise is written to live on that loop; the
   * framework delivers its signals there ({@code onNext}). Its state is the loop's alone.
   */
  @Test
  void negative_classConfinedToItsOwnEventLoop() {
    withNettyJar(RuleTestHelper.rule(UnguardedSharedWrite.ID))
        .source("com/acme/Aggregator.java", SUBSCRIBER)
        .check();
  }

  /**
   * Without the {@code inEventLoop()} check the class says nothing of the thread its signals
   * come on: {@code onNext} may run beside the loop's task. Low: neither side shows another
   * thread shares the state (a task handed to a loop is confinement, not sharing).
   */
  @Test
  void positive_classHandingWorkToALoopWithoutAskingWhereItRuns() {
    withNettyJar(RuleTestHelper.rule(UnguardedSharedWrite.ID))
        .minConfidence(Confidence.LOW)
        .source(
            "com/acme/Aggregator.java",
            SUBSCRIBER
                .replace(
                    "    if (executor.inEventLoop()) {\n      handleRequest(n);\n    } else {\n"
                        + "      executor.execute(() -> handleRequest(n));\n    }",
                    "    executor.execute(() -> handleRequest(n));")
                .replace("    children.add(item);",
                    "    // BUG: Diagnostic contains: children\n    children.add(item);")
                .replace("      closed = true;",
                    "      // BUG: Diagnostic contains: closed\n      closed = true;"))
        .check();
  }

  /**
   * Work handed to event loops the engine cannot name (a loop an overridable method returns): a
   * channel's objects live on the channel's one loop, so the object's own counter is touched on
   * that loop only; the static total is shared by every channel's loop and races.
   */
  @Test
  void perChannelStateOnLoopsButStaticStateRaces() {
    withNettyJar(RuleTestHelper.rule(UnguardedSharedWrite.ID))
        .source(
            "com/acme/Handler.java",
            """
            package com.acme;
            import io.netty.util.concurrent.EventExecutor;
            import java.util.concurrent.TimeUnit;
            public abstract class Handler {
              private int pending;
              private static int total;
              protected abstract EventExecutor loop();
              public void begin() {
                loop().execute(() -> {
                  pending++;
                  // BUG: Diagnostic contains: total
                  total++;
                });
              }
              public void end() {
                loop().schedule(() -> {
                  pending--;
                  // BUG: Diagnostic contains: total
                  total--;
                }, 1, TimeUnit.SECONDS);
              }
            }
            """)
        .check();
  }

  private static final String RESPONDER =
      """
      package com.acme;
      import io.netty.util.concurrent.EventExecutor;
      import io.netty.util.concurrent.Future;
      import io.netty.util.concurrent.GenericFutureListener;
      import java.util.concurrent.CompletableFuture;
      public abstract class Responder {
        private long written;
        protected abstract EventExecutor loop();
        public void respond(CompletableFuture<Long> body) {
          body.handleAsync((n, cause) -> {
            written += n;
            return null;
          }, loop());
        }
        final class OnWritten implements GenericFutureListener<Future<Object>> {
          @Override
          public void operationComplete(Future<Object> f) {
            written++;
          }
        }
      }
      """;

  /**
   * Shape from an HTTP server on Netty: a completion handled on the request's event loop ({@code
   * handleAsync(fn, loop)}) and a write listener the channel's loop notifies both update the
   * response's own count: one channel, one loop, one thread.
   */
  @Test
  void negative_asyncStageOnALoopAndAFutureListener() {
    withNettyJar(RuleTestHelper.rule(UnguardedSharedWrite.ID))
        .source("com/acme/Responder.java", RESPONDER)
        .check();
  }

  /**
   * The same stage handed to a pool instead races with the loop's listener, and with its own
   * runs for other responses.
   */
  @Test
  void positive_asyncStageOnAPoolAndAFutureListener() {
    withNettyJar(RuleTestHelper.rule(UnguardedSharedWrite.ID))
        .source(
            "com/acme/Responder.java",
            RESPONDER
                .replace("protected abstract EventExecutor loop();",
                    "protected abstract java.util.concurrent.ExecutorService loop();")
                .replace("      written += n;",
                    "      // BUG: Diagnostic contains: written\n      written += n;")
                .replace("      written++;",
                    "      // BUG: Diagnostic contains: written\n      written++;"))
        .check();
  }

  /**
   * The same stage handed to the loop a handler's context names ({@code ctx.executor()}): the
   * Netty model says what that library method returns, so the CLI, which sees no Netty
   * declaration, knows it is the loop as javac does.
   */
  @Test
  void negative_asyncStageOnTheLoopOfAHandlersContext() {
    withNettyJar(RuleTestHelper.rule(UnguardedSharedWrite.ID))
        .source(
            "com/acme/Responder.java",
            RESPONDER
                .replace("protected abstract EventExecutor loop();",
                    "protected io.netty.channel.ChannelHandlerContext ctx;")
                .replace("}, loop());", "}, ctx.executor());"))
        .check();
  }

  private static RuleTestHelper withContainerJars(RuleTestHelper h) {
    return h.library(
            "org/jctools/queues/MpscChunkedArrayQueue.java",
            """
            package org.jctools.queues;
            public class MpscChunkedArrayQueue<E> extends java.util.AbstractQueue<E> {
              public MpscChunkedArrayQueue(int capacity) {}
              @Override public boolean offer(E e) { return true; }
              @Override public E poll() { return null; }
              @Override public E peek() { return null; }
              @Override public int size() { return 0; }
              @Override public java.util.Iterator<E> iterator() { return null; }
            }
            """)
        .library(
            "com/google/common/collect/MapMaker.java",
            """
            package com.google.common.collect;
            public final class MapMaker {
              public MapMaker weakKeys() { return this; }
              public <K, V> java.util.concurrent.ConcurrentMap<K, V> makeMap() {
                return new java.util.concurrent.ConcurrentHashMap<>();
              }
            }
            """);
  }

  private static final String REGISTRY =
      """
      package com.acme;
      import com.google.common.collect.MapMaker;
      import java.util.Collections;
      import java.util.Queue;
      import java.util.Set;
      import java.util.concurrent.ExecutorService;
      import org.jctools.queues.MpscChunkedArrayQueue;
      public class Registry {
        private final Queue<Object> pending = new MpscChunkedArrayQueue<>(16);
        private static final Set<Thread> REPORTED =
            Collections.newSetFromMap(new MapMaker().weakKeys().makeMap());
        private final ExecutorService pool;
        public Registry(ExecutorService pool) {
          this.pool = pool;
        }
        public void submit(Object o) {
          pool.execute(() -> {
            pending.offer(o);
            REPORTED.add(Thread.currentThread());
          });
        }
      }
      """;

  /**
   * Thread-safe containers from dependencies: a JCTools queue behind a {@code Queue} declaration,
   * and a set over a map a Guava {@code MapMaker} chain makes. Every task may use them at once.
   */
  @Test
  void negative_threadSafeContainersOfDependencies() {
    withContainerJars(RuleTestHelper.rule(UnguardedSharedWrite.ID))
        .source("com/acme/Registry.java", REGISTRY)
        .check();
  }

  /** The same registry with plain containers races in every task. */
  @Test
  void positive_plainContainersInTheSameShape() {
    withContainerJars(RuleTestHelper.rule(UnguardedSharedWrite.ID))
        .source(
            "com/acme/Registry.java",
            REGISTRY
                .replace("new MpscChunkedArrayQueue<>(16)", "new java.util.ArrayDeque<>(16)")
                .replace("Collections.newSetFromMap(new MapMaker().weakKeys().makeMap())",
                    "Collections.newSetFromMap(new java.util.HashMap<>())")
                .replace("      pending.offer(o);",
                    "      // BUG: Diagnostic contains: pending\n      pending.offer(o);")
                .replace("      REPORTED.add(",
                    "      // BUG: Diagnostic contains: REPORTED\n      REPORTED.add("))
        .check();
  }

  private static RuleTestHelper withInjectionJars(RuleTestHelper h) {
    return h.library(
            "jakarta/inject/Singleton.java",
            """
            package jakarta.inject;
            @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
            public @interface Singleton {}
            """)
        .library(
            "jakarta/annotation/PreDestroy.java",
            """
            package jakarta.annotation;
            @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
            public @interface PreDestroy {}
            """);
  }

  private static final String FINALIZER =
      """
      package com.acme;
      import jakarta.annotation.PreDestroy;
      import jakarta.inject.Singleton;
      import java.util.HashSet;
      import java.util.Set;
      @Singleton
      public class Finalizer {
        private final Set<Object> managed = new HashSet<>();
        private int closed;
        public synchronized void register(Object o) {
          managed.add(o);
        }
        public synchronized int closed() {
          return closed;
        }
        @PreDestroy
        public void preDestroy() {
          closed = managed.size();
          managed.clear();
        }
      }
      """;

  /**
   * Shape from a dependency-injection library: a singleton whose {@code @PreDestroy} method the
   * container calls once as it takes the object down, after it stopped serving callers. A
   * lifecycle transition, like {@code stop()}: not paired with the running methods.
   */
  @Test
  void negative_preDestroyIsATeardownTransition() {
    withInjectionJars(RuleTestHelper.rule(UnguardedSharedWrite.ID))
        .source("com/acme/Finalizer.java", FINALIZER)
        .check();
  }

  /** Without the annotation the same method is a running method of a shared singleton. */
  @Test
  void positive_theSameMethodWithoutTheAnnotation() {
    withInjectionJars(RuleTestHelper.rule(UnguardedSharedWrite.ID))
        .source(
            "com/acme/Finalizer.java",
            FINALIZER
                .replace("  @PreDestroy\n", "")
                .replace("    managed.clear();",
                    "    // BUG: Diagnostic contains: managed\n    managed.clear();"))
        .check();
  }

  private static final String BUNDLED_CONCURRENT_MAP =
      """
      package io.lib.clhm;
      public abstract class ConcurrentLinkedHashMap<K, V> extends java.util.AbstractMap<K, V>
          implements java.util.concurrent.ConcurrentMap<K, V> {
        public static final class Builder<K, V> {
          public Builder<K, V> maximumWeightedCapacity(long capacity) {
            return this;
          }
          public ConcurrentLinkedHashMap<K, V> build() {
            return null;
          }
        }
      }
      """;

  private static final String CACHE_IN_A_MAP_FIELD =
      """
      package com.acme;
      import io.lib.clhm.ConcurrentLinkedHashMap;
      import java.util.Map;
      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.Executors;
      public class Registry {
        private final Map<String, Object> cache =
            new ConcurrentLinkedHashMap.Builder<String, Object>().maximumWeightedCapacity(100).build();
        private final ExecutorService pool = Executors.newFixedThreadPool(2);
        public void warm(String k) {
          pool.execute(() -> cache.put(k, new Object()));
        }
        public Object find(String k) {
          return cache.computeIfAbsent(k, x -> new Object());
        }
      }
      """;

  /**
   * A dependency's map whose name follows the convention of thread-safe classes ({@code
   * Concurrent…}), built by its nested builder ({@code new X.Builder<>()…build()} makes an
   * {@code X}) into a field typed {@code Map}: the field holds a thread-safe map, in the CLI
   * (which sees neither class) as in javac.
   */
  @Test
  void negative_mapFieldHoldingADependencysConcurrentMapFromItsBuilder() {
    RuleTestHelper.rule(UnguardedSharedWrite.ID)
        .library("io/lib/clhm/ConcurrentLinkedHashMap.java", BUNDLED_CONCURRENT_MAP)
        .source("com/acme/Registry.java", CACHE_IN_A_MAP_FIELD)
        .check();
  }

  /**
   * The same map field filled by a dependency's builder of a class not named by the convention:
   * nothing says it is thread-safe, so the unlocked writes from the pool are reported.
   */
  @Test
  void positive_mapFieldHoldingADependencysMapOfAnotherName() {
    RuleTestHelper.rule(UnguardedSharedWrite.ID)
        .library("io/lib/clhm/LinkedCache.java",
            BUNDLED_CONCURRENT_MAP.replace("ConcurrentLinkedHashMap", "LinkedCache"))
        .source("com/acme/Registry.java",
            CACHE_IN_A_MAP_FIELD.replace("ConcurrentLinkedHashMap", "LinkedCache")
                .replace("    pool.execute(() -> cache.put(k, new Object()));",
                    "    // BUG: Diagnostic contains: UnguardedSharedWrite\n"
                        + "    pool.execute(() -> cache.put(k, new Object()));")
                .replace("    return cache.computeIfAbsent(k, x -> new Object());",
                    "    // BUG: Diagnostic contains: UnguardedSharedWrite\n"
                        + "    return cache.computeIfAbsent(k, x -> new Object());"))
        .check();
  }
}
