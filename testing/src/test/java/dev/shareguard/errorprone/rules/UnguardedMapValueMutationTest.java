package dev.shareguard.errorprone.rules;

import dev.shareguard.core.rules.threads.UnguardedMapValueMutation;
import dev.shareguard.core.finding.Confidence;
import dev.shareguard.testing.RuleTestHelper;
import org.junit.jupiter.api.Test;

/** {@link UnguardedMapValueMutation}: changes to values held by thread-safe maps. */
class UnguardedMapValueMutationTest {
  private static RuleTestHelper helper() {
    return RuleTestHelper.rule(UnguardedMapValueMutation.ID);
  }

  /**
   * The values of a concurrent map come in only through a remapping function of {@code compute}
   * (or {@code merge}) that returns the value already held or a new {@code CopyOnWriteArraySet}:
   * every value is thread-safe, so adding to and removing from them from several threads is
   * safe. Not reported (blind round 13: a shell's signal listeners). With a {@code HashSet} made
   * there instead, the same calls are reported.
   */
  @Test
  void negative_valuesMadeByARemappingFunctionAreThreadSafe_positive_whenTheyAreNot() {
    String source =
        """
        package com.acme;
        import java.util.HashSet;
        import java.util.Set;
        import java.util.concurrent.ConcurrentHashMap;
        import java.util.concurrent.ConcurrentMap;
        import java.util.concurrent.CopyOnWriteArraySet;
        import java.util.concurrent.ExecutorService;
        public class Signals {
          private final ConcurrentMap<String, Set<Runnable>> listeners = new ConcurrentHashMap<>();
          private final ConcurrentMap<String, Set<String>> tags = new ConcurrentHashMap<>();
          public void add(ExecutorService pool, String signal, Runnable r) {
            pool.execute(() -> {
        MARK1      of(signal, true).add(r);
            });
          }
          public void remove(String signal, Runnable r) {
            Set<Runnable> ls = of(signal, false);
            if (ls != null) {
              ls.remove(r);
            }
          }
          public void tag(ExecutorService pool, String signal, String t) {
            pool.execute(() -> {
              Set<String> s = tags.merge(signal, new SET<>(), (old, given) -> old);
        MARK2      s.add(t);
            });
          }
          private Set<Runnable> of(String signal, boolean create) {
            return listeners.compute(signal,
                (k, v) -> v != null ? v : create ? new SET<>() : null);
          }
        }
        """;
    helper()
        .minConfidence(Confidence.LOW)
        .source("com/acme/Signals.java", source.replace("SET", "CopyOnWriteArraySet")
            .replace("MARK1", "").replace("MARK2", ""))
        .check();
    String marker = "      // BUG: Diagnostic contains: UnguardedMapValueMutation\n";
    helper()
        .source("com/acme/Signals.java", source.replace("SET", "HashSet")
            .replace("MARK1", marker).replace("MARK2", marker)
            .replace("      ls.remove(r);", marker + "      ls.remove(r);"))
        .check();
  }

  @Test
  void positive_listsInAConcurrentMapAppendedFromPoolTasks() {
    helper()
        .source(
            "com/acme/Inbox.java",
            """
            package com.acme;
            import java.util.ArrayList;
            import java.util.List;
            import java.util.Map;
            import java.util.concurrent.ConcurrentHashMap;
            import java.util.concurrent.ExecutorService;
            public class Inbox {
              private final Map<String, List<String>> byUser = new ConcurrentHashMap<>();
              public void deliver(ExecutorService pool, String user, String message) {
                // BUG: Diagnostic contains: UnguardedMapValueMutation
                pool.submit(() -> byUser.computeIfAbsent(user, u -> new ArrayList<>()).add(message));
              }
              public int unread(String user) {
                List<String> messages = byUser.get(user);
                return messages == null ? 0 : messages.size();
              }
            }
            """)
        .check();
  }

