package dev.shareguard.errorprone.rules;

import dev.shareguard.core.finding.Confidence;
import dev.shareguard.core.rules.threads.UnguardedSharedRead;
import dev.shareguard.testing.RuleTestHelper;
import org.junit.jupiter.api.Test;

/** {@link UnguardedSharedRead}: reads of shared state that another thread writes concurrently. */
class UnguardedSharedReadTest {
  private static RuleTestHelper helper() {
    return RuleTestHelper.rule(UnguardedSharedRead.ID);
  }

  /**
   * Shipped shape: sets held per key in a concurrent map are changed under the map's lock, and a
   * quick unlocked look-up reads one (contains, a copy to an array) while a writer adds to it.
   */
  @Test
  void regression_valueOfAConcurrentMapReadWithoutTheLockItsWritersHold() {
    helper()
        .source(
            "com/acme/Dependents.java",
            """
            package com.acme;
            import java.util.LinkedHashSet;
            import java.util.Map;
            import java.util.Set;
            import java.util.concurrent.ConcurrentHashMap;
            public class Dependents {
              private final Map<String, Set<String>> byBean = new ConcurrentHashMap<>(64);
              public void register(String bean, String dependent) {
                Set<String> deps = byBean.get(bean);
                // BUG: Diagnostic contains: UnguardedSharedRead
                if (deps != null && deps.contains(dependent)) {
                  return;
                }
                synchronized (byBean) {
                  deps = byBean.computeIfAbsent(bean, k -> new LinkedHashSet<>(8));
                  deps.add(dependent);
                }
              }
            }
            """)
        .check();
  }

  /** The fixed shape: the readers take the same lock. */
  @Test
  void negative_valueOfAConcurrentMapReadUnderTheWritersLock() {
    helper()
        .source(
            "com/acme/Dependents.java",
            """
            package com.acme;
            import java.util.LinkedHashSet;
            import java.util.Map;
            import java.util.Set;
            import java.util.concurrent.ConcurrentHashMap;
            public class Dependents {
              private final Map<String, Set<String>> byBean = new ConcurrentHashMap<>(64);
              public void register(String bean, String dependent) {
                synchronized (byBean) {
                  Set<String> deps = byBean.computeIfAbsent(bean, k -> new LinkedHashSet<>(8));
                  deps.add(dependent);
                }
              }
              public boolean isDependent(String bean, String dependent) {
                synchronized (byBean) {
                  Set<String> deps = byBean.get(bean);
                  return deps != null && deps.contains(dependent);
                }
              }
            }
            """)
        .check();
  }

  /**
   * Values a concurrent map's {@code computeIfAbsent} makes with a static factory declared to
   * return a {@code CopyOnWriteArraySet} are thread-safe sets: iterating one while a locked method
   * adds to it is safe. The same factory declared to return a {@code HashSet} races.
   */
  @Test
  void negative_valuesMadeByAFactoryOfCopyOnWriteSets_positive_ofHashSets() {
    for (String made : java.util.List.of("CopyOnWriteArraySet", "HashSet")) {
      boolean plain = made.equals("HashSet");
      helper()
          .source(
              "com/acme/Sets2.java",
              """
              package com.acme;
              import java.util.HashSet;
              import java.util.concurrent.CopyOnWriteArraySet;
              public final class Sets2 {
                private Sets2() {}
                public static <E> %s<E> newSet() {
                  return new %s<>();
                }
              }
              """.formatted(made, made))
          .source(
              "com/acme/Elector.java",
              """
              package com.acme;
              import java.util.Map;
              import java.util.Set;
              import java.util.concurrent.ConcurrentHashMap;
              public class Elector {
                private final Map<String, Set<Runnable>> listeners = new ConcurrentHashMap<>();
                public synchronized void addListener(String topic, Runnable l) {
                  listeners.computeIfAbsent(topic, t -> Sets2.newSet()).add(l);
                }
                public void onChange(String topic) {
                  Set<Runnable> ls = listeners.get(topic);
                  if (ls != null) {
              %s      for (Runnable l : ls) {
                      l.run();
                    }
                  }
                }
              }
              """.formatted(plain ? "      // BUG: Diagnostic contains: UnguardedSharedRead\n" : ""))
          .check();
    }
  }

  /**
   * Reactive Streams delivers a subscriber's signals one at a time (§1.3): onNext, onError and
   * onComplete of one subscriber never run at once, even in a class that locks elsewhere; its
   * subscription's cancel() may come from any thread, so that still races with onSubscribe.
   */
  @Test
  void negative_subscriberSignalsAreSerial_positive_cancelFromAnotherThread() {
    RuleTestHelper.allRules()
        .minConfidence(Confidence.LOW)
        .source(
            "com/acme/Collector.java",
            """
            package com.acme;
            import java.util.ArrayList;
            import java.util.List;
            import org.reactivestreams.Subscriber;
            import org.reactivestreams.Subscription;
            public class Collector implements Subscriber<String> {
              private final List<String> items = new ArrayList<>();
              private Subscription subscription;
              private final Object lock = new Object();
              @Override public void onSubscribe(Subscription s) {
                // BUG: Diagnostic contains: UnguardedSharedWrite
                subscription = s;
              }
              @Override public void onNext(String item) {
                items.add(item);
              }
              @Override public void onError(Throwable t) {
                synchronized (lock) {
                  items.clear();
                }
              }
              @Override public void onComplete() {
                synchronized (lock) {
                  items.add("done");
                }
              }
              public void cancel() {
                synchronized (lock) {
                  subscription.cancel();
                  subscription = null;
                }
              }
            }
            """)
        .check();
  }

  /**
   * Publication through a volatile flag: the server thread fills its maps, then sets the
   * volatile state to ONLINE (through a setter) or a volatile {@code ready} to true; a caller
   * reads the maps only after it saw that value ({@code if (getState() == ONLINE)}, {@code if
   * (!ready) return}). The volatile store and the load that sees it order the fill before the
   * read. Not reported by any rule, at any level.
   */
  @Test
  void negative_stateReadOnlyAfterAVolatileFlagSaysItWasPublished() {
    RuleTestHelper.allRules()
        .minConfidence(Confidence.LOW)
        .source("com/acme/Server.java", flagServer("", "", ""))
        .check();
  }

  /**
   * The same server where the flag proves nothing: ONLINE is also stored by {@code restart()}
   * before the maps are refilled (a reader may have seen that store), and {@code restart()}, which
   * any caller may call again, starts the filling thread anew after {@code ready} is already
   * true; a caller reads without testing the flag; or the thread fills a map after it set the
   * flag. Reported.
   */
  @Test
  void positive_flagThatDoesNotOrderTheRead() {
    String marker = "      // BUG: Diagnostic contains: UnguardedSharedRead\n";
    helper()
        .source("com/acme/Server.java", flagServer(marker, "",
            "  public void restart() {\n    setState(ONLINE);\n    new Thread(this::run).start();\n"
                + "  }\n")
            .replace("    return names.get(0);",
                "    // BUG: Diagnostic contains: UnguardedSharedRead\n    return names.get(0);"))
        .check();
    // One finding per race: the unguarded read's race is reported at the write.
    RuleTestHelper.rule(dev.shareguard.core.rules.threads.UnguardedSharedWrite.ID)
        .source("com/acme/Server.java", flagServer("", "",
            "  public String peek(String name) {\n    return aliases.get(name);\n  }\n")
            .replace("    aliases.put(\"main\"",
                "    // BUG: Diagnostic contains: in `Server.peek()`\n    aliases.put(\"main\""))
        .check();
    RuleTestHelper.rule(dev.shareguard.core.rules.threads.UnguardedSharedWrite.ID)
        .source("com/acme/Server.java", flagServer("",
            "    // BUG: Diagnostic contains: in `Server.alias()`\n    aliases.put(\"late\", \"x\");\n",
            ""))
        .check();
  }

  private static String flagServer(String marker, String afterOnline, String more) {
    return """
        package com.acme;
        import java.util.ArrayList;
        import java.util.HashMap;
        import java.util.List;
        import java.util.Map;
        public class Server {
          static final int OPENING = 1;
          static final int ONLINE = 2;
          private volatile int state;
          private volatile boolean ready;
          private final Map<String, String> aliases = new HashMap<>();
          private final List<String> names = new ArrayList<>();
          public void start() {
            setState(OPENING);
            new Thread(this::run).start();
          }
          private void run() {
            openDatabases();
            setState(ONLINE);
        AFTER    names.add("main");
            ready = true;
          }
          private void openDatabases() {
            aliases.put("main", "/data/main");
          }
          protected synchronized void setState(int s) {
            state = s;
          }
          public int getState() {
            return state;
          }
          public String alias(String name) {
            if (getState() == ONLINE) {
        MARKER      return aliases.get(name);
            }
            return null;
          }
          public String first() {
            if (!ready) {
              return null;
            }
            return names.get(0);
          }
        MORE}
        """.replace("MARKER", marker).replace("AFTER", afterOnline).replace("MORE", more);
  }

  /** Two reads of one location on one line are one race: one finding, not one per call. */
  @Test
  void positive_twoReadsOnOneLineAreOneFinding() {
    helper()
        .source(
            "com/acme/StaleIds.java",
            """
            package com.acme;
            import java.util.HashSet;
            import java.util.Set;
            public class StaleIds {
              private final Set<String> stale = new HashSet<>();
              public synchronized void mark(String id) {
                stale.add(id);
              }
              public synchronized void unmark(String id) {
                stale.remove(id);
              }
              public boolean isStale(String id) {
                // BUG: Diagnostic contains: UnguardedSharedRead
                return !stale.isEmpty() && stale.contains(id);
              }
            }
            """)
        .check();
  }

  @Test
  void positive_unlockedLookupRacesWithLockedWriters() {
    helper()
        .source(
            "com/acme/Sessions.java",
            """
            package com.acme;
            import java.util.HashMap;
            import java.util.Map;
            public class Sessions {
              private final Map<String, String> byId = new HashMap<>();
              public synchronized void store(String id, String user) {
                byId.put(id, user);
              }
              public String find(String id) {
                // BUG: Diagnostic contains: UnguardedSharedRead
                return byId.get(id);
              }
            }
            """)
        .check();
  }

  @Test
  void positive_iterationWhileATaskAppends() {
    helper()
        .source(
            "com/acme/Uploads.java",
            """
            package com.acme;
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.Executor;
            public class Uploads {
              private final List<String> failed = new ArrayList<>();
              public void upload(Executor executor, String name) {
                executor.execute(() -> failed.add(name));
              }
              public int failures() {
                int n = 0;
                // BUG: Diagnostic contains: failed
                for (String f : failed) {
                  n++;
                }
                return n;
              }
            }
            """)
        .check();
  }

  @Test
  void negative_readsUnderTheWritersLock() {
    helper()
        .source(
            "com/acme/Sessions.java",
            """
            package com.acme;
            import java.util.HashMap;
            import java.util.Map;
            public class Sessions {
              private final Map<String, String> byId = new HashMap<>();
              public synchronized void store(String id, String user) {
                byId.put(id, user);
              }
              public synchronized String find(String id) {
                return byId.get(id);
              }
            }
            """)
        .check();
  }

  @Test
  void negative_immutableSnapshotPublishedThroughVolatile() {
    helper()
        .source(
            "com/acme/Index.java",
            """
            package com.acme;
            import java.util.List;
            import java.util.Map;
            public class Index {
              private volatile Map<String, List<String>> postings = Map.of();
              public void rebuild(Map<String, List<String>> fresh) {
                new Thread(() -> postings = Map.copyOf(fresh)).start();
              }
              public List<String> search(String term) {
                return postings.getOrDefault(term, List.of());
              }
            }
            """)
        .check();
  }

  @Test
  void negative_suppressedOnTheClass() {
    helper()
        .source(
            "com/acme/Sessions.java",
            """
            package com.acme;
            import java.util.HashMap;
            import java.util.Map;
            @SuppressWarnings("UnguardedSharedRead")
            public class Sessions {
              private final Map<String, String> byId = new HashMap<>();
              public synchronized void store(String id, String user) {
                byId.put(id, user);
              }
              public String find(String id) {
                return byId.get(id);
              }
            }
            """)
        .check();
  }

  /**
   * Publication through a lock: fields filled once under the class monitor (only while the marker
   * field is still null) and read right after the reader itself took that monitor. The reader's
   * lock acquisition orders it after the one store, and nothing changes the fields afterwards.
   */
  @Test
  void negative_fieldsFilledOnceUnderALockReadAfterTakingIt() {
    helper()
        .source(
            "com/acme/BuildInfo.java",
            """
            package com.acme;
            import java.util.Properties;
            public final class BuildInfo {
              private static String version;
              private static String name;
              private static synchronized void load() {
                if (version == null) {
                  Properties p = new Properties();
                  version = p.getProperty("version", "unknown");
                  name = p.getProperty("name", "app");
                }
              }
              public static String version() {
                load();
                return version;
              }
              public static String name() {
                load();
                return name;
              }
            }
            """)
        .source(
            "com/acme/Ctx.java",
            """
            package com.acme;
            public class Ctx {
              private Object context;
              public Object context() {
                synchronized (this) {
                  if (context == null) {
                    context = new Object();
                  }
                }
                return context;
              }
              /** A replacement, also under the lock. */
              public void replace(Object c) {
                synchronized (this) {
                  context = c;
                }
              }
            }
            """)
        .check();
  }

  /**
   * A value changed under a lock on every call (not filled once) and read after the lock is
   * released: another thread's next update may land between, so the read still races.
   */
  @Test
  void positive_valueChangedUnderALockOnEveryCallReadAfterIt() {
    helper()
        .minConfidence(Confidence.LOW)
        .source(
            "com/acme/Hits.java",
            """
            package com.acme;
            public class Hits {
              private long count;
              public long hit() {
                synchronized (this) {
                  count++;
                }
                // BUG: Diagnostic contains: UnguardedSharedRead
                return count;
              }
              public synchronized void reset() {
                count = 0;
              }
            }
            """)
        .check();
  }

  /**
   * The shipped shape of the concurrent-map value read, with the writer that fills a missing
   * value by get, new, put and then adds to it: after the put, the new set is the map's value,
   * so the add changes what the unlocked quick check reads.
   */
  @Test
  void regression_quickCheckOfAValueThatWritersCreatePutAndFillUnderALock() {
    helper()
        .source(
            "com/acme/Registry.java",
            """
            package com.acme;
            import java.util.LinkedHashSet;
            import java.util.Map;
            import java.util.Set;
            import java.util.concurrent.ConcurrentHashMap;
            public class Registry {
              private final Map<String, Set<String>> dependents = new ConcurrentHashMap<String, Set<String>>(64);
              private String canonical(String name) {
                return name.trim();
              }
              public void register(String bean, String dependent) {
                String key = canonical(bean);
                            Set<String> seen = this.dependents.get(key);
                // BUG: Diagnostic contains: UnguardedSharedRead
                if (seen != null && seen.contains(dependent)) {
                  return;
                }
                synchronized (this.dependents) {
                  Set<String> deps = this.dependents.get(key);
                  if (deps == null) {
                    deps = new LinkedHashSet<String>(8);
                    this.dependents.put(key, deps);
                  }
                  deps.add(dependent);
                }
              }
            }
            """)
        .check();
  }

  /** The fixed shape: the quick check takes the writers' lock too. */
  @Test
  void negative_checkOfAValueUnderTheLockThatWritersCreateItUnder() {
    helper()
        .source(
            "com/acme/Registry.java",
            """
            package com.acme;
            import java.util.LinkedHashSet;
            import java.util.Map;
            import java.util.Set;
            import java.util.concurrent.ConcurrentHashMap;
            public class Registry {
              private final Map<String, Set<String>> dependents = new ConcurrentHashMap<String, Set<String>>(64);
              private String canonical(String name) {
                return name.trim();
              }
              public void register(String bean, String dependent) {
                String key = canonical(bean);
                            synchronized (this.dependents) {
                  Set<String> seen = this.dependents.get(key);
                  if (seen != null && seen.contains(dependent)) {
                    return;
                  }
                }
                synchronized (this.dependents) {
                  Set<String> deps = this.dependents.get(key);
                  if (deps == null) {
                    deps = new LinkedHashSet<String>(8);
                    this.dependents.put(key, deps);
                  }
                  deps.add(dependent);
                }
              }
            }
            """)
        .check();
  }