  @Test
  void positive_setterOnAMutableValueFromTwoThreads() {
    helper()
        .source(
            "com/acme/Stats.java",
            """
            package com.acme;
            import java.util.concurrent.ConcurrentHashMap;
            import java.util.concurrent.ExecutorService;
            public class Stats {
              static final class Counter {
                private long hits;
                void hit() {
                  // BUG: Diagnostic contains: UnguardedMapValueMutation
                  hits++;
                }
                long hits() { return hits; }
              }
              private final ConcurrentHashMap<String, Counter> byPage = new ConcurrentHashMap<>();
              public void record(ExecutorService pool, String page) {
                pool.execute(() -> byPage.computeIfAbsent(page, p -> new Counter()).hit());
              }
            }
            """)
        .check();
  }

  /**
   * Shipped shape: a rate limiter keeps one stats item per service in a concurrent map, and every
   * calling thread resets the item's plain fields in place. The atomic counter beside them
   * guards only itself.
   */
  @Test
  void regression_plainFieldsBesideAnAtomicCounterInAMapValue() {
    String bug = "    // BUG: Diagnostic contains: UnguardedMapValueMutation\n";
    helper()
        .source("com/acme/Limiter.java", limiter("private LongAdder tokens = new LongAdder();",
            "tokens.decrement();", bug + "          tokens = new LongAdder();\n" + bug))
        .check();
  }

  /**
   * A rate limiter's items in a concurrent map; {@code COUNTER} declares the item's token
   * counter, {@code TAKE} takes a token.
   */
  private static String limiter(String counter, String take, String marker) {
    return """
        package com.acme;
        import java.util.concurrent.ConcurrentHashMap;
        import java.util.concurrent.ConcurrentMap;
        import java.util.concurrent.atomic.LongAdder;
        public class Limiter {
          private final ConcurrentMap<String, Item> stats = new ConcurrentHashMap<>();
          public boolean allow(String key, int rate) {
            Item item = stats.computeIfAbsent(key, k -> new Item(rate));
            return item.allowable();
          }
          static class Item {
            private final int rate;
            private long lastReset = System.currentTimeMillis();
            COUNTER
            Item(int rate) { this.rate = rate; }
            boolean allowable() {
              long now = System.currentTimeMillis();
              if (now > lastReset + 1000) {
        MARKER          lastReset = now;
              }
              TAKE
              return true;
            }
          }
        }
        """.replace("COUNTER", counter).replace("TAKE", take).replace("MARKER", marker);
  }

  /**
   * The shipped shape is high: the item counts its tokens with an atomic, so its authors count
   * on one item being called by several threads at once; its plain reset time was left out.
   */
  @Test
  void regression_plainFieldOfAValueClassThatKeepsAtomicStateIsHigh() {
    helper()
        .minConfidence(Confidence.HIGH)
        .source("com/acme/Limiter.java", limiter("private final LongAdder tokens = new LongAdder();",
            "tokens.decrement();", "    // BUG: Diagnostic contains: UnguardedMapValueMutation\n"))
        .check();
  }

  /** An item with no atomic state: the same change stays below the high floor. */
  @Test
  void negative_plainFieldOfAValueClassWithoutAtomicStateIsNotHigh() {
    helper()
        .minConfidence(Confidence.HIGH)
        .source("com/acme/Limiter.java", limiter("private int uses;", "uses = 1;", ""))
        .check();
    helper()
        .source("com/acme/Limiter.java", limiter("private int uses;", "uses = 1;",
            "    // BUG: Diagnostic contains: UnguardedMapValueMutation\n"))
        .check();
  }

  /**
   * Shipped shape: the stats object of each map is taken from a concurrent map through a static
   * helper (get, else create and {@code putIfAbsent}, keeping the winner) behind an accessor, then
   * reset and summed into in place by every thread that asks for the statistics. What a helper
   * returns out of (or after putting into) its container argument is that container's value at
   * the call site, so the in-place sums are lost updates of a shared map value (the resets, plain
   * stores, are only low).
   */
  @Test
  void regression_valueTakenThroughAGetOrCreateHelperUpdatedInPlace() {
    helper().source("com/acme/StatsProvider.java", statsProvider(true)).check();
  }