  /**
   * The JDK's Flow.Subscriber (and the ReactiveX consumers under the same contract) get their
   * signals one at a time, like Reactive Streams subscribers: onNext, onError and onComplete of
   * one subscriber never run at once, whatever locks the class takes elsewhere.
   */
  @Test
  void negative_flowSubscriberSignalsAreSerial() {
    RuleTestHelper.allRules()
        .minConfidence(dev.shareguard.core.finding.Confidence.LOW)
        .source(
            "com/acme/Gather.java",
            """
            package com.acme;
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.Flow;
            public class Gather implements Flow.Subscriber<String> {
              private final List<String> items = new ArrayList<>();
              private boolean done;
              private final Object lock = new Object();
              @Override public void onSubscribe(Flow.Subscription s) {
                s.request(Long.MAX_VALUE);
              }
              @Override public void onNext(String item) {
                if (!done) {
                  items.add(item);
                }
              }
              @Override public void onError(Throwable t) {
                synchronized (lock) {
                  done = true;
                  items.clear();
                }
              }
              @Override public void onComplete() {
                synchronized (lock) {
                  done = true;
                }
              }
            }
            """)
        .check();
  }


  /**
   * A library type named through an on-demand import ({@code import org.reactivestreams.*;}) of a
   * package outside the audited tree is still that library's type: a subscriber reached through a
   * project interface that extends it gets its signals one at a time, so the write in
   * onSubscribe, paired with itself, is no race (javac finds the type on the classpath; the CLI
   * must resolve the name the same way).
   */
  @Test
  void negative_subscriberNamedThroughAnOnDemandImport() {
    RuleTestHelper.allRules()
        .minConfidence(dev.shareguard.core.finding.Confidence.LOW)
        .source(
            "com/acme/Sink.java",
            """
            package com.acme;
            import org.reactivestreams.*;
            public interface Sink<T> extends Subscriber<T> {}
            """)
        .source(
            "com/acme/Batcher.java",
            """
            package com.acme;
            import java.util.ArrayList;
            import java.util.List;
            import org.reactivestreams.Subscription;
            public final class Batcher implements Sink<String>, Runnable {
              private List<String> buffer;
              @Override public void onSubscribe(Subscription s) {
                buffer = new ArrayList<>();
                s.request(Long.MAX_VALUE);
              }
              @Override public void onNext(String item) {
                synchronized (this) {
                  buffer.add(item);
                }
              }
              @Override public void onError(Throwable t) {}
              @Override public void onComplete() {}
              @Override public void run() {
                synchronized (this) {
                  buffer = new ArrayList<>();
                }
              }
            }
            """)
        .check();
  }

  @Test
  void negative_suppressedOnTheLocalItsReadInitializes_butNotOnTheNeighbour() {
    helper()
        .source(
            "com/acme/Counts.java",
            """
            package com.acme;
            import java.util.HashMap;
            import java.util.Map;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            public class Counts {
              private final Map<String, Integer> counts = new HashMap<>();
              private final ExecutorService pool = Executors.newFixedThreadPool(4);
              public void record(String key) {
                pool.execute(() -> counts.merge(key, 1, Integer::sum));
              }
              public int count(String key) {
                // an approximate answer is fine here: it feeds a metric
                @SuppressWarnings("UnguardedSharedRead")
                int n = counts.getOrDefault(key, 0);
                // BUG: Diagnostic contains: UnguardedSharedRead
                int total = counts.getOrDefault("*", 0);
                return n + total;
              }
            }
            """)
        .check();
  }

  @Test
  void negative_suppressedOnTheFieldWhoseInitializerReads_butNotOnTheNeighbour() {
    helper()
        .source(
            "com/acme/Counts.java",
            """
            package com.acme;
            import java.util.HashMap;
            import java.util.Map;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.function.Function;
            public class Counts {
              private final Map<String, Integer> counts = new HashMap<>();
              private final ExecutorService pool = Executors.newFixedThreadPool(4);
              public int size() {
                return counts.size();
              }
              // an approximate answer is fine here: it feeds a metric
              @SuppressWarnings("UnguardedSharedRead")
              private final Function<String, Integer> finder = k -> counts.get(k);
              // BUG: Diagnostic contains: UnguardedSharedRead
              private final Function<String, Integer> sizer = k -> counts.getOrDefault("*", 0);
              public void record(String key) {
                pool.execute(() -> counts.merge(key, 1, Integer::sum));
              }
              public int count(String key) {
                return finder.apply(key) + sizer.apply(key);
              }
            }
            """)
        .check();
  }

  @Test
  void negative_suppressedWithTheShareguardPrefixOnALocalInALambda_butNotOnTheNeighbour() {
    helper()
        .source(
            "com/acme/Counts.java",
            """
            package com.acme;
            import java.util.HashMap;
            import java.util.Map;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            public class Counts {
              private final Map<String, Integer> counts = new HashMap<>();
              private final ExecutorService pool = Executors.newFixedThreadPool(4);
              public void record(String key) {
                pool.execute(() -> counts.merge(key, 1, Integer::sum));
              }
              public void report() {
                pool.execute(
                    () -> {
                      @SuppressWarnings("Shareguard:UnguardedSharedRead")
                      Integer hits = counts.get("hits");
                      // BUG: Diagnostic contains: UnguardedSharedRead
                      Integer misses = counts.get("misses");
                      System.out.println(hits + "/" + misses);
                    });
              }
            }
            """)
        .check();
  }

  /** A lifecycle listener keeping process-wide options in static fields, set by {@code setter}. */
  private static String aprListener(String setter, String marker) {
    return """
        package com.acme;
        public class AprListener {
          private static final Object lock = new Object();
          private static boolean initialized;
          private static String engine = "on";
          public void lifecycleEvent(String type) {
            synchronized (lock) {
              if (type.equals("init")) {
                initialized = true;
                System.out.println(engine);
              } else {
                initialized = false;
              }
            }
          }
          public %s void setEngine(String e) {
        %s    if (initialized) {
              throw new IllegalStateException("too late");
            }
            engine = e;
          }
        }
        """
        .formatted(setter, marker);
  }

  /**
   * An instance's property setter configures the object, static options included, before its
   * running phase: the setter's read of a static flag the lifecycle events write under a lock is
   * configuration, not a race. Found as a false positive on unseen code.
   */
  @Test
  void negative_instanceSetterOfAStaticOptionIsConfiguration() {
    helper().source("com/acme/AprListener.java", aprListener("", "")).check();
  }

  /** A static setter is no phase of an object's lifecycle: anyone may call it at any time. */
  @Test
  void positive_staticSetterOfAStaticOptionRacesWithTheLifecycle() {
    helper()
        .minConfidence(Confidence.LOW)
        .source("com/acme/AprListener.java",
            aprListener("static", "    // BUG: Diagnostic contains: UnguardedSharedRead\n"))
        .check();
  }

  /**
   * A registry whose map is written under {@code meterMapLock}; its nested {@code Config} reads
   * the map holding {@code lock}.
   */
  private static String registry(String lock, String marker) {
    return """
        package com.acme;
        import java.util.HashMap;
        import java.util.HashSet;
        import java.util.Map;
        import java.util.Set;
        public class Registry {
          private final Object meterMapLock = new Object();
          private final Map<String, Integer> meters = new HashMap<>();
          private final Set<String> stale = new HashSet<>();
          private final Config config = new Config();
          public Integer getOrCreate(String id) {
            synchronized (meterMapLock) {
              Integer m = meters.get(id);
              if (m == null) {
                m = id.length();
                meters.put(id, m);
              }
              return m;
            }
          }
          public Config config() {
            return config;
          }
          public class Config {
            public synchronized Config filter(String f) {
              synchronized (%s) {
        %s        stale.addAll(meters.keySet());
              }
              return this;
            }
          }
        }
        """
        .formatted(lock, marker);
  }

  /**
   * Regression from a shipped bug (a meter registry's filter method, synchronized on its nested
   * configuration object, iterating the registry's map that writers change under another lock):
   * a nested object's monitor is surely another object than a fresh lock object in a final field,
   * so the iteration holds the wrong lock.
   */
  @Test
  void regression_iterationUnderANestedObjectsMonitorNotTheMapsLock() {
    helper()
        .source("com/acme/Registry.java",
            registry("this", "        // BUG: Diagnostic contains: held here: this; there: meterMapLock\n"))
        .check();
  }

  /** The fixed shape: the iteration takes the lock the writers hold. */
  @Test
  void negative_iterationUnderTheMapsOwnLock() {
    helper().source("com/acme/Registry.java", registry("meterMapLock", "")).check();
  }

  /**
   * A static counter bumped in a {@code static synchronized} method (the class's monitor) and in
   * an instance {@code synchronized} one (each object's): two different monitors guard nothing.
   */
  @Test
  void positive_staticStateUnderTheClassMonitorAndAnInstanceMonitor() {
    RuleTestHelper.rule(dev.shareguard.core.rules.threads.UnguardedSharedWrite.ID)
        .source(
            "com/acme/Sequence.java",
            """
            package com.acme;
            public class Sequence {
              private static long next;
              public static synchronized long take() {
                return next++;
              }
              public synchronized void reset() {
                // BUG: Diagnostic contains: held here: this; there: Sequence.class
                next = 0;
              }
            }
            """)
        .check();
  }

  /** A book whose pages are read under {@code this} and written under {@code lock}. */
  private static String book(String lockAndConstructor, String marker) {
    return """
        package com.acme;
        import java.util.HashMap;
        import java.util.Map;
        public class Book {
          %s
          private final Map<String, Integer> pages = new HashMap<>();
          public synchronized int count() {
        %s    return pages.getOrDefault("cover", 0);
          }
          public void add(String p) {
            synchronized (lock) {
              pages.put(p, 1);
            }
          }
        }
        """
        .formatted(lockAndConstructor, marker);
  }

  /**
   * {@code this} and a fresh lock object in a final field of the class are surely two objects:
   * the map is guarded by two locks that exclude nothing. Every write holds the lock object, so
   * the read under {@code this} is the slip reported.
   */
  @Test
  void positive_thisMonitorAgainstALockObjectOfTheSameClass() {
    helper()
        .source("com/acme/Book.java",
            book("private final Object lock = new Object();",
                "    // BUG: Diagnostic contains: held here: this; there: lock\n"))
        .check();
  }

  /** Two locks the engine cannot tell apart (a lock object handed in) may be one: not judged. */
  @Test
  void negative_aLockHandedInMayBeTheSameObject() {
    helper()
        .source("com/acme/Book.java",
            book("""
                private final Object lock;
                  public Book(Object lock) {
                    this.lock = lock;
                  }""", ""))
        .check();
  }

  /**
   * Of two accesses under two different locks, the one without the lock every write holds is the
   * slip: the read under {@code this}, not the writes under the buffer lock.
   */
  @Test
  void positive_theSideWithoutTheLockEveryWriteHoldsIsReported() {
    RuleTestHelper.allRules()
        .minConfidence(Confidence.LOW)
        .source(
            "com/acme/Stream.java",
            """
            package com.acme;
            public class Stream {
              private final Object bufferLock = new Object();
              private int length;
              public synchronized void write(int n) {
                // BUG: Diagnostic contains: held here: this; there: bufferLock
                if (length > 100) {
                  System.out.println("full");
                }
                synchronized (bufferLock) {
                  length = length + n;
                }
              }
              public void flush() {
                synchronized (bufferLock) {
                  length = 0;
                }
              }
              public int pending() {
                synchronized (bufferLock) {
                  return length;
                }
              }
            }
            """)
        .check();
  }

  /**
   * A JDK container's {@code size()} or {@code isEmpty()} read without the lock its writers hold
   * reads one count: another thread's change makes it stale, never an exception or a corrupt
   * structure, so, like a stale field value, the race is two levels less sure: below the default
   * floor, shown at {@code low}. A look-up ({@code containsKey}) without the lock walks the table a
   * writer may be resizing: reported at the default floor.
   */
  @Test
  void countOfAContainerReadWithoutTheWritersLockIsLow_lookUpIsNot() {
    String source =
        """
        package com.acme;
        import java.util.HashMap;
        import java.util.Map;
        public class Repository {
          private final Map<String, Object> cache = new HashMap<>();
          public synchronized boolean add(String key) {
            if (cache.containsKey(key)) {
              return false;
            }
            cache.put(key, key);
            return true;
          }
          public synchronized boolean confirm(String key) {
            return cache.containsKey(key);
          }
          public synchronized boolean remove(String key) {
            return cache.remove(key) != null;
          }
          public synchronized void clear() {
            cache.clear();
          }
        %s}
        """;
    String size = """
          public int getCacheSize() {
        %s    return cache.size();
          }
        """;
    String isEmpty = """
          public boolean isIdle() {
        %s    return cache.isEmpty();
          }
        """;
    String lookUp = """
          public boolean seen(String key) {
        %s    return cache.containsKey(key);
          }
        """;
    String bug = "    // BUG: Diagnostic contains: UnguardedSharedRead\n";
    helper()
        .source("com/acme/Repository.java", source.formatted(
            size.formatted("") + isEmpty.formatted("") + lookUp.formatted(bug)))
        .check();
    // At the low floor each count read is shown (one finding per other access: one at a time).
    helper()
        .minConfidence(Confidence.LOW)
        .source("com/acme/Repository.java", source.formatted(size.formatted(bug)))
        .check();
    helper()
        .minConfidence(Confidence.LOW)
        .source("com/acme/Repository.java", source.formatted(isEmpty.formatted(bug)))
        .check();
  }

  /**
   * A field typed {@code Map} is as thread-safe as what it is given: here the result of a static
   * factory that asks an abstract factory, whose every analysed implementation makes a subclass of
   * {@code ConcurrentHashMap}. An unlocked look-up beside locked writers is then one call on a
   * thread-safe map: not reported. When the implementation makes a {@code LinkedHashMap}, the
   * look-up races the writers: reported.
   */
  @Test
  void mapFromAFactoryWhoseImplementationsMakeAConcurrentMap_negative_positiveWhenPlain() {
    String factory =
        """
        package com.acme;
        import java.util.Map;
        public abstract class CacheFactory {
          private static final CacheFactory INSTANCE = new DefaultCacheFactory();
          public static <K, V> Map<K, V> newCache(int max) {
            return INSTANCE.createCache(max);
          }
          public abstract <K, V> Map<K, V> createCache(int max);
        }
        """;
    String defaultFactory =
        """
        package com.acme;
        import java.util.Map;
        public class DefaultCacheFactory extends CacheFactory {
          @Override
          public <K, V> Map<K, V> createCache(int max) {
            return new %s<>(max);
          }
        }
        """;
    String bounded =
        """
        package com.acme;
        import java.util.concurrent.ConcurrentHashMap;
        public class BoundedCache<K, V> extends ConcurrentHashMap<K, V> {
          private final int max;
          public BoundedCache(int max) {
            super(16);
            this.max = max;
          }
          public int max() {
            return max;
          }
        }
        """;
    String repository =
        """
        package com.acme;
        import java.util.Map;
        public class Repository {
          private final Map<String, Object> seen = CacheFactory.newCache(1000);
          public synchronized boolean add(String key) {
            if (seen.containsKey(key)) {
              return false;
            }
            seen.put(key, key);
            return true;
          }
          public boolean contains(String key) {
        %s    return seen.containsKey(key);
          }
        }
        """;
    helper()
        .source("com/acme/CacheFactory.java", factory)
        .source("com/acme/DefaultCacheFactory.java", defaultFactory.formatted("BoundedCache"))
        .source("com/acme/BoundedCache.java", bounded)
        .source("com/acme/Repository.java", repository.formatted(""))
        .check();
    helper()
        .source("com/acme/CacheFactory.java", factory)
        .source("com/acme/DefaultCacheFactory.java",
            defaultFactory.formatted("java.util.LinkedHashMap"))
        .source("com/acme/BoundedCache.java", bounded)
        .source("com/acme/Repository.java",
            repository.formatted("    // BUG: Diagnostic contains: UnguardedSharedRead\n"))
        .check();
  }