  /**
   * The fixed shape: each call sums into a fresh object of its own and copies the result into the
   * shared one's volatile fields.
   */
  @Test
  void negative_valueTakenThroughAGetOrCreateHelperFilledFromAPrivateCopy() {
    helper().source("com/acme/StatsProvider.java", statsProvider(false)).check();
  }

  private static String statsProvider(boolean inPlace) {
    String body = inPlace
        ? """
              Stats stats = getStats(name);
              stats.reset();
              for (long c : costs) {
                stats.add(c);
              }
              return stats;
          """
        : """
              Stats mine = new Stats();
              for (long c : costs) {
                mine.add(c);
              }
              Stats stats = getStats(name);
              stats.copyFrom(mine);
              return stats;
          """;
    String marker = inPlace ? "      // BUG: Diagnostic contains: UnguardedMapValueMutation\n" : "";
    return """
        package com.acme;
        import java.util.concurrent.ConcurrentHashMap;
        import java.util.concurrent.ConcurrentMap;
        import java.util.function.Function;
        public class StatsProvider {
          private final ConcurrentMap<String, Stats> statsMap = new ConcurrentHashMap<>();
          public Stats getStats(String name) {
            return getOrPut(statsMap, name, k -> new Stats());
          }
          public Stats collect(String name, long[] costs) {
        %s  }
          static <K, V> V getOrPut(ConcurrentMap<K, V> map, K key, Function<K, V> make) {
            V value = map.get(key);
            if (value == null) {
              value = make.apply(key);
              V current = map.putIfAbsent(key, value);
              value = current == null ? value : current;
            }
            return value;
          }
          public static class Stats {
            private %slong total;
            private %slong count;
            void reset() {
              total = 0;
              count = 0;
            }
            void add(long cost) {
        %s      total += cost;
        %s      count++;
            }
            void copyFrom(Stats other) {
              total = other.total;
              count = other.count;
            }
            public long total() {
              return total;
            }
          }
        }
        """.formatted(body, inPlace ? "" : "volatile ", inPlace ? "" : "volatile ", marker, marker);
  }

  /** The fixed shape: final atomics only. */
  @Test
  void negative_valueWithFinalAtomicsOnly() {
    helper()
        .source(
            "com/acme/Limiter.java",
            """
            package com.acme;
            import java.util.concurrent.ConcurrentHashMap;
            import java.util.concurrent.ConcurrentMap;
            import java.util.concurrent.atomic.AtomicInteger;
            import java.util.concurrent.atomic.AtomicLong;
            public class Limiter {
              private final ConcurrentMap<String, Item> stats = new ConcurrentHashMap<>();
              public boolean allow(String key, int rate) {
                Item item = stats.computeIfAbsent(key, k -> new Item(rate));
                return item.allowable();
              }
              static class Item {
                private final int rate;
                private final AtomicLong lastReset = new AtomicLong(System.currentTimeMillis());
                private final AtomicInteger tokens;
                Item(int rate) { this.rate = rate; this.tokens = new AtomicInteger(rate); }
                boolean allowable() {
                  long now = System.currentTimeMillis();
                  long last = lastReset.get();
                  if (now > last + 1000 && lastReset.compareAndSet(last, now)) {
                    tokens.set(rate);
                  }
                  return tokens.decrementAndGet() >= 0;
                }
              }
            }
            """)
        .check();
  }