  /**
   * A field typed {@code Map} given through a constructor's parameter holds what the analysed
   * callers pass: a {@code ConcurrentHashMap} from every caller makes an unlocked look-up beside
   * locked writers one call on a thread-safe map (not reported); a {@code HashMap} from one caller
   * does not (reported).
   */
  @Test
  void mapGivenThroughAConstructorByEveryCaller_concurrentNegative_plainPositive() {
    String source =
        """
        package com.acme;
        import java.util.Map;
        public class Index {
          private final Map<String, Integer> positions;
          Index(Map<String, Integer> positions) {
            this.positions = positions;
          }
          public static Index concurrent() {
            return new Index(new java.util.concurrent.ConcurrentHashMap<>());
          }
          public static Index other() {
            return new Index(new %s<>());
          }
          public synchronized void add(String key, int at) {
            positions.put(key, at);
          }
          public Integer find(String key) {
        %s    return positions.get(key);
          }
        }
        """;
    helper()
        .source("com/acme/Index.java",
            source.formatted("java.util.concurrent.ConcurrentSkipListMap", ""))
        .check();
    helper()
        .source("com/acme/Index.java",
            source.formatted("java.util.HashMap",
                "    // BUG: Diagnostic contains: UnguardedSharedRead\n"))
        .check();
  }

  /**
   * A field fed from itself: a root object is made with a {@code ConcurrentHashMap} and every
   * child is given its root's map (through the root's getter). Values only flow around that
   * loop, so the field holds what the root was given and nothing else: a thread-safe map, and an
   * unlocked look-up beside locked writers is not reported. Made with a {@code HashMap}, it is.
   */
  @Test
  void mapHandedFromRootToChildren_concurrentNegative_plainPositive() {
    String source =
        """
        package com.acme;
        import java.util.Map;
        public class Scope {
          private final Map<String, Object> beans;
          private Scope(Map<String, Object> beans) {
            this.beans = beans;
          }
          public static Scope root() {
            return new Scope(new %s<>());
          }
          public static Scope child(Scope parent) {
            return new Scope(parent.beans());
          }
          public Map<String, Object> beans() {
            return beans;
          }
          public synchronized void register(String name, Object bean) {
            beans.put(name, bean);
          }
          public Object lookUp(String name) {
        %s    return beans.get(name);
          }
        }
        """;
    helper()
        .source("com/acme/Scope.java",
            source.formatted("java.util.concurrent.ConcurrentHashMap", ""))
        .check();
    helper()
        .source("com/acme/Scope.java",
            source.formatted("java.util.HashMap",
                "    // BUG: Diagnostic contains: UnguardedSharedRead\n"))
        .check();
  }

  /**
   * A container detached under the lock its writers hold: {@code old = tasks; tasks = new
   * HashSet<>()} inside {@code synchronized (this)}, then {@code old} iterated after the lock is
   * let go. A writer holding the lock ran before the swap (ordered by the lock) or runs after it
   * and changes the new set, so the detached set is the iterating thread's alone: not reported.
   * Swapped without the lock, a writer taking the lock may still read the old set from the field
   * and add to it while it is iterated: reported.
   */
  @Test
  void containerDetachedUnderTheWritersLock_negative_positiveWhenSwappedWithoutIt() {
    String source =
        """
        package com.acme;
        import java.util.HashSet;
        import java.util.Set;
        public class Tasks {
          private Set<Runnable> tasks = new HashSet<>();
          public void add(Runnable r) {
            synchronized (this) {
              tasks.add(r);
            }
          }
          public void remove(Runnable r) {
            synchronized (this) {
              tasks.remove(r);
            }
          }
          public boolean has(Runnable r) {
            synchronized (this) {
              return tasks.contains(r);
            }
          }
          public void runAll() {
            Set<Runnable> old;
        %s
        %s    for (Runnable r : old) {
              r.run();
            }
          }
        }
        """;
    String locked = """
            synchronized (this) {
              old = tasks;
              tasks = new HashSet<>();
            }""";
    String unlocked = """
            old = tasks;
            tasks = new HashSet<>();""";
    helper().source("com/acme/Tasks.java", source.formatted(locked, "")).check();
    helper()
        .source("com/acme/Tasks.java", source.formatted(unlocked,
            "    // BUG: Diagnostic contains: UnguardedSharedRead\n"))
        .check();
  }

  /**
   * A task object kept in a field and handed to an executor ({@code pool.execute(dispatcher)})
   * runs its {@code run()} on that object: its iteration of the listener map races with an entry
   * that adds to the same object's map. Handed over as a lambda calling {@code run()} it races
   * just the same: both forms are reported.
   */
  @Test
  void taskObjectKeptInAFieldAndExecuted_positive_asTheLambdaFormIs() {
    String dispatcher =
        """
        package com.acme;
        import java.util.ArrayList;
        import java.util.HashMap;
        import java.util.Map;
        public class Dispatcher implements Runnable {
          private final Map<Integer, String> listeners = new HashMap<>();
          public void addListener(int id, String listener) {
            listeners.put(id, listener);
          }
          @Override
          public void run() {
            // BUG: Diagnostic contains: UnguardedSharedRead
            for (String l : new ArrayList<>(listeners.values())) {
              System.out.println(l);
            }
          }
        }
        """;
    String client =
        """
        package com.acme;
        import java.util.concurrent.ExecutorService;
        public class Client {
          private final Dispatcher dispatcher = new Dispatcher();
          private final ExecutorService pool;
          public Client(ExecutorService pool) {
            this.pool = pool;
          }
          public void connect() {
            pool.execute(%s);
          }
          public void subscribe(int id, String listener) {
            dispatcher.addListener(id, listener);
          }
        }
        """;
    for (String task : new String[] {"dispatcher", "() -> dispatcher.run()"}) {
      RuleTestHelper.rule(UnguardedSharedRead.ID)
          .minConfidence(Confidence.LOW)
          .source("com/acme/Dispatcher.java", dispatcher)
          .source("com/acme/Client.java", client.formatted(task))
          .check();
    }
  }

  /**
   * A connection's frame reader kept in a field and handed to an executor once, from a task its
   * {@code start()} hands to a serial executor: one reader thread per connection, whose state
   * (a header table it fills and reads) no other thread touches. Not reported: a task started
   * once by a task that runs once runs once (blind round 11, its last reading, when any task
   * started from another task was taken to run several times at once).
   */
  @Test
  void negative_readerTaskInAFieldStartedOnceFromAOnceOnlyTask() {
    readerAndTransport("", "start").check();
  }

  /**
   * The same reader handed to the pool from a task that every request starts: each request's
   * hand-off starts the one reader object again, so two runs of it fill and read its header
   * table at once. Reported, once, at the reader's store.
   */
  @Test
  void readerTaskInAFieldStartedFromATaskEveryRequestStarts_positive() {
    // One race between two runs of run(): reported once, at the store (the read is its other
    // end), so by UnguardedSharedWrite, and UnguardedSharedRead adds no second finding.
    readerAndTransport("", "onRequest").check();
    readerAndTransport(dev.shareguard.core.rules.threads.UnguardedSharedWrite.ID,
        "// BUG: Diagnostic contains: UnguardedSharedWrite\n    ", "", "onRequest").check();
  }

  /**
   * A reader task kept in a field of a transport, handed to the pool by a task that {@code
   * method} hands to another executor; {@code marker} goes before the reader's read.
   */
  private static RuleTestHelper readerAndTransport(String marker, String method) {
    return readerAndTransport(UnguardedSharedRead.ID, "", marker, method);
  }

  /** The same, checked for {@code rule}, with {@code writeMarker} before the reader's store. */
  private static RuleTestHelper readerAndTransport(String rule, String writeMarker,
      String marker, String method) {
    return RuleTestHelper.rule(rule)
        .minConfidence(Confidence.LOW)
        .source(
            "com/acme/Reader.java",
            """
            package com.acme;
            import java.util.ArrayList;
            import java.util.List;
            public class Reader implements Runnable {
              private final List<String> headerTable = new ArrayList<>();
              @Override
              public void run() {
                WRITEMARKheaderTable.add("h");
                MARKERSystem.out.println(headerTable.get(0));
              }
            }
            """.replace("WRITEMARK", writeMarker).replace("MARKER", marker))
        .source(
            "com/acme/Transport.java",
            """
            package com.acme;
            import java.util.concurrent.Executor;
            import java.util.concurrent.ExecutorService;
            public class Transport {
              private final ExecutorService pool;
              private final Executor serial;
              private final Reader reader = new Reader();
              public Transport(ExecutorService pool, Executor serial) {
                this.pool = pool;
                this.serial = serial;
              }
              public void METHOD() {
                serial.execute(() -> pool.execute(reader));
              }
            }
            """.replace("METHOD", method));
  }