  @Test
  void negative_threadSafeValuesAtomicComputeAndACommonLock() {
    helper()
        .source(
            "com/acme/Index.java",
            """
            package com.acme;
            import java.util.ArrayList;
            import java.util.List;
            import java.util.Map;
            import java.util.Set;
            import java.util.concurrent.ConcurrentHashMap;
            import java.util.concurrent.CopyOnWriteArrayList;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.LinkedBlockingQueue;
            import java.util.concurrent.atomic.LongAdder;
            public class Index {
              private final Map<String, List<String>> safeLists = new ConcurrentHashMap<>();
              private final Map<String, Set<String>> sets = new ConcurrentHashMap<>();
              private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
              private final Map<String, List<String>> locked = new ConcurrentHashMap<>();
              private final LinkedBlockingQueue<List<String>> handoff = new LinkedBlockingQueue<>();
              public void add(ExecutorService pool, String k, String v) {
                pool.submit(() -> {
                  safeLists.computeIfAbsent(k, x -> new CopyOnWriteArrayList<>()).add(v);
                  sets.computeIfAbsent(k, x -> ConcurrentHashMap.newKeySet()).add(v);
                  counts.computeIfAbsent(k, x -> new LongAdder()).increment();
                  synchronized (locked) {
                    locked.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
                  }
                  List<String> batch = handoff.poll();
                  if (batch != null) {
                    batch.add(v);
                  }
                });
              }
              public int size(String k) {
                synchronized (locked) {
                  return locked.getOrDefault(k, List.of()).size();
                }
              }
            }
            """)
        .check();
  }

  /** A value taken out of the map with remove(k) is handed over: the remover owns it. */
  @Test
  void regression_valueRemovedFromTheMapIsOwnedByTheRemover() {
    helper()
        .source(
            "com/acme/Sessions.java",
            """
            package com.acme;
            import java.util.HashSet;
            import java.util.Set;
            import java.util.concurrent.ConcurrentHashMap;
            import java.util.concurrent.ExecutorService;
            public class Sessions {
              private final ConcurrentHashMap<Long, Set<String>> ephemerals =
                  new ConcurrentHashMap<>();
              public void create(long session, String path) {
                Set<String> paths = ephemerals.computeIfAbsent(session, k -> new HashSet<>());
                synchronized (paths) {
                  paths.add(path);
                }
              }
              public void expire(ExecutorService reaper, long session) {
                reaper.submit(() -> {
                  Set<String> paths = ephemerals.remove(session);
                  if (paths != null) {
                    paths.remove("/tmp");
                    paths.clear();
                  }
                });
              }
            }
            """)
        .check();
  }

  /** Netty's pools keep their channels in a deque from PlatformDependent: a concurrent one. */
  @Test
  void regression_valuesHoldingNettyConcurrentDeques() {
    helper()
        .source(
            "io/netty/util/internal/PlatformDependent.java",
            """
            package io.netty.util.internal;
            public final class PlatformDependent {
              public static <T> java.util.Deque<T> newConcurrentDeque() {
                return new java.util.concurrent.ConcurrentLinkedDeque<T>();
              }
            }
            """)
        .source(
            "com/acme/Pools.java",
            """
            package com.acme;
            import io.netty.util.internal.PlatformDependent;
            import java.util.Deque;
            import java.util.Map;
            import java.util.concurrent.ConcurrentHashMap;
            import java.util.concurrent.ExecutorService;
            public class Pools {
              static final class Pool {
                private final Deque<String> deque = PlatformDependent.newConcurrentDeque();
                String poll(boolean last) {
                  return last ? deque.pollLast() : deque.pollFirst();
                }
              }
              private final Map<String, Pool> pools = new ConcurrentHashMap<>();
              public void drain(ExecutorService workers, String key) {
                workers.submit(() -> pools.get(key).poll(true));
                workers.submit(() -> pools.get(key).poll(false));
              }
            }
            """)
        .check();
  }