  /**
   * A span's {@code finish()} with a fast path: it returns if {@code finished} is set, else the
   * winner of a {@code compareAndSet} gate does the work and sets {@code finished}. The flag only
   * ever becomes true, and only past the gate: a stale read just reaches the gate, which the
   * other caller already won. Not reported, by either race rule. (Blind round 12: two findings on
   * one span class.)
   */
  @Test
  void negative_fastPathReadOfAOneWayFlagSetPastAGate() {
    String gated = span("", "if (!finishing.compareAndSet(false, true)) {\n      return;\n    }\n");
    for (String rule : new String[] {UnguardedSharedRead.ID,
        dev.shareguard.core.rules.threads.UnguardedSharedWrite.ID}) {
      RuleTestHelper.rule(rule).minConfidence(Confidence.LOW)
          .source("com/acme/Span.java", gated).check();
    }
  }

  /**
   * The same fast path with no gate behind it: two callers both see the flag unset and both run
   * the finish, a check-then-set race. Reported, at the store ({@code UnguardedSharedWrite}).
   */
  @Test
  void positive_oneWayFlagSetWithoutAGuard() {
    RuleTestHelper.rule(dev.shareguard.core.rules.threads.UnguardedSharedWrite.ID)
        .minConfidence(Confidence.LOW)
        .source("com/acme/Span.java",
            span("", "// BUG: Diagnostic contains: UnguardedSharedWrite\n    "))
        .check();
  }

  /**
   * A one-way stop flag set under a lock but polled by a worker's loop: without {@code volatile}
   * the worker may never see it. Reported.
   */
  @Test
  void positive_oneWayFlagPolledInALoop() {
    helper().minConfidence(Confidence.LOW)
        .source(
            "com/acme/Worker.java",
            """
            package com.acme;
            import java.util.concurrent.ExecutorService;
            public class Worker {
              private boolean stopped;
              public void start(ExecutorService pool) {
                pool.execute(() -> {
                  // BUG: Diagnostic contains: UnguardedSharedRead
                  while (!stopped) {
                    Thread.onSpinWait();
                  }
                });
              }
              public synchronized void stop() {
                stopped = true;
              }
            }
            """)
        .check();
  }

  private static String span(String marker, String gate) {
    return """
        package com.acme;
        import java.util.concurrent.ExecutorService;
        import java.util.concurrent.atomic.AtomicBoolean;
        public class Span {
          private final AtomicBoolean finishing = new AtomicBoolean();
          private boolean finished;
          public void timeout(ExecutorService pool) {
            pool.execute(this::finish);
          }
          public void finish() {
            MARKERif (finished) {
              return;
            }
            GATEfinished = true;
          }
        }
        """.replace("MARKER", marker).replace("GATE", gate);
  }

  /**
   * A map walked through its entry set, unlocked, while a task changes it under a lock: the
   * message names the map by its own type ("a Map"), not the view's ("a Set"). (Blind round 12:
   * a message called a map a set.) The task's store holds a lock so that the race is reported at
   * this read; with an unguarded store it is one finding at the store (next test).
   */
  @Test
  void messageNamesTheMapNotItsView() {
    helper()
        .source(
            "com/acme/Watcher.java",
            """
            package com.acme;
            import java.util.HashMap;
            import java.util.Map;
            import java.util.concurrent.ExecutorService;
            public class Watcher {
              private final Map<String, String> watchKeys = new HashMap<>();
              public void start(ExecutorService pool) {
                pool.execute(() -> {
                  synchronized (watchKeys) {
                    watchKeys.put("k", "p");
                  }
                });
              }
              public String find(String path) {
                // BUG: Diagnostic contains: `watchKeys` (a Map)
                for (Map.Entry<String, String> e : watchKeys.entrySet()) {
                  if (e.getValue().equals(path)) {
                    return e.getKey();
                  }
                }
                return null;
              }
            }
            """)
        .check();
  }
  /**
   * A registry whose look-up takes a fast path without the lock and, on a miss, looks again under
   * the lock every writer holds ({@code RECHECK}) before it creates and puts.
   */
  private static String lookupRegistry(String recheck, String marker) {
    return """
        package com.acme;
        import java.util.HashMap;
        import java.util.Map;
        import java.util.concurrent.ExecutorService;
        public class Registry {
          private final Map<String, Object> beans = new HashMap<>();
          public void warm(ExecutorService pool, String name) {
            pool.execute(() -> lookup(name));
          }
          public Object lookup(String name) {
        MARKER    Object b = beans.get(name);
            if (b != null) {
              return b;
            }
            synchronized (beans) {
        RECHECK      if (b == null) {
                b = new Object();
                beans.put(name, b);
              }
              return b;
            }
          }
        }
        """.replace("MARKER", marker).replace("RECHECK", recheck);
  }

  /**
   * Double-checked look-up: the unlocked {@code get} is a fast path, and a miss (or a stale hit
   * of nothing) sends the thread into the lock the writers hold, where it looks again before it
   * acts. What the unlocked read can cost is a slow path taken needlessly (the map's structure
   * read while a writer changes it stays a race, shown at {@code low}). Blind rounds 12 and 13 read
   * such fast paths on four releases and judged none a bug.
   */
  @Test
  void doubleCheckedLookUp_belowTheDefaultFloor() {
    String recheck = "      b = beans.get(name);\n";
    helper().minConfidence(Confidence.LOW)
        .source("com/acme/Registry.java",
            lookupRegistry(recheck, "    // BUG: Diagnostic contains: UnguardedSharedRead\n"))
        .check();
    helper().source("com/acme/Registry.java", lookupRegistry(recheck, "")).check();
  }

  /**
   * The same look-up with no second look under the lock: two threads that both miss both create
   * and put, and the first one's object is lost while its caller keeps using it. Reported.
   */
  @Test
  void positive_lookUpOutsideTheLockNotCheckedAgainUnderIt() {
    helper()
        .source("com/acme/Registry.java",
            lookupRegistry("", "    // BUG: Diagnostic contains: UnguardedSharedRead\n"))
        .check();
  }

  /**
   * A state machine whose unlocked test of an enum state is checked again under the object's lock
   * before the state changes: the stale state read outside only sends the thread into the lock.
   */
  private static String stateMachine(String recheck, String marker) {
    return """
        package com.acme;
        import java.util.concurrent.ExecutorService;
        public class Sender {
          enum State { NEW, READY, WRITING, DONE }
          private State state = State.NEW;
          public void start(ExecutorService pool) {
            pool.execute(this::request);
            pool.execute(this::onNext);
          }
          void request() {
            synchronized (this) {
              state = State.READY;
            }
          }
          void onNext() {
        MARKER    if (state == State.READY) {
              synchronized (this) {
                if (RECHECK) {
                  state = State.WRITING;
                }
              }
            }
          }
        }
        """.replace("MARKER", marker).replace("RECHECK", recheck);
  }

  /** Double-checked state: the unlocked test of a value is decided again under the lock. */
  @Test
  void doubleCheckedStateTest_belowTheDefaultFloor() {
    helper().minConfidence(Confidence.LOW)
        .source("com/acme/Sender.java", stateMachine("state == State.READY",
            "    // BUG: Diagnostic contains: UnguardedSharedRead\n"))
        .check();
    helper().source("com/acme/Sender.java", stateMachine("state == State.READY", "")).check();
  }

  /** The unlocked test alone decides the change made under the lock: reported. */
  @Test
  void positive_stateTestedOnlyOutsideTheLock() {
    helper()
        .source("com/acme/Sender.java", stateMachine("true",
            "    // BUG: Diagnostic contains: UnguardedSharedRead\n"))
        .check();
  }