  /**
   * Known limitation: all values of one map are one location, so two tasks that each change the
   * list of a different, fixed key are paired though they touch two lists (a false positive).
   * Documented in docs/rules/UnguardedMapValueMutation.md.
   */
  @Test
  void limitation_valuesOfDifferentKeysArePaired() {
    helper()
        .source(
            "com/acme/Lanes.java",
            """
            package com.acme;
            import java.util.ArrayList;
            import java.util.List;
            import java.util.Map;
            import java.util.concurrent.ConcurrentHashMap;
            import java.util.concurrent.ExecutorService;
            public class Lanes {
              private final Map<String, List<String>> byLane = new ConcurrentHashMap<>();
              public void start(ExecutorService pool) {
                // BUG: Diagnostic contains: UnguardedMapValueMutation
                pool.submit(() -> byLane.computeIfAbsent("left", k -> new ArrayList<>()).add("x"));
                // BUG: Diagnostic contains: UnguardedMapValueMutation
                pool.submit(() -> byLane.computeIfAbsent("right", k -> new ArrayList<>()).add("y"));
              }
            }
            """)
        .check();
  }

  /**
   * A value a helper gets from a map passed in, created by {@code computeIfAbsent} as a
   * concurrent map: every value that local can hold is thread-safe, so changing it from several
   * threads is not a change to a non-thread-safe value. The same helper creating plain maps still
   * is.
   */
  @Test
  void negative_valueCreatedThreadSafeByTheFiller_positive_plainFiller() {
    String code =
        """
        package com.acme;
        import java.util.HashMap;
        import java.util.Map;
        import java.util.concurrent.ConcurrentHashMap;
        import java.util.concurrent.ConcurrentMap;
        import java.util.concurrent.ExecutorService;
        import java.util.concurrent.Executors;
        public class Registry {
          private final ConcurrentMap<Integer, Map<String, Long>> byTask = new ConcurrentHashMap<>();
          private final ExecutorService pool = Executors.newFixedThreadPool(4);
          public void record(int task, String name, long value) {
            pool.execute(() -> save(task, name, value, byTask));
          }
          private static void save(int task, String name, long value,
              Map<Integer, Map<String, Long>> all) {
            Map<String, Long> metrics = all.computeIfAbsent(task, t -> new %s<>());
        %s    metrics.put(name, value);
          }
        }
        """;
    helper().source("com/acme/Registry.java", code.formatted("ConcurrentHashMap", "")).check();
    helper()
        .source("com/acme/Registry.java",
            code.formatted("HashMap", "    // BUG: Diagnostic contains: UnguardedMapValueMutation\n"))
        .check();
  }

  private static final String PER_THREAD_FAILURES =
      """
      package com.acme;
      import java.util.HashMap;
      import java.util.Map;
      import java.util.concurrent.ConcurrentHashMap;
      import java.util.concurrent.ExecutorService;
      public class Tracker {
        private final Map<Thread, Map<String, Integer>> failures = new ConcurrentHashMap<>();
        public void failed(ExecutorService pool, String record) {
          pool.execute(() -> {
            Thread current = Thread.currentThread();
            Map<String, Integer> mine = failures.computeIfAbsent(current, t -> new HashMap<>());
            mine.merge(record, 1, Integer::sum);
          });
        }
      }
      """;

  /**
   * Shape from a messaging framework's retry tracker: each consumer thread keeps its failures in
   * a map held under its own {@code Thread} key. Only that thread takes the map out by that key,
   * so its changes never meet another thread's.
   */
  @Test
  void negative_valueKeptUnderTheCurrentThreadsOwnKey() {
    RuleTestHelper.rule(UnguardedMapValueMutation.ID)
        .source("com/acme/Tracker.java", PER_THREAD_FAILURES)
        .check();
  }

  /** Kept under a key every task shares, the same map is changed by several threads at once. */
  @Test
  void positive_valueKeptUnderASharedKey() {
    RuleTestHelper.rule(UnguardedMapValueMutation.ID)
        .source(
            "com/acme/Tracker.java",
            PER_THREAD_FAILURES
                .replace("Thread current = Thread.currentThread();", "String current = \"all\";")
                .replace("Map<Thread, Map<String, Integer>>", "Map<String, Map<String, Integer>>")
                .replace("      mine.merge(",
                    "      // BUG: Diagnostic contains: UnguardedMapValueMutation\n      mine.merge("))
        .check();
  }