  /**
   * A static blacklist changed under its own monitor and handed out as a read-only view. Making
   * the view reads nothing (the JDK's wrapper only keeps a reference); the task that iterates the
   * view reads the set, and that read races with the locked add. (Blind rounds 13 and 14: the
   * finding sat on the line that made the view, which reads no element.)
   */
  @Test
  void positive_readThroughAReturnedViewIsAReadOfTheSet_notTheLineThatMakesTheView() {
    helper()
        .source(
            "com/acme/Blacklist.java",
            """
            package com.acme;
            import java.util.Collections;
            import java.util.HashSet;
            import java.util.Set;
            import java.util.concurrent.ExecutorService;
            public class Blacklist {
              private static final Set<String> BLACKLISTED = new HashSet<>();
              public static void blacklist(String m) {
                synchronized (BLACKLISTED) {
                  BLACKLISTED.add(m);
                }
              }
              public static Set<String> blacklisted() {
                return Collections.unmodifiableSet(BLACKLISTED);
              }
              public static void start(ExecutorService pool) {
                pool.execute(() -> blacklist("PLAIN"));
                pool.execute(() -> {
                  // BUG: Diagnostic contains: UnguardedSharedRead
                  for (String s : blacklisted()) {
                    System.out.println(s);
                  }
                });
              }
            }
            """)
        .check();
  }

  /**
   * The same view read in the method that makes it, by a look-up: the look-up reads the set; the
   * wrapping does not.
   */
  @Test
  void positive_lookUpThroughALocalView() {
    helper()
        .source(
            "com/acme/Blacklist.java",
            """
            package com.acme;
            import java.util.Collections;
            import java.util.HashSet;
            import java.util.Set;
            import java.util.concurrent.ExecutorService;
            public class Blacklist {
              private final Set<String> blacklisted = new HashSet<>();
              public void start(ExecutorService pool) {
                pool.execute(() -> {
                  synchronized (blacklisted) {
                    blacklisted.add("PLAIN");
                  }
                });
                pool.execute(() -> {
                  Set<String> view = Collections.unmodifiableSet(blacklisted);
                  // BUG: Diagnostic contains: UnguardedSharedRead
                  System.out.println(view.contains("PLAIN"));
                });
              }
            }
            """)
        .check();
  }

  /**
   * Double-checked locking through a final-field wrapper: the unlocked read sees either null
   * (and takes the lock) or a wrapper whose final field shows the pooled object as it was built
   * (JLS §17.5). Below the default floor; {@code WRAPPER_FIELD} is how the wrapper keeps it.
   */
  private static String pool(String wrapperField, String marker) {
    return """
        package com.acme;
        import java.util.concurrent.ExecutorService;
        public class Pool {
          static final class Wrapper<T> {
            WRAPPER_FIELD
            Wrapper(T v) {
              value = v;
            }
          }
          static class Conn {
            int uses;
          }
          private Wrapper<Conn> pool;
          public void start(ExecutorService ex) {
            ex.execute(() -> System.out.println(get().uses));
            ex.execute(() -> System.out.println(get().uses));
          }
          public Conn get() {
        MARKER    Wrapper<Conn> w = this.pool;
            if (w == null) {
              synchronized (this) {
                if (this.pool == null) {
                  this.pool = new Wrapper<>(new Conn());
                }
                w = this.pool;
              }
            }
            return w.value;
          }
        }
        """.replace("WRAPPER_FIELD", wrapperField).replace("MARKER", marker);
  }

  /** The wrapper's field is final: the fast path is below the default floor. */
  @Test
  void doubleCheckedFinalFieldWrapper_belowTheDefaultFloor() {
    helper().minConfidence(Confidence.LOW)
        .source("com/acme/Pool.java", pool("final T value;",
            "    // BUG: Diagnostic contains: UnguardedSharedRead\n"))
        .check();
    helper().source("com/acme/Pool.java", pool("final T value;", "")).check();
  }

  /**
   * The same wrapper with a plain field: a thread may see the wrapper before its field is set
   * (broken double-checked locking). Reported.
   */
  @Test
  void positive_doubleCheckedWrapperWithAPlainField() {
    helper()
        .source("com/acme/Pool.java", pool("T value;",
            "    // BUG: Diagnostic contains: UnguardedSharedRead\n"))
        .check();
  }

  /**
   * Work split over pool tasks started in a loop, each adding its share to a list of its own
   * call, then {@code WAIT}, then the list is read. {@code AFTER} runs after the read.
   * (Blind round 15: reads after such a wait reported as racing the tasks.)
   */
  private static String splitWork(String wait, String after, String marker) {
    return """
        package com.acme;
        import java.util.ArrayList;
        import java.util.Collections;
        import java.util.List;
        import java.util.concurrent.ExecutorService;
        import java.util.concurrent.Executors;
        import java.util.concurrent.TimeUnit;
        public class Splitter {
          private List<String> last;
          public int split(List<String> items) throws Exception {
            ExecutorService executor = Executors.newFixedThreadPool(4);
            List<String> done = Collections.synchronizedList(new ArrayList<>());
            int[] counts = new int[1];
            for (int i = 0; i < 4; i++) {
              final int part = i;
              executor.execute(() -> {
                done.add(items.get(part));
                synchronized (counts) {
                  counts[0]++;
                }
              });
            }
            WAIT
        MARKER    int n = counts[0];
            AFTER
            last = new ArrayList<>(done);
            return n;
          }
        }
        """.replace("WAIT", wait).replace("AFTER", after).replace("MARKER", marker);
  }

  /**
   * After the wait for every task, none of them runs: the loop that may have started none (no
   * pass) and the one that started four both end with no task running. Not reported.
   */
  @Test
  void negative_readAfterWaitingForEveryTaskALoopStarted() {
    helper().minConfidence(Confidence.LOW)
        .source("com/acme/Splitter.java", splitWork(
            "executor.shutdown();\n    executor.awaitTermination(1, TimeUnit.MINUTES);", "", ""))
        .check();
  }

  /** Without the wait the tasks may still be counting when the count is read. */
  @Test
  void positive_readWithoutWaitingForTheLoopsTasks() {
    helper().minConfidence(Confidence.LOW)
        .source("com/acme/Splitter.java", splitWork("executor.shutdown();", "",
            "    // BUG: Diagnostic contains: UnguardedSharedRead\n"))
        .check();
  }

  /**
   * A wait method of the program's own executor class that waits for every task (through
   * {@code awaitTermination} on itself) orders what follows it as the library's wait does.
   */
  @Test
  void negative_readAfterTheProgramsOwnExecutorWaitsForAll() {
    helper().minConfidence(Confidence.LOW)
        .source("com/acme/Splitter.java", splitWork("executor.awaitAll();", "", "")
            .replace("ExecutorService executor = Executors.newFixedThreadPool(4);",
                "BatchExecutor executor = new BatchExecutor(4);"))
        .source("com/acme/BatchExecutor.java", """
            package com.acme;
            import java.util.concurrent.LinkedBlockingQueue;
            import java.util.concurrent.ThreadPoolExecutor;
            import java.util.concurrent.TimeUnit;
            public class BatchExecutor extends ThreadPoolExecutor {
              public BatchExecutor(int threads) {
                super(threads, threads, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
              }
              public void awaitAll() {
                awaitUninterruptibly();
              }
              public void awaitUninterruptibly() {
                shutdown();
                while (!isTerminated()) {
                  try {
                    awaitTermination(1, TimeUnit.DAYS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                }
              }
            }
            """)
        .check();
  }

  /**
   * The monitor a copied {@code synchronized mark()} holds is named where the access is paired
   * with one under another lock: it is held, though it is no vote on how the class guards its
   * position.
   */
  @Test
  void positive_markHoldsItsMonitorAgainstAnotherLock() {
    helper().minConfidence(Confidence.LOW)
        .source("com/acme/Pushback.java", """
            package com.acme;
            import java.io.InputStream;
            public class Pushback extends InputStream {
              private final byte[] buf = new byte[64];
              private final Object ioLock = new Object();
              private int pos;
              private int mark;
              public void refill() {
                synchronized (ioLock) {
                  pos = 0;
                }
              }
              @Override public synchronized int read() {
                return pos < buf.length ? buf[pos++] : -1;
              }
              @Override public synchronized void mark(int limit) {
                // BUG: Diagnostic contains: held here: this; there: ioLock
                mark = pos;
              }
            }
            """)
        .check();
  }

  /**
   * A service whose {@code START} recovers its state and then, through a helper, starts its
   * snapshot thread. (Blind round 15, second reading: a recovery read in a framework's {@code
   * doStart()} template method reported as racing the thread it starts afterwards.)
   */
  private static String recovering(String start, String marker) {
    return recovering(start, marker, "");
  }