  /**
   * A hand-made thread-local: a class keeps each thread's value in a concurrent map under the
   * current thread's id and hands it out through its own {@code get()}. The list a caller takes
   * out through that getter is its own thread's, so a task changing it meets no other thread.
   */
  @Test
  void negative_valueTakenThroughAPerThreadMapsGetter() {
    RuleTestHelper.rule(UnguardedMapValueMutation.ID)
        .source("com/acme/PerThread.java", perThread("Thread.currentThread().getId()"))
        .source("com/acme/Table.java", PER_THREAD_TABLE)
        .check();
  }

  /** The same getter keyed by a constant hands every thread one list: changed at once. */
  @Test
  void positive_valueTakenThroughASharedKeysGetter() {
    RuleTestHelper.rule(UnguardedMapValueMutation.ID)
        .source("com/acme/PerThread.java", perThread("0L"))
        .source(
            "com/acme/Table.java",
            PER_THREAD_TABLE.replace("      l.remove(name);",
                "      // BUG: Diagnostic contains: UnguardedMapValueMutation\n      l.remove(name);"))
        .check();
  }

  private static String perThread(String key) {
    return """
        package com.acme;
        import java.util.concurrent.ConcurrentHashMap;
        public class PerThread<T> {
          private final ConcurrentHashMap<Long, T> map = new ConcurrentHashMap<>();
          public void set(T value) {
            map.put(KEY, value);
          }
          public T get() {
            return map.get(KEY);
          }
        }
        """.replace("KEY", key);
  }

  private static final String PER_THREAD_TABLE =
      """
      package com.acme;
      import java.util.ArrayList;
      import java.util.concurrent.ExecutorService;
      public class Table {
        static final PerThread<ArrayList<String>> LOCKS = new PerThread<>();
        private final ExecutorService pool;
        public Table(ExecutorService pool) {
          this.pool = pool;
        }
        public void unlock(String name) {
          ArrayList<String> l = LOCKS.get();
          if (l != null) {
            l.remove(name);
          }
        }
        public void closeLater(String name) {
          pool.execute(() -> unlock(name));
        }
      }
      """;

  /**
   * A type registry whose setter changes a map-held entry only when the new name differs ({@code
   * if (old == null || !old.equals(name)) entry.converter = name;}): the test skips a store that
   * would change nothing, so two callers at once end with one of their two names, as in either
   * order; nothing is lost. {@code STORE} is the setter's body after the look-up. Below the
   * default floor (a stale value at worst). (Blind round 14.)
   */
  private static String types(String store, String marker) {
    return """
        package com.acme;
        import java.util.Map;
        import java.util.concurrent.ConcurrentHashMap;
        import java.util.concurrent.ExecutorService;
        public class Types {
          static final class Entry {
            String converter;
            int uses;
          }
          private final Map<String, Entry> types = new ConcurrentHashMap<>();
          public void start(ExecutorService pool) {
            types.put("a", new Entry());
            pool.execute(() -> setConverter("a", "x"));
            pool.execute(() -> setConverter("a", "y"));
          }
          public void setConverter(String type, String name) {
            Entry e = types.get(type);
            if (e == null) {
              return;
            }
        STORE  }
        }
        """.replace("STORE", store).replace("MARKER", marker);
  }

  @Test
  void setIfDifferent_belowTheDefaultFloor() {
    String store = "    String old = e.converter;\n    if (old == null || !old.equals(name)) {\n"
        + "MARKER      e.converter = name;\n    }\n";
    helper().minConfidence(Confidence.LOW)
        .source("com/acme/Types.java", types(store.replace("MARKER",
            "      // BUG: Diagnostic contains: UnguardedMapValueMutation\n"), ""))
        .check();
    helper().source("com/acme/Types.java", types(store.replace("MARKER", ""), "")).check();
  }