  private static String recovering(String start, String marker, String writeMarker) {
    return """
        package com.acme;
        public class TxManager {
          private long lastSnapshotTime;
          private Thread snapshotThread;
          protected void START() {
            recoverState();
            startSnapshotThread();
          }
          private void startSnapshotThread() {
            snapshotThread = new Thread(this::snapshotLoop);
            snapshotThread.start();
          }
          private void recoverState() {
        MARKER    if (lastSnapshotTime == 0) {
        WRITE_MARKER      lastSnapshotTime = System.currentTimeMillis();
            }
          }
          private void snapshotLoop() {
            while (!Thread.currentThread().isInterrupted()) {
              synchronized (this) {
                lastSnapshotTime = System.currentTimeMillis();
              }
            }
          }
          public synchronized long lastSnapshot() {
            return lastSnapshotTime;
          }
        }
        """.replace("START", start).replace("WRITE_MARKER", writeMarker)
        .replace("MARKER", marker);
  }

  /**
   * {@code doStart()}, the template method a framework's {@code start()} calls once, runs once
   * like {@code start()}: what it does before the call that starts the thread comes before the
   * thread. Not reported.
   */
  @Test
  void negative_recoveryInATemplateStartBeforeItStartsTheThread() {
    helper().minConfidence(Confidence.LOW)
        .source("com/acme/TxManager.java", recovering("doStart", ""))
        .check();
  }

  /**
   * Any other method may run again while the thread an earlier call started runs: reported (one
   * finding for the race, at the recovery's write).
   */
  @Test
  void positive_recoveryInAMethodThatMayRunAgain() {
    RuleTestHelper.rule(dev.shareguard.core.rules.threads.UnguardedSharedWrite.ID)
        .source("com/acme/TxManager.java", recovering("recover", "",
            "    // BUG: Diagnostic contains: UnguardedSharedWrite\n"))
        .check();
  }

  /**
   * A pool filled once under the object's monitor ({@code if (!initialized) { pool = …; pool[i] =
   * …; initialized = true; }}, the flag never cleared), read after the reader took and let go of
   * the same monitor: taking it orders the read after the filling, so the read sees the pool
   * whole. Not reported. A {@code reset()} that clears the flag lets the filling run again while
   * readers use the pool: reported.
   */
  @Test
  void negative_readAfterTheMonitorOfAOnceRunFill_positive_flagCleared() {
    helper().minConfidence(Confidence.LOW)
        .source("com/acme/PooledDigester.java", pooledDigester("", "")).check();
    helper()
        .source("com/acme/PooledDigester.java", pooledDigester("""
              public synchronized void reset() {
                initialized = false;
              }
            """, "    // BUG: Diagnostic contains: `pool[…]` reads\n"))
        .check();
  }

  /**
   * A digester whose {@code digest()} fills its pool on first use, then picks a slot under the
   * monitor and reads it ({@code marker} goes before that read); {@code extra} adds methods.
   */
  private static String pooledDigester(String extra, String marker) {
    return """
        package com.acme;
        public class PooledDigester {
          private final StringBuilder first = new StringBuilder();
          private int poolSize = 4;
          private StringBuilder[] pool;
          private int roundRobin;
          private boolean initialized;
          public synchronized void setPoolSize(int size) {
            poolSize = size;
          }
          public synchronized void initialize() {
            if (!initialized) {
              pool = new StringBuilder[poolSize];
              pool[0] = first;
              for (int i = 1; i < poolSize; i++) {
                pool[i] = new StringBuilder(pool[i - 1]);
              }
              initialized = true;
            }
          }
        EXTRA  public synchronized boolean isInitialized() {
            return initialized;
          }
          public String digest(String message) {
            if (!isInitialized()) {
              initialize();
            }
            int position;
            synchronized (this) {
              position = roundRobin;
              roundRobin = (roundRobin + 1) % poolSize;
            }
        MARKER    return pool[position].toString() + message;
          }
        }
        """.replace("EXTRA", extra).replace("MARKER", marker);
  }

  /**
   * Double-checked lazy set-up of an {@code EnumMap} slot: the unlocked {@code get} against the
   * {@code put} under the lock sees the slot's old or new value, as with a field (an
   * {@code EnumMap} keeps one array cell per constant and never moves them): a stale value at
   * worst, below the default floor. The same on a {@code HashMap}, which a {@code put} may resize
   * under the reader: reported.
   */
  @Test
  void negative_enumMapSlotReadBesideAPut_positive_hashMap() {
    helper().source("com/acme/Pools.java", pools("new EnumMap<>(Kind.class)", "")).check();
    helper()
        .source("com/acme/Pools.java", pools("new HashMap<>()",
            "    // BUG: Diagnostic contains: `pools.get(…)` reads\n"))
        .check();
  }

  /** Pools by kind in a map made by {@code make}; {@code marker} before the unlocked read. */
  private static String pools(String make, String marker) {
    return """
        package com.acme;
        import java.util.EnumMap;
        import java.util.HashMap;
        import java.util.Map;
        import java.util.concurrent.ExecutorService;
        public class Pools {
          enum Kind { ACCEPTOR, WORKER }
          private final Object lock = new Object();
          private final Map<Kind, StringBuilder> pools = MAKE;
          public StringBuilder pool(Kind kind) {
        MARKER    StringBuilder p = pools.get(kind);
            if (p == null) {
              synchronized (lock) {
                p = new StringBuilder(kind.name());
                pools.put(kind, p);
              }
            }
            return p;
          }
          public void warm(ExecutorService ex) {
            ex.execute(() -> pool(Kind.WORKER));
          }
        }
        """.replace("MAKE", make).replace("MARKER", marker);
  }
  /**
   * Callbacks collected under the object's lock and taken away whole by {@code takeAll}, which
   * {@code CLEAR}s the field after reading it; the taker iterates what it got without the lock.
   * (Blind round 17: a hand-over read as the live shared list.)
   */
  private static String pendingCallbacks(String clear, String marker) {
    return """
        package com.acme;
        import java.util.ArrayList;
        import java.util.List;
        public class Pending {
          private List<Runnable> pending;
          public synchronized void add(Runnable r) {
            if (pending == null) {
              pending = new ArrayList<>(1);
            }
            pending.add(r);
          }
          public synchronized List<Runnable> takeAll() {
            List<Runnable> result = pending;
            CLEAR
            return result;
          }
          public void runAll() {
            List<Runnable> taken = takeAll();
            if (taken != null) {
        MARKER      for (Runnable r : taken) {
                r.run();
              }
            }
          }
        }
        """.replace("CLEAR", clear).replace("MARKER", marker);
  }

  /** The field is emptied after the read: the taker owns the list. Not reported at any level. */
  @Test
  void negative_iterationOfAListTakenOverFromTheField() {
    helper().minConfidence(dev.shareguard.core.finding.Confidence.LOW)
        .source("com/acme/Pending.java", pendingCallbacks("pending = null;", ""))
        .check();
  }

  /** Without it, the taker iterates the list other threads still add to. */
  @Test
  void positive_iterationOfTheFieldsListItself() {
    helper()
        .source("com/acme/Pending.java", pendingCallbacks("",
            "    // BUG: Diagnostic contains: UnguardedSharedRead\n"))
        .check();
  }
  /**
   * An unguarded task store and an unguarded read in an entry race only with each other: one
   * finding, at the store, with the read related; not a second one at the read. (Blind round 18:
   * a monitor thread's store and a public method's read reported once from each side.)
   */
  @Test
  void readAndStoreOfOneRaceAreOneFinding() {
    RuleTestHelper.allRules()
        .source(
            "com/acme/Watcher.java",
            """
            package com.acme;
            import java.util.HashMap;
            import java.util.Map;
            import java.util.concurrent.ExecutorService;
            public class Watcher {
              private final Map<String, String> watchKeys = new HashMap<>();
              public void start(ExecutorService pool) {
                // BUG at medium: Diagnostic contains: UnguardedSharedWrite
                pool.execute(() -> watchKeys.put("k", "p"));
              }
              public String find(String path) {
                for (Map.Entry<String, String> e : watchKeys.entrySet()) {
                  if (e.getValue().equals(path)) {
                    return e.getKey();
                  }
                }
                return null;
              }
            }
            """)
        .check();
  }
}