  /** A store decided on another field's old value: a lost update, reported. */
  @Test
  void positive_storeDecidedOnAnotherFieldOfTheValue() {
    String store = "    if (e.uses == 0) {\n"
        + "      // BUG: Diagnostic contains: UnguardedMapValueMutation\n"
        + "      e.converter = name;\n    }\n";
    helper().source("com/acme/Types.java", types(store, "")).check();
  }

  /**
   * Fluent configuration ({@code withExposedService(name, port)} returning {@code this}, also
   * through an overload that returns another's result) is a property setter: it configures the
   * object before it runs, one call at a time, so two runs of it at once are no race. Not
   * reported. A method that returns something else is an ordinary entry: its self-race on the
   * map's value is reported.
   */
  @Test
  void negative_fluentWitherConfiguresTheObject_positive_ordinaryMethod() {
    helper().minConfidence(Confidence.LOW)
        .source("com/acme/Compose.java", compose("Compose", "return this;", "")).check();
    helper().minConfidence(Confidence.LOW)
        .source("com/acme/Compose.java", compose("int", "return port;",
            "    // BUG: Diagnostic contains: UnguardedMapValueMutation\n"))
        .check();
  }

  /** A compose file whose {@code withExposedService} returns {@code RESULT} ({@code marker} at the add). */
  private static String compose(String type, String result, String marker) {
    return """
        package com.acme;
        import java.util.ArrayList;
        import java.util.List;
        import java.util.Map;
        import java.util.concurrent.ConcurrentHashMap;
        public class Compose {
          private final Map<String, List<String>> waits = new ConcurrentHashMap<>();
          public TYPE withExposedService(String name, int port) {
        MARKER    waits.computeIfAbsent(name, k -> new ArrayList<>()).add(name + port);
            RESULT
          }
          public TYPE withExposedService(String name, int instance, int port) {
            return withExposedService(name + "-" + instance, port);
          }
          public void start() {
            for (List<String> w : waits.values()) {
              System.out.println(w);
            }
          }
        }
        """.replace("TYPE", type).replace("RESULT", result).replace("MARKER", marker);
  }

  /**
   * A helper handed the map makes its values ({@code getList(listeners, type)} doing {@code
   * map.computeIfAbsent(type, k -> new CopyOnWriteArrayList<>())}): the map field each call
   * passes holds thread-safe lists, so adding to one from several threads is safe. Not reported.
   * The same helper making {@code ArrayList}s: reported.
   */
  @Test
  void negative_helperHandedTheMapMakesThreadSafeValues_positive_plainLists() {
    helper().source("com/acme/Adapter.java", adapter("CopyOnWriteArrayList", "")).check();
    helper()
        .source("com/acme/Adapter.java", adapter("ArrayList",
            "    // BUG: Diagnostic contains: UnguardedMapValueMutation\n"))
        .check();
  }

  /** Listeners by message type, their lists made by a helper as {@code LIST}s. */
  private static String adapter(String list, String marker) {
    return """
        package com.acme;
        import java.util.ArrayList;
        import java.util.List;
        import java.util.concurrent.ConcurrentHashMap;
        import java.util.concurrent.ConcurrentMap;
        import java.util.concurrent.CopyOnWriteArrayList;
        import java.util.concurrent.ExecutorService;
        public class Adapter {
          private final ConcurrentMap<Class<?>, List<Runnable>> listeners = new ConcurrentHashMap<>();
          public void addListener(Class<?> type, Runnable listener) {
        MARKER    getList(listeners, type).add(listener);
          }
          public void register(ExecutorService pool, Class<?> type) {
            pool.execute(() -> addListener(type, () -> {}));
          }
          private <T> List<T> getList(ConcurrentMap<Class<?>, List<T>> map, Class<?> type) {
            return map.computeIfAbsent(type, k -> new LIST<>());
          }
        }
        """.replace("LIST", list).replace("MARKER", marker);
  }
}
