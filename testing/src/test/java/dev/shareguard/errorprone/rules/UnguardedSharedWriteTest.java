package dev.shareguard.errorprone.rules;

import dev.shareguard.core.finding.Confidence;
import dev.shareguard.core.rules.threads.UnguardedSharedWrite;
import dev.shareguard.testing.RuleTestHelper;
import org.junit.jupiter.api.Test;

/** {@link UnguardedSharedWrite}: writes to shared state racing with another thread's access. */
class UnguardedSharedWriteTest {
  private static RuleTestHelper helper() {
    return RuleTestHelper.rule(UnguardedSharedWrite.ID);
  }

  @Test
  void positive_taskWritesMapThatCallersRead() {
    helper()
        .source(
            "com/acme/Stats.java",
            """
            package com.acme;
            import java.util.HashMap;
            import java.util.Map;
            import java.util.concurrent.Executor;
            public class Stats {
              private final Map<String, Long> counts = new HashMap<>();
              public void record(Executor executor, String key) {
                executor.execute(() -> {
                  // BUG: Diagnostic contains: UnguardedSharedWrite
                  counts.merge(key, 1L, Long::sum);
                });
              }
              public Long count(String key) {
                return counts.get(key);
              }
            }
            """)
        .check();
  }

  /**
   * A pool that makes and starts one thread object per host in a loop: each constructor writes
   * the fields of its own new object, which no thread started before (the previous listener) can
   * hold. Found as a false positive on unseen code; the general rule is that an object is not
   * published before its constructor returns.
   */
  @Test
  void negative_constructorWritesItsNewObjectWhileEarlierThreadsRun() {
    helper()
        .source(
            "com/acme/ListenerPool.java",
            """
            package com.acme;
            import java.util.ArrayList;
            import java.util.List;
            public class ListenerPool {
              private final List<Listener> listeners = new ArrayList<>();
              public ListenerPool(List<String> hosts) {
                for (String h : hosts) {
                  Listener l = new Listener(h);
                  listeners.add(l);
                  l.start();
                }
              }
              static class Listener extends Thread {
                private String host;
                private long retries;
                private final List<String> seen = new ArrayList<>();
                private volatile boolean running = true;
                Listener(String host) {
                  this.host = host;
                  this.retries = 3;
                  seen.add(host);
                }
                @Override public void run() {
                  while (running) {
                    connect(host, retries);
                    seen.add(host);
                  }
                }
                private void connect(String h, long r) {}
              }
            }
            """)
        .check();
  }

  /**
   * The message names the thread from its typed context: a constructor is named by its class.
   * (One finding per race: the task's side is the other access of the same finding.)
   */
  @Test
  void positive_messageNamesTheConstructor() {
    helper()
        .minConfidence(Confidence.LOW)
        .source(
            "com/acme/Ticker.java",
            """
            package com.acme;
            public class Ticker {
              private int interval;
              public Ticker() {
                new Thread(this::poll).start();
                // BUG: Diagnostic contains: the constructor of `Ticker`
                interval = 1000;
              }
              private void poll() {
                while (true) {
                  interval = interval + 1;
                }
              }
            }
            """)
        .check();
  }

  /** A constructor that starts a thread on {@code this} and then writes: this escapes. */
  @Test
  void positive_constructorWritesAfterStartingAThreadOnItself() {
    helper()
        .minConfidence(Confidence.LOW)
        .source(
            "com/acme/Poller.java",
            """
            package com.acme;
            public class Poller {
              private int interval;
              public Poller() {
                new Thread(this::poll).start();
                // BUG: Diagnostic contains: UnguardedSharedWrite
                interval = 1000;
              }
              private void poll() {
                while (true) {
                  sleep(interval);
                }
              }
              private static void sleep(int ms) {}
            }
            """)
        .check();
  }

  /**
   * Instance state touched inside a lock on a class-wide cache: the static lock guards the
   * cache, and says nothing about the instance being shared (a builder each caller makes for
   * itself). Found as a false positive on unseen code.
   */
  @Test
  void negative_staticLockAroundInstanceStateIsNoSignOfSharing() {
    helper()
        .source(
            "com/acme/ProxyBuilder.java",
            """
            package com.acme;
            import java.util.HashMap;
            import java.util.Map;
            public class ProxyBuilder {
              private static final Map<String, Class<?>> CACHE = new HashMap<>();
              private String name;
              private Class<?> result;
              public void setName(String n) {
                name = n;
              }
              public Class<?> create() {
                synchronized (CACHE) {
                  result = CACHE.get(name);
                  if (result == null) {
                    result = Object.class;
                    CACHE.put(name, result);
                  }
                }
                return result;
              }
            }
            """)
        .check();
  }

  /**
   * Shipped shape: a static HashMap cache filled lazily by a public static method of a class that
   * keeps per-thread state beside it (so it runs on many threads). Static state is shared by
   * every caller; two callers fill it at once.
   */
  @Test
  void regression_staticCacheFilledLazilyFromPublicApi() {
    helper()
        .source(
            "com/acme/Codecs.java",
            """
            package com.acme;
            import java.util.HashMap;
            import java.util.Map;
            public class Codecs {
              private static final Map<String, String> NAMES = new HashMap<>();
              private static final Map<Byte, byte[]> NULL_BYTES = new HashMap<>();
              private static final ThreadLocal<byte[]> BUFFER =
                  ThreadLocal.withInitial(() -> new byte[1024]);
              static {
                NAMES.put("hessian", "h2");
              }
              public static String name(String key) {
                return NAMES.get(key);
              }
              public static byte[] nullBytes(byte id) {
                // BUG: Diagnostic contains: UnguardedSharedWrite
                return NULL_BYTES.computeIfAbsent(id, k -> new byte[] {k});
              }
              public static byte[] buffer() {
                return BUFFER.get();
              }
            }
            """)
        .check();
  }

  /**
   * The shipped shape is high: a class that keeps per-thread state declares that several
   * threads run its code at once, as an annotation would, so its static map's self-race on
   * public API is as sure as one of a class declared thread-safe.
   */
  @Test
  void regression_staticCacheOfAClassKeepingPerThreadStateIsHigh() {
    helper()
        .minConfidence(Confidence.HIGH)
        .source("com/acme/Codecs.java", codecs(
            "  private static final ThreadLocal<byte[]> BUFFER =\n"
                + "      ThreadLocal.withInitial(() -> new byte[1024]);\n",
            "    // BUG: Diagnostic contains: UnguardedSharedWrite\n"))
        .check();
  }

  /**
   * With a volatile field instead of the per-thread state, the class expects concurrency but
   * does not say several threads run this method: below the high floor, reported lower.
   */
  @Test
  void negative_staticCacheWithoutPerThreadStateIsNotHigh() {
    String version = "  private static volatile int version;\n";
    helper()
        .minConfidence(Confidence.HIGH)
        .source("com/acme/Codecs.java", codecs(version, ""))
        .check();
    helper()
        .minConfidence(Confidence.LOW)
        .source("com/acme/Codecs.java",
            codecs(version, "    // BUG: Diagnostic contains: UnguardedSharedWrite\n"))
        .check();
  }

  /** A codec class with a lazily filled static map; {@code FIELDS} adds fields. */
  private static String codecs(String fields, String marker) {
    return """
        package com.acme;
        import java.util.HashMap;
        import java.util.Map;
        public class Codecs {
          private static final Map<Byte, byte[]> NULL_BYTES = new HashMap<>();
        FIELDS  public static byte[] nullBytes(byte id) {
        MARKER    return NULL_BYTES.computeIfAbsent(id, k -> new byte[] {k});
          }
        }
        """.replace("FIELDS", fields).replace("MARKER", marker);
  }

  /** The fixed shape: a ConcurrentHashMap; and a static map filled only in the initializer. */
  @Test
  void negative_staticConcurrentCacheAndInitializerOnlyMap() {
    helper()
        .source(
            "com/acme/Codecs.java",
            """
            package com.acme;
            import java.util.HashMap;
            import java.util.Map;
            import java.util.concurrent.ConcurrentHashMap;
            public class Codecs {
              private static final Map<String, String> NAMES = new HashMap<>();
              private static final Map<Byte, byte[]> NULL_BYTES = new ConcurrentHashMap<>();
              private static final ThreadLocal<byte[]> BUFFER =
                  ThreadLocal.withInitial(() -> new byte[1024]);
              static {
                NAMES.put("hessian", "h2");
              }
              public static String name(String key) {
                return NAMES.get(key);
              }
              public static byte[] nullBytes(byte id) {
                return NULL_BYTES.computeIfAbsent(id, k -> new byte[] {k});
              }
              public static byte[] buffer() {
                return BUFFER.get();
              }
            }
            """)
        .check();
  }

  /** A static cache of a class that shows no sign of running on several threads: not reported. */
  @Test
  void negative_staticCacheOfAPlainUtilityClass() {
    helper()
        .source(
            "com/acme/Names.java",
            """
            package com.acme;
            import java.util.HashMap;
            import java.util.Map;
            public class Names {
              private static final Map<String, String> CACHE = new HashMap<>();
              public static String canonical(String key) {
                return CACHE.computeIfAbsent(key, String::intern);
              }
            }
            """)
        .check();
  }

  /**
   * Lifecycle: a pool's property setters configure it before it serves callers, so a setter
   * does not race with the pool's other public methods, even in a class that locks elsewhere.
   * Found as a false positive on unseen code (configuration properties of a connection pool).
   */
  @Test
  void negative_propertySetterAgainstOtherPublicMethods() {
    helper()
        .source(
            "com/acme/Pool.java",
            """
            package com.acme;
            import java.util.ArrayList;
            import java.util.List;
            public class Pool {
              private final List<Object> idle = new ArrayList<>();
              private int maxActive = 10;
              private int maxIdle = 5;
              public void setMaxActive(int n) {
                maxActive = n;
                forceCloseAll();
              }
              public void setMaxIdle(int n) {
                maxIdle = n;
              }
              public int getMaxActive() {
                return maxActive;
              }
              public Object take() {
                synchronized (idle) {
                  if (idle.size() < maxActive && idle.size() < maxIdle) {
                    return new Object();
                  }
                  return idle.remove(0);
                }
              }
              public void forceCloseAll() {
                synchronized (idle) {
                  idle.clear();
                  maxIdle = Math.min(maxIdle, maxActive);
                }
              }
            }
            """)
        .check();
  }

  /**
   * Lifecycle transitions: start() and stop() of an object are called by its owner one after the
   * other, not alongside its other public methods; a task the object starts still races.
   */
  @Test
  void negative_lifecycleTransitionsAgainstOtherEntries_positive_againstTheirTask() {
    helper()
        .source(
            "com/acme/Dispatcher.java",
            """
            package com.acme;
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            public class Dispatcher {
              private final List<String> routes = new ArrayList<>();
              private final Object lock = new Object();
              private int started;
              private ExecutorService pool;
              public void start() {
                pool = Executors.newFixedThreadPool(2);
                for (String r : routes) {
                  started++;
                }
                pool.execute(() -> {
                  // BUG: Diagnostic contains: UnguardedSharedWrite
                  started--;
                });
              }
              public void stop() {
                started = 0;
                pool.shutdown();
              }
              public void removeRoute(String r) {
                synchronized (lock) {
                  routes.remove(r);
                }
              }
              public void addRoute(String r) {
                synchronized (lock) {
                  routes.add(r);
                }
              }
            }
            """)
        .check();
  }

  /** Two threads storing the same constant into a flag lose nothing; a reader still races. */
  @Test
  void negative_twoStoresOfTheSameConstant() {
    helper()
        .source(
            "com/acme/Server.java",
            """
            package com.acme;
            import java.util.concurrent.ExecutorService;
            public class Server {
              private boolean stop;
              private final Object lock = new Object();
              public void serve(ExecutorService pool) {
                pool.execute(() -> {
                  synchronized (lock) {
                    stop = true;
                  }
                });
                pool.execute(() -> stop = true);
              }
              public synchronized void halt() {
                stop = true;
              }
            }
            """)
        .check();
  }

  /**
   * Two plain stores to one field lose nothing a read does not show: whichever comes last, the
   * field holds one of the two values, as in some order of the two threads. Here the only read
   * comes after both threads are joined, so nothing races; an update that reads the old value
   * ({@code total += n}) from two threads does lose one, and is still reported.
   */
  @Test
  void negative_twoPlainStoresReadAfterJoin_positive_twoUpdatesOfTheOldValue() {
    helper()
        .source(
            "com/acme/Probe.java",
            """
            package com.acme;
            import java.util.List;
            public class Probe {
              private String answer;
              private long total;
              public String first(List<String> hosts) throws InterruptedException {
                Thread a = new Thread(() -> answer = hosts.get(0));
                Thread b = new Thread(() -> answer = hosts.get(1));
                a.start();
                b.start();
                a.join();
                b.join();
                return answer;
              }
              public long sum(long x, long y) throws InterruptedException {
                // BUG: Diagnostic contains: total
                Thread a = new Thread(() -> total += x);
                Thread b = new Thread(() -> total += y);
                a.start();
                b.start();
                a.join();
                b.join();
                return total;
              }
            }
            """)
        .check();
  }

  /**
   * One race is one finding: two methods storing into a field that a task reads race with that
   * one read, and are reported once, at the first store, with the read as the other access.
   */
  @Test
  void positive_severalStoresAgainstOneReadAreOneFinding() {
    helper()
        // A field replaced, not updated from its old value: a stale read at worst, low.
        .minConfidence(Confidence.LOW)
        .source(
            "com/acme/Meter.java",
            """
            package com.acme;
            import java.util.concurrent.ExecutorService;
            public class Meter {
              private int status;
              public void watch(ExecutorService pool) {
                pool.execute(() -> report(status));
              }
              public void record(int s) {
                // BUG: Diagnostic contains: UnguardedSharedWrite
                status = s;
              }
              public void fail(int s) {
                status = s;
              }
              private static void report(int s) {}
            }
            """)
        .check();
  }

  /** A task that ticks a window and labels it; {@code marker} goes before the label's store. */
  private static String window(String marker) {
    return """
        package com.acme;
        import java.util.concurrent.ExecutorService;
        public class Window {
          private long last;
          private String label;
          public void watch(ExecutorService pool) {
            pool.execute(() -> tick(System.nanoTime()));
          }
          private void tick(long now) {
            if (now > last + 1000) {
              // BUG: Diagnostic contains: UnguardedSharedWrite
              last = now;
            }
        %s    label = "ticked";
          }
          public String label() {
            return label;
          }
          public long last() {
            return last;
          }
        }
        """
        .formatted(marker);
  }

  /**
   * A field's value replaced by one thread and read by another is a stale read at worst, so the
   * race is two levels less sure (low here, below the default floor); a store decided on the
   * field's old state (checked, then stored) loses an update and keeps its level.
   */
  @Test
  void staleValueOnlyIsLow_storeDecidedOnTheOldStateIsNot() {
    helper().source("com/acme/Window.java", window("")).check();
    helper()
        .minConfidence(Confidence.LOW)
        .source("com/acme/Window.java",
            window("    // BUG: Diagnostic contains: UnguardedSharedWrite\n"))
        .check();
  }

  /**
   * A getter's read of a field that a locked setter changes only after checking it sees the old
   * value or the new one: a stale value, low (the setter's check decides its own store, not the
   * getter's). Two setters deciding on the same old value can lose an update: reported.
   */
  @Test
  void staleReadOfAFieldWhoseSetterChecksIt_positive_twoSettersDeciding() {
    String source =
        """
        package com.acme;
        import java.util.concurrent.ExecutorService;
        public class Limits {
          private int max = 10;
          public void resize(int value) {
            synchronized (this) {
              if (value == max) {
                return;
              }
        %s      max = value;
            }
          }
          public int max() {
        %s    return max;
          }
          public void resizeLater(ExecutorService pool, int value) {
            pool.execute(() -> {
              if (max < value) {
                // BUG: Diagnostic contains: UnguardedSharedWrite
                max = value;
              }
            });
          }
        }
        """;
    helper().source("com/acme/Limits.java", source.formatted("", "")).check();
  }

  /**
   * The strongest evidence does not lift a stale value above low: a static field replaced whole
   * by one pool task and read by another (both sides spawned, static state) is still only a
   * stale read, not shown at the default floor; the same field counted up ({@code n++}) by the
   * tasks loses updates and is reported.
   */
  @Test
  void staleValueBetweenTwoTasksIsLow_countedUpIsReported() {
    String source =
        """
        package com.acme;
        import java.util.concurrent.ExecutorService;
        public class Stats {
          private static String lastNode;
          private static int sent;
          public static void track(ExecutorService pool, String node) {
            pool.execute(() -> {
              lastNode = node;
        %s      sent++;
            });
            pool.execute(() -> System.out.println(lastNode + " " + sent));
          }
        }
        """;
    helper()
        .source("com/acme/Stats.java",
            source.formatted("      // BUG: Diagnostic contains: `sent++` writes field\n"))
        .check();
    helper()
        .minConfidence(Confidence.LOW)
        .source("com/acme/Stats.java",
            source.formatted("      // BUG: Diagnostic contains: `sent++` writes field\n")
                .replace("      lastNode = node;",
                    "      // BUG: Diagnostic contains: `lastNode`\n      lastNode = node;"))
        .check();
  }

  /**
   * A flag some thread polls in a loop's condition, directly or through a getter, is more than a
   * stale value: a write the poller never sees keeps it waiting for ever (the JIT may hoist the
   * read out of the loop), so the race keeps its level.
   */
  @Test
  void positive_flagPolledInALoop_directlyOrThroughAGetter() {
    helper()
        .source(
            "com/acme/Loader.java",
            """
            package com.acme;
            public class Loader {
              private boolean loaded;
              private boolean warmed;
              public void load() {
                new Thread(() -> {
                  // BUG: Diagnostic contains: UnguardedSharedWrite
                  loaded = true;
                  // BUG: Diagnostic contains: UnguardedSharedWrite
                  warmed = true;
                }).start();
              }
              public void awaitLoaded() {
                while (!loaded) {
                  Thread.onSpinWait();
                }
              }
              public void awaitWarm() {
                while (!isWarm()) {
                  Thread.onSpinWait();
                }
              }
              private boolean isWarm() {
                return warmed;
              }
            }
            """)
        .check();
  }

  /**
   * A stop flag polled by a loop that blocks on every pass (it sleeps, accepts a connection,
   * takes from a blocking queue) is read from memory again after each wait: a stop is seen one
   * pass late at worst, a stale value, not a thread spinning for ever. The race is shown only at
   * {@code low}.
   */
  @Test
  void negative_stopFlagPolledByALoopThatBlocksOnEveryPass() {
    String source =
        """
        package com.acme;
        import java.net.ServerSocket;
        import java.net.Socket;
        import java.util.concurrent.BlockingQueue;
        public class Housekeeper {
          private boolean stopping;
          private boolean closed;
          private boolean done;
          private final BlockingQueue<Runnable> work;
          private final ServerSocket server;
          public Housekeeper(BlockingQueue<Runnable> work, ServerSocket server) {
            this.work = work;
            this.server = server;
          }
          public void start() {
            new Thread(this::sweepLoop).start();
            new Thread(this::acceptLoop).start();
            new Thread(this::workLoop).start();
          }
          public void stop() {
        %s    stopping = true;
        %s    closed = true;
        %s    done = true;
          }
          private void sweepLoop() {
            try {
              do {
                sweep();
                Thread.sleep(100);
              } while (!stopping);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          private void acceptLoop() {
            while (!closed) {
              try {
                Socket s = server.accept();
                s.close();
              } catch (java.io.IOException e) {
                // closed by stop()
              }
            }
          }
          private void workLoop() {
            try {
              for (Runnable r = work.take(); !done; r = work.take()) {
                r.run();
              }
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          private void sweep() {}
        }
        """;
    helper().source("com/acme/Housekeeper.java", source.formatted("", "", "")).check();
    String marker = "    // BUG: Diagnostic contains: UnguardedSharedWrite\n";
    helper()
        .minConfidence(Confidence.LOW)
        .source("com/acme/Housekeeper.java", source.formatted(marker, marker, marker))
        .check();
  }

  /**
   * A loop that blocks only on some passes may spin on the others: the sleep behind a condition,
   * the wait after a {@code continue}, the blocking call inside a lambda the pass only creates.
   * Those flags keep the race's level.
   */
  @Test
  void positive_stopFlagPolledByALoopThatMaySpin() {
    helper()
        .source(
            "com/acme/Poller.java",
            """
            package com.acme;
            import java.util.concurrent.Executor;
            import java.util.concurrent.locks.LockSupport;
            public class Poller {
              private boolean stopping;
              private boolean closed;
              private boolean done;
              private volatile boolean idle;
              public void start(Executor pool) {
                new Thread(this::sometimesSleeps).start();
                new Thread(this::skipsTheSleep).start();
                new Thread(() -> {
                  while (!done) {
                    pool.execute(() -> LockSupport.parkNanos(1000));
                  }
                }).start();
              }
              public void stop() {
                // BUG: Diagnostic contains: UnguardedSharedWrite
                stopping = true;
                // BUG: Diagnostic contains: UnguardedSharedWrite
                closed = true;
                // BUG: Diagnostic contains: UnguardedSharedWrite
                done = true;
              }
              private void sometimesSleeps() {
                while (!stopping) {
                  if (idle) {
                    sleepQuietly();
                  }
                }
              }
              private void skipsTheSleep() {
                while (!closed) {
                  if (!idle) {
                    continue;
                  }
                  sleepQuietly();
                }
              }
              private static void sleepQuietly() {
                try {
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
            }
            """)
        .check();
  }

  /**
   * A settings map changed by a plain setter and read inside a synchronized lazy getter: the
   * getter's lock guards the lazily built client, not the settings. No change of the map holds
   * the lock, so the locked read is no sign that the class guards the map, and nothing else
   * shows two threads touching it. Not reported, at any level.
   */
  @Test
  void negative_settingsReadInsideALockedLazyGetterOnly() {
    helper()
        .minConfidence(Confidence.LOW)
        .source("com/acme/Configuration.java", configuration("", ""))
        .check();
  }

  /**
   * The same setter once a locked method also changes the map ({@code clear()} in a synchronized
   * {@code reset()}), or stores a new map into the field under the lock: now the class guards
   * the map and the unlocked setter is the slip. Reported.
   */
  @Test
  void positive_settingsAlsoChangedUnderTheLock() {
    String marker = "    // BUG: Diagnostic contains: UnguardedSharedWrite\n";
    helper()
        .source("com/acme/Configuration.java",
            configuration(marker, "  public synchronized void reset() {\n"
                + "    options.clear();\n    client = null;\n  }\n"))
        .check();
    helper()
        .source("com/acme/Configuration.java",
            configuration(marker, "  public synchronized void reset() {\n"
                + "    options = new HashMap<>();\n    client = null;\n  }\n"))
        .check();
  }

  private static String configuration(String marker, String more) {
    return """
        package com.acme;
        import java.util.HashMap;
        import java.util.Map;
        public class Configuration {
          private Map<String, Object> options = new HashMap<>();
          private Client client;
          public Configuration option(String key, Object value) {
        MARKER    options.put(key, value);
            return this;
          }
          public synchronized Client getClient() {
            if (client == null) {
              client = new Client(options.get("timeout"));
            }
            return client;
          }
        MORE  public static final class Client {
            Client(Object timeout) {}
          }
        }
        """.replace("MARKER", marker).replace("MORE", more);
  }

  /**
   * A monitor taken again while held (a nested {@code synchronized} block on the same object, a
   * {@code ReentrantLock} locked twice) is still held after the inner release: the outer block
   * or the outer {@code lock()} keeps it until its own end. A write in a {@code catch} after the
   * nested block, or after the inner {@code unlock()}, is guarded. Not reported (blind round 13:
   * a connection's send queue cleared in a catch inside its monitor).
   */
  @Test
  void negative_lockTakenAgainWhileHeldIsHeldAfterTheInnerRelease() {
    helper()
        .minConfidence(Confidence.LOW)
        .source("com/acme/Conn.java", reentrantConn("", ""))
        .check();
  }

  /** The same connection where the write comes after the outer hold ends. Reported. */
  @Test
  void positive_writeAfterTheOuterHoldEnds() {
    helper()
        .source("com/acme/Conn.java", reentrantConn(
            "      // BUG: Diagnostic contains: UnguardedSharedWrite\n      queue.clear();\n",
            "    // BUG: Diagnostic contains: UnguardedSharedWrite\n    pending.clear();\n"))
        .check();
  }

  private static String reentrantConn(String afterMonitor, String afterLock) {
    return """
        package com.acme;
        import java.util.ArrayDeque;
        import java.util.ArrayList;
        import java.util.List;
        import java.util.Queue;
        import java.util.concurrent.Executor;
        import java.util.concurrent.locks.ReentrantLock;
        public class Conn {
          private final Queue<String> queue = new ArrayDeque<>();
          private final List<String> pending = new ArrayList<>();
          private final ReentrantLock lock = new ReentrantLock();
          private boolean flushing;
          private final Executor io;
          public Conn(Executor io) {
            this.io = io;
          }
          public void send(String m) {
            io.execute(() -> {
              synchronized (queue) {
                try {
                  queue.add(m);
                  synchronized (queue) {
                    flushing = true;
                  }
                  write();
                } catch (java.io.IOException e) {
                  queue.poll();
                }
              }
        AFTER_MONITOR    });
          }
          public void enqueue(String m) {
            lock.lock();
            try {
              pending.add(m);
              lock.lock();
              try {
                flushing = false;
              } finally {
                lock.unlock();
              }
              pending.remove(m);
            } finally {
              lock.unlock();
            }
        AFTER_LOCK  }
          private void write() throws java.io.IOException {}
        }
        """.replace("AFTER_MONITOR", afterMonitor).replace("AFTER_LOCK", afterLock);
  }

  /**
   * Hooks the JVM runs on an object no other thread uses: {@code readExternal} fills an object
   * deserialization has just made, before it hands it to anyone, and {@code finalize()} runs once
   * no thread can reach the object. Their accesses to the object's own fields and the containers
   * those hold race with nothing. Not reported by any rule, at any level (blind round 13: a
   * trigger's fields read back in {@code readExternal}, a pool's list iterated in its finalizer).
   */
  @Test
  void negative_deserializationAndFinalizerHooksTouchAnUnsharedObject() {
    RuleTestHelper.allRules()
        .minConfidence(Confidence.LOW)
        .source("com/acme/Trigger.java", unsharedHooks("", ""))
        .check();
    // The Externalizable interface may be out of sight (a supertype in a module not analysed):
    // a readExternal(ObjectInput) of the class's own is the hook too.
    RuleTestHelper.allRules()
        .minConfidence(Confidence.LOW)
        .source("com/acme/Trigger.java", unsharedHooks("", "")
            .replace("public class Trigger implements Externalizable {",
                "public class Trigger implements Stored {")
            .replace("  @Override\n  public void writeExternal", "  public void writeExternal")
            .replace("  @Override\n  public void readExternal", "  public void readExternal"))
        .source("com/acme/Stored.java",
            """
            package com.acme;
            public interface Stored {
              void readExternal(java.io.ObjectInput in) throws java.io.IOException;
            }
            """)
        .check();
  }

  /** What those hooks do to static state is still shared with every other thread. Reported. */
  @Test
  void positive_hooksTouchingStaticState() {
    helper()
        .source("com/acme/Trigger.java", unsharedHooks(
            "    // BUG: Diagnostic contains: UnguardedSharedWrite\n    LIVE.remove(this);\n",
            "    // BUG: Diagnostic contains: UnguardedSharedWrite\n    LOADED.add(this);\n"))
        .check();
  }

  private static String unsharedHooks(String inFinalize, String inReadExternal) {
    return """
        package com.acme;
        import java.io.Externalizable;
        import java.io.IOException;
        import java.io.ObjectInput;
        import java.io.ObjectOutput;
        import java.util.ArrayList;
        import java.util.Collections;
        import java.util.HashSet;
        import java.util.List;
        import java.util.Set;
        import java.util.concurrent.ExecutorService;
        public class Trigger implements Externalizable {
          private static final Set<Trigger> LIVE = new HashSet<>();
          private static final List<Trigger> LOADED = new ArrayList<>();
          private final List<String> pending = Collections.synchronizedList(new ArrayList<>());
          private final List<Long> times = new ArrayList<>();
          private long period;
          public void schedule(ExecutorService pool, String name) {
            pool.execute(() -> {
              synchronized (pending) {
                pending.add(name);
              }
              synchronized (this) {
                times.add(period);
              }
              synchronized (Trigger.class) {
                LIVE.add(this);
                LOADED.remove(this);
              }
            });
          }
          @Override
          protected void finalize() {
            for (String p : pending) {
              System.out.println(p);
            }
            pending.clear();
        FINALIZE  }
          @Override
          public void writeExternal(ObjectOutput out) throws IOException {
            out.writeLong(period);
          }
          @Override
          public void readExternal(ObjectInput in) throws IOException {
            period = in.readLong();
            times.clear();
        READ_EXTERNAL  }
        }
        """.replace("FINALIZE", inFinalize).replace("READ_EXTERNAL", inReadExternal);
  }

  /**
   * A lock guard of the program: an {@code AutoCloseable} a lifecycle hands out from {@code
   * goTo(…)}, whose {@code close()} lets the lifecycle's write lock go (through a template method
   * of its own). {@code try (Change c = lifecycle.goTo(START)) { … }} holds that lock over its
   * body, so two bodies holding guards of one lifecycle are serialized. Not reported (blind round
   * 13: a job server's start and stop, each under its lifecycle change lock). A guard whose
   * release takes a read lock is a shared hold: two readers' writes still race.
   */
  @Test
  void negative_bodiesHoldingALockGuardOfOneLifecycle_positive_sharedReadGuards() {
    helper()
        .minConfidence(Confidence.LOW)
        .source("com/acme/Lifecycle.java", lifecycleGuards())
        .source("com/acme/Server.java", lifecycleServer("goTo", ""))
        .check();
    helper()
        .source("com/acme/Lifecycle.java", lifecycleGuards())
        .source("com/acme/Server.java", lifecycleServer("read",
            "      // BUG: Diagnostic contains: UnguardedSharedWrite\n"))
        .check();
  }

  private static String lifecycleGuards() {
    return """
        package com.acme;
        import java.util.concurrent.locks.ReentrantReadWriteLock;
        public class Lifecycle {
          final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
          public Change goTo(String event) {
            return new Change(this);
          }
          public Reading read() {
            return new Reading(this);
          }
          abstract static class Guard implements AutoCloseable {
            final Lifecycle owner;
            Guard(Lifecycle owner) {
              this.owner = owner;
              lock(owner.rw);
            }
            protected abstract void lock(ReentrantReadWriteLock l);
            protected abstract void unlock(ReentrantReadWriteLock l);
            @Override
            public void close() {
              unlock(owner.rw);
            }
          }
          public static final class Change extends Guard {
            Change(Lifecycle owner) {
              super(owner);
            }
            @Override protected void lock(ReentrantReadWriteLock l) {
              l.writeLock().lock();
            }
            @Override protected void unlock(ReentrantReadWriteLock l) {
              l.writeLock().unlock();
            }
          }
          public static final class Reading extends Guard {
            Reading(Lifecycle owner) {
              super(owner);
            }
            @Override protected void lock(ReentrantReadWriteLock l) {
              l.readLock().lock();
            }
            @Override protected void unlock(ReentrantReadWriteLock l) {
              l.readLock().unlock();
            }
          }
        }
        """;
  }

  private static String lifecycleServer(String guard, String marker) {
    return """
        package com.acme;
        import java.util.ArrayList;
        import java.util.List;
        import java.util.concurrent.ExecutorService;
        public class Server {
          private final Lifecycle lifecycle = new Lifecycle();
          private final List<Runnable> workers = new ArrayList<>();
          private final ExecutorService pool;
          public Server(ExecutorService pool) {
            this.pool = pool;
          }
          public void start() {
            try (AutoCloseable g = lifecycle.GUARD("start")) {
              pool.execute(() -> {
                try (AutoCloseable h = lifecycle.GUARD("restart")) {
        MARKER          workers.add(() -> { });
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          }
          public void stop() {
            try (AutoCloseable g = lifecycle.GUARD("stop")) {
              workers.clear();
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          }
        }
        """.replace("GUARD(\"start\")", guard.equals("read") ? "read()" : "goTo(\"start\")")
        .replace("GUARD(\"restart\")", guard.equals("read") ? "read()" : "goTo(\"restart\")")
        .replace("GUARD(\"stop\")", guard.equals("read") ? "read()" : "goTo(\"stop\")")
        .replace("MARKER", marker);
  }

  /**
   * A helper that begins with {@code assert Thread.holdsLock(this);} states that its callers hold
   * the monitor (its contract, as {@code @Holding("this")} would): its body runs with it held. A
   * protected helper nothing analysed calls (subclasses may) is otherwise an entry of its own,
   * unlocked. Not
   * reported (blind round 13: a mail transport's command helper, every caller inside its
   * synchronized connect). Without the assertion the helper's write is reported.
   */
  @Test
  void negative_helperAssertingItsCallerHoldsTheLock_positive_withoutTheAssertion() {
    String source =
        """
        package com.acme;
        import java.util.ArrayList;
        import java.util.List;
        public class Transport {
          private final List<String> responses = new ArrayList<>();
          private final Object io = new Object();
          public synchronized void connect() {
            responses.clear();
          }
          public synchronized int send(String m) {
            return responses.size() + m.length();
          }
          public void flush() {
            synchronized (io) {
              reply("NOOP");
            }
          }
          protected void command(String c) {
        ASSERT    MARKER    responses.add(c);
          }
          protected void reply(String c) {
            assert Thread.holdsLock(io);
            System.out.println(c);
          }
        }
        """;
    helper()
        .minConfidence(Confidence.LOW)
        .source("com/acme/Transport.java", source
            .replace("ASSERT", "    assert Thread.holdsLock(this);\n").replace("MARKER    ", ""))
        .check();
    helper()
        .source("com/acme/Transport.java", source.replace("ASSERT", "")
            .replace("MARKER", "// BUG: Diagnostic contains: UnguardedSharedWrite\n"))
        .check();
  }

  /** A project set whose one field is {@code backing}, and a class that shares one. */
  private static java.util.Map<String, String> projectSet(String backing, String marker) {
    return java.util.Map.of(
        "com/acme/HashSet2.java",
        """
        package com.acme;
        import java.util.AbstractSet;
        import java.util.Iterator;
        public class HashSet2<E> extends AbstractSet<E> {
          private final %s<E, Boolean> map = new %s<>();
          @Override public boolean add(E e) {
            return map.put(e, Boolean.TRUE) == null;
          }
          @Override public Iterator<E> iterator() {
            return map.keySet().iterator();
          }
          @Override public int size() {
            return map.size();
          }
        }
        """.formatted(backing, backing),
        "com/acme/Listeners.java",
        """
        package com.acme;
        import java.util.Set;
        import java.util.concurrent.ExecutorService;
        public class Listeners {
          private final Set<String> names = new HashSet2<>();
          public void add(ExecutorService pool, String name) {
        %s    pool.execute(() -> names.add(name));
          }
          public int count() {
            return names.size();
          }
        }
        """.formatted(marker));
  }

  /**
   * A project container class whose only state is a final thread-safe map (a set backed by a
   * {@code ConcurrentHashMap}) is thread-safe itself: a project class inferred thread-safe. The
   * same class over a {@code HashMap} is not.
   */
  @Test
  void negative_projectSetBackedByAConcurrentMap_positive_byAHashMap() {
    RuleTestHelper h = helper();
    for (java.util.Map.Entry<String, String> e :
        projectSet("java.util.concurrent.ConcurrentHashMap", "").entrySet()) {
      h = h.source(e.getKey(), e.getValue());
    }
    h.check();
    RuleTestHelper p = helper();
    for (java.util.Map.Entry<String, String> e :
        projectSet("java.util.HashMap",
            "    // BUG: Diagnostic contains: UnguardedSharedWrite\n").entrySet()) {
      p = p.source(e.getKey(), e.getValue());
    }
    p.check();
  }

  /**
   * A set backed by a map its subclass hands to the base class's constructor ({@code
   * super(new ConcurrentHashMap<>())}): the base class keeps the map in a final {@code Map}-typed
   * field, and every analysed construction stores a thread-safe map there, so the subclass is
   * inferred thread-safe; the same shape given a {@code HashMap} is not. Found as a false positive
   * on unseen code (a concurrent set iterated while tasks add to it).
   */
  @Test
  void negative_setBackedByAConcurrentMapGivenToItsBaseClass_positive_aHashMap() {
    for (String backing : java.util.List.of("java.util.concurrent.ConcurrentHashMap", "java.util.HashMap")) {
      boolean plain = backing.endsWith(".HashMap");
      MapBackedSets.withSharedSet(helper(), backing)
          .source(
              "com/acme/Sessions.java",
              """
              package com.acme;
              import java.util.Set;
              import java.util.concurrent.ExecutorService;
              public class Sessions {
                private final Set<String> open = new SharedSet<>();
                public void opened(ExecutorService pool, String id) {
              %s    pool.execute(() -> open.add(id));
                }
                public void closeAll() {
                  for (String id : open) {
                    System.out.println(id);
                  }
                }
              }
              """.formatted(plain ? "    // BUG: Diagnostic contains: UnguardedSharedWrite\n" : ""))
          .check();
    }
  }

  /**
   * A method that initialises one part of its object ({@code initPool()}, and the {@code
   * initConnection()} it calls to start the pool's filler task) is set-up, like {@code init()}:
   * run once before the object serves callers, so its writes do not race with the task it starts.
   * The same methods named as running-phase operations ({@code refill}) race.
   */
  @Test
  void negative_initialisationOfAPartStartsItsTask_positive_runningPhaseMethods() {
    String source =
        """
        package com.acme;
        import java.util.concurrent.Executor;
        public abstract class PoolClient {
          public static class Config {
            public int minIdle;
          }
          protected final Executor executor;
          protected Config poolConfig;
          protected PoolClient(Executor executor) {
            this.executor = executor;
          }
          protected void %s(int min) {
        %s    poolConfig = new Config();
            poolConfig.minIdle = min;
            %s(true);
          }
          protected void %s(boolean async) {
            if (async) {
              executor.execute(this::createConnections);
              return;
            }
            createConnections();
          }
          private void createConnections() {
            for (int i = 0; i < poolConfig.minIdle; i++) {
              System.out.println(i);
            }
          }
        }
        """;
    helper()
        .minConfidence(Confidence.LOW)
        .source("com/acme/PoolClient.java",
            source.formatted("initPool", "", "initConnection", "initConnection"))
        .check();
    helper()
        .source("com/acme/PoolClient.java",
            source.formatted("refill", "    // BUG: Diagnostic contains: UnguardedSharedWrite\n",
                "connect", "connect"))
        .check();
  }

  /**
   * A field given a nested conditional ({@code b ? (c ? new X() : new Y()) : new Y()}) is
   * analysed like any store: a regression from unseen code, where such a store crashed the audit
   * of the whole release. Each object's counter is its own, so nothing is reported.
   */
  @Test
  void regression_nestedConditionalStoreIsAnalysed() {
    helper()
        .minConfidence(Confidence.LOW)
        .source(
            "com/acme/Distributor.java",
            """
            package com.acme;
            public final class Distributor {
              private final Itr it;
              public Distributor(boolean b, boolean c) {
                this.it = b ? (c ? new X() : new Y()) : new Y();
              }
              public Object get() {
                return it.next();
              }
              private interface Itr {
                Object next();
              }
              private static final class X implements Itr {
                public Object next() {
                  return "x";
                }
              }
              private static final class Y implements Itr {
                public Object next() {
                  return "y";
                }
              }
            }
            """)
        .check();
  }

  /**
   * An executor class that says by its name it runs one thread ({@code MpscSingleThreadExecutor}:
   * its own {@code execute} queues the task for its one worker) runs the tasks handed to it one
   * after another, so a task changing a plain list never overlaps another run of itself. The same
   * class named as a pool is not trusted to be serial.
   */
  @Test
  void negative_tasksOfAnExecutorClassNamedSingleThread_positive_namedAsAPool() {
    String source =
        """
        package com.acme;
        import java.util.ArrayList;
        import java.util.List;
        import java.util.Queue;
        import java.util.concurrent.ConcurrentLinkedQueue;
        import java.util.concurrent.Executor;
        public class %s implements Executor {
          private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
          private final List<Runnable> shutdownHooks = new ArrayList<>();
          @Override public void execute(Runnable task) {
            tasks.offer(task);
          }
          public void addShutdownHook(Runnable hook) {
            execute(() -> {
        %s      shutdownHooks.add(hook);
            });
          }
        }
        """;
    helper()
        .minConfidence(Confidence.LOW)
        .source("com/acme/MpscSingleThreadExecutor.java",
            source.formatted("MpscSingleThreadExecutor", ""))
        .check();
    helper()
        .source("com/acme/MpscPoolExecutor.java",
            source.formatted("MpscPoolExecutor",
                "      // BUG: Diagnostic contains: UnguardedSharedWrite\n"))
        .check();
  }

  /**
   * A field given {@code cond ? new ConcurrentHashMap<>() : Collections.emptyMap()} holds a
   * thread-safe map or an empty one nobody can change: tasks putting into it do not race. The
   * same with a {@code HashMap} in the first branch races.
   */
  @Test
  void negative_conditionalOfAConcurrentOrEmptyMap_positive_ofAHashMap() {
    for (String made : java.util.List.of("ConcurrentHashMap", "HashMap")) {
      boolean plain = made.equals("HashMap");
      helper()
          .source(
              "com/acme/Context.java",
              """
              package com.acme;
              import java.util.Collections;
              import java.util.HashMap;
              import java.util.Map;
              import java.util.concurrent.ConcurrentHashMap;
              import java.util.concurrent.ExecutorService;
              public class Context {
                private final Map<String, String> appended;
                public Context(boolean workflow) {
                  this.appended = workflow ? new %s<>() : Collections.emptyMap();
                }
                public void append(ExecutorService pool, String k, String v) {
                  pool.execute(() -> {
              %s      appended.put(k, v);
                  });
                }
              }
              """.formatted(made,
                  plain ? "      // BUG: Diagnostic contains: UnguardedSharedWrite\n" : ""))
          .check();
    }
  }

  /**
   * A container interface the project declares ({@code DistributedSet extends Set}) is the
   * project's own abstraction: its implementations (here none the audit sees: a remote or
   * clustered store) decide what add and iteration do, so tasks using it are no race on a plain
   * set. The same code over a {@code java.util.Set} holding a {@code HashSet} races.
   */
  @Test
  void negative_projectContainerInterfaceFromAFactory_positive_plainSet() {
    String source =
        """
        package com.acme;
        import java.util.HashSet;
        import java.util.Set;
        import java.util.concurrent.ExecutorService;
        public class Members {
          public interface DistributedSet<E> extends Set<E> {}
          public interface Cluster {
            <E> DistributedSet<E> getSet(String name);
          }
          private final %s<String> members;
          public Members(Cluster cluster) {
            this.members = %s;
          }
          public void join(ExecutorService pool, String name) {
        %s    pool.execute(() -> members.add(name));
          }
          public int count() {
            int n = 0;
            for (String m : members) {
              n++;
            }
            return n;
          }
        }
        """;
    helper()
        .minConfidence(Confidence.LOW)
        .source("com/acme/Members.java",
            source.formatted("DistributedSet", "cluster.getSet(\"members\")", ""))
        .check();
    helper()
        .source("com/acme/Members.java",
            source.formatted("Set", "new HashSet<>()",
                "    // BUG: Diagnostic contains: UnguardedSharedWrite\n"))
        .check();
  }

  /**
   * A static accessor is transparent: {@code registry().put(…)} from pool tasks writes the static
   * map the accessor returns; an accessor returning a fresh copy hands each caller its own map.
   */
  @Test
  void positive_staticMapChangedThroughAStaticAccessor_negative_accessorReturnsACopy() {
    String source =
        """
        package com.acme;
        import java.util.HashMap;
        import java.util.Map;
        import java.util.concurrent.ExecutorService;
        public class Registry {
          private static final Map<String, Integer> REGISTRY = new HashMap<>();
          static Map<String, Integer> registry() {
            return %s;
          }
          public static void register(ExecutorService pool, String name) {
            pool.execute(() -> {
        %s      registry().put(name, 1);
            });
          }
        }
        """;
    helper()
        .source("com/acme/Registry.java",
            source.formatted("REGISTRY", "      // BUG: Diagnostic contains: UnguardedSharedWrite\n"))
        .check();
    helper()
        .minConfidence(Confidence.LOW)
        .source("com/acme/Registry.java", source.formatted("new HashMap<>(REGISTRY)", ""))
        .check();
  }

  /**
   * A compareAndSet once-gate: of the callers changing a flag from one constant to another one
   * wins, so the gated code never runs beside another run of itself, from an entry or a task. A
   * reader outside the gate still races with it.
   */
  @Test
  void negative_codeBehindACompareAndSetGate_positive_readOutsideIt() {
    helper()
        .source(
            "com/acme/Pool.java",
            """
            package com.acme;
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.atomic.AtomicBoolean;
            public class Pool {
              private final AtomicBoolean released = new AtomicBoolean(false);
              private final List<String> resources = new ArrayList<>();
              public void release() {
                if (!released.compareAndSet(false, true)) {
                  return;
                }
                // BUG: Diagnostic contains: resources.contains(
                resources.clear();
              }
              public void releaseLater(ExecutorService pool) {
                pool.execute(this::release);
              }
              public boolean holds(String resource) {
                return resources.contains(resource);
              }
            }
            """)
        .check();
  }

  /**
   * A task started past a {@code compareAndSet} once-gate on the object's own flag, which nothing
   * sets back: each object starts it once, so two runs are on two objects and the object's own
   * map is no race ({@code REOPEN} empty). Static state the task touches is every object's, and a
   * gate that some method reopens lets the same object start it again: both race.
   */
  private static String committer(String reopen, String mapMarker, String staticMarker) {
    return """
        package com.acme;
        import java.util.HashMap;
        import java.util.Map;
        import java.util.concurrent.ExecutorService;
        import java.util.concurrent.atomic.AtomicBoolean;
        public class Committer {
          private static int commits;
          private final AtomicBoolean started = new AtomicBoolean(false);
          private final Map<String, String> seen = new HashMap<>();
          private final ExecutorService pool;
          public Committer(ExecutorService pool) {
            this.pool = pool;
          }
          public void commitAsync(String key) {
            if (!started.compareAndSet(false, true)) {
              throw new IllegalStateException("committed");
            }
            pool.submit(() -> {
        MAP_MARKER      seen.put(key, "committed");
        STATIC_MARKER      commits++;
            });
          }
        REOPEN}
        """.replace("REOPEN", reopen).replace("MAP_MARKER", mapMarker)
        .replace("STATIC_MARKER", staticMarker);
  }

  /**
   * A state machine kept by the object's monitor: a {@code synchronized} method whose helper test
   * leaves unless the state is still {@code OPEN}, then moves it on. Nothing but construction
   * makes it {@code OPEN} ({@code REOPEN} empty), so the task after the move is started once per
   * object; a method that makes it {@code OPEN} again lets the same object start it twice.
   */
  private static String transaction(String reopen, String marker) {
    return """
        package com.acme;
        import java.util.HashMap;
        import java.util.Map;
        import java.util.concurrent.ExecutorService;
        public class Transaction {
          enum Status { OPEN, COMMITTING, DONE }
          private Status status = Status.OPEN;
          private final Map<String, String> columns = new HashMap<>();
          private final ExecutorService pool;
          public Transaction(ExecutorService pool) {
            this.pool = pool;
          }
          private void checkIfOpen() {
            if (status != Status.OPEN) {
              throw new IllegalStateException("not open: " + status);
            }
          }
          public synchronized void commitAsync(String key) {
            checkIfOpen();
            status = Status.COMMITTING;
            pool.submit(() -> {
        MARKER      columns.put(key, "committed");
            });
          }
          public synchronized void finished() {
            status = Status.DONE;
          }
        REOPEN}
        """.replace("REOPEN", reopen).replace("MARKER", marker);
  }

  @Test
  void negative_taskStartedPastAStateMachineGateKeptByTheMonitor() {
    helper().source("com/acme/Transaction.java", transaction("", "")).check();
  }

  @Test
  void positive_taskStartedPastAStateMachineGateThatIsReopened() {
    helper()
        .source(
            "com/acme/Transaction.java",
            transaction(
                "  public synchronized void reopen() {\n    status = Status.OPEN;\n  }\n",
                "      // BUG: Diagnostic contains: several runs\n"))
        .check();
  }

  @Test
  void negative_ownStateOfATaskStartedOncePerObject_positive_staticState() {
    helper()
        .source(
            "com/acme/Committer.java",
            committer("", "", "      // BUG: Diagnostic contains: several runs\n"))
        .check();
  }

  @Test
  void positive_ownStateOfATaskPastAGateThatIsReopened() {
    helper()
        .source(
            "com/acme/Committer.java",
            committer(
                "  public void reset() {\n    started.set(false);\n  }\n",
                "      // BUG: Diagnostic contains: several runs\n",
                "      // BUG: Diagnostic contains: several runs\n"))
        .check();
  }

  /**
   * An input stream whose {@code reset()} is {@code synchronized} only because {@code
   * java.io.InputStream} declares it so: the modifier guards nothing the class shares, so it is
   * no vote that the stream's state is locked, and the stream's plain accesses are no
   * inconsistently guarded ones (streams are read by one thread).
   */
  @Test
  void negative_streamWhoseResetCopiesTheJdksSynchronized() {
    RuleTestHelper.allRules()
        .minConfidence(Confidence.LOW)
        .source(
            "com/acme/RangeStream.java",
            """
            package com.acme;
            import java.io.InputStream;
            import java.util.Iterator;
            import java.util.List;
            public class RangeStream extends InputStream {
              private final List<byte[]> pieces;
              private Iterator<byte[]> pieceIterator;
              private byte[] current;
              private int index;
              private int offset;
              private int mark;
              public RangeStream(List<byte[]> pieces) {
                this.pieces = pieces;
                initialize();
              }
              @Override public int read() {
                if (current == null || index == current.length) {
                  return -1;
                }
                return current[index++];
              }
              @Override public void mark(int limit) {
                mark = offset + index;
              }
              @Override public synchronized void reset() throws java.io.IOException {
                initialize();
                skip(mark);
              }
              private void initialize() {
                pieceIterator = pieces.iterator();
                current = pieceIterator.hasNext() ? pieceIterator.next() : null;
                index = 0;
                offset = 0;
              }
            }
            """)
        .check();
  }

  /**
   * A hand-off through a {@code CountDownLatch}: what a task does before {@code countDown()}
   * happens-before what a reader does after {@code await()} returns, so that read is ordered; a
   * reader that does not wait still races with the task.
   */
  @Test
  void negative_readAfterAwaitingTheLatchTheWriterCountsDown_positive_readWithoutWaiting() {
    helper()
        .source(
            "com/acme/Bridge.java",
            """
            package com.acme;
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.CountDownLatch;
            import java.util.concurrent.ExecutorService;
            public class Bridge {
              private final CountDownLatch started = new CountDownLatch(1);
              private final List<String> peers = new ArrayList<>();
              public void start(ExecutorService pool) {
                pool.execute(() -> {
                  // BUG: Diagnostic contains: peers.contains(
                  peers.add("remote");
                  started.countDown();
                });
              }
              public List<String> peerList() throws InterruptedException {
                started.await();
                return new ArrayList<>(peers);
              }
              public boolean knows(String peer) {
                return peers.contains(peer);
              }
            }
            """)
        .check();
  }

  /**
   * The racy single-check idiom on an immutable value: two threads may both compute the name and
   * store equal strings; nothing is lost. The same idiom on a mutable object (a list) is broken
   * lazy initialisation and still races.
   */
  @Test
  void negative_lazyInitOfAnImmutableValue_positive_ofAMutableObject() {
    helper()
        .source(
            "com/acme/Resolver.java",
            """
            package com.acme;
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.ExecutorService;
            public class Resolver {
              private final Object lock = new Object();
              private String name;
              private List<String> aliases;
              public void warm(ExecutorService pool) {
                pool.execute(this::name);
                pool.execute(this::aliases);
              }
              public String name() {
                if (name == null) {
                  name = compute();
                }
                return name;
              }
              public List<String> aliases() {
                if (aliases == null) {
                  // BUG: Diagnostic contains: UnguardedSharedWrite
                  aliases = new ArrayList<>();
                  synchronized (lock) {
                    aliases.add(name());
                  }
                }
                return aliases;
              }
              private static String compute() {
                return "resolver";
              }
            }
            """)
        .check();
  }

  /**
   * The racy single-check idiom on a field of an interface type filled with a fresh object of a
   * class holding only a final string built from a constant (a file-name filter): every thread
   * that fills it makes an equal immutable object, so nothing is lost. Not reported, at any
   * floor. (Blind round 11: a client library's static filter.)
   */
  @Test
  void negative_lazyInitOfAFreshObjectHoldingOnlyFinalValues() {
    helper().minConfidence(Confidence.LOW).source("com/acme/Store.java", lazyFilter("")).check();
  }

  /**
   * The same lazy store of a filter whose suffix field is not final: the object may be seen half
   * built by another thread. Reported.
   */
  @Test
  void positive_lazyInitOfAFreshObjectWithAMutableField() {
    helper()
        .minConfidence(Confidence.LOW)
        .source("com/acme/Store.java",
            lazyFilter("// BUG: Diagnostic contains: UnguardedSharedWrite\n      ")
                .replace("private final String suffix;", "private String suffix;"))
        .check();
  }

  /**
   * The same filter built from a parameter: two threads may fill the field with filters for
   * different suffixes. Reported.
   */
  @Test
  void positive_lazyInitOfAFreshObjectFromAnArgument() {
    helper()
        .minConfidence(Confidence.LOW)
        .source("com/acme/Store.java",
            lazyFilter("// BUG: Diagnostic contains: UnguardedSharedWrite\n      ")
                .replace("new Filter(EXT)", "new Filter(ext)")
                .replace("filter()", "filter(\"x\")")
                .replace("filter(\"x\") {", "filter(String ext) {"))
        .check();
  }

  private static String lazyFilter(String marker) {
    return """
        package com.acme;
        import java.io.File;
        import java.io.FilenameFilter;
        import java.util.concurrent.ExecutorService;
        public class Store {
          private static final String EXT = ".msg";
          private static FilenameFilter filter;
          static final class Filter implements FilenameFilter {
            private final String suffix;
            Filter(String suffix) {
              this.suffix = suffix;
            }
            public boolean accept(File dir, String name) {
              return name.endsWith(suffix);
            }
          }
          private static FilenameFilter filter() {
            if (filter == null) {
              MARKERfilter = new Filter(EXT);
            }
            return filter;
          }
          public void list(ExecutorService pool, File dir) {
            pool.execute(() -> dir.list(filter()));
          }
        }
        """.replace("MARKER", marker);
  }

  @Test
  void positive_threadAssignsPlainFieldThatCallersRead() {
    helper()
        // A field replaced, not updated from its old value: a stale read at worst, low.
        .minConfidence(Confidence.LOW)
        .source(
            "com/acme/Loader.java",
            """
            package com.acme;
            public class Loader {
              private boolean loaded;
              public void loadInBackground() {
                new Thread(() -> {
                  // BUG: Diagnostic contains: loaded
                  loaded = true;
                }).start();
              }
              public boolean isLoaded() {
                return loaded;
              }
            }
            """)
        .check();
  }

  @Test
  void positive_anonymousRunnableAppendsToList() {
    helper()
        .source(
            "com/acme/Collector.java",
            """
            package com.acme;
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.ExecutorService;
            public class Collector {
              private final List<String> seen = new ArrayList<>();
              public void collect(ExecutorService pool, String item) {
                pool.submit(new Runnable() {
                  @Override public void run() {
                    // BUG: Diagnostic contains: UnguardedSharedWrite
                    seen.add(item);
                  }
                });
              }
              public int size() {
                return seen.size();
              }
            }
            """)
        .check();
  }

  @Test
  void negative_concurrentMap() {
    helper()
        .source(
            "com/acme/Stats.java",
            """
            package com.acme;
            import java.util.Map;
            import java.util.concurrent.ConcurrentHashMap;
            import java.util.concurrent.Executor;
            public class Stats {
              private final Map<String, Long> counts = new ConcurrentHashMap<>();
              public void record(Executor executor, String key) {
                executor.execute(() -> counts.merge(key, 1L, Long::sum));
              }
              public Long count(String key) {
                return counts.get(key);
              }
            }
            """)
        .check();
  }

  @Test
  void negative_everyAccessHoldsTheSameLock() {
    helper()
        .source(
            "com/acme/Stats.java",
            """
            package com.acme;
            import java.util.HashMap;
            import java.util.Map;
            import java.util.concurrent.Executor;
            public class Stats {
              private final Object lock = new Object();
              private final Map<String, Long> counts = new HashMap<>();
              public void record(Executor executor, String key) {
                executor.execute(() -> {
                  synchronized (lock) {
                    counts.merge(key, 1L, Long::sum);
                  }
                });
              }
              public Long count(String key) {
                synchronized (lock) {
                  return counts.get(key);
                }
              }
            }
            """)
        .check();
  }

  @Test
  void negative_localContainerNeverShared() {
    helper()
        .source(
            "com/acme/Report.java",
            """
            package com.acme;
            import java.util.ArrayList;
            import java.util.List;
            public class Report {
              public List<String> lines(List<String> items) {
                List<String> out = new ArrayList<>();
                for (String item : items) {
                  out.add("- " + item);
                }
                return out;
              }
            }
            """)
        .check();
  }

  @Test
  void negative_suppressedOnTheMethod() {
    helper()
        .source(
            "com/acme/Loader.java",
            """
            package com.acme;
            public class Loader {
              private boolean loaded;
              @SuppressWarnings("UnguardedSharedWrite")
              public void loadInBackground() {
                new Thread(() -> loaded = true).start();
              }
              public boolean isLoaded() {
                return loaded;
              }
            }
            """)
        .check();
  }

  /**
   * Known limitation (a false positive, blind round 16): a once-gate kept by a field updater's
   * {@code compareAndSet(this, NONE, s)} from a sentinel to the subscription (not a boolean
   * {@code false -> true}) is not read as a once-gate, so the task handed on after it is taken to
   * run several times at once and its check-then-set of {@code state} is reported. Documented in
   * docs/rules.
   */
  @Test
  void limitation_sentinelCompareAndSetOnceGateNotRecognised() {
    helper()
        .source("com/acme/BodySubscriber.java", """
            package com.acme;

            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

            public class BodySubscriber {
              private static final Object NONE = new Object();
              private static final Object DONE = new Object();
              private static final AtomicReferenceFieldUpdater<BodySubscriber, Object> SUBSCRIPTION =
                  AtomicReferenceFieldUpdater.newUpdater(BodySubscriber.class, Object.class, "subscription");
              private volatile Object subscription = NONE;
              private Object state;
              private final ExecutorService pool;

              public BodySubscriber(ExecutorService pool) {
                this.pool = pool;
              }

              public void subscribe(Object s) {
                if (!SUBSCRIPTION.compareAndSet(this, NONE, s)) {
                  return;
                }
                pool.execute(() -> {
                  if (state instanceof Throwable) {
                    // BUG: Diagnostic contains: UnguardedSharedWrite
                    state = DONE;
                  }
                });
              }
            }
            """)
        .check();
  }

  /**
   * Known limitation: a callback handed to an API the models do not know is taken to run on the
   * caller's thread, so a race through it is missed. Documented in docs/rules.
   */
  @Test
  void limitation_callbackToUnknownApiIsAssumedSynchronous() {
    helper()
        .source(
            "com/acme/Registry.java",
            """
            package com.acme;
            import java.util.HashMap;
            import java.util.Map;
            import java.util.function.Consumer;
            public class Registry {
              interface Bus { void subscribe(Consumer<String> listener); }
              private final Map<String, Integer> seen = new HashMap<>();
              public void listen(Bus bus) {
                bus.subscribe(event -> seen.merge(event, 1, Integer::sum));
              }
              public Integer count(String event) {
                return seen.get(event);
              }
            }
            """)
        .check();
  }

  /**
   * Known limitation: a plain field of a class that shows no sign of expecting concurrency is not
   * reported, even when a task of another class writes it. Documented in docs/rules.
   */
  @Test
  void limitation_plainDataClassFieldIsNotReported() {
    helper()
        .source(
            "com/acme/Counter.java",
            """
            package com.acme;
            public class Counter {
              int done;
            }
            """)
        .source(
            "com/acme/Progress.java",
            """
            package com.acme;
            import java.util.concurrent.ExecutorService;
            public class Progress {
              private final Counter counter = new Counter();
              public void start(ExecutorService pool) {
                pool.submit(() -> counter.done = 100);
              }
              public int done() {
                return counter.done;
              }
            }
            """)
        .check();
  }

  @Test
  void positive_writeThroughAGetter() {
    helper()
        .source(
            "com/acme/Sessions.java",
            """
            package com.acme;
            import java.util.HashMap;
            import java.util.Map;
            import java.util.concurrent.ExecutorService;
            public class Sessions {
              private final Map<String, String> byId = new HashMap<>();
              Map<String, String> table() { return byId; }
              public void expireLater(ExecutorService pool, String id) {
                // BUG: Diagnostic contains: UnguardedSharedWrite
                pool.submit(() -> table().remove(id));
              }
              public String find(String id) {
                return byId.get(id);
              }
            }
            """)
        .check();
  }

  @Test
  void positive_taskKeptInAField() {
    helper()
        .source(
            "com/acme/Stats.java",
            """
            package com.acme;
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.ScheduledExecutorService;
            import java.util.concurrent.TimeUnit;
            public class Stats {
              private final List<Long> samples = new ArrayList<>();
              private final Runnable sample = () -> {
                // BUG: Diagnostic contains: UnguardedSharedWrite
                samples.add(System.nanoTime());
              };
              public void start(ScheduledExecutorService timer) {
                timer.scheduleAtFixedRate(sample, 1, 1, TimeUnit.SECONDS);
              }
              public List<Long> copy() {
                return new ArrayList<>(samples);
              }
            }
            """)
        .check();
  }

  @Test
  void negative_forkedTaskJoinedBeforeTheResultIsRead() {
    helper()
        .source(
            "com/acme/SumTask.java",
            """
            package com.acme;
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.RecursiveTask;
            public class SumTask extends RecursiveTask<Long> {
              private final long[] values;
              private final int from;
              private final int to;
              public SumTask(long[] values, int from, int to) {
                this.values = values;
                this.from = from;
                this.to = to;
              }
              @Override protected Long compute() {
                if (to - from < 1000) {
                  long sum = 0;
                  for (int i = from; i < to; i++) {
                    sum += values[i];
                  }
                  return sum;
                }
                int mid = (from + to) / 2;
                SumTask left = new SumTask(values, from, mid);
                left.fork();
                long right = new SumTask(values, mid, to).compute();
                return left.join() + right;
              }
              public static long total(long[] values) {
                List<Long> parts = new ArrayList<>();
                SumTask t = new SumTask(values, 0, values.length);
                t.fork();
                parts.add(t.join());
                return parts.get(0);
              }
            }
            """)
        .check();
  }

  /**
   * {@code @ThreadSafe} speaks for the instances of the class it is on: a helper class nested in
   * it is another class, whose objects the outer one uses under its own lock. Its public methods
   * are not entries any thread may call at any time; the outer class's still are.
   */
  @Test
  void negative_helperNestedInAThreadSafeClass_positive_theClassItself() {
    helper()
        .source(
            "com/acme/Subchannel.java",
            """
            package com.acme;
            import com.google.errorprone.annotations.ThreadSafe;
            @ThreadSafe
            public class Subchannel {
              private final Object lock = new Object();
              private final Index index = new Index();
              private int attempts;
              public void next() {
                synchronized (lock) {
                  index.increment();
                }
              }
              public int position() {
                synchronized (lock) {
                  return index.current();
                }
              }
              public void retry() {
                // BUG: Diagnostic contains: UnguardedSharedWrite
                attempts++;
              }
              static final class Index {
                private int position;
                public void increment() {
                  position++;
                }
                public int current() {
                  return position;
                }
              }
            }
            """)
        .check();
  }

  @Test
  void positive_threadSafeClassUpdatesPlainFieldsFromAnyMethod() {
    helper()
        // A field replaced, not updated from its old value: a stale read at worst, low.
        .minConfidence(Confidence.LOW)
        .source(
            "com/acme/Hits.java",
            """
            package com.acme;
            import com.google.errorprone.annotations.ThreadSafe;
            @ThreadSafe
            public class Hits {
              private int hits;
              private int limit;
              public void setLimit(int limit) {
                // BUG: Diagnostic contains: UnguardedSharedWrite
                this.limit = limit;
              }
              public boolean hit() {
                // BUG: Diagnostic contains: UnguardedSharedWrite
                hits++;
                return hits < limit;
              }
            }
            """)
        .check();
  }

  @Test
  void positive_getOnAnAccessOrderedLinkedHashMapReordersIt() {
    helper()
        .source(
            "com/acme/Lru.java",
            """
            package com.acme;
            import java.util.LinkedHashMap;
            import java.util.Map;
            import java.util.concurrent.ExecutorService;
            public class Lru {
              private final Map<String, String> recent = new LinkedHashMap<>(16, 0.75f, true);
              private final Map<String, String> plain = new LinkedHashMap<>();
              public void warm(ExecutorService pool) {
                pool.submit(() -> {
                  // BUG: Diagnostic contains: UnguardedSharedWrite
                  recent.get("home");
                  plain.get("home");
                });
              }
              public String lookup(String k) {
                plain.get(k);
                // BUG: Diagnostic contains: UnguardedSharedWrite
                return recent.get(k);
              }
            }
            """)
        .check();
  }

  /**
   * Regression from zookeeper 3.9.3: {@code QuorumPeer.createFromConfig} makes one peer thread and
   * an embedded runner makes another (an anonymous subclass); each thread's run() writes its own
   * epoch fields, on two different objects.
   */
  @Test
  void regression_twoThreadObjectsEachWriteTheirOwnFields() {
    helper()
        .source(
            "com/acme/Peer.java",
            """
            package com.acme;
            public class Peer extends Thread {
              private long epoch;
              private boolean loaded;
              @Override public void run() {
                load();
                while (!isInterrupted()) {
                  epoch++;
                }
              }
              private void load() {
                epoch = 1;
                loaded = true;
              }
              public static Peer create() {
                return new Peer();
              }
              public static Peer embedded() {
                return new Peer() {
                  @Override public void start() {
                    super.start();
                  }
                };
              }
            }
            """)
        .check();
  }

  /**
   * A {@code Thread} subclass the program makes but never starts runs no thread of its own: here
   * it is only handed, as a {@code Runnable}, to a one-thread executor, whose one task is the only
   * run of its body (a second {@code start()} of the manager submits nothing). Started, it is a
   * second thread beside the pool's task: the two runs of the body race on the batch, one race
   * reported once (at its first store; the clear is its other end).
   */
  @Test
  void negative_threadObjectNeverStartedButSubmitted_positive_alsoStarted() {
    String code =
        """
        package com.acme;
        import java.util.ArrayList;
        import java.util.List;
        import java.util.concurrent.BlockingQueue;
        import java.util.concurrent.ExecutorService;
        import java.util.concurrent.Executors;
        import java.util.concurrent.LinkedBlockingQueue;
        public class EventManager {
          private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
          private volatile boolean running;
          private Dispatcher dispatcher;
          public void start() {
            if (dispatcher == null) {
              dispatcher = new Dispatcher();
            }
            if (!running) {
              ExecutorService executor = Executors.newSingleThreadExecutor();
              executor.submit(dispatcher);
        %s    }
            running = true;
          }
          public void send(String event) {
            queue.offer(event);
          }
          private class Dispatcher extends Thread {
            private final List<String> batch = new ArrayList<>();
            @Override public void run() {
              while (true) {
                try {
                  String next = queue.take();
        %s          batch.add(next);
                  if (batch.size() > 10) {
        %s            batch.clear();
                  }
                } catch (InterruptedException e) {
                  return;
                }
              }
            }
          }
        }
        """;
    helper()
        .minConfidence(Confidence.LOW)
        .source("com/acme/EventManager.java", code.formatted("", "", ""))
        .check();
    helper()
        .source("com/acme/EventManager.java",
            code.formatted("      dispatcher.start();\n",
                "          // BUG: Diagnostic contains: UnguardedSharedWrite\n", ""))
        .check();
  }

  /**
   * A thread subclass made as a plain {@code Thread} (a local, field, parameter or return typed
   * {@code Thread}) may be what a {@code start()} on a {@code Thread} starts: it is a thread of
   * its own, adding to the outer object's list while callers copy it.
   */
  @Test
  void positive_threadSubclassMadeAsAPlainThreadAndStarted() {
    helper()
        .source(
            "com/acme/Pumps.java",
            """
            package com.acme;
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.ExecutorService;
            public class Pumps {
              private final List<String> seen = new ArrayList<>();
              public void pumpLater(ExecutorService pool) {
                pool.execute(() -> {
                  Thread t = new Pump();
                  t.start();
                });
              }
              private class Pump extends Thread {
                @Override public void run() {
                  // BUG: Diagnostic contains: UnguardedSharedWrite
                  seen.add("x");
                }
              }
              public List<String> snapshot() {
                return new ArrayList<>(seen);
              }
            }
            """)
        .check();
  }

  /**
   * A project collection that holds its own lock around every touch of its state and hands out
   * only copies is a thread-safe container (the all-correct corpus's {@code LockingList}): an
   * owner adding to it without its own lock, which its other methods take, loses nothing. With one
   * method of the collection that skips the lock, it is a plain collection again: that method
   * races with the locked ones, and the owner's unlocked add races with itself.
   */
  @Test
  void negative_projectCollectionLockingItself_positive_oneMethodWithoutTheLock()
      throws java.io.IOException {
    String list;
    try (java.io.InputStream in =
        getClass().getResourceAsStream("/all-correct/com/acme/LockingList.java")) {
      list = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    helper().source("com/acme/LockingList.java", list).check();
    String unlockedAdd =
        list.replace(
                """
                  public boolean add(E e) {
                    lock.writeLock().lock();
                    try {
                      return list.add(e);
                    } finally {
                      lock.writeLock().unlock();
                    }
                  }
                """,
                """
                  public boolean add(E e) {
                    // BUG: Diagnostic contains: UnguardedSharedWrite
                    return list.add(e);
                  }
                """)
            .replace(
                "    public void opened(String id) {\n      open.add(id);",
                "    public void opened(String id) {\n"
                    + "      // BUG: Diagnostic contains: UnguardedSharedWrite\n"
                    + "      open.add(id);");
    org.junit.jupiter.api.Assertions.assertNotEquals(list, unlockedAdd);
    helper().source("com/acme/LockingList.java", unlockedAdd).check();
  }

  /**
   * A thread object runs its body once ({@code Thread.start} throws the second time), so the
   * body's accesses to the thread object's own fields race with code on other threads, never with
   * another run of a thread body: a public watchdog thread class (whose instances code elsewhere
   * may make and start) and a subclass this program makes and starts are two thread objects each
   * checking its own file. The watchdog's static state is shared by every thread and still races.
   */
  @Test
  void negative_threadBodiesOnTheirOwnThreadObjects_positive_staticStateOfTheThreadClass() {
    String watchdog =
        """
        package com.acme;
        import java.io.File;
        public abstract class Watchdog extends Thread {
          protected final String name;
          protected long delay = 60000;
          private long lastModified;
          private boolean warned;
          static int checks;
          protected Watchdog(String name) {
            this.name = name;
            setDaemon(true);
            check();
          }
          protected abstract void onChange();
          protected void check() {
        %s    checks++;
            long l = new File(name).lastModified();
            if (l > lastModified) {
              lastModified = l;
              onChange();
              warned = false;
            } else if (!warned) {
              warned = true;
            }
          }
          @Override public void run() {
            while (true) {
              try {
                Thread.sleep(delay);
              } catch (InterruptedException e) {
                return;
              }
              check();
            }
          }
        }
        """;
    String configurator =
        """
        package com.acme;
        public class Configurator {
          public static void watch(String file) {
            FileWatchdog w = new FileWatchdog(file);
            w.start();
          }
          static class FileWatchdog extends Watchdog {
            FileWatchdog(String name) { super(name); }
            @Override protected void onChange() { System.out.println(name); }
          }
        }
        """;
    helper()
        .minConfidence(Confidence.LOW)
        .source("com/acme/Watchdog.java", watchdog.formatted("").replace("    checks++;\n", ""))
        .source("com/acme/Configurator.java", configurator)
        .check();
    helper()
        .source("com/acme/Watchdog.java",
            watchdog.formatted("    // BUG: Diagnostic contains: checks\n"))
        .source("com/acme/Configurator.java", configurator)
        .check();
  }

  /**
   * Regression from kafka-clients 3.9.0: the network thread reaches a {@code Selector} through
   * the client it holds ({@code this.client.selector.channels}); the Selector's public {@code
   * register}, which nothing in the program calls, is for whoever owns that selector, and the
   * class shows no sign of being called from several threads (no lock, volatile or concurrent
   * field).
   */
  @Test
  void regression_publicApiOfAnObjectHeldInsideAThreadsState() {
    helper().source("com/acme/net/NetworkThread.java", network("")).check();
  }

  /**
   * Regression from kafka-clients 3.9.0: {@code PartitionStates} keeps a volatile {@code size}
   * for readers on other threads, but its map and the rest of its public API are driven by the
   * thread that holds it. A volatile field says that field is shared, not the whole class.
   */
  @Test
  void regression_volatileFieldDoesNotMakeEveryPublicMethodShared() {
    helper()
        .source(
            "com/acme/net/NetworkThread.java",
            network("  private volatile int size;\n  public int size() {\n    return size;\n  }\n"))
        .check();
  }

  /**
   * The same shape, but the held class guards some of its state with a lock: it says its public
   * methods run on several threads, so its unguarded map is a race.
   */
  @Test
  void positive_publicApiOfAConcurrentClassHeldInsideAThreadsState() {
    helper()
        .source(
            "com/acme/net/NetworkThread.java",
            network("  public synchronized void wakeup() {\n    wakeups++;\n  }\n")
                .replace(
                    "  public void register",
                    "  private int wakeups;\n  public void register")
                .replace(
                    "    channels.put(",
                    "    // BUG: Diagnostic contains: UnguardedSharedWrite\n    channels.put(")
                .replace(
                    "  channels.remove(",
                    "  // BUG: Diagnostic contains: UnguardedSharedWrite\n    channels.remove("))
        .check();
  }

  /**
   * Regression from kafka-clients 3.9.0: {@code fetchAcknowledgementsMap.merge(tip, acks,
   * Acknowledgements::merge)} on the network thread runs {@code merge} on whichever two values the
   * map holds, not on a shared {@code Acknowledgements}; the public {@code get} of some other
   * instance does not race with it.
   */
  @Test
  void regression_unboundMethodReferenceRunsOnAnUnknownReceiver() {
    helper()
        .source(
            "com/acme/Acks.java",
            """
            package com.acme;
            import java.util.HashMap;
            import java.util.Map;
            public class Acks {
              private final Map<Long, String> byOffset = new HashMap<>();
              public String get(long offset) {
                return byOffset.get(offset);
              }
              public Acks merge(Acks other) {
                byOffset.putAll(other.byOffset);
                return this;
              }
            }
            class Fetcher {
              private final Map<String, Acks> pending = new HashMap<>();
              private final Map<String, Acks> incoming = new HashMap<>();
              public void start() {
                new Thread(() -> incoming.forEach((k, v) -> pending.merge(k, v, Acks::merge)))
                    .start();
              }
            }
            """)
        .check();
  }

  /**
   * Regression from zookeeper 3.9.3: the embedded server starts {@code mainsingle.runFromConfig}
   * on one thread or {@code maincluster.runFromConfig} on another; each configures the connection
   * factory it holds ({@code this.mainsingle.cnxnFactory} against {@code
   * this.maincluster.quorumPeer.cnxnFactory}). Objects reached through two different fields of
   * one object are two objects.
   */
  @Test
  void regression_objectsHeldThroughDifferentFieldsAreDistinct() {
    helper()
        .source(
            "com/acme/Embedded.java",
            """
            package com.acme;
            class Factory {
              private final Object lock = new Object();
              private int served;
              private int open;
              void serve() {
                served++;
                synchronized (lock) {
                  open++;
                }
              }
            }
            class Single {
              Factory factory;
              void run() {
                factory.serve();
              }
            }
            class Cluster {
              Factory factory;
              void run() {
                factory.serve();
              }
            }
            public class Embedded {
              private final Single single = new Single();
              private final Cluster cluster = new Cluster();
              public void start(boolean distributed) {
                if (distributed) {
                  new Thread(() -> cluster.run()).start();
                } else {
                  new Thread(() -> single.run()).start();
                }
              }
            }
            """)
        .check();
  }

  /**
   * Regression from zookeeper 3.9.3: {@code WorkerService.schedule} wraps each request in a fresh
   * {@code ScheduledWorkRequest} and, with no worker threads configured, runs it inline on the
   * selector thread. Run inline, the task object is that call's own, not the one instance a pool
   * thread runs; each connection is worked by one task at a time.
   */
  @Test
  void regression_freshTaskRunInlineIsTheCallersOwn() {
    helper()
        .source(
            "com/acme/WorkerService.java",
            """
            package com.acme;
            import java.util.concurrent.ExecutorService;
            class Connection {
              private final Object lock = new Object();
              private int reads;
              private boolean closed;
              void doWork() {
                reads++;
              }
              void close() {
                synchronized (lock) {
                  closed = true;
                }
              }
            }
            class WorkRequest {
              final Connection cnxn = new Connection();
            }
            public class WorkerService {
              private final ExecutorService pool;
              private final boolean inline;
              public WorkerService(ExecutorService pool, boolean inline) {
                this.pool = pool;
                this.inline = inline;
              }
              void schedule(WorkRequest r) {
                Task t = new Task(r);
                if (inline) {
                  t.run();
                } else {
                  pool.execute(t);
                }
              }
              class Task implements Runnable {
                private final WorkRequest request;
                Task(WorkRequest request) {
                  this.request = request;
                }
                @Override public void run() {
                  request.cnxn.doWork();
                }
              }
            }
            class SelectorThread extends Thread {
              private final WorkerService workers;
              SelectorThread(WorkerService workers) {
                this.workers = workers;
              }
              @Override public void run() {
                while (!isInterrupted()) {
                  workers.schedule(new WorkRequest());
                }
              }
              public static void startAll(WorkerService workers, int n) {
                for (int i = 0; i < n; i++) {
                  new SelectorThread(workers).start();
                }
              }
            }
            """)
        .check();
  }

  /**
   * A builder that keeps the driver it builds in a private field holding a fresh driver, fills
   * it in its {@code with…} methods and hands it out only by returning it from {@code build()}:
   * no other code has the driver before {@code build()} returns, so the builder's stores come
   * before the driver's own tasks, which {@code start()} on the built driver begins. Not
   * reported. A builder made around an existing driver (which may be running) changes a shared
   * object: reported (low: the task only reads a stale count at worst).
   */
  @Test
  void negative_builderFillsTheProductItHolds_positive_builderOfAnExistingObject() {
    helper().minConfidence(Confidence.LOW)
        .source("com/acme/Driver.java", driverBuilder("new Driver()", "")).check();
    helper().minConfidence(Confidence.LOW)
        .source("com/acme/Driver.java", driverBuilder("existing",
            "      // BUG: Diagnostic contains: driver.threads\n"))
        .check();
  }

  /**
   * A load driver with a nested builder whose product field starts as {@code product}
   * ({@code existing} names a constructor parameter); {@code marker} goes before the builder's
   * store of the thread count, which the driver's scheduled task reads.
   */
  private static String driverBuilder(String product, String marker) {
    return """
        package com.acme;
        import java.util.concurrent.Executors;
        import java.util.concurrent.ScheduledExecutorService;
        import java.util.concurrent.TimeUnit;
        public class Driver {
          private int threads;
          private long rate;
          private ScheduledExecutorService executor;
          public void start() {
            executor.scheduleAtFixedRate(new Runnable() {
              @Override public void run() {
                rate = rate / threads + 1;
              }
            }, 1, 1, TimeUnit.SECONDS);
          }
          public static class Builder {
            private Driver driver;
            public Builder(Driver existing) {
              driver = PRODUCT;
            }
            public Builder withThreads(int n) {
        MARKER      driver.threads = n;
              return this;
            }
            public Driver build() {
              driver.executor = Executors.newScheduledThreadPool(driver.threads);
              return driver;
            }
          }
        }
        """.replace("PRODUCT", product).replace("MARKER", marker);
  }

  /**
   * Tasks their starting method waits for before it returns (a fork and join inside one call) run
   * only during that call: against another public method, they overlap only if the two calls do,
   * and nothing shows they do, so the pair has the starter's evidence (implied), not a task's:
   * low, below the default floor, but still there at {@code low}. Tasks that outlive the call
   * (no wait) keep a task's evidence: reported. And the tasks of one call against each other are
   * spawned on both sides: reported high.
   */
  @Test
  void negative_tasksJoinedInTheirCallAgainstAnotherEntry_positive_notJoined_positive_siblings() {
    helper().source("com/acme/History.java", history(true, "", "")).check();
    helper().minConfidence(Confidence.LOW)
        .source("com/acme/History.java",
            history(true, "    // BUG: Diagnostic contains: states.add\n", "")).check();
    helper()
        .source("com/acme/History.java",
            history(false, "    // BUG: Diagnostic contains: states.add\n", "")).check();
    helper()
        .source("com/acme/History.java", history(true, "",
            "          // BUG: Diagnostic contains: several runs of it\n"
                + "          seen.add(t);\n"))
        .check();
  }

  /**
   * One task, started once per call and waited for before the call returns, meets another run
   * of itself only when two calls of its starter overlap, which nothing shows: its self-race has
   * the starter's evidence, below the default floor. Started in a loop, one call runs several
   * copies at once: reported.
   */
  @Test
  void negative_oneScopedTaskPerCall_positive_severalPerCall() {
    helper().source("com/acme/Prepare.java", prepare(1, "")).check();
    helper()
        .source("com/acme/Prepare.java",
            prepare(4, "          // BUG: Diagnostic contains: `mapped.contains(…)` reads it at the same time\n"))
        .check();
  }

  /**
   * A diff that prepares a mapping on {@code copies} pool tasks (one, or a loop starting that
   * many) and waits for them; {@code marker} goes before the tasks' store into the shared list.
   */
  private static String prepare(int copies, String marker) {
    return """
        package com.acme;
        import java.util.ArrayList;
        import java.util.List;
        import java.util.concurrent.ExecutorService;
        import java.util.concurrent.Executors;
        import java.util.concurrent.TimeUnit;
        public class Prepare {
          private final List<String> mapped = new ArrayList<>();
          public void prepare(List<String> types) throws InterruptedException {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            LOOP{
              pool.execute(() -> {
                for (String t : types) {
                  if (!mapped.contains(t)) {
        MARKER          mapped.add(t);
                  }
                }
              });
            }
            pool.shutdown();
            pool.awaitTermination(1, TimeUnit.HOURS);
          }
        }
        """.replace("LOOP", copies == 1 ? "" : "for (int i = 0; i < " + copies + "; i++) ")
        .replace("MARKER", marker);
  }

  /**
   * A history that remaps its states on a pool of tasks in {@code remapAll()}, waiting for them
   * when {@code joined}; {@code addMarker} goes before the other public method's change of the
   * list the tasks read, {@code inTask} into the tasks' loop.
   */
  private static String history(boolean joined, String addMarker, String inTask) {
    return """
        package com.acme;
        import java.util.ArrayList;
        import java.util.List;
        import java.util.concurrent.ExecutorService;
        import java.util.concurrent.Executors;
        import java.util.concurrent.TimeUnit;
        public class History {
          private final List<String> states = new ArrayList<>();
          private final List<Integer> seen = new ArrayList<>();
          private final ExecutorService pool = Executors.newFixedThreadPool(4);
          public void remapAll() throws InterruptedException {
            ExecutorService workers = WORKERS;
            for (int i = 0; i < 4; i++) {
              final int first = i;
              workers.execute(() -> {
                for (int t = first; t < states.size(); t += 4) {
        IN_TASK          System.out.println(states.get(t));
                }
              });
            }
        WAIT  }
          public void add(String state) {
        ADD_MARKER    states.add(0, state);
          }
        }
        """.replace("WORKERS", joined ? "Executors.newFixedThreadPool(4)" : "pool")
        .replace("WAIT", joined
            ? "    workers.shutdown();\n    workers.awaitTermination(1, TimeUnit.HOURS);\n" : "")
        .replace("ADD_MARKER", addMarker).replace("IN_TASK", inTask);
  }

  /**
   * Two daemons made from one private abstract {@code Thread} subclass, each an anonymous
   * subclass whose {@code doRun()} the inherited {@code run()} calls: the cleanup daemon runs
   * only its own {@code doRun()} (the object's class is known where it is started), so the
   * snapshot's check-then-set of {@code lastSnapshotTime} runs on one thread; and as only this
   * file can make such a daemon, no daemon started elsewhere runs it either (the start method's
   * read before the starts is ordered ahead of both threads). When both daemons take snapshots,
   * the two threads race: reported (the paths are {@code TracesTest}'s).
   */
  @Test
  void negative_eachAnonymousDaemonRunsItsOwnDoRun_positive_bothTakeSnapshots() {
    helper().source("com/acme/TxManager.java", daemons("cleanup();")).minConfidence(Confidence.LOW)
        .check();
    helper()
        .source("com/acme/TxManager.java", daemons("cleanup();\n        snapshot();"))
        .check();
  }

  /**
   * A manager whose start method reads the snapshot time, then starts a cleanup daemon (whose
   * {@code doRun()} is {@code CLEANUP}) and a snapshot daemon; a finding is marked at the
   * snapshot's store when the cleanup daemon takes snapshots too.
   */
  private static String daemons(String cleanup) {
    String marker = cleanup.contains("snapshot")
        ? "      // BUG: Diagnostic contains: lastSnapshotTime\n" : "";
    return """
        package com.acme;
        import java.util.concurrent.atomic.AtomicBoolean;
        public class TxManager {
          private long lastSnapshotTime;
          private long cleanups;
          private Daemon cleanupThread;
          private Daemon snapshotThread;
          public synchronized void start() {
            restore();
            cleanupThread = new Daemon() {
              @Override
              void doRun() {
                CLEANUP
              }
            };
            cleanupThread.start();
            snapshotThread = new Daemon() {
              @Override
              void doRun() {
                snapshot();
              }
            };
            snapshotThread.start();
          }
          private synchronized void restore() {
            if (lastSnapshotTime == 0) {
              System.out.println("fresh");
            }
          }
          private void cleanup() {
            synchronized (this) {
              cleanups++;
            }
          }
          private void snapshot() {
            long now = System.currentTimeMillis();
            if (lastSnapshotTime < now - 1000) {
        MARKER      lastSnapshotTime = now;
            }
          }
          public void stop() {
            cleanupThread.shutdown();
            snapshotThread.shutdown();
          }
          private abstract static class Daemon extends Thread {
            private final AtomicBoolean stopped = new AtomicBoolean();
            @Override
            public void run() {
              while (!stopped.get()) {
                doRun();
              }
            }
            abstract void doRun();
            void shutdown() {
              stopped.set(true);
            }
          }
        }
        """.replace("CLEANUP", cleanup).replace("MARKER", marker);
  }

  /**
   * Regression from zookeeper 3.9.3: the client's send thread drives whichever {@code
   * ClientCnxnSocket} it holds; the NIO socket's own code and the Netty socket's handler both
   * touch the inherited {@code incomingBuffer}, but an object that is a {@code
   * ClientCnxnSocketNIO} is never a {@code ClientCnxnSocketNetty}: the two fields are in two
   * different objects.
   */
  @Test
  void regression_fieldsOfSiblingClassesAreInDifferentObjects() {
    helper()
        .source(
            "com/acme/SendThread.java",
            """
            package com.acme;
            import java.nio.ByteBuffer;
            abstract class Socket {
              protected ByteBuffer incoming = ByteBuffer.allocate(4);
              abstract void doTransport();
              synchronized void wakeup() {
                notifyAll();
              }
            }
            class NioSocket extends Socket {
              @Override void doTransport() {
                if (!incoming.hasRemaining()) {
                  incoming = ByteBuffer.allocate(8);
                }
              }
            }
            class NettySocket extends Socket {
              @Override void doTransport() {
                wakeup();
              }
              class Handler {
                public void channelRead(ByteBuffer buf) {
                  incoming = buf;
                }
              }
            }
            public class SendThread extends Thread {
              private final Socket socket;
              SendThread(Socket socket) {
                this.socket = socket;
              }
              @Override public void run() {
                while (!isInterrupted()) {
                  socket.doTransport();
                }
              }
              public static void begin(Socket socket) {
                new SendThread(socket).start();
              }
            }
            """)
        .check();
  }

  /**
   * A cleaner whose threads call the processor it holds; {@code made} is the processor {@code
   * begin()} hands it. The cleaner also has a public overload nothing here calls.
   */
  private static String cleaner(String made, String marker) {
    return """
        package com.acme;
        import java.util.concurrent.LinkedBlockingQueue;
        interface Processor {
          void process(String r);
        }
        class FinalProcessor implements Processor {
          private int served;
          public void process(String r) {
        %s    served++;
          }
        }
        class QueueingProcessor implements Processor {
          private final LinkedBlockingQueue<String> queue = new LinkedBlockingQueue<>();
          public void process(String r) {
            queue.add(r);
          }
        }
        public class Cleaner {
          private final Processor next;
          private final int period;
          public Cleaner(Processor next) {
            this(next, 60);
          }
          Cleaner(Processor next, int period) {
            this.next = next;
            this.period = period;
          }
          public void start(int n) {
            for (int i = 0; i < n; i++) {
              new Thread(() -> next.process("expired")).start();
            }
          }
          public static void begin() {
            Processor first = new %s();
            new Cleaner(first, 30).start(4);
          }
        }
        """
        .formatted(marker, made);
  }

  /**
   * Regression from zookeeper 3.9.3: the container manager's timer calls {@code
   * requestProcessor.processRequest(…)}, and every processor the program stores there only queues
   * the request; class-hierarchy dispatch also ran {@code FinalRequestProcessor}, which no such
   * field holds. (The public overload nothing calls cannot have built this cleaner.)
   */
  @Test
  void regression_callThroughFieldRunsOnlyTheClassesStoredInIt() {
    helper().source("com/acme/Cleaner.java", cleaner("QueueingProcessor", "")).check();
  }

  @Test
  void callThroughFieldRunsTheClassStoredInIt() {
    helper()
        .source(
            "com/acme/Cleaner.java",
            cleaner("FinalProcessor", "    // BUG: Diagnostic contains: UnguardedSharedWrite\n"))
        .check();
  }

  /**
   * Regression from kafka-clients 3.9.0: a client's response runs the completion callback it was
   * given; class-hierarchy dispatch guessed the producer's transaction handlers, and took their
   * enclosing {@code TransactionManager} to be the one instance every caller shares, so any
   * thread polling any client raced with the producer's own.
   */
  @Test
  void regression_guessedCallbackBelongsToAnUnknownOuterObject() {
    helper()
        .source(
            "com/acme/TxnManager.java",
            """
            package com.acme;
            interface Callback {
              void onComplete(String response);
            }
            class Response {
              private final Callback callback;
              Response(Callback callback) {
                this.callback = callback;
              }
              void complete() {
                callback.onComplete("ok");
              }
            }
            class Client {
              void poll(Callback cb) {
                new Response(cb).complete();
              }
            }
            final class ClientUtils {
              public static void sendAndReceive(Client client, Callback cb) {
                client.poll(cb);
              }
            }
            public class TxnManager {
              private int inFlight;
              public synchronized void begin() {
                inFlight = 1;
              }
              class Handler implements Callback {
                @Override public void onComplete(String response) {
                  inFlight = 0;
                }
              }
            }
            """)
        .check();
  }

  /** An inner object held by an object of its outer's own kind is that object's (netty). */
  @Test
  void innerObjectHeldByItsOuterKindIsThatObjects() {
    helper()
        // A field replaced, not updated from its old value: a stale read at worst, low.
        .minConfidence(Confidence.LOW)
        .source(
            "com/acme/NioChannel.java",
            """
            package com.acme;
            abstract class Channel {
              interface Unsafe {
                void register();
              }
              protected final Unsafe unsafe = newUnsafe();
              protected abstract Unsafe newUnsafe();
              public void register() {
                unsafe.register();
              }
            }
            public class NioChannel extends Channel {
              private boolean registered;
              @Override protected Unsafe newUnsafe() {
                return new NioUnsafe();
              }
              public synchronized boolean isRegistered() {
                return registered;
              }
              public synchronized void deregister() {
                registered = false;
              }
              class NioUnsafe implements Unsafe {
                @Override public void register() {
                  // BUG: Diagnostic contains: UnguardedSharedWrite
                  registered = true;
                }
              }
            }
            """)
        .check();
  }

  /**
   * Regression from kafka-clients 3.9.0: {@code KafkaConsumer.poll()} calls {@code
   * delegate.poll()} on a {@code ConsumerDelegate}, a sub-interface of the {@code Consumer} it
   * implements itself. The call can only run implementations of {@code ConsumerDelegate}; counting
   * the wrapper's own method among its targets made it "called", so the consumer's whole public
   * API was no entry and the races behind it went unreported.
   */
  @Test
  void regression_delegateCallThroughSubInterfaceLeavesTheWrapperAnEntry() {
    helper()
        .source(
            "com/acme/Wrapper.java",
            """
            package com.acme;
            import java.util.HashMap;
            import java.util.Map;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            interface Api {
              void put(String k);
            }
            interface Impl extends Api {}
            public class Wrapper implements Api {
              private final Impl delegate = new Store();
              @Override public void put(String k) {
                delegate.put(k);
              }
            }
            class Store implements Impl {
              private final Map<String, String> map = new HashMap<>();
              private final ExecutorService pool = Executors.newSingleThreadExecutor();
              Store() {
                pool.execute(() -> {
                  // BUG: Diagnostic contains: UnguardedSharedWrite
                  map.clear();
                });
              }
              @Override public void put(String k) {
                // The other write of the race reported once, at map.clear().
                map.put(k, k);
              }
            }
            """)
        .check();
  }

  /** A class that locks most accesses to {@code offset}, declared (or not) not thread-safe. */
  private static String mock(String declaration, String marker) {
    return """
        package com.acme;
        import java.util.concurrent.ExecutorService;
        import java.util.concurrent.Executors;
        @interface NotThreadSafe {}
        %s
        public class MockConsumer {
          private long offset;
          private long polls;
          private final ExecutorService pool = Executors.newSingleThreadExecutor();
          public synchronized void seek(long o) {
            offset = o;
          }
          public synchronized long position() {
            return offset;
          }
          public void rewind() {
        %s    offset = 0;
          }
          public void pollLater() {
            pool.execute(() -> {
              // BUG: Diagnostic contains: UnguardedSharedWrite
              polls++;
            });
          }
          public long polls() {
            return polls;
          }
        }
        """
        .formatted(declaration, marker);
  }

  @Test
  void inconsistentLockingBetweenCallersOfAnUndeclaredClassIsReported() {
    helper()
        .minConfidence(Confidence.LOW)
        .source("com/acme/MockConsumer.java",
            mock("/** A mock for tests. */", "    // BUG: Diagnostic contains: UnguardedSharedWrite\n"))
        .check();
  }

  /**
   * Regression from kafka-clients 3.9.0: {@code MockConsumer} locks most of its methods but says
   * in its doc comment that it is "<i> not threadsafe </i>": callers that call it from two
   * threads at once break its contract, so its unlocked methods do not race with its locked ones.
   * Its own task still races with its callers.
   */
  @Test
  void regression_classDocumentedNotThreadSafeHasNoRacingCallers() {
    helper()
        .minConfidence(Confidence.LOW)
        .source("com/acme/MockConsumer.java",
            mock("/**\n * A mock for tests. This class is <i> not\n * threadsafe </i>.\n */", ""))
        .check();
  }

  @Test
  void classAnnotatedNotThreadSafeHasNoRacingCallers() {
    helper()
        .minConfidence(Confidence.LOW).source("com/acme/MockConsumer.java", mock("@NotThreadSafe", "")).check();
  }

  /** A reporter that locks, with a test hook carrying {@code annotation} (or none). */
  private static String reporter(String annotation, String marker) {
    return """
        package com.acme;
        @interface VisibleForTesting {}
        public class Reporter {
          private int state;
          public synchronized void update(int s) {
            state = s;
          }
          %s
          void forceState(int s) {
        %s    state += s;
          }
        }
        """
        .formatted(annotation, marker);
  }

  /**
   * A helper that fills a static field only when its {@code create} parameter is true ({@code if
   * (single == null && create) single = …}), called with {@code CREATE} from a task and with
   * {@code true} under the class's lock: a call with the constant {@code false} never reaches the
   * store.
   */
  private static String stacks(String create, String marker) {
    return """
        package com.acme;
        import java.util.concurrent.ExecutorService;
        public class Stacks {
          private static Holder single;
          static final class Holder {}
          private static Holder current(boolean create) {
            if (single == null && create) {
        MARKER      single = new Holder();
            }
            return single;
          }
          public static synchronized void configure() {
            current(true);
          }
          public static Object property() {
            return current(CREATE);
          }
          public static void watch(ExecutorService pool) {
            pool.submit(Stacks::property);
          }
        }
        """.replace("CREATE", create).replace("MARKER", marker);
  }

  /** The task's call passes {@code false}: the store is not on its path. */
  @Test
  void negative_storeBehindAParameterTheCallPassesAsFalse() {
    helper().source("com/acme/Stacks.java", stacks("false", "")).check();
  }

  /** The task's call passes {@code true}: it stores without the lock. */
  @Test
  void positive_storeBehindAParameterTheCallPassesAsTrue() {
    helper()
        .source(
            "com/acme/Stacks.java",
            stacks("true", "      // BUG: Diagnostic contains: UnguardedSharedWrite\n"))
        .check();
  }

  /**
   * A field the class fills with a concurrent map, which a public method also lets a caller
   * replace ({@code open(endpoints)}): every analysed call of that method passes a concurrent
   * map ({@code MADE}), so the field holds one and its traversal with removals races with nothing;
   * a call passing a plain map makes the field a plain map.
   */
  private static String sessionPool(String made) {
    return """
        package com.acme;
        import java.util.HashMap;
        import java.util.concurrent.ConcurrentHashMap;
        public class SessionPool {
          public Session make() {
            Session s = new Session();
            s.open(MADE);
            return s;
          }
        }
        """.replace("MADE", made);
  }

  private static final String OPENED_SESSION =
            """
            package com.acme;
            import java.util.Iterator;
            import java.util.Map;
            import java.util.concurrent.ConcurrentHashMap;
            import java.util.concurrent.ExecutorService;
            public class Session {
              private volatile Map<String, String> endpoints = new ConcurrentHashMap<>();
              public synchronized void open(Map<String, String> endpoints) {
                this.endpoints = endpoints;
              }
              public void redirect(String key, String endpoint) {
                endpoints.put(key, endpoint);
              }
              public void removeBroken(ExecutorService pool, String endpoint) {
                pool.submit(() -> {
                  for (Iterator<Map.Entry<String, String>> it = endpoints.entrySet().iterator(); it.hasNext(); ) {
                    if (it.next().getValue().equals(endpoint)) {
                      it.remove();
                    }
                  }
                });
              }
            }
            """;

  @Test
  void negative_fieldReplacedThroughAMethodEveryCallOfWhichPassesAConcurrentMap() {
    helper()
        .source("com/acme/Session.java", OPENED_SESSION)
        .source("com/acme/SessionPool.java", sessionPool("new ConcurrentHashMap<>()"))
        .check();
  }

  @Test
  void positive_fieldReplacedThroughAMethodACallOfWhichPassesAPlainMap() {
    helper()
        .source(
            "com/acme/Session.java",
            OPENED_SESSION
                .replace(
                    "    endpoints.put(key, endpoint);",
                    "    // BUG: Diagnostic contains: UnguardedSharedWrite\n"
                        + "    endpoints.put(key, endpoint);")
                .replace(
                    "          it.remove();",
                    "          // BUG: Diagnostic contains: `endpoints` (through an iterator)\n"
                        + "          it.remove();"))
        .source("com/acme/SessionPool.java", sessionPool("new HashMap<>()"))
        .check();
  }

  /**
   * A flag local that says the lock is held ({@code locked = true} right after {@code
   * lock.lock()}) and is {@code false} on the other paths into a {@code catch}: there {@code if
   * (!locked) lock.lock();} leaves the lock held whichever path came in, so the clean-up after it
   * is guarded ({@code CATCH} takes the lock so); without it, the clean-up races.
   */
  private static String compactor(String relock, String marker) {
    return """
        package com.acme;
        import java.util.ArrayList;
        import java.util.List;
        import java.util.concurrent.ExecutorService;
        import java.util.concurrent.locks.ReentrantLock;
        public class Compactor {
          private final ReentrantLock lock = new ReentrantLock();
          private final List<String> compacting = new ArrayList<>();
          public void compact(ExecutorService pool, List<String> files) {
            pool.submit(() -> run(files));
          }
          private void run(List<String> files) {
            lock.lock();
            try {
              compacting.addAll(files);
            } finally {
              lock.unlock();
            }
            boolean locked = false;
            try {
              merge(files);
              lock.lock();
              locked = true;
              compacting.removeAll(files);
            } catch (RuntimeException e) {
        RELOCK
        MARKER      compacting.removeAll(files);
              throw e;
            } finally {
              if (locked) {
                lock.unlock();
              }
            }
          }
          private void merge(List<String> files) {
            if (files.isEmpty()) {
              throw new IllegalStateException("nothing to merge");
            }
          }
        }
        """.replace("RELOCK", relock).replace("MARKER", marker);
  }

  @Test
  void negative_cleanUpAfterAFlagSaysTheLockIsHeldOnEveryPath() {
    helper()
        .source(
            "com/acme/Compactor.java",
            compactor(
                "      if (!locked) {\n        lock.lock();\n        locked = true;\n      }", ""))
        .check();
  }

  @Test
  void positive_cleanUpWithoutTakingTheLockInTheCatch() {
    helper()
        .source(
            "com/acme/Compactor.java",
            compactor("", "      // BUG: Diagnostic contains: UnguardedSharedWrite\n"))
        .check();
  }

  /**
   * A field given a constructor's parameter ({@code this.consumers = requireNonNull(consumers)})
   * holds what every call of that constructor passes: here the public constructor's {@code
   * this(…)} with {@code MADE}. A concurrent set is thread-safe (nothing to report); a plain one
   * races.
   */
  private static String handedInSession(String made, String marker) {
    return """
        package com.acme;
        import java.util.Collections;
        import java.util.HashSet;
        import java.util.Objects;
        import java.util.Set;
        import java.util.concurrent.ConcurrentHashMap;
        import java.util.concurrent.ExecutorService;
        public class Session {
          private final Set<String> consumers;
          public Session() {
            this(MADE);
          }
          Session(Set<String> consumers) {
            this.consumers = Objects.requireNonNull(consumers, "consumers");
          }
          public void create(String consumer) {
        MARKER    consumers.add(consumer);
          }
          public void closeLater(ExecutorService pool, String consumer) {
            pool.submit(() -> consumers.remove(consumer));
          }
        }
        """.replace("MADE", made).replace("MARKER", marker);
  }

  @Test
  void negative_fieldGivenAConstructorParameterThatEveryCallPassesConcurrent() {
    helper()
        .source(
            "com/acme/Session.java",
            handedInSession("Collections.newSetFromMap(new ConcurrentHashMap<>())", ""))
        .check();
  }

  @Test
  void positive_fieldGivenAConstructorParameterThatACallPassesPlain() {
    helper()
        .source(
            "com/acme/Session.java",
            handedInSession(
                "new HashSet<>()", "    // BUG: Diagnostic contains: UnguardedSharedWrite\n"))
        .check();
  }

  /**
   * A field filled by a project's factory method that returns a synchronized wrapper holds that
   * wrapper: puts and removes from tasks each hold its monitor, so they do not race (traversals
   * without the lock are {@code SynchronizedCollectionIteration}'s).
   */
  @Test
  void negative_synchronizedWrapperFromAProjectFactory() {
    RuleTestHelper.allRules()
        .source("com/acme/util/Maps.java", SynchronizedCollectionIterationTest.MAPS)
        .source(
            "com/acme/Declarations.java",
            """
            package com.acme;
            import com.acme.util.Maps;
            import java.util.Map;
            import java.util.concurrent.ExecutorService;
            public class Declarations {
              final Map<String, String> declarations = Maps.synchronizedLinkedMap();
              public void declare(ExecutorService pool, String name, String spec) {
                pool.submit(() -> declarations.put(name, spec));
              }
              public void forget(ExecutorService pool, String name) {
                pool.submit(() -> declarations.remove(name));
              }
            }
            """)
        .check();
  }

  /**
   * A service that runs itself on a plain {@code Thread} kept in a field ({@code runner = new
   * Thread(this); runner.start()}), and whose {@code stop()} joins that thread: once a call of
   * {@code stop()} has returned, the thread has ended, so {@code shutdown()}'s clear after it
   * cannot meet the thread's adds ({@code ORDER} is the body of {@code shutdown()}).
   */
  private static String discovery(String order, String marker) {
    return """
        package com.acme;
        import java.util.ArrayList;
        import java.util.List;
        import java.util.concurrent.atomic.AtomicBoolean;
        public class Discovery implements Runnable {
          private final List<String> devices = new ArrayList<>();
          private final AtomicBoolean running = new AtomicBoolean(false);
          private Thread runner;
          public void start() {
            if (!running.compareAndSet(false, true)) {
              return;
            }
            runner = new Thread(this, "discovery");
            runner.setDaemon(true);
            runner.start();
          }
          public void stop() {
            if (!running.compareAndSet(true, false)) {
              return;
            }
            try {
              runner.join();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            runner = null;
          }
          @Override public void run() {
            do {
              scan();
            } while (running.get());
          }
          private void scan() {
        MARKER    devices.add("device");
          }
          public void shutdown() {
        ORDER  }
        }
        """.replace("ORDER", order).replace("MARKER", marker);
  }

  /**
   * An object that hands itself to a pool ({@code pool.submit(this)}) is a task of its own
   * {@code run()}, on that very object: its run races with the object's other methods (the add
   * against {@code reset()}'s clear). It is one activity, run once at a time like a thread
   * object's body, so its run is not paired with another run of itself ({@code runs++}).
   */
  @Test
  void objectSubmittingItselfRacesWithItsMethods_notWithAnotherRunOfItself() {
    helper()
        .source(
            "com/acme/Receiver.java",
            """
            package com.acme;
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.ExecutorService;
            public class Receiver implements Runnable {
              private int runs;
              private final List<String> inbox = new ArrayList<>();
              public void receive(ExecutorService pool) {
                pool.submit(this);
              }
              @Override public void run() {
                runs++;
                // BUG: Diagnostic contains: inbox.clear()
                inbox.add("message");
              }
              public void reset() {
                inbox.clear();
              }
            }
            """)
        .check();
  }

  /** The clear after {@code stop()} joined the field's thread: ordered, nothing to report. */
  @Test
  void negative_accessAfterACallThatJoinsAPlainThreadKeptInAField() {
    helper()
        .source("com/acme/Discovery.java", discovery("    stop();\n    devices.clear();\n", ""))
        .check();
  }

  /**
   * The clear before {@code stop()}: the thread may still be adding (reported at its add, the
   * clear the other access). Also: an object handing itself to {@code new Thread(this)} is a task
   * of its own {@code run()}.
   */
  @Test
  void positive_accessBeforeACallThatJoinsAPlainThreadKeptInAField() {
    helper()
        .source(
            "com/acme/Discovery.java",
            discovery(
                "    devices.clear();\n    stop();\n",
                "    // BUG: Diagnostic contains: devices.clear()\n"))
        .check();
  }

  /**
   * Regression from kafka-clients 3.9.0 and zookeeper 3.9.3: a method marked
   * {@code @VisibleForTesting} that the library never calls is run by its tests, not by the
   * threads that use the class.
   */
  @Test
  void regression_testHookIsNoEntry() {
    helper().source("com/acme/Reporter.java", reporter("@VisibleForTesting", "")).check();
  }

  /**
   * A test hook by its name ({@code …ForTesting}, {@code …ForTests}) is one by the same convention
   * as the annotation; and an override of a method marked {@code @VisibleForTesting} is there for
   * the same tests.
   */
  @Test
  void negative_testHookByNameOrByTheMethodItOverrides() {
    RuleTestHelper.allRules()
        .source(
            "com/acme/Reporter.java",
            """
            package com.acme;
            @interface VisibleForTesting {}
            public class Reporter {
              private int state;
              public synchronized void update(int s) {
                state = s;
              }
              public void forceStateForTesting(int s) {
                state += s;
              }
            }
            """)
        .source(
            "com/acme/Channel.java",
            """
            package com.acme;
            public abstract class Channel {
              @VisibleForTesting
              public abstract int stats();
            }
            """)
        .source(
            "com/acme/RealChannel.java",
            """
            package com.acme;
            public class RealChannel extends Channel {
              private int calls;
              public synchronized void call() {
                calls++;
              }
              @Override public int stats() {
                return calls;
              }
            }
            """)
        .check();
  }

  @Test
  void unmarkedUncalledMethodIsAnEntry() {
    helper()
        .source(
            "com/acme/Reporter.java",
            reporter("", "    // BUG: Diagnostic contains: UnguardedSharedWrite\n"))
        .check();
  }

  /** A handler thread whose {@code run()} body is {@code run}; a callee starts its sender. */
  private static String handler(String run) {
    return """
        package com.acme;
        public class Handler extends Thread {
          private long sid;
          private volatile boolean running = true;
          @Override public void run() {
        %s  }
          private void startSending() {
            new Thread(() -> send()).start();
          }
          private void send() {
            System.out.println(sid);
          }
        }
        """
        .formatted(run);
  }

  /**
   * Regression from zookeeper 3.9.3: a learner handler sets its {@code sid}, then calls {@code
   * startSendingPackets()}, which starts the sender thread that reads it: the write comes before
   * that thread starts, as if the start were at the call.
   */
  @Test
  void regression_writeBeforeACallThatStartsTheReaderIsOrdered() {
    helper()
        .source(
            "com/acme/Handler.java",
            handler(
                """
                    sid = System.nanoTime();
                    startSending();
                """))
        .check();
  }

  @Test
  void writeAfterACallThatStartsTheReaderRaces() {
    helper()
        .minConfidence(Confidence.LOW)
        .source(
            "com/acme/Handler.java",
            handler(
                """
                    startSending();
                    // BUG: Diagnostic contains: UnguardedSharedWrite
                    sid = 0;
                """))
        .check();
  }

  /** In a loop, the write of the next round follows the start of the last round's thread. */
  @Test
  void writeBeforeACallThatStartsTheReaderInALoopRaces() {
    helper()
        .minConfidence(Confidence.LOW)
        .source(
            "com/acme/Handler.java",
            handler(
                """
                    while (running) {
                      // BUG: Diagnostic contains: UnguardedSharedWrite
                      sid = System.nanoTime();
                      startSending();
                    }
                """))
        .check();
  }

  /**
   * A coordinator whose {@code close()} body is {@code close}; it joins its heartbeat thread, whose
   * write carries {@code marker}.
   */
  private static String coordinator(String close, String marker) {
    return """
        package com.acme;
        public class Coordinator {
          private int correlation;
          private Heartbeat heartbeat;
          public synchronized void startHeartbeat() {
            if (heartbeat == null) {
              heartbeat = new Heartbeat();
              heartbeat.start();
            }
          }
          private void closeHeartbeat() {
            Heartbeat thread;
            synchronized (this) {
              if (heartbeat == null) {
                return;
              }
              thread = heartbeat;
              heartbeat = null;
            }
            try {
              thread.join();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          public void close() {
        %s  }
          class Heartbeat extends Thread {
            @Override public void run() {
        %s      correlation++;
            }
          }
        }
        """
        .formatted(close, marker);
  }

  /**
   * Regression from kafka-clients 3.9.0 and zookeeper 3.9.3: {@code AbstractCoordinator.close()}
   * joins the heartbeat thread (kept in a field) before it goes on, and {@code
   * NIOServerCnxnFactory.reconfigure()} joins the old accept thread before replacing its socket:
   * what follows the join cannot race with the joined thread.
   */
  @Test
  void regression_accessAfterJoiningAThreadKeptInAFieldIsOrdered() {
    helper()
        .source(
            "com/acme/Coordinator.java",
            coordinator(
                """
                    closeHeartbeat();
                    correlation++;
                """,
                ""))
        .check();
  }

  @Test
  void accessBeforeJoiningAThreadKeptInAFieldRaces() {
    helper()
        .source(
            "com/acme/Coordinator.java",
            coordinator(
                """
                    // BUG: Diagnostic contains: UnguardedSharedWrite
                    correlation++;
                    closeHeartbeat();
                """,
                "      // The heartbeat's write: the same race, reported once, in close().\n"))
        .check();
  }

  /** A processor thread whose {@code shutdown()} runs {@code shutdown} (SyncRequestProcessor). */
  private static String processor(String shutdown) {
    return """
        package com.acme;
        import java.util.ArrayList;
        import java.util.List;
        import java.util.concurrent.LinkedBlockingQueue;
        public class Processor extends Thread {
          private final LinkedBlockingQueue<String> queue = new LinkedBlockingQueue<>();
          private final List<String> toFlush = new ArrayList<>();
          @Override public void run() {
            try {
              while (true) {
                String r = queue.take();
                if (r.isEmpty()) {
                  break;
                }
                toFlush.add(r);
              }
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          public void shutdown() throws InterruptedException {
            queue.add("");
        %s  }
          private void flush() {
            toFlush.clear();
          }
        }
        """
        .formatted(shutdown);
  }

  /**
   * Regression from zookeeper 3.9.3: {@code SyncRequestProcessor.shutdown()} queues its stop
   * request, joins its own thread ({@code this.join()}), then flushes what the thread left:
   * the flush follows the thread's end.
   */
  @Test
  void regression_accessAfterJoiningTheThreadItselfIsOrdered() {
    helper()
        .source("com/acme/Processor.java", processor("    this.join();\n    flush();\n"))
        .check();
    helper()
        .source("com/acme/Processor.java", processor("    join();\n    flush();\n"))
        .check();
  }

  /**
   * An object a call makes and shares only with a task it starts is touched by that call and that
   * task alone: once the task is started, the call's own code runs beside it for certain, whoever
   * calls the method, so the call's side has the task's evidence and the race is {@code high}.
   * Before the start, or after joining the task, the two are ordered: no finding.
   */
  @Test
  void starterRacingItsOwnTaskOnAnObjectItMade_isHigh_negative_beforeStartOrAfterJoin() {
    String loader =
        """
        package com.acme;
        import java.util.ArrayList;
        import java.util.List;
        public class Loader {
          public List<String> load(List<String> live, List<String> archive)
              throws InterruptedException {
            List<String> out = new ArrayList<>();
            Thread t = new Thread(() -> {
        %s      out.addAll(archive);
            });
        %s    t.start();
        %s    t.join();
        %s    return out;
          }
        }
        """;
    String marker = "      // BUG: Diagnostic contains: UnguardedSharedWrite\n";
    helper()
        .minConfidence(Confidence.DEFAULT_FLOOR)
        .source("com/acme/Loader.java",
            loader.formatted(marker, "", "    out.addAll(live);\n", ""))
        .check();
    helper()
        .minConfidence(Confidence.LOW)
        .source("com/acme/Loader.java",
            loader.formatted("", "    out.addAll(live);\n", "", "    out.sort(null);\n"))
        .check();
  }

  /**
   * An object a call makes but keeps in a field is reached by later calls too, in other methods
   * (a profiler a request starts and a later request reads after stopping it): only the making
   * call's own code, on its own local, runs beside the task for certain. The read through the
   * field stays {@code medium}, not shown at the default floor.
   */
  @Test
  void objectMadeByACallButKeptInAField_staysMedium() {
    String code =
        """
        package com.acme;
        import java.util.HashMap;
        import java.util.Map;
        class Sampler implements Runnable {
          private final Map<String, Integer> counts = new HashMap<>();
          private Thread thread;
          void startCollecting() {
            thread = new Thread(this);
            thread.start();
          }
          @Override public void run() {
        %s    counts.merge("x", 1, Integer::sum);
          }
          int top() {
            return new HashMap<>(counts).size();
          }
        }
        public class Console {
          private volatile boolean verbose;
          private Sampler sampler;
          public void handle(String command) {
            if (command.equals("start")) {
              sampler = new Sampler();
              sampler.startCollecting();
            } else if (sampler != null) {
              System.out.println(sampler.top());
            }
          }
        }
        """;
    helper()
        .source("com/acme/Console.java",
            code.formatted("    // BUG: Diagnostic contains: UnguardedSharedWrite\n"))
        .check();
    helper()
        .minConfidence(Confidence.DEFAULT_FLOOR)
        .source("com/acme/Console.java", code.formatted(""))
        .check();
  }

  /**
   * The same shape on a field: other calls of the method (or of the class's other methods) may
   * run beside the task too, and nothing shows they do: the call's side stays implied, the race
   * {@code medium}, not shown at the default floor.
   */
  @Test
  void starterRacingItsOwnTaskOnAField_staysMedium() {
    String loader =
        """
        package com.acme;
        import java.util.ArrayList;
        import java.util.List;
        public class Loader {
          private final List<String> out = new ArrayList<>();
          public void load(List<String> live, List<String> archive) {
            Thread t = new Thread(() -> {
        %s      out.addAll(archive);
            });
            t.start();
            out.addAll(live);
          }
        }
        """;
    helper()
        .source("com/acme/Loader.java",
            loader.formatted("      // BUG: Diagnostic contains: UnguardedSharedWrite\n"))
        .check();
    helper()
        .minConfidence(Confidence.DEFAULT_FLOOR)
        .source("com/acme/Loader.java", loader.formatted(""))
        .check();
  }

  @Test
  void accessBeforeJoiningTheThreadItselfRaces() {
    helper()
        .source(
            "com/acme/Processor.java",
            processor("    flush();\n    this.join();\n")
                .replace("        toFlush.add(r);",
                    "        // BUG: Diagnostic contains: UnguardedSharedWrite\n        toFlush.add(r);"))
        .check();
  }

  /**
   * A peer thread made by a factory method, set up and started by a runner thread ({@code
   * QuorumPeerMain.runFromConfig}); {@code runner}: the runner's body after it got the peer.
   */
  private static String peer(String runner) {
    return """
        package com.acme;
        public class Peer extends Thread {
          private long myid;
          private volatile boolean running = true;
          public void setMyid(long id) {
            myid = id;
          }
          @Override public void run() {
            while (running) {
              System.out.println(myid);
            }
          }
          public void shutdown() {
            running = false;
          }
        }
        class Main {
          protected Peer peer;
          protected Peer getPeer() {
            return new Peer();
          }
          public void runFromConfig(long id) {
            peer = getPeer();
        %s  }
        }
        class Runner {
          private final Main main = new Main();
          public void start(long id) {
            new Thread(() -> main.runFromConfig(id)).start();
          }
        }
        """
        .formatted(runner);
  }

  /**
   * Regression from zookeeper 3.9.3: {@code QuorumPeerMain.runFromConfig} takes its peer from
   * {@code getQuorumPeer()}, sets it up and only then calls {@code quorumPeer.start()}. The peer
   * thread was taken to run from where the object is made, so every setter raced with it.
   */
  @Test
  void regression_setUpBeforeStartOfAThreadMadeElsewhereIsOrdered() {
    helper()
        .source("com/acme/Peer.java", peer("    peer.setMyid(id);\n    peer.start();\n"))
        .check();
  }

  /**
   * Regression from zookeeper 3.9.3: {@code runFromConfig} starts its peer, then joins it
   * ({@code quorumPeer.join()}) before it reads the peer's state to close: the peer made by
   * {@code getQuorumPeer()} has ended by then.
   */
  @Test
  void regression_readAfterJoinOfAThreadMadeElsewhereIsOrdered() {
    helper()
        .source(
            "com/acme/Peer.java",
            peer("    peer.setMyid(id);\n    peer.start();\n    try {\n      peer.join();\n"
                + "    } catch (InterruptedException e) {\n      return;\n    }\n"
                + "    peer.setMyid(0);\n"))
        .check();
  }

  @Test
  void setUpAfterStartOfAThreadMadeElsewhereRaces() {
    helper()
        .minConfidence(Confidence.LOW)
        .source(
            "com/acme/Peer.java",
            peer("    peer.start();\n    peer.setMyid(id);\n")
                .replace("    myid = id;", "    // BUG: Diagnostic contains: UnguardedSharedWrite\n    myid = id;"))
        .check();
  }

  /**
   * A connection whose thread drives its socket, an NIO or a Netty one, and a Netty handler that
   * reads frames on the Netty socket; {@code nioIo} and {@code nettyIo}: what each socket's
   * {@code doTransport()} does; {@code marker}: the marker line before the inherited write.
   */
  private static String sockets(String nioIo, String nettyIo, String marker) {
    return """
        package com.acme;
        import java.nio.ByteBuffer;
        abstract class Socket {
          protected ByteBuffer incoming = ByteBuffer.allocate(4);
          protected volatile boolean closing;
          abstract void doTransport();
          void readLength() {
        %s    incoming = ByteBuffer.allocate(incoming.capacity() * 2);
          }
        }
        class NioSocket extends Socket {
          @Override void doTransport() {
        %s  }
        }
        class NettySocket extends Socket {
          private final Object lock = new Object();
          @Override void doTransport() {
            synchronized (lock) {
        %s    }
          }
          class Handler {
            public void channelRead() {
              readLength();
            }
          }
        }
        public class Cnxn {
          private final Socket socket;
          private volatile boolean running = true;
          Cnxn(Socket s) {
            socket = s;
          }
          public void start() {
            new Thread(() -> {
              while (running) {
                socket.doTransport();
              }
            }).start();
          }
        }
        """
        .formatted(marker, nioIo, nettyIo);
  }

  /**
   * Regression from zookeeper 3.9.3: the client's send thread reaches {@code
   * ClientCnxnSocket.readLength()} only through {@code ClientCnxnSocketNIO.doIO()}, while the
   * Netty handler calls it on a {@code ClientCnxnSocketNetty}. An object is of one class, so the
   * inherited method runs on two different sockets.
   */
  @Test
  void regression_inheritedMethodRunOnTwoSiblingSubclassesTouchesTwoObjects() {
    helper()
        .source("com/acme/Cnxn.java", sockets("    readLength();\n", "      lock.notifyAll();\n", ""))
        .check();
  }

  /** The same race at the default floor: below it, so not reported. */
  @Test
  void negative_fannedOutRaceIsBelowTheDefaultFloor() {
    helper()
        .source("com/acme/Cnxn.java", sockets("", "      readLength();\n", ""))
        .check();
  }

  /**
   * Reported at low confidence only: the thread reaches the inherited method through a call on
   * an abstract type with two implementations (fan-out), which lowers the confidence one level.
   */
  @Test
  void inheritedMethodRunOnTheSameSubclassFromTwoThreadsRaces() {
    helper()
        .minConfidence(Confidence.LOW)
        .source(
            "com/acme/Cnxn.java",
            sockets("", "      readLength();\n",
                "    // BUG: Diagnostic contains: UnguardedSharedWrite\n"))
        .check();
  }

  /** A factory whose {@code method} sets a limit its reconfigured acceptor thread reads. */
  private static String factory(String method, String marker) {
    return """
        package com.acme;
        public class Factory {
          private int maxClients;
          private Acceptor acceptor;
          public void %s(int max) {
        %s    maxClients = max;
          }
          public void reconfigure() {
            acceptor = new Acceptor();
            acceptor.start();
          }
          class Acceptor extends Thread {
            @Override public void run() {
              System.out.println(maxClients);
            }
          }
        }
        """
        .formatted(method, marker);
  }

  /**
   * Regression from zookeeper 3.9.3: {@code NIOServerCnxnFactory.configure()} sets the factory up
   * (limits, the expirer thread, the selector threads); the accept thread that {@code
   * reconfigure()} starts later reads them. A set-up method runs before the object's other
   * methods start its threads.
   */
  @Test
  void regression_setUpMethodComesBeforeThreadsTheObjectStartsLater() {
    helper().source("com/acme/Factory.java", factory("configure", "")).check();
  }

  /**
   * A property setter against a thread the object starts: setters are usually set-up, called
   * before the object starts its threads, so the race is reported below the default floor (a
   * setter also called on a running object still races, and {@code --min-confidence low} shows it).
   */
  @Test
  void setterRacesWithThreadsTheObjectStarts_belowTheDefaultFloor() {
    helper()
        .minConfidence(Confidence.LOW)
        .source("com/acme/Factory.java",
            factory("setMaxClients", "    // BUG: Diagnostic contains: UnguardedSharedWrite\n"))
        .check();
    helper().source("com/acme/Factory.java", factory("setMaxClients", "")).check();
  }

  /**
   * Set-up before tasks made elsewhere: {@code initialize()} fills the object's settings once,
   * before the scheduler that another class owns starts calling it; a running entry's write
   * ({@code update}) still races with that task. (Both below the default floor here: the task
   * reaches the object through a dispatch guessed between two implementations.)
   */
  @Test
  void negative_setUpBeforeATaskAnotherClassStarts_positive_runningEntry() {
    helper()
        .minConfidence(Confidence.LOW)
        .source(
            "com/acme/Placement.java",
            """
            package com.acme;
            import java.util.HashMap;
            import java.util.Map;
            public class Placement implements Policy {
              private int spread;
              private Map<String, Integer> weights = new HashMap<>();
              public void initialize(int spread) {
                this.spread = spread;
                weights = new HashMap<>();
              }
              public void update(String r, int w) {
                // BUG: Diagnostic contains: UnguardedSharedWrite
                weights = new HashMap<>();
              }
              @Override public int pick() {
                synchronized (this) {
                  return weights.getOrDefault("a", spread);
                }
              }
            }
            """)
        .source(
            "com/acme/Policy.java",
            """
            package com.acme;
            public interface Policy {
              int pick();
            }
            """)
        .source(
            "com/acme/Fixed.java",
            """
            package com.acme;
            public class Fixed implements Policy {
              @Override public int pick() {
                return 1;
              }
            }
            """)
        .source(
            "com/acme/Refresher.java",
            """
            package com.acme;
            import java.util.concurrent.Executors;
            import java.util.concurrent.ScheduledExecutorService;
            import java.util.concurrent.TimeUnit;
            public class Refresher {
              private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(1);
              private final Policy policy;
              public Refresher(Policy policy) {
                this.policy = policy;
              }
              public void begin() {
                timer.scheduleAtFixedRate(() -> policy.pick(), 1, 1, TimeUnit.SECONDS);
              }
            }
            """)
        .check();
  }

  /** A network thread that reaches a selector through its client; {@code extra}: more members. */
  private static String network(String extra) {
    return """
        package com.acme.net;
        import java.util.HashMap;
        import java.util.Map;
        class Selector {
          private final Map<String, Object> channels = new HashMap<>();
          public void register(String id) {
            channels.put(id, new Object());
          }
        %s  public void poll() {
            for (Object c : channels.values()) {
              c.hashCode();
            }
            channels.remove("closed");
          }
        }
        class Client {
          private final Selector selector;
          Client(Selector selector) {
            this.selector = selector;
          }
          public void poll() {
            selector.poll();
          }
        }
        public class NetworkThread extends Thread {
          private final Client client;
          NetworkThread(Client client) {
            this.client = client;
          }
          @Override public void run() {
            while (!isInterrupted()) {
              client.poll();
            }
          }
          public static NetworkThread begin(Client client) {
            NetworkThread t = new NetworkThread(client);
            t.start();
            return t;
          }
        }
        """
        .formatted(extra);
  }

  @Test
  void regression_lockTakenByAHelperMethod() {
    // acquire() returns with the lock held and release() drops it: the write between them is
    // guarded, as the read elsewhere is.
    helper()
        .source(
            "com/acme/Registry.java",
            """
            package com.acme;
            import java.util.HashMap;
            import java.util.Map;
            import java.util.concurrent.Executor;
            import java.util.concurrent.locks.ReentrantLock;
            public class Registry {
              private final ReentrantLock lock = new ReentrantLock();
              private final Map<String, String> map = new HashMap<>();
              private void acquire() {
                lock.lock();
              }
              private void release() {
                lock.unlock();
              }
              public void update(Executor executor, String k, String v) {
                executor.execute(() -> {
                  acquire();
                  try {
                    map.put(k, v);
                  } finally {
                    release();
                  }
                });
              }
              public String get(String k) {
                acquire();
                try {
                  return map.get(k);
                } finally {
                  release();
                }
              }
            }
            """)
        .check();
  }

  @Test
  void negative_writeLockTakenByAHelperMethod() {
    helper()
        .source(
            "com/acme/Table.java",
            """
            package com.acme;
            import java.util.HashMap;
            import java.util.Map;
            import java.util.concurrent.Executor;
            import java.util.concurrent.locks.ReentrantReadWriteLock;
            public class Table {
              private final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
              private final Map<String, String> map = new HashMap<>();
              private void lockForWrite() {
                rw.writeLock().lock();
              }
              private void unlockForWrite() {
                rw.writeLock().unlock();
              }
              public void update(Executor executor, String k, String v) {
                executor.execute(() -> {
                  lockForWrite();
                  try {
                    map.put(k, v);
                  } finally {
                    unlockForWrite();
                  }
                });
              }
              public String get(String k) {
                rw.readLock().lock();
                try {
                  return map.get(k);
                } finally {
                  rw.readLock().unlock();
                }
              }
            }
            """)
        .check();
  }

  /**
   * A router whose methods take its read or write lock through a protected helper that hands the
   * lock to a second helper, which waits for it with a timeout ({@code tryLock(t, unit)}) and
   * throws when it does not get it: the helper returns only with the lock held. (Blind round 14:
   * eight findings on one router said "held here: none".) {@code DISABLE} is how {@code
   * disable()} guards its write.
   */
  private static String router(String disable, String marker) {
    return """
        package com.acme;
        import java.util.HashMap;
        import java.util.Map;
        import java.util.concurrent.ExecutorService;
        import java.util.concurrent.TimeUnit;
        import java.util.concurrent.locks.Lock;
        import java.util.concurrent.locks.ReentrantReadWriteLock;
        public class Router {
          private final ReentrantReadWriteLock rw = new ReentrantReadWriteLock(true);
          private final Lock readLock = rw.readLock();
          private final Lock writeLock = rw.writeLock();
          private final Map<String, String> routes = new HashMap<>();
          public void start(ExecutorService pool) {
            pool.execute(this::enable);
          }
          public void enable() {
            lock(writeLock);
            try {
              routes.put("a", "b");
            } finally {
              unlock(writeLock);
            }
          }
          public void disable() {
        DISABLE  }
          public String route(String k) {
            lock(readLock);
            try {
              return routes.get(k);
            } finally {
              unlock(readLock);
            }
          }
          protected void lock(Lock lock, int timeoutMillis) {
            try {
              if (lock.tryLock(timeoutMillis, TimeUnit.MILLISECONDS)) {
                System.out.println("locked");
              } else {
                throw new IllegalStateException("lock failed");
              }
            } catch (InterruptedException e) {
              throw new IllegalStateException(e);
            }
          }
          protected void lock(Lock lock) {
            lock(lock, 1000);
          }
          protected void unlock(Lock lock) {
            lock.unlock();
          }
        }
        """.replace("DISABLE", disable).replace("MARKER", marker);
  }

  /** Every access under the lock the delegating helper takes: not reported. */
  @Test
  void negative_lockTakenByAHelperThatDelegatesToATimedTryLock() {
    helper().minConfidence(Confidence.LOW)
        .source("com/acme/Router.java", router(
            "    lock(writeLock);\n    try {\n      routes.clear();\n    } finally {\n"
                + "      unlock(writeLock);\n    }\n", ""))
        .check();
  }

  /** The same router with one write that skips the helper: reported there. */
  @Test
  void positive_writeThatSkipsTheDelegatingLockHelper() {
    helper()
        .source("com/acme/Router.java", router(
            "    // BUG: Diagnostic contains: UnguardedSharedWrite\n    routes.clear();\n", ""))
        .check();
  }

  @Test
  void positive_helperTakesTheLockOnlyOnOneBranch() {
    // The lock is held after acquire() only when fair is set: the write is not surely guarded.
    helper()
        .source(
            "com/acme/Registry.java",
            """
            package com.acme;
            import java.util.HashMap;
            import java.util.Map;
            import java.util.concurrent.Executor;
            import java.util.concurrent.locks.ReentrantLock;
            public class Registry {
              private final ReentrantLock lock = new ReentrantLock();
              private final Map<String, String> map = new HashMap<>();
              private volatile boolean fair;
              private void acquire() {
                if (fair) {
                  lock.lock();
                }
              }
              private void release() {
                lock.unlock();
              }
              public void update(Executor executor, String k, String v) {
                executor.execute(() -> {
                  acquire();
                  try {
                    // BUG: Diagnostic contains: UnguardedSharedWrite
                    map.put(k, v);
                  } finally {
                    release();
                  }
                });
              }
              public String get(String k) {
                lock.lock();
                try {
                  return map.get(k);
                } finally {
                  lock.unlock();
                }
              }
            }
            """)
        .check();
  }

  @Test
  void positive_helperReleasesTheLockBeforeTheWrite() {
    helper()
        .source(
            "com/acme/Registry.java",
            """
            package com.acme;
            import java.util.HashMap;
            import java.util.Map;
            import java.util.concurrent.Executor;
            import java.util.concurrent.locks.ReentrantLock;
            public class Registry {
              private final ReentrantLock lock = new ReentrantLock();
              private final Map<String, String> map = new HashMap<>();
              private void release() {
                lock.unlock();
              }
              public void update(Executor executor, String k, String v) {
                executor.execute(() -> {
                  lock.lock();
                  release();
                  // BUG: Diagnostic contains: UnguardedSharedWrite
                  map.put(k, v);
                });
              }
              public String get(String k) {
                lock.lock();
                try {
                  return map.get(k);
                } finally {
                  lock.unlock();
                }
              }
            }
            """)
        .check();
  }

  @Test
  void negative_lockTakenThroughAMonitorObjectInAField() {
    // Guava's Monitor shape: enter() and leave() of another analysed class, called on a field.
    helper()
        .source(
            "com/acme/Registry.java",
            """
            package com.acme;
            import java.util.HashMap;
            import java.util.Map;
            import java.util.concurrent.Executor;
            import java.util.concurrent.locks.ReentrantLock;
            public class Registry {
              static final class Gate {
                private final ReentrantLock lock = new ReentrantLock();
                void enter() {
                  lock.lock();
                }
                void leave() {
                  lock.unlock();
                }
              }
              private final Gate gate = new Gate();
              private final Map<String, String> map = new HashMap<>();
              public void update(Executor executor, String k, String v) {
                executor.execute(() -> {
                  gate.enter();
                  try {
                    map.put(k, v);
                  } finally {
                    gate.leave();
                  }
                });
              }
              public String get(String k) {
                gate.enter();
                try {
                  return map.get(k);
                } finally {
                  gate.leave();
                }
              }
            }
            """)
        .check();
  }

  @Test
  void negative_helperWithItsOwnCriticalSectionKeepsTheCallersLock() {
    // flush() locks and unlocks the reentrant lock itself: the caller still holds it afterwards.
    helper()
        .source(
            "com/acme/Registry.java",
            """
            package com.acme;
            import java.util.HashMap;
            import java.util.Map;
            import java.util.concurrent.Executor;
            import java.util.concurrent.locks.ReentrantLock;
            public class Registry {
              private final ReentrantLock lock = new ReentrantLock();
              private final Map<String, String> map = new HashMap<>();
              private int flushes;
              private void flush() {
                lock.lock();
                try {
                  flushes++;
                } finally {
                  lock.unlock();
                }
              }
              public void update(Executor executor, String k, String v) {
                executor.execute(() -> {
                  lock.lock();
                  try {
                    flush();
                    map.put(k, v);
                  } finally {
                    lock.unlock();
                  }
                });
              }
              public String get(String k) {
                lock.lock();
                try {
                  return map.get(k);
                } finally {
                  lock.unlock();
                }
              }
            }
            """)
        .check();
  }

  // ---- Netty event loops: one thread per loop ----

  /** Minimal stand-ins for Netty's executor types (the test compiler has no Netty). */
  private static java.util.Map<String, String> nettyStubs() {
    java.util.Map<String, String> stubs = new java.util.LinkedHashMap<>();
    stubs.put(
        "io/netty/util/concurrent/EventExecutor.java",
        """
            package io.netty.util.concurrent;
            public interface EventExecutor extends java.util.concurrent.Executor {
              boolean inEventLoop();
            }
            """);
    stubs.put(
        "io/netty/util/concurrent/SingleThreadEventExecutor.java",
        """
            package io.netty.util.concurrent;
            public abstract class SingleThreadEventExecutor implements EventExecutor {
              protected abstract void run();
            }
            """);
    stubs.put(
        "io/netty/channel/EventLoop.java",
        """
            package io.netty.channel;
            public interface EventLoop extends io.netty.util.concurrent.EventExecutor {}
            """);
    stubs.put(
        "io/netty/channel/ChannelHandler.java",
        """
            package io.netty.channel;
            public interface ChannelHandler {
              @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
              @interface Sharable {}
            }
            """);
    return stubs;
  }

  private static RuleTestHelper withNetty(RuleTestHelper h) {
    for (java.util.Map.Entry<String, String> e : nettyStubs().entrySet()) {
      h = h.source(e.getKey(), e.getValue());
    }
    return h;
  }

  /**
   * Regression from netty-common 4.1.114.Final ({@code PromiseCombiner}): a listener runs its
   * update at once when it is on the combiner's executor and hands it to that executor
   * otherwise, and the update asserts it is on that executor; {@code expect()} throws unless it
   * is called on that executor. Every run is on the one event loop thread, so none overlap.
   */
  @Test
  void regression_updatesHandedToOneEventLoopAreSerialised() {
    withNetty(helper())
        .source(
            "com/acme/Combiner.java",
            """
            package com.acme;
            import io.netty.util.concurrent.EventExecutor;
            public class Combiner {
              private final EventExecutor executor;
              private int expected;
              private int done;
              private Throwable cause;
              public Combiner(EventExecutor executor) {
                this.executor = executor;
              }
              public void expect() {
                checkInEventLoop();
                expected++;
              }
              private void checkInEventLoop() {
                if (!executor.inEventLoop()) {
                  throw new IllegalStateException("not on the executor's loop");
                }
              }
              public void completed(Throwable failure) {
                if (executor.inEventLoop()) {
                  completed0(failure);
                } else {
                  executor.execute(() -> completed0(failure));
                }
              }
              private void completed0(Throwable failure) {
                assert executor.inEventLoop();
                done++;
                if (done == expected && cause == null) {
                  cause = failure;
                }
              }
            }
            """)
        .check();
  }

  /** A stand-in for gRPC's SynchronizationContext: an Executor that runs tasks one at a time. */
  private static final String GRPC_SYNC_CONTEXT =
      """
      package io.grpc;
      public final class SynchronizationContext implements java.util.concurrent.Executor {
        public SynchronizationContext(Thread.UncaughtExceptionHandler handler) {}
        @Override public void execute(Runnable task) {}
        public void executeLater(Runnable task) {}
        public void drain() {}
        public void throwIfNotInThisSynchronizationContext() {}
      }
      """;

  /**
   * A serializing context (gRPC's {@code SynchronizationContext}) runs the tasks handed to it one
   * at a time, on whichever thread drains it, and code after {@code
   * throwIfNotInThisSynchronizationContext()} is one of those turns: tasks of one context and
   * methods asserting it never overlap. A public method that reads the same list without the
   * context still races with the tasks, at the low level: handing work to a serial context shows
   * where the state lives, not that other threads share it, so each side is only implied.
   */
  @Test
  void negative_tasksOfOneSerializingContext_positive_readOutsideIt() {
    helper()
        .minConfidence(Confidence.LOW)
        .source("io/grpc/SynchronizationContext.java", GRPC_SYNC_CONTEXT)
        .source(
            "com/acme/Subchannel.java",
            """
            package com.acme;
            import io.grpc.SynchronizationContext;
            import java.util.ArrayList;
            import java.util.List;
            public class Subchannel {
              private final SynchronizationContext syncContext;
              private final List<String> addresses = new ArrayList<>();
              private int index;
              public Subchannel(SynchronizationContext syncContext) {
                this.syncContext = syncContext;
              }
              public void addAddress(String address) {
                // BUG: Diagnostic contains: addresses.size()
                syncContext.execute(() -> addresses.add(address));
              }
              public void transportShutdown() {
                syncContext.executeLater(() -> advance());
                syncContext.drain();
              }
              private void advance() {
                syncContext.throwIfNotInThisSynchronizationContext();
                index++;
                if (index >= addresses.size()) {
                  index = 0;
                }
              }
              public String current() {
                syncContext.throwIfNotInThisSynchronizationContext();
                return addresses.get(index);
              }
              public int size() {
                return addresses.size();
              }
            }
            """)
        .check();
  }

  /**
   * One synchronization context serves a channel and every object working for it, each holding
   * it in a field of its own: a task a helper hands to its context and a task the channel hands
   * to its own run in the one context, one at a time.
   */
  @Test
  void negative_contextHandedToAHelperIsTheChannelsContext() {
    helper()
        .source("io/grpc/SynchronizationContext.java", GRPC_SYNC_CONTEXT)
        .source(
            "com/acme/Channel.java",
            """
            package com.acme;
            import io.grpc.SynchronizationContext;
            import java.util.HashSet;
            import java.util.Set;
            public class Channel {
              private final SynchronizationContext syncContext =
                  new SynchronizationContext((t, e) -> {});
              private final Set<Subchannel> subchannels = new HashSet<>();
              public Subchannel newSubchannel() {
                Subchannel s = new Subchannel(syncContext, this);
                syncContext.execute(() -> subchannels.add(s));
                return s;
              }
              void terminated(Subchannel s) {
                subchannels.remove(s);
              }
            }
            """)
        .source(
            "com/acme/Subchannel.java",
            """
            package com.acme;
            import io.grpc.SynchronizationContext;
            public class Subchannel {
              private final SynchronizationContext syncContext;
              private final Channel channel;
              Subchannel(SynchronizationContext syncContext, Channel channel) {
                this.syncContext = syncContext;
                this.channel = channel;
              }
              public void shutdown() {
                syncContext.execute(() -> channel.terminated(this));
              }
            }
            """)
        .check();
  }

  /**
   * A library bundled into the project under a relocation prefix (a shaded gRPC) is that library:
   * its synchronization context runs tasks one at a time like the original's.
   */
  @Test
  void negative_tasksOfAShadedCopysContext() {
    helper()
        .source("com/acme/shaded/io/grpc/SynchronizationContext.java",
            GRPC_SYNC_CONTEXT.replace("package io.grpc;", "package com.acme.shaded.io.grpc;"))
        .source(
            "com/acme/Registry.java",
            """
            package com.acme;
            import com.acme.shaded.io.grpc.SynchronizationContext;
            import java.util.HashMap;
            import java.util.Map;
            public class Registry {
              private final SynchronizationContext syncContext =
                  new SynchronizationContext((t, e) -> {});
              private final Map<String, String> names = new HashMap<>();
              public void register(String k, String v) {
                syncContext.execute(() -> names.put(k, v));
              }
              public void forget(String k) {
                syncContext.execute(() -> names.remove(k));
              }
            }
            """)
        .check();
  }

  /**
   * Regression from netty-common 4.1.114.Final ({@code SingleThreadEventExecutor
   * .addShutdownHook}): an event executor changes its own plain set directly when called on its
   * thread and through a task on itself otherwise; its {@code run()} is that same thread.
   */
  @Test
  void regression_eventLoopOwnStateChangedOnItsThread() {
    withNetty(helper())
        .source(
            "com/acme/Loop.java",
            """
            package com.acme;
            import io.netty.util.concurrent.SingleThreadEventExecutor;
            import java.util.LinkedHashSet;
            import java.util.Set;
            public abstract class Loop extends SingleThreadEventExecutor {
              private final Set<Runnable> hooks = new LinkedHashSet<>();
              public void addHook(Runnable hook) {
                if (inEventLoop()) {
                  hooks.add(hook);
                } else {
                  execute(() -> hooks.add(hook));
                }
              }
              public void removeHook(Runnable hook) {
                if (inEventLoop()) {
                  hooks.remove(hook);
                } else {
                  execute(() -> hooks.remove(hook));
                }
              }
              @Override protected void run() {
                for (Runnable hook : hooks) {
                  hook.run();
                }
                hooks.clear();
              }
            }
            """)
        .check();
  }

  /**
   * A {@code @Sharable} handler serves many channels on many event loops: its plain map changed
   * from its handler methods still races, whatever executor the context's call returns.
   */
  @Test
  void positive_sharableHandlerMapChangedFromHandlerMethods() {
    withNetty(helper())
        .source(
            "com/acme/Sessions.java",
            """
            package com.acme;
            import io.netty.channel.ChannelHandler;
            import io.netty.util.concurrent.EventExecutor;
            import java.util.HashMap;
            import java.util.Map;
            @ChannelHandler.Sharable
            public class Sessions implements ChannelHandler {
              private final Map<String, Integer> open = new HashMap<>();
              public void channelActive(EventExecutor executor, String id) {
                if (executor.inEventLoop()) {
                  // BUG: Diagnostic contains: UnguardedSharedWrite
                  open.put(id, 1);
                }
              }
              public void channelInactive(String id) {
                // BUG: Diagnostic contains: UnguardedSharedWrite
                open.remove(id);
              }
            }
            """)
        .check();
  }

  /**
   * A {@code @Sharable} handler hands an update of its own map to each channel's event loop:
   * channels on two loops run it at the same time.
   */
  @Test
  void positive_sharableHandlerTaskOnEachChannelsLoop() {
    withNetty(helper())
        .source(
            "com/acme/Counter.java",
            """
            package com.acme;
            import io.netty.channel.ChannelHandler;
            import io.netty.util.concurrent.EventExecutor;
            import java.util.HashMap;
            import java.util.Map;
            @ChannelHandler.Sharable
            public class Counter implements ChannelHandler {
              private final Map<String, Integer> seen = new HashMap<>();
              public void channelRead(EventExecutor executor, String key) {
                executor.execute(() -> {
                  // BUG: Diagnostic contains: UnguardedSharedWrite
                  seen.merge(key, 1, Integer::sum);
                });
              }
            }
            """)
        .check();
  }

  /**
   * A task on an event loop and a plain thread of the program share nothing but the field. Run through the CLI's whole-program audit: the plugin sees
   * Netty's types only as signatures from other files, so it does not know they are executors.
   */
  @Test
  void positive_eventLoopTaskAndPlainThread() {
    java.util.Map<String, String> sources = nettyStubs();
    sources.put(
        "com/acme/Pinger.java",
        """
            package com.acme;
            import io.netty.channel.EventLoop;
            public class Pinger {
              private final EventLoop loop;
              private long pings;
              public Pinger(EventLoop loop) {
                this.loop = loop;
              }
              public void start() {
                loop.execute(() -> {
                  // BUG: Diagnostic contains: UnguardedSharedWrite
                  pings++;
                });
                new Thread(() -> {
                  // The same race as above, reported once.
                  pings = 0;
                }).start();
              }
            }
            """);
    org.junit.jupiter.api.Assertions.assertEquals(
        java.util.List.of("UnguardedSharedWrite com/acme/Pinger.java:12"),
        dev.shareguard.testing.CliAudit.audit(sources).stream()
            .filter(f -> f.startsWith("UnguardedSharedWrite"))
            .toList());
  }


  /**
   * Two event loops are two threads: tasks on each still race on what they share. Run through the CLI's whole-program audit: the plugin sees
   * Netty's types only as signatures from other files, so it does not know they are executors.
   */
  @Test
  void positive_tasksOnTwoDifferentEventLoops() {
    java.util.Map<String, String> sources = nettyStubs();
    sources.put(
        "com/acme/Mirror.java",
        """
            package com.acme;
            import io.netty.channel.EventLoop;
            public class Mirror {
              private final EventLoop in;
              private final EventLoop out;
              private long bytes;
              public Mirror(EventLoop in, EventLoop out) {
                this.in = in;
                this.out = out;
              }
              public void start() {
                in.execute(() -> {
                  // BUG: Diagnostic contains: UnguardedSharedWrite
                  bytes++;
                });
                out.execute(() -> {
                  // The same race as above, reported once.
                  bytes--;
                });
              }
            }
            """);
    org.junit.jupiter.api.Assertions.assertEquals(
        java.util.List.of("UnguardedSharedWrite com/acme/Mirror.java:14"),
        dev.shareguard.testing.CliAudit.audit(sources).stream()
            .filter(f -> f.startsWith("UnguardedSharedWrite"))
            .toList());
  }


  /**
   * A program's {@code main} runs once, on one thread: its own accesses are in program order and
   * never race with each other, even through a class that locks elsewhere; the thread it starts
   * still races with it.
   */
  @Test
  void negative_programMainAgainstItself_positive_againstTheThreadItStarts() {
    helper()
        .minConfidence(Confidence.LOW)
        .source(
            "com/acme/Channel.java",
            """
            package com.acme;
            public class Channel {
              private String name;
              private int sent;
              private final Object lock = new Object();
              public Channel name(String n) {
                name = n;
                return this;
              }
              public void send(String m) {
                synchronized (lock) {
                  sent++;
                }
                System.out.println(name + m);
              }
              public int sent() {
                return sent;
              }
            }
            """)
        .source(
            "com/acme/Chat.java",
            """
            package com.acme;
            public class Chat {
              private static int lines;
              private static final Channel ch = new Channel();
              public static void main(String[] args) throws Exception {
                ch.name("chat");
                ch.name("renamed");
                ch.send("hello");
                Thread t = new Thread(() -> {
                  // BUG: Diagnostic contains: UnguardedSharedWrite
                  lines++;
                });
                t.start();
                lines++;
                System.out.println(ch.sent());
              }
            }
            """)
        .check();
  }

  /**
   * A handler marked {@code @Sharable} but made anew for every channel in the channel
   * initializer: each instance serves one channel, whose events come on its event loop one at a
   * time, so its own state is not shared; the same handler made once and added to every channel
   * still races.
   */
  @Test
  void negative_sharableHandlerMadePerChannel_positive_madeOnceForAllChannels() {
    String handler =
        """
        package com.acme;
        import io.netty.channel.ChannelHandler;
        import java.util.HashMap;
        import java.util.Map;
        @ChannelHandler.Sharable
        public class Decoder implements ChannelHandler {
          private final Map<String, Integer> pending = new HashMap<>();
          private long last;
          public void channelRead(String id) {
        %1$s    last = Math.max(last, System.nanoTime());
        %1$s    pending.remove(id);
          }
        }
        """;
    withNetty(helper())
        .minConfidence(Confidence.LOW)
        .source("com/acme/Decoder.java", handler.formatted(""))
        .source(
            "com/acme/Client.java",
            """
            package com.acme;
            import java.util.List;
            public class Client {
              protected void initChannel(List<Object> pipeline) {
                pipeline.add(new Decoder());
              }
            }
            """)
        .check();
    withNetty(helper())
        .minConfidence(Confidence.LOW)
        .source("com/acme/Decoder.java",
            handler.formatted("    // BUG: Diagnostic contains: UnguardedSharedWrite\n"))
        .source(
            "com/acme/Client.java",
            """
            package com.acme;
            import java.util.List;
            public class Client {
              private final Decoder decoder = new Decoder();
              protected void initChannel(List<Object> pipeline) {
                pipeline.add(decoder);
              }
            }
            """)
        .check();
  }

  /**
   * Static state that only public API reaches, in a class whose one sign of concurrency is a
   * volatile flag: two implied sides say nothing about two threads running the code, so the race
   * is below the default floor; a class that keeps per-thread state (a ThreadLocal) does say so
   * ({@code regression_staticCacheFilledLazilyFromPublicApi}).
   */
  @Test
  void negative_staticStateOnlyPublicApiReaches_belowTheDefaultFloor() {
    String settings =
        """
        package com.acme;
        import java.util.HashMap;
        import java.util.Map;
        public final class Settings {
          private static volatile boolean loaded;
          private static Map<String, String> values = new HashMap<>();
          public static void load(Map<String, String> from) {
        %s    values = new HashMap<>(from);
            loaded = true;
          }
          public static String get(String key) {
            return loaded ? values.get(key) : null;
          }
        }
        """;
    helper().source("com/acme/Settings.java", settings.formatted("")).check();
    helper()
        .minConfidence(Confidence.LOW)
        .source("com/acme/Settings.java",
            settings.formatted("    // BUG: Diagnostic contains: UnguardedSharedWrite\n"))
        .check();
  }

  /**
   * Two programs of one code base (a server's main and a command-line tool's main) both set up
   * one static configuration: each main() is its own launch of the JVM, not a thread of the
   * other's process.
   */
  @Test
  void negative_twoProgramsMainsSetUpOneStaticConfiguration() {
    helper()
        .minConfidence(Confidence.LOW)
        .source(
            "com/acme/Config.java",
            """
            package com.acme;
            public final class Config {
              private static String mode;
              private static int port;
              private static int reloads;
              public static synchronized void reloaded() {
                reloads++;
              }
              static void init(String m, int p) {
                mode = m;
                port = p;
              }
              static int port() {
                return port;
              }
            }
            """)
        .source(
            "com/acme/Server.java",
            """
            package com.acme;
            public class Server {
              public static void main(String[] args) {
                Config.init("server", 8080);
                System.out.println(Config.port());
              }
            }
            """)
        .source(
            "com/acme/Tool.java",
            """
            package com.acme;
            public class Tool {
              public static void main(String[] args) {
                Config.init("tool", 0);
                System.out.println(Config.port());
              }
            }
            """)
        .check();
  }

  /**
   * Each dispatch guessed among several implementations is an independent guess: one such step
   * between a task and a racing write lowers the confidence one level, two steps lower it two, as
   * a chain of guesses rarely describes a run.
   */
  @Test
  void chainOfGuessedDispatchesLowersTheConfidenceTwice() {
    String code =
        """
        package com.acme;
        import java.util.HashMap;
        import java.util.Map;
        import java.util.concurrent.ExecutorService;
        import java.util.concurrent.Executors;
        interface Sink { void accept(String k); }
        interface Store { void put(String k); }
        class MemoryStore implements Store {
          static final Map<String, Integer> COUNTS = new HashMap<>();
          @Override public void put(String k) {
        %s    COUNTS.put(k, 1);
          }
        }
        class NullStore implements Store {
          @Override public void put(String k) {}
        }
        class StoreSink implements Sink {
          private final Store store;
          StoreSink(Store store) { this.store = store; }
          @Override public void accept(String k) { %s }
        }
        class DropSink implements Sink {
          @Override public void accept(String k) {}
        }
        public class Pump {
          private final ExecutorService pool = Executors.newFixedThreadPool(4);
          private final Sink sink;
          public Pump(Sink sink) { this.sink = sink; }
          public void run(String k) {
            pool.execute(() -> sink.accept(k));
            pool.execute(() -> MemoryStore.COUNTS.remove(k));
          }
        }
        """;
    // Task against task on static state: high, raised one level for static state. One guess
    // (Sink) and a direct call: one level down; two guesses (Sink, then Store): two levels.
    String marker = "    // BUG: Diagnostic contains: UnguardedSharedWrite\n";
    helper()
        .minConfidence(Confidence.HIGH)
        .source("com/acme/Pump.java", code.formatted(marker, "new MemoryStore().put(k);"))
        .check();
    helper()
        .minConfidence(Confidence.HIGH)
        .source("com/acme/Pump.java", code.formatted("", "store.put(k);"))
        .check();
    helper().source("com/acme/Pump.java", code.formatted(marker, "store.put(k);")).check();
  }

  /**
   * Lifecycle transitions of a class declared thread-safe: start() and stop() are made by the
   * object's owner one after another (a container calls each once), so they are not paired with
   * each other or themselves; start() still races with a running method, as the class promises
   * its other methods to any thread at any time (one finding, at the write).
   */
  @Test
  void negative_transitionsOfAThreadSafeClassAgainstEachOther_positive_againstARunningMethod() {
    helper()
        // A field replaced, not updated from its old value: a stale read at worst, low.
        .minConfidence(Confidence.LOW)
        .source(
            "com/acme/ThreadSafe.java",
            """
            package com.acme;
            public @interface ThreadSafe {}
            """)
        .source(
            "com/acme/Reaper.java",
            """
            package com.acme;
            import java.util.concurrent.ScheduledExecutorService;
            @ThreadSafe
            public class Reaper {
              private ScheduledExecutorService timer;
              private String label;
              public void start() {
                // BUG: Diagnostic contains: UnguardedSharedWrite
                label = "reaper";
                timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
              }
              public void stop() {
                if (timer != null) {
                  timer.shutdown();
                }
              }
              public String label() {
                return label;
              }
            }
            """)
        .check();
  }

  /**
   * Start-up before the tasks others run: {@code start()} fills a table, then registers a
   * listener whose callback later submits a task that reads it; the object is started before
   * other code runs tasks on it. A task {@code start()} itself schedules before it writes a field
   * still races with that write.
   */
  @Test
  void negative_startFillsStateBeforeOthersRunTasks_positive_startSchedulesBeforeWriting() {
    helper()
        .minConfidence(Confidence.LOW)
        .source(
            "com/acme/Listener.java",
            """
            package com.acme;
            public interface Listener {
              void changed(int view);
            }
            """)
        .source(
            "com/acme/Cluster.java",
            """
            package com.acme;
            import java.util.ArrayList;
            import java.util.List;
            public class Cluster {
              private final List<Listener> listeners = new ArrayList<>();
              public synchronized void add(Listener l) {
                listeners.add(l);
              }
              public synchronized void fire(int view) {
                for (Listener l : listeners) {
                  l.changed(view);
                }
              }
            }
            """)
        .source(
            "com/acme/Table.java",
            """
            package com.acme;
            import java.util.HashMap;
            import java.util.Map;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.ScheduledExecutorService;
            import java.util.concurrent.TimeUnit;
            public class Table {
              private final Cluster cluster;
              private final ExecutorService pool = Executors.newFixedThreadPool(2);
              private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(1);
              private Map<String, Integer> remote;
              private String label;
              public Table(Cluster cluster) {
                this.cluster = cluster;
              }
              public void start() {
                timer.scheduleAtFixedRate(() -> System.out.println(label), 1, 1, TimeUnit.SECONDS);
                remote = new HashMap<>();
                // BUG: Diagnostic contains: UnguardedSharedWrite
                label = "table";
                cluster.add(view -> pool.submit(() -> System.out.println(remote.size())));
              }
            }
            """)
        .check();
  }

  /**
   * A set-up method that starts a task before it finishes setting up: the write after the submit
   * runs while the task may already read the field (set-up orders only what comes before the
   * tasks start).
   */
  @Test
  void positive_setUpStartsATaskBeforeWritingWhatItReads() {
    helper()
        .minConfidence(Confidence.LOW)
        .source(
            "com/acme/Svc.java",
            """
            package com.acme;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            public class Svc {
              private final ExecutorService pool = Executors.newFixedThreadPool(2);
              private String label;
              public void init() {
                pool.submit(() -> System.out.println(label.length()));
                // BUG: Diagnostic contains: UnguardedSharedWrite
                label = "svc";
              }
            }
            """)
        .check();
  }

  /** A pool held in a field, with {@code size} threads; a task bumps a counter. */
  private static String pool(String size, String marker) {
    return """
        package com.acme;
        import java.util.concurrent.LinkedBlockingQueue;
        import java.util.concurrent.ScheduledThreadPoolExecutor;
        import java.util.concurrent.ThreadPoolExecutor;
        import java.util.concurrent.TimeUnit;
        public class Poller {
          private final ThreadPoolExecutor worker =
              new ThreadPoolExecutor(%1$s, %1$s, 0L, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>());
          private final ScheduledThreadPoolExecutor ticker = new ScheduledThreadPoolExecutor(%1$s);
          private long seen;
          private long ticks;
          public void poll() {
        %2$s    worker.execute(() -> seen = seen + 1);
          }
          public void tick() {
        %2$s    ticker.schedule(() -> ticks = ticks + 1, 1, TimeUnit.SECONDS);
          }
        }
        """
        .formatted(size, marker);
  }

  /**
   * A {@code ThreadPoolExecutor} whose core and maximum sizes are both 1, or a {@code
   * ScheduledThreadPoolExecutor} with one core thread (it never grows past its core), runs its
   * tasks one at a time: two runs of a task never overlap. Found as a false positive on unseen code.
   */
  @Test
  void negative_tasksOfAOneThreadPoolNeverOverlap() {
    helper().source("com/acme/Poller.java", pool("1", "")).check();
  }

  /**
   * A {@code ThreadPoolExecutor} whose maximum size is 1 never has more than one thread, whatever
   * its core size (0 here: the thread is made when a task comes and ends when idle), so its tasks
   * run one at a time; with a maximum of 2 two runs may overlap. Found as ten false positives of a
   * blind reading (a configuration executor of a web runtime).
   */
  @Test
  void negative_tasksOfAPoolOfAtMostOneThreadNeverOverlap_positive_twoThreads() {
    String code =
        """
        package com.acme;
        import java.util.concurrent.ExecutorService;
        import java.util.concurrent.LinkedBlockingQueue;
        import java.util.concurrent.ThreadPoolExecutor;
        import java.util.concurrent.TimeUnit;
        public class Contexts {
          private final ExecutorService config =
              new ThreadPoolExecutor(0, %s, 20, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
          private int changes;
          public void changed() {
        %s    config.submit(() -> changes = changes + 1);
          }
        }
        """;
    helper().minConfidence(Confidence.LOW).source("com/acme/Contexts.java", code.formatted("1", ""))
        .check();
    helper()
        .minConfidence(Confidence.LOW)
        .source("com/acme/Contexts.java",
            code.formatted("2", "    // BUG: Diagnostic contains: UnguardedSharedWrite\n"))
        .check();
  }

  @Test
  void positive_tasksOfATwoThreadPoolOverlap() {
    helper()
        .minConfidence(Confidence.LOW)
        .source("com/acme/Poller.java",
            pool("2", "    // BUG: Diagnostic contains: UnguardedSharedWrite\n"))
        .check();
  }

  /** A task that cancels and replaces a periodic job, submitted to the executor {@code make} makes. */
  private static String roleHandler(String make, String factory, String marker) {
    return """
        package com.acme;
        import java.util.concurrent.ExecutorService;
        import java.util.concurrent.Future;
        import java.util.concurrent.LinkedBlockingQueue;
        import java.util.concurrent.ScheduledExecutorService;
        import java.util.concurrent.ThreadPoolExecutor;
        import java.util.concurrent.TimeUnit;
        public class RoleHandler {
          private final ExecutorService executor;
          private final ScheduledExecutorService timer;
          private Future<?> sync;
          public RoleHandler(ScheduledExecutorService timer, int threads) {
            this.timer = timer;
            this.executor = %s;
          }
          %s
          public void handle(int role) {
            executor.submit(() -> change(role));
          }
          private void change(int role) {
            if (sync != null) {
              sync.cancel(false);
            }
        %s    sync = timer.scheduleAtFixedRate(() -> System.out.println(role), 1, 1, TimeUnit.SECONDS);
          }
        }
        """
        .formatted(make, factory, marker);
  }

  /**
   * A project's own factory that returns a one-thread pool makes a serial executor: the task that
   * replaces the periodic job never runs twice at once. The factory's body is followed.
   */
  @Test
  void negative_projectFactoryOfAOneThreadPoolIsSerial() {
    helper()
        .source("com/acme/RoleHandler.java",
            roleHandler("serial()", """
                private static ExecutorService serial() {
                    ThreadPoolExecutor ex = new ThreadPoolExecutor(
                        1, 1, 0L, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>());
                    ex.allowCoreThreadTimeOut(true);
                    return ex;
                  }""", ""))
        .check();
  }

  /**
   * A factory named like the JDK's {@code Executors.newSingleThreadExecutor} is taken at its word
   * even when its body sizes the pool from an argument (as for a library whose code is not read).
   */
  @Test
  void negative_factoryNamedNewSingleThreadExecutorIsSerial() {
    helper()
        .source("com/acme/RoleHandler.java",
            roleHandler("newSingleThreadExecutor(threads)", """
                private static ExecutorService newSingleThreadExecutor(int n) {
                    return new ThreadPoolExecutor(
                        n, n, 0L, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>());
                  }""", ""))
        .check();
  }

  /**
   * An overridable method of the object itself that makes a one-thread pool ({@code executor =
   * createExecutor();}) makes a serial executor when no analysed subclass overrides it with
   * another; a subclass that returns a pool of several threads makes the tasks race: reported.
   */
  @Test
  void negative_ownMethodMakingAOneThreadPoolIsSerial_positive_overriddenWithAPool() {
    String make = """
        protected ScheduledExecutorService createExecutor() {
            ScheduledExecutorService result = new ScheduledThreadPoolExecutor(1);
            result.execute(() -> {});
            return result;
          }""";
    helper()
        .source("com/acme/RoleHandler.java",
            roleHandler("createExecutor()", make, "")
                .replace("import java.util.concurrent.ThreadPoolExecutor;",
                    "import java.util.concurrent.ScheduledThreadPoolExecutor;\n"
                        + "import java.util.concurrent.ThreadPoolExecutor;"))
        .check();
    helper()
        .source("com/acme/RoleHandler.java",
            roleHandler("createExecutor()", make,
                "    // BUG: Diagnostic contains: UnguardedSharedWrite\n")
                .replace("import java.util.concurrent.ThreadPoolExecutor;",
                    "import java.util.concurrent.ScheduledThreadPoolExecutor;\n"
                        + "import java.util.concurrent.ThreadPoolExecutor;"))
        .source("com/acme/PooledRoleHandler.java", """
            package com.acme;
            import java.util.concurrent.Executors;
            import java.util.concurrent.ScheduledExecutorService;
            public class PooledRoleHandler extends RoleHandler {
              public PooledRoleHandler(ScheduledExecutorService timer) {
                super(timer, 4);
              }
              @Override protected ScheduledExecutorService createExecutor() {
                return Executors.newScheduledThreadPool(4);
              }
            }
            """)
        .check();
  }

  @Test
  void positive_projectFactoryOfAPoolSizedByItsCallerIsNotSerial() {
    helper()
        .source("com/acme/RoleHandler.java",
            roleHandler("pool(threads)", """
                private static ExecutorService pool(int n) {
                    return new ThreadPoolExecutor(
                        n, n, 0L, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>());
                  }""", "    // BUG: Diagnostic contains: UnguardedSharedWrite\n"))
        .check();
  }

  /** A service whose start() writes its fields, then schedules timer tasks that reschedule themselves. */
  private static String delivery(String kick, String marker) {
    return """
        package com.acme;
        import java.util.concurrent.Executors;
        import java.util.concurrent.ScheduledExecutorService;
        import java.util.concurrent.TimeUnit;
        import java.util.concurrent.atomic.AtomicBoolean;
        public class Delivery {
          private final AtomicBoolean started = new AtomicBoolean();
          private ScheduledExecutorService timer;
          private int levels;
          public void start(int n) {
            if (started.compareAndSet(false, true)) {
        %2$s      this.levels = n;
        %2$s      this.timer = Executors.newScheduledThreadPool(n);
              for (int i = 0; i < n; i++) {
                this.timer.schedule(new Task(i), 1, TimeUnit.SECONDS);
              }
            }
          }
          %1$s
          class Task implements Runnable {
            private final int level;
            Task(int level) {
              this.level = level;
            }
            public void run() {
              if (level < levels) {
                Delivery.this.timer.schedule(new Task(level), 1, TimeUnit.SECONDS);
              }
            }
          }
        }
        """
        .formatted(kick, marker);
  }

  /**
   * A task that only tasks started after a write start (a timer task rescheduling itself) runs
   * after that write: the write comes before the first schedule, so before every later one.
   * Found as a false positive on unseen code.
   */
  @Test
  void negative_writeBeforeTheFirstScheduleOfASelfReschedulingTask() {
    helper().source("com/acme/Delivery.java", delivery("", "")).check();
  }

  /** The same task also scheduled by a public method: that run may overlap a later start(). */
  @Test
  void positive_taskAlsoStartedByAnEntryIsNotOrderedAfterTheWrite() {
    helper()
        .minConfidence(Confidence.LOW)
        .source("com/acme/Delivery.java",
            delivery("""
                public void kick() {
                    timer.schedule(new Task(0), 1, TimeUnit.SECONDS);
                  }""", "      // BUG: Diagnostic contains: UnguardedSharedWrite\n"))
        .check();
  }

  /**
   * After a thread is joined it has ended, but a task it submitted to a pool may still run: a
   * write after the join races with that task.
   */
  @Test
  void positive_writeAfterJoiningAThreadRacesWithTheTaskItSubmitted() {
    helper()
        .minConfidence(Confidence.LOW)
        .source(
            "com/acme/Loader.java",
            """
            package com.acme;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            public class Loader {
              private final ExecutorService pool = Executors.newFixedThreadPool(4);
              private int generation;
              public void reload() throws InterruptedException {
                Thread t = new Thread(() -> pool.execute(() -> System.out.println(generation)));
                t.start();
                t.join();
                // BUG: Diagnostic contains: UnguardedSharedWrite
                generation = generation + 1;
              }
            }
            """)
        .check();
  }

  /** A racing counter in package {@code %s}, with {@code %s} a marker line or nothing. */
  private static final String COUNTER = """
      package %s;
      import java.util.concurrent.Executor;
      public class Counter {
        private long count;
        public void bump(Executor executor) {
          executor.execute(() -> {
            %s
            count++;
          });
        }
      }
      """;

  /** The same racing counter in the project's package and in a bundled (relocated) copy. */
  private static RuleTestHelper bundled(RuleTestHelper helper, String marker) {
    String counter = COUNTER;
    return helper
        .source("com/acme/Counter.java",
            counter.formatted("com.acme", "// BUG: Diagnostic contains: UnguardedSharedWrite"))
        .source("com/acme/shaded/org/lib/Counter.java",
            counter.formatted("com.acme.shaded.org.lib", marker));
  }

  /**
   * A library bundled into the project under a relocated package is that library's code: its
   * races are its authors' to fix, so they are not reported unless asked for; the project's own
   * race beside it is.
   */
  @Test
  void negative_raceInABundledRelocatedLibraryIsNotReportedByDefault() {
    bundled(helper(), "").check();
  }

  /**
   * Shape from a Java agent: a bytecode library copied into the agent's own package with no
   * relocation marker ({@code …agent.internal.javassist}); a well-known library's root package
   * after another prefix is a bundled copy all the same. A package of the project's own that
   * merely contains a common word ({@code …agent.internal.tools}) is the project's. (The agent's
   * API calls both counters: an internal package's methods nothing calls are no entries.)
   */
  @Test
  void negative_libraryCopiedUnderAnInternalPackageIsBundled() {
    String counter = COUNTER;
    helper()
        .source("com/acme/agent/internal/javassist/Counter.java",
            counter.formatted("com.acme.agent.internal.javassist", ""))
        .source("com/acme/agent/internal/tools/Counter.java",
            counter.formatted("com.acme.agent.internal.tools",
                "// BUG: Diagnostic contains: UnguardedSharedWrite"))
        .source("com/acme/agent/Agent.java", """
            package com.acme.agent;
            import java.util.concurrent.Executor;
            public class Agent {
              private final com.acme.agent.internal.tools.Counter tools =
                  new com.acme.agent.internal.tools.Counter();
              private final com.acme.agent.internal.javassist.Counter copied =
                  new com.acme.agent.internal.javassist.Counter();
              public void transform(Executor executor) {
                tools.bump(executor);
                copied.bump(executor);
              }
            }
            """)
        .check();
  }

  @Test
  void positive_raceInABundledRelocatedLibraryIsReportedWhenAskedFor() {
    bundled(helper().includeBundled(), "// BUG: Diagnostic contains: UnguardedSharedWrite").check();
  }

  /**
   * A self-log whose appender is made by a factory that wraps the unsynchronized appender in a
   * synchronized one; {@code extra} is more code of the log class.
   */
  private static RuleTestHelper selfLog(String extra, String marker) {
    return helper()
        .source("com/acme/Appender.java", """
            package com.acme;
            abstract class Appender {
              abstract void append(String line);
            }
            """)
        .source("com/acme/RollingAppender.java", """
            package com.acme;
            class RollingAppender extends Appender {
              private long written;
              private volatile boolean closed;
              void close() {
                closed = true;
              }
              @Override
              void append(String line) {
            %s    written += line.length();
              }
            }
            """.formatted(marker))
        .source("com/acme/SyncAppender.java", """
            package com.acme;
            final class SyncAppender extends Appender {
              private final Object lock = new Object();
              private final Appender delegate;
              SyncAppender(Appender delegate) {
                this.delegate = delegate;
              }
              @Override
              void append(String line) {
                synchronized (lock) {
                  delegate.append(line);
                }
              }
            }
            """)
        .source("com/acme/SelfLog.java", """
            package com.acme;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            public final class SelfLog {
              static Appender self = createSelfLogger();
              private static final ExecutorService daemon = Executors.newCachedThreadPool();
              private SelfLog() {}
              private static Appender createSelfLogger() {
                RollingAppender rolling = new RollingAppender();
                return new SyncAppender(rolling);
              }
              private static void setSelfAppender(Appender appender) {
            %s    self = appender;
              }
              public static void log(String line) {
                self.append(line);
              }
              public static void logLater(String line) {
                daemon.execute(() -> self.append(line));
              }
              %s
            }
            """.formatted(marker, extra));
  }

  /**
   * A field given only what a private factory returns ({@code return new SyncAppender(rolling)})
   * holds a {@code SyncAppender}: a call through it runs the wrapper, under its lock, not the
   * wrapped appender directly; a private setter nothing calls stores nothing. Found as a false
   * positive on unseen code (calls resolved straight to the wrapped class).
   */
  @Test
  void negative_appenderMadeByAFactoryIsTheSynchronizedWrapper() {
    selfLog("", "").minConfidence(Confidence.LOW).check();
  }

  /** The setter called with a bare appender: calls through the field may run it unlocked. */
  @Test
  void positive_aBareAppenderStoredByACalledSetterRaces() {
    selfLog("""
        public static void unbuffered() {
            setSelfAppender(new RollingAppender());
          }""", "    // BUG: Diagnostic contains: UnguardedSharedWrite\n")
        .minConfidence(Confidence.LOW)
        .check();
  }

  /**
   * A field filled by a chained assignment ({@code this.errors = snapshot = new
   * CopyOnWriteArrayList<>()}) holds what the right side makes: a thread-safe list, to which
   * tasks add at once safely. Found as a false positive on unseen code.
   */
  @Test
  void negative_chainedAssignmentOfAThreadSafeListToAField() {
    helper()
        .source(
            "com/acme/Handler.java",
            """
            package com.acme;
            import java.util.List;
            import java.util.concurrent.CopyOnWriteArrayList;
            import java.util.concurrent.ExecutorService;
            public class Handler {
              private volatile List<String> errors;
              private final ExecutorService pool;
              public Handler(ExecutorService pool) {
                this.pool = pool;
              }
              public void send(String node) {
                pool.execute(() -> fail(node));
              }
              private void fail(String error) {
                List<String> snapshot = errors;
                if (snapshot == null) {
                  synchronized (this) {
                    snapshot = errors;
                    if (snapshot == null) {
                      this.errors = snapshot = new CopyOnWriteArrayList<>();
                    }
                  }
                }
                snapshot.add(error);
              }
              public List<String> errors() {
                return errors;
              }
            }
            """)
        .minConfidence(Confidence.LOW)
        .check();
  }

  private static final String LEASING_POOL =
      """
      package com.acme;
      import java.util.ArrayList;
      import java.util.List;
      import java.util.concurrent.TimeUnit;
      import java.util.concurrent.locks.ReentrantLock;
      public class Pool {
        private final ReentrantLock lock = new ReentrantLock();
        private final List<String> leased = new ArrayList<>();
        public void lease(String s, long timeout) throws InterruptedException {
          final boolean acquired;
          if (timeout > 0) {
            acquired = lock.tryLock(timeout, TimeUnit.MILLISECONDS);
          } else {
            lock.lockInterruptibly();
            acquired = true;
          }
          if (acquired) {
            try {
              leased.add(s);
            } finally {
              lock.unlock();
            }
          }
        }
        public void release(String s) {
          lock.lock();
          try {
            leased.remove(s);
          } finally {
            lock.unlock();
          }
        }
      }
      """;

  /**
   * Shape from an HTTP connection pool: the lock is tried with a timeout in one branch and taken
   * outright in the other, a flag records that it is held, and the work runs where the flag is
   * true: under the lock on both paths.
   */
  @Test
  void negative_lockTriedOrTakenThenAFlagSaysItIsHeld() {
    helper().source("com/acme/Pool.java", LEASING_POOL).check();
  }

  /** A flag set true without the lock says nothing: the change runs unlocked on that path. */
  @Test
  void positive_flagSetTrueWithoutTheLock() {
    helper()
        .source(
            "com/acme/Pool.java",
            LEASING_POOL
                .replace("      lock.lockInterruptibly();\n", "")
                .replace("        leased.add(s);",
                    "        // BUG: Diagnostic contains: leased\n        leased.add(s);"))
        .check();
  }

  private static final String OPTIONAL_OFFSETS =
      """
      package com.acme;
      import java.util.Map;
      import java.util.concurrent.ConcurrentHashMap;
      import java.util.concurrent.ExecutorService;
      public class Container {
        private final Map<String, Long> offsets;
        private final ExecutorService pool;
        public Container(boolean async, ExecutorService pool) {
          this.offsets = async ? new ConcurrentHashMap<>() : null;
          this.pool = pool;
        }
        public void ack(String partition, long offset) {
          pool.execute(() -> offsets.put(partition, offset));
        }
        public synchronized void commit() {
          offsets.clear();
        }
      }
      """;

  /**
   * Shape from a messaging container: a map made only in one mode, {@code null} otherwise. A
   * {@code null} holds no container, so the field holds only a concurrent map.
   */
  @Test
  void negative_concurrentMapOrNothing() {
    helper().source("com/acme/Container.java", OPTIONAL_OFFSETS).check();
  }

  /** A plain map or nothing is still a plain map, changed by the pool's tasks and the commit. */
  @Test
  void positive_plainMapOrNothing() {
    helper()
        .source(
            "com/acme/Container.java",
            OPTIONAL_OFFSETS
                .replace("async ? new ConcurrentHashMap<>() : null",
                    "async ? new java.util.HashMap<>() : null")
                .replace("    pool.execute(() -> offsets.put(",
                    "    // BUG: Diagnostic contains: offsets\n    pool.execute(() -> offsets.put("))
        .check();
  }

  private static final String LAZY_FACTORY_BEAN =
      """
      package com.acme;
      import java.util.concurrent.locks.ReentrantLock;
      public class HandlerFactoryBean %s {
        private final ReentrantLock lock = new ReentrantLock();
        private Object handler;
        public Object getObject() {
          if (handler == null) {
      %s      handler = create();
          }
          return handler;
        }
        protected final Object create() {
          lock.lock();
          try {
            if (handler != null) {
              return null;
            }
            handler = new Object();
            System.out.println(handler);
            return handler;
          } finally {
            lock.unlock();
          }
        }
        public Class<?> getObjectType() {
          return Object.class;
        }
      }
      """;

  /**
   * A Spring factory bean's {@code getObject()}: the container asks a singleton factory bean for
   * its object under its singleton lock and keeps the result, so two calls never run at once and
   * its lazy fill is not raced. The same lazy fill in a method of a plain class is.
   */
  @Test
  void negative_factoryBeanGetObjectIsCalledOneAtATime_positive_plainClass() {
    helper()
        .library("org/springframework/beans/factory/FactoryBean.java",
            """
            package org.springframework.beans.factory;
            public interface FactoryBean<T> {
              T getObject() throws Exception;
              Class<?> getObjectType();
            }
            """)
        .source("com/acme/HandlerFactoryBean.java", LAZY_FACTORY_BEAN.formatted(
            "implements org.springframework.beans.factory.FactoryBean<Object>", ""))
        .check();
    helper()
        .source("com/acme/HandlerFactoryBean.java", LAZY_FACTORY_BEAN.formatted("",
            "      // BUG: Diagnostic contains: UnguardedSharedWrite\n"))
        .check();
  }

  private static final String SHARED_BEAN_WITH_A_HOOK =
      """
      package com.acme;
      import java.util.ArrayList;
      import java.util.List;
      @org.springframework.stereotype.Service
      public class Registry {
        private final List<String> initializers = new ArrayList<>();
        %s void addInitializer(String s) {
      %s    initializers.add(s);
        }
      }
      """;

  /**
   * A framework shares a singleton bean's instance among request threads and calls its public
   * methods; a protected hook nothing in the audit calls is for subclasses, which call it in
   * their own lifecycle (from a constructor, from set-up), so it is no declared-shared entry: run
   * against itself it is not reported. The same method public is.
   */
  @Test
  void negative_protectedHookOfASharedBeanIsNoDeclaredSharedEntry_positive_publicMethod() {
    RuleTestHelper spring = helper().library("org/springframework/stereotype/Service.java",
        """
        package org.springframework.stereotype;
        @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
        public @interface Service {}
        """);
    spring.source("com/acme/Registry.java", SHARED_BEAN_WITH_A_HOOK.formatted("protected", ""))
        .check();
    spring.source("com/acme/Registry.java", SHARED_BEAN_WITH_A_HOOK.formatted("public",
            "    // BUG: Diagnostic contains: UnguardedSharedWrite\n"))
        .check();
  }

  /**
   * A servlet's request methods are protected in the servlet API, and the container calls them
   * for every request at once: a per-request counter kept in an instance field still races.
   */
  @Test
  void positive_protectedRequestMethodOfAServletIsDeclaredShared() {
    helper()
        .library("jakarta/servlet/http/HttpServlet.java",
            """
            package jakarta.servlet.http;
            public abstract class HttpServlet {
              protected void service(Object req, Object resp) {}
            }
            """)
        .source("com/acme/StatusServlet.java",
            """
            package com.acme;
            import java.util.List;
            public class StatusServlet extends jakarta.servlet.http.HttpServlet {
              int count;
              protected void service(Object req, Object resp) {
                // BUG: Diagnostic contains: UnguardedSharedWrite
                count = 0;
                for (Object line : List.of(req, resp)) {
                  count++;
                }
              }
            }
            """)
        .check();
  }

  /**
   * A write with two partners: an unlocked {@code size()} read, which at worst sees an old count,
   * and the same {@code add} run by another pool task, which can corrupt the list. The race
   * reported at the write is the worse one, at its level (shown at the default floor), whichever
   * partner comes first in the source.
   */
  @Test
  void writeWithAStaleCountPartnerAndACorruptingOne_reportedAtTheWorse() {
    helper()
        .source(
            "com/acme/Uploader.java",
            """
            package com.acme;
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.ExecutorService;
            public class Uploader {
              private final List<String> failed = new ArrayList<>();
              private final ExecutorService pool;
              public Uploader(ExecutorService pool) {
                this.pool = pool;
              }
              public int pendingRetries() {
                return failed.size();
              }
              public void upload(String batch) {
                pool.execute(() -> send(batch));
              }
              private void send(String batch) {
                if (batch.isEmpty()) {
                  // BUG: Diagnostic contains: several runs of it may do so at the same time
                  failed.add(batch);
                }
              }
            }
            """)
        .check();
  }

  /**
   * {@code Collections.EMPTY_SET} (and {@code EMPTY_LIST}, {@code EMPTY_MAP}) is one immutable
   * object: {@code retainAll} on it changes nothing and every adding call throws, so two threads
   * handing it to the same narrowing helper share nothing they can change: not reported. A plain
   * static {@code HashSet} handed to it the same way is changed by both: reported.
   */
  @Test
  void emptySetConstantHandedToTwoThreads_negative_positiveForAPlainStaticSet() {
    String source =
        """
        package com.acme;
        import java.util.Collections;
        import java.util.HashSet;
        import java.util.Set;
        import java.util.concurrent.ExecutorService;
        public class Resolver {
          private static final Set<String> DEFAULTS = new HashSet<>();
          private final ExecutorService pool;
          public Resolver(ExecutorService pool) {
            this.pool = pool;
          }
          public void resolveAll(Set<String> wanted) {
            pool.execute(() -> narrow(%1$s, wanted));
            narrow(%1$s, wanted);
          }
          @SuppressWarnings("unchecked")
          private static void narrow(Set<String> optional, Set<String> wanted) {
        %2$s    optional.retainAll(wanted);
          }
        }
        """;
    helper()
        .source("com/acme/Resolver.java", source.formatted("Collections.EMPTY_SET", ""))
        .check();
    helper()
        .source("com/acme/Resolver.java", source.formatted("DEFAULTS",
            "    // BUG: Diagnostic contains: UnguardedSharedWrite\n"))
        .check();
  }

  /**
   * Two connection handlers of one interface, each handing itself to a shared frame reader that
   * calls back {@code handler.data(…)}. The server's reader calls the server handler's {@code
   * data()}, never the client's: the client handler, started once, has no second writer. (The
   * callback was taken for any implementation of the interface, pairing the client's counter
   * with itself on the server's thread: blind round 11.)
   */
  @Test
  void negative_handlerPassingItselfToASharedReaderGetsItsOwnCallback() {
    frameHandlers(helper().minConfidence(Confidence.LOW), "", "").check();
  }

  /**
   * The same server handler's own callback writes its counter while an entry resets it: the
   * reader's call reaches the handler that passed itself, and the race is reported (at the
   * reset, naming the callback).
   */
  @Test
  void positive_handlerPassingItselfRacesWithAnEntryOfItsOwnClass() {
    frameHandlers(helper().minConfidence(Confidence.LOW), "",
            "  public void reset() {\n"
                + "    // BUG: Diagnostic contains: in `ServerHandler.data()` (line 25)\n"
                + "    received = 0;\n  }\n")
        .check();
  }

  private static RuleTestHelper frameHandlers(RuleTestHelper h, String marker, String reset) {
    return h.source(
            "com/acme/FrameReader.java",
            """
            package com.acme;
            public interface FrameReader {
              boolean nextFrame(Handler handler);
              interface Handler {
                void data(int length);
              }
            }
            """)
        .source(
            "com/acme/Reader.java",
            """
            package com.acme;
            final class Reader implements FrameReader {
              @Override
              public boolean nextFrame(Handler handler) {
                readData(handler, 3);
                return true;
              }
              private void readData(Handler handler, int length) {
                handler.data(length);
              }
            }
            """)
        .source(
            "com/acme/Client.java",
            """
            package com.acme;
            import java.util.concurrent.Executor;
            public class Client {
              private final Executor executor;
              private final Executor serial;
              private long unacked;
              private final ClientHandler handler = new ClientHandler(new Reader());
              public Client(Executor executor, Executor serial) {
                this.executor = executor;
                this.serial = serial;
              }
              public void start() {
                serial.execute(() -> executor.execute(handler));
              }
              class ClientHandler implements FrameReader.Handler, Runnable {
                private final FrameReader reader;
                ClientHandler(FrameReader reader) {
                  this.reader = reader;
                }
                public void run() {
                  while (reader.nextFrame(this)) {}
                }
                public void data(int length) {
                  unacked += length;
                  if (unacked > 10) {
                    unacked = 0;
                  }
                }
              }
            }
            """)
        .source(
            "com/acme/Server.java",
            """
            package com.acme;
            import java.util.concurrent.Executor;
            public class Server {
              private final Executor executor;
              private long received;
              public Server(Executor executor) {
                this.executor = executor;
              }
              public void start() {
                executor.execute(new ServerHandler(new Reader()));
              }
            RESET  class ServerHandler implements FrameReader.Handler, Runnable {
                private final FrameReader reader;
                ServerHandler(FrameReader reader) {
                  this.reader = reader;
                }
                public void run() {
                  while (reader.nextFrame(this)) {}
                }
                public void data(int length) {
                  MARKERreceived += length;
                }
              }
            }
            """.replace("RESET", reset).replace("MARKER", marker));
  }

  /**
   * A library's internal callback dispatcher (package {@code ….internal}, which the library
   * publishes as no API): its delivery task reads the listener map while a public method nothing
   * calls removes from it. Dead code is no entry for other threads: not reported. (Blind round
   * 11: six false findings on one such uncalled overload.)
   */
  @Test
  void negative_uncalledMethodOfAnInternalPackageClass() {
    helper()
        .minConfidence(Confidence.LOW)
        .source("com/acme/internal/Callbacks.java", callbacks("com.acme.internal", ""))
        .check();
  }

  /** The same class outside an internal package: the uncalled method is public API, reported. */
  @Test
  void positive_uncalledMethodOfAnApiPackageClass() {
    helper()
        .minConfidence(Confidence.LOW)
        .source("com/acme/api/Callbacks.java",
            callbacks("com.acme.api", "// BUG: Diagnostic contains: UnguardedSharedWrite\n    "))
        .check();
  }

  /**
   * In an internal package, a method that implements an interface (here {@code AutoCloseable}'s
   * {@code close()}, marked {@code @Override}) is called by code outside: still an entry.
   */
  @Test
  void positive_internalMethodImplementingAnInterfaceIsAnEntry() {
    helper()
        .minConfidence(Confidence.LOW)
        .source("com/acme/internal/Callbacks.java",
            callbacks("com.acme.internal",
                    "// BUG: Diagnostic contains: UnguardedSharedWrite\n    ")
                .replace("public class Callbacks {", "public class Callbacks implements AutoCloseable {")
                .replace("  public void removeListener(Integer id) {",
                    "  @Override\n  public void close() {\n    listeners.clear();\n  }\n"
                        + "  public void removeListener(Integer id) {")
                .replace("// BUG: Diagnostic contains: UnguardedSharedWrite\n    listeners.remove(id);",
                    "listeners.remove(id);")
                .replace("    listeners.clear();",
                    "    // BUG: Diagnostic contains: UnguardedSharedWrite\n    listeners.clear();"))
        .check();
  }

  private static String callbacks(String pkg, String marker) {
    return """
        package PKG;
        import java.util.HashMap;
        import java.util.Map;
        import java.util.concurrent.ExecutorService;
        public class Callbacks {
          private final Map<Integer, String> listeners = new HashMap<>();
          public Callbacks(ExecutorService pool) {
            listeners.put(1, "a");
            pool.execute(this::deliver);
          }
          private void deliver() {
            for (String l : listeners.values()) {
              System.out.println(l);
            }
          }
          public void removeListener(Integer id) {
            MARKERlisteners.remove(id);
          }
        }
        """.replace("PKG", pkg).replace("MARKER", marker);
  }

  /**
   * A manager's {@code close()} that takes its lock, leaves if {@code closing} is set, and sets
   * it: the first caller passes, every later one leaves, so what follows runs once and never
   * beside another run of itself. Not reported (blind round 12: a cache manager's close paired
   * with itself).
   */
  @Test
  void negative_codeAfterALockGuardedOnceGateRunsOnce() {
    helper().minConfidence(Confidence.LOW)
        .source("com/acme/Manager.java", closingManager("", "")).check();
  }

  /**
   * The same gate with a {@code reopen()} that sets the flag back: a second close may run while
   * the first is still clearing the names. Reported.
   */
  @Test
  void positive_onceGateWhoseFlagIsSetBack() {
    helper().minConfidence(Confidence.LOW)
        .source("com/acme/Manager.java",
            closingManager("// BUG: Diagnostic contains: UnguardedSharedWrite\n    ",
                "  public void reopen() {\n    synchronized (lock) {\n      closing = false;\n"
                    + "    }\n  }\n"))
        .check();
  }

  /**
   * The code past the gate still races with other methods: an {@code add} under the lock reading
   * the field while the one close clears it. Reported.
   */
  @Test
  void positive_codeAfterTheGateAgainstAnotherMethod() {
    helper().minConfidence(Confidence.LOW)
        .source("com/acme/Manager.java",
            closingManager("// BUG: Diagnostic contains: in `Manager.add()`\n    ",
                "  public void add(String name) {\n    synchronized (lock) {\n"
                    + "      names.put(name, name);\n    }\n  }\n"))
        .check();
  }

  private static String closingManager(String marker, String more) {
    return """
        package com.acme;
        import java.util.HashMap;
        import java.util.Map;
        public class Manager {
          private final Object lock = new Object();
          private boolean closing;
          private Map<String, String> names = new HashMap<>();
        MORE  public void close() {
            synchronized (lock) {
              if (closing) {
                return;
              }
              closing = true;
            }
            synchronized (lock) {
              for (String n : names.values()) {
                System.out.println(n);
              }
              names.clear();
            }
            MARKERnames = null;
          }
        }
        """.replace("MARKER", marker).replace("MORE", more);
  }

  /**
   * A JDBC driver's statement that locks some of its methods: callers use one connection's
   * statements from one thread at a time (the JDBC contract drivers document), so its unlocked
   * {@code clearBatch()} against its locked {@code addBatch} is no race. Not reported. (Blind
   * round 12: twelve findings in two drivers, each needing one statement or result set shared by
   * two threads.)
   */
  @Test
  void negative_jdbcStatementMethodsOfOneCaller() {
    helper().minConfidence(Confidence.LOW)
        .source("com/acme/db/DbStatement.java", dbStatement("clearBatch", "")).check();
  }

  /**
   * The same statement's {@code cancel()}, which JDBC provides for another thread to stop a
   * running statement, clearing the batch without the lock: reported.
   */
  @Test
  void positive_jdbcCancelFromAnotherThread() {
    helper().minConfidence(Confidence.LOW)
        .source("com/acme/db/DbStatement.java",
            dbStatement("cancel", "// BUG: Diagnostic contains: UnguardedSharedWrite\n    "))
        .check();
  }

  private static String dbStatement(String clearing, String marker) {
    return """
        package com.acme.db;
        import java.sql.SQLException;
        import java.util.ArrayList;
        import java.util.List;
        public abstract class DbStatement implements java.sql.Statement {
          private final Object lock = new Object();
          private final List<String> batch = new ArrayList<>();
          @Override
          public void addBatch(String sql) throws SQLException {
            synchronized (lock) {
              batch.add(sql);
            }
          }
          @Override
          public void CLEARING() throws SQLException {
            MARKERbatch.clear();
          }
        }
        """.replace("CLEARING", clearing).replace("MARKER", marker);
  }

  /**
   * An interface whose documentation says its implementations are not thread-safe: the contract
   * binds the implementation, which locks most of its accesses but not a rewind. Two calls on one
   * reader are the callers' fault: not reported. (Blind round 12: a line reader's setters.)
   */
  @Test
  void negative_implementationOfAnInterfaceDocumentedNotThreadSafe() {
    helper().minConfidence(Confidence.LOW)
        .source("com/acme/Reader.java", documentedReader(
            "/**\n * Reads lines. Implementations are not thread safe: use one reader per thread.\n */"))
        .source("com/acme/ReaderImpl.java", readerImpl(""))
        .check();
  }

  /** The same implementation of an undocumented interface: its inconsistent locking is reported. */
  @Test
  void positive_implementationOfAnUndocumentedInterface() {
    helper().minConfidence(Confidence.LOW)
        .source("com/acme/Reader.java", documentedReader("/** Reads lines. */"))
        .source("com/acme/ReaderImpl.java",
            readerImpl("// BUG: Diagnostic contains: UnguardedSharedWrite\n    "))
        .check();
  }

  private static String documentedReader(String doc) {
    return """
        package com.acme;
        DOC
        public interface Reader {
          void seek(long offset);
          long position();
          void rewind();
        }
        """.replace("DOC", doc);
  }

  private static String readerImpl(String marker) {
    return """
        package com.acme;
        public class ReaderImpl implements Reader {
          private long offset;
          @Override
          public synchronized void seek(long o) {
            offset = o;
          }
          @Override
          public synchronized long position() {
            return offset;
          }
          @Override
          public void rewind() {
            MARKERoffset = 0;
          }
        }
        """.replace("MARKER", marker);
  }

  /**
   * A project set backed by a {@code ConcurrentHashMap} held in a private field every constructor
   * sets and nothing else assigns (not declared final): it is as thread-safe as the map. Clearing
   * it while a timer copies it is no race. Not reported. The same set with a {@code reset()} that
   * swaps in a plain {@code HashMap}: reported.
   */
  @Test
  void negative_projectSetOverAMapSetOnlyByConstructors_positive_swappedLater() {
    helper().source("com/acme/Registry.java", registrySet("")).check();
    helper()
        .source("com/acme/Registry.java", registrySet("""
              public void reset() {
                map = new java.util.HashMap<>();
              }
            """))
        .check();
  }

  /** A registry retrying its failed names, kept in its own concurrent set ({@code extra}). */
  private static String registrySet(String extra) {
    String marker = extra.isEmpty() ? "" : "    // BUG: Diagnostic contains: UnguardedSharedWrite\n";
    return """
        package com.acme;
        import java.util.AbstractSet;
        import java.util.HashSet;
        import java.util.Iterator;
        import java.util.Map;
        import java.util.concurrent.ConcurrentHashMap;
        import java.util.concurrent.ScheduledExecutorService;
        import java.util.concurrent.TimeUnit;
        public class Registry {
          static class ConcurrentSet<E> extends AbstractSet<E> {
            private transient Map<E, Boolean> map;
            ConcurrentSet() {
              map = new ConcurrentHashMap<>();
            }
            @Override public boolean add(E e) {
              return map.put(e, Boolean.TRUE) == null;
            }
            @Override public void clear() {
              map.clear();
            }
            @Override public Iterator<E> iterator() {
              return map.keySet().iterator();
            }
            @Override public int size() {
              return map.size();
            }
        EXTRA  }
          private final ConcurrentSet<String> failed = new ConcurrentSet<>();
          public void start(ScheduledExecutorService timer) {
            timer.scheduleWithFixedDelay(() -> {
              for (String name : new HashSet<>(failed)) {
                System.out.println(name);
              }
            }, 1, 1, TimeUnit.SECONDS);
          }
          public void fail(String name) {
        MARKER    failed.add(name);
          }
          public void recover() {
            failed.clear();
          }
        }
        """.replace("EXTRA", extra.indent(2)).replace("MARKER", marker);
  }

  /**
   * A service's {@code shutDown()} (the template method a service framework runs once as it
   * stops, as {@code shutdown()} is) closes its store, whose other methods lock the cache the close
   * clears without the lock: the shutdown is a lifecycle transition, run once and not beside the
   * service's running calls. Not reported. The same close from an ordinary method, which may run
   * beside {@code receive()}: reported.
   */
  @Test
  void negative_closeReachedOnlyFromShutDown_positive_fromAnOrdinaryMethod() {
    helper().source("com/acme/Kit.java", kit("shutDown", "")).check();
    helper()
        .source("com/acme/Kit.java", kit("release",
            "      // BUG: Diagnostic contains: `cache.clear()` writes `cache`\n"))
        .check();
  }

  /** A kit whose {@code stopping} method closes its block store ({@code marker} at the clear). */
  private static String kit(String stopping, String marker) {
    return """
        package com.acme;
        import java.util.ArrayList;
        import java.util.List;
        import java.util.concurrent.locks.ReentrantLock;
        public class Kit {
          static final class Store {
            private final ReentrantLock lock = new ReentrantLock();
            private final List<String> cache = new ArrayList<>();
            public void put(String block) {
              lock.lock();
              try {
                cache.add(block);
              } finally {
                lock.unlock();
              }
            }
            public void close() {
        MARKER      cache.clear();
            }
          }
          private final Store store = new Store();
          public void STOPPING() {
            store.close();
          }
          public void receive(String block) {
            store.put(block);
          }
        }
        """.replace("STOPPING", stopping).replace("MARKER", marker);
  }

  /**
   * A lockable wrapper whose {@code withLock()} takes its lock through a static helper and
   * returns a lambda that lets it go, typed as a functional {@code AutoCloseable} interface:
   * {@code try (Closer c = listeners.withLock()) { … }} holds the wrapper's lock over the block.
   * Every access inside such a block: not reported. One access outside it: reported.
   */
  @Test
  void negative_accessesInsideALambdaLockCloser_positive_oneOutside() {
    helper().minConfidence(Confidence.LOW)
        .source("com/acme/Lockable.java", LOCKABLE)
        .source("com/acme/Registry.java", registry("try (Lockable.Closer c = names.withLock()) {",
            ""))
        .check();
    helper().minConfidence(Confidence.LOW)
        .source("com/acme/Lockable.java", LOCKABLE)
        .source("com/acme/Registry.java", registry("{",
            "      // BUG: Diagnostic contains: UnguardedSharedWrite\n"))
        .check();
  }

  /**
   * A wrapper whose {@code withLock()} returns, through static helpers three calls deep, an
   * unlocking lambda or an anonymous closer.
   */
  private static final String LOCKABLE = """
      package com.acme;
      import java.util.ArrayList;
      import java.util.List;
      import java.util.concurrent.locks.ReentrantLock;
      public class Lockable {
        public interface Closer extends AutoCloseable {
          @Override void close();
        }
        private final ReentrantLock internal = new ReentrantLock();
        final List<String> items = new ArrayList<>();
        public Closer withLock() {
          return Locks.take(this);
        }
        ReentrantLock internalLock() {
          return internal;
        }
        static final class Locks {
          static volatile boolean traced;
          static Closer take(Lockable l) {
            return traced ? traced(l) : plain(l);
          }
          private static Closer plain(Lockable l) {
            ReentrantLock lock = l.internalLock();
            lock.lock();
            return () -> lock.unlock();
          }
          private static Closer traced(Lockable l) {
            ReentrantLock lock = l.internalLock();
            lock.lock();
            System.out.println("locked " + l);
            return new Closer() {
              @Override public void close() {
                lock.unlock();
                System.out.println("unlocked " + l);
              }
            };
          }
        }
      }
      """;

  /**
   * A registry whose {@code register()} adds inside {@code OPEN … }} and whose pool task walks
   * the names under the wrapper's lock ({@code marker} before the add).
   */
  private static String registry(String open, String marker) {
    return """
        package com.acme;
        import java.util.concurrent.ExecutorService;
        public class Registry {
          private final Lockable names = new Lockable();
          public void register(String name) {
            OPEN
        MARKER      names.items.add(name);
            }
          }
          public void report(ExecutorService pool) {
            pool.execute(() -> {
              try (Lockable.Closer c = names.withLock()) {
                for (String n : names.items) {
                  System.out.println(n);
                }
              }
            });
          }
        }
        """.replace("OPEN", open).replace("MARKER", marker);
  }

  /**
   * A handle whose {@code close()} drops a reference count ({@code release()} decrements a
   * counter) is no lock: two tasks that each write inside {@code try (Handle h =
   * handle.acquire())} race. Reported. (Blind round 16: a file handle's release taken for a lock
   * let go, "held there: handle".)
   */
  @Test
  void positive_referenceCountedHandleIsNoLock() {
    helper()
        .source("com/acme/RemoteFile.java", """
            package com.acme;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.atomic.AtomicLong;
            public class RemoteFile {
              public static final class Handle implements AutoCloseable {
                private final AtomicLong usage = new AtomicLong(1);
                Handle acquire() {
                  usage.incrementAndGet();
                  return this;
                }
                public synchronized void release() {
                  usage.decrementAndGet();
                }
                @Override public void close() {
                  release();
                }
              }
              private final Handle handle = new Handle();
              private long position;
              public void readAll(ExecutorService pool) {
                for (int i = 0; i < 4; i++) {
                  pool.execute(() -> {
                    try (Handle h = handle.acquire()) {
                      // BUG: Diagnostic contains: UnguardedSharedWrite
                      position += 512;
                    }
                  });
                }
              }
            }
            """)
        .check();
  }

  /**
   * A lock helper from a library the audit does not see, used as a resource: {@code try (AutoLock
   * l = lock.lock())} holds the lock for the block and lets it go in {@code close()}. Every access
   * to the queue is inside such a block, on the same helper: not reported. (Blind round 12: five
   * findings in one I/O library.)
   */
  @Test
  void negative_accessesInsideACloseableLockGuard() {
    closeableLock(helper().minConfidence(Confidence.LOW), "try (AutoLock l = lock.lock()) {", "")
        .check();
  }

  /** The same submit without the guard: reported against the guarded drain. */
  @Test
  void positive_accessOutsideTheCloseableLockGuard() {
    closeableLock(helper().minConfidence(Confidence.LOW), "{",
            "// BUG: Diagnostic contains: UnguardedSharedWrite\n      ")
        .check();
  }

  private static RuleTestHelper closeableLock(RuleTestHelper h, String submitBlock, String marker) {
    return h.library(
            "com/lib/AutoLock.java",
            """
            package com.lib;
            import java.util.concurrent.locks.ReentrantLock;
            public class AutoLock implements AutoCloseable {
              private final ReentrantLock lock = new ReentrantLock();
              public AutoLock lock() {
                lock.lock();
                return this;
              }
              @Override
              public void close() {
                lock.unlock();
              }
            }
            """)
        .source(
            "com/acme/Selector.java",
            """
            package com.acme;
            import com.lib.AutoLock;
            import java.util.ArrayDeque;
            import java.util.Deque;
            import java.util.concurrent.ExecutorService;
            public class Selector {
              private final AutoLock lock = new AutoLock();
              private final Deque<Runnable> updates = new ArrayDeque<>();
              public void start(ExecutorService pool) {
                pool.execute(this::drain);
              }
              public void submit(Runnable update) {
                SUBMIT
                  MARKERupdates.offer(update);
                }
              }
              private void drain() {
                try (AutoLock l = lock.lock()) {
                  updates.clear();
                }
              }
            }
            """.replace("SUBMIT", submitBlock).replace("MARKER", marker));
  }

  /**
   * A session whose {@code connect()} sets up its cipher state unlocked, while other methods lock
   * that state: the locks show the state is shared with those methods, not that the owner
   * connects one session from two threads at once. Two runs of {@code connect()} are two implied
   * sides (low): not reported at the default floor. (Blind round 12: seven findings, a session's
   * connect and a repository's close each paired with itself.)
   */
  @Test
  void negative_twoRunsOfOneConnectOnLocksAlone() {
    helper().source("com/acme/Session.java", session("connect", "")).check();
  }

  /** The same unlocked set-up in a method that serves every call: two runs at once, reported. */
  @Test
  void positive_twoRunsOfAServingMethodOnLocksAlone() {
    helper()
        .source("com/acme/Session.java",
            session("send", "// BUG: Diagnostic contains: UnguardedSharedWrite\n    "))
        .check();
  }

  private static String session(String method, String marker) {
    return """
        package com.acme;
        import java.util.ArrayList;
        import java.util.List;
        public class Session {
          private final Object lock = new Object();
          private final List<String> ciphers = new ArrayList<>();
          public void METHOD(String cipher) {
            MARKERciphers.add(cipher);
          }
          public void rekey(String cipher) {
            synchronized (lock) {
              ciphers.clear();
              ciphers.add(cipher);
            }
          }
          public String current() {
            synchronized (lock) {
              return ciphers.get(0);
            }
          }
        }
        """.replace("METHOD", method).replace("MARKER", marker);
  }

  /**
   * A token that parses its claims lazily, without a lock ({@code if (claims != null) return
   * claims; claims = Claims.parse(payload);}). {@code Claims} keeps its values in a final map it
   * fills in its constructor and only reads afterwards (look-ups, a walk over its entries, a
   * read-only view handed out), so every object stored is an equal immutable one, seen whole by
   * any thread (JLS §17.5): two threads at worst parse twice; a constructor may store a parsed
   * one before anyone has the token. {@code CHANGE} is what else the class does with the map.
   */
  private static String token(String change) {
    return """
        package com.acme;
        import java.util.Collections;
        import java.util.HashMap;
        import java.util.LinkedHashMap;
        import java.util.Map;
        import java.util.concurrent.ExecutorService;
        public class Token {
          private final String payload;
          private Claims claims;
          public Token(String payload) {
            this.payload = payload;
          }
          public Token(String payload, Claims parsed) {
            this.payload = payload;
            this.claims = parsed;
          }
          public Claims claims() {
            if (claims != null) {
              return claims;
            }
            claims = Claims.parse(payload);
            return claims;
          }
          public void start(ExecutorService pool) {
            pool.execute(() -> System.out.println(claims().get("sub")));
            pool.execute(() -> System.out.println(claims().all()));
          }
          public static final class Claims {
            private final Map<String, Object> values = new LinkedHashMap<>();
            private Claims(Map<String, Object> v) {
              values.putAll(v);
            }
            static Claims parse(String s) {
              Map<String, Object> m = new HashMap<>();
              m.put("sub", s);
              return new Claims(m);
            }
            public Object get(String n) {
              return values.get(n);
            }
            public Map<String, Object> all() {
              return Collections.unmodifiableMap(values);
            }
        CHANGE    @Override
            public String toString() {
              StringBuilder b = new StringBuilder();
              for (Map.Entry<String, Object> e : values.entrySet()) {
                b.append(e);
              }
              return b.toString();
            }
          }
        }
        """.replace("CHANGE", change);
  }

  /** The lazily parsed immutable claims: no finding at any level, for any rule. */
  @Test
  void negative_lazyParseOfAnObjectItsConstructorCompletes() {
    RuleTestHelper.allRules().minConfidence(Confidence.LOW)
        .source("com/acme/Token.java", token(""))
        .check();
  }

  /**
   * The same claims with a method that changes the map after it is built: a thread may see the
   * object before the change, or lose it to the other thread's parse. Reported.
   */
  @Test
  void positive_lazyParseOfAnObjectChangedAfterItIsBuilt() {
    helper()
        .source("com/acme/Token.java",
            token("    public void put(String n, Object v) {\n"
                + "      // BUG: Diagnostic contains: UnguardedSharedWrite\n"
                + "      values.put(n, v);\n    }\n")
                .replace("    claims = Claims.parse(payload);",
                    "    // BUG: Diagnostic contains: UnguardedSharedWrite\n"
                        + "    claims = Claims.parse(payload);"))
        .check();
  }

  /**
   * A connection's receive and send digests: two fields of one object, each given its own {@code
   * new MAC(…)}; the receiving thread updates the receive digest, {@code close()} sends through
   * {@code SEND_MAC}. {@code MARKER} marks the digests' buffer writes.
   */
  private static RuleTestHelper digests(String sendMac, String marker) {
    RuleTestHelper h = helper().minConfidence(Confidence.LOW);
    h.source("com/acme/Digest.java", """
        package com.acme;
        public interface Digest {
          void update(byte b);
        }
        """);
    h.source("com/acme/SHA1.java", """
        package com.acme;
        public final class SHA1 implements Digest {
          private final int[] w = new int[80];
          private int idx;
          public void update(byte b) {
        MARKER    w[idx] = b;
            idx = (idx + 1) % 80;
          }
        }
        """.replace("MARKER", marker));
    h.source("com/acme/MD5.java", """
        package com.acme;
        public final class MD5 implements Digest {
          private final int[] x = new int[16];
          public void update(byte b) {
        MARKER    x[0] = b;
          }
        }
        """.replace("MARKER", marker));
    h.source("com/acme/HMAC.java", """
        package com.acme;
        public final class HMAC {
          private final Digest md;
          public HMAC(Digest md) {
            this.md = md;
          }
          public void update(byte b) {
            md.update(b);
          }
        }
        """);
    h.source("com/acme/MAC.java", """
        package com.acme;
        public final class MAC {
          private final HMAC mac;
          public MAC(String type) {
            mac = type.equals("sha1") ? new HMAC(new SHA1()) : new HMAC(new MD5());
          }
          public void update(byte b) {
            mac.update(b);
          }
        }
        """);
    h.source("com/acme/TransportConnection.java", """
        package com.acme;
        public class TransportConnection {
          MAC sendMac;
          MAC recvMac;
          public void changeRecvMac(MAC mac) {
            recvMac = mac;
          }
          public void changeSendMac(MAC mac) {
            sendMac = mac;
          }
          public void send(byte b) {
            if (SEND_MAC != null) {
              SEND_MAC.update(b);
            }
          }
          public void receive(byte b) {
            if (recvMac != null) {
              recvMac.update(b);
            }
          }
        }
        """.replace("SEND_MAC", sendMac));
    h.source("com/acme/TransportManager.java", """
        package com.acme;
        public class TransportManager {
          private final TransportConnection tc = new TransportConnection();
          private final Object lock = new Object();
          public void startReceiver() {
            new Thread(() -> {
              while (true) {
                tc.receive((byte) 1);
              }
            }).start();
          }
          public void kex(String type) {
            MAC recv = new MAC(type);
            tc.changeRecvMac(recv);
            MAC send = new MAC(type);
            tc.changeSendMac(send);
          }
          public void close() {
            synchronized (lock) {
              tc.send((byte) 0);
            }
          }
        }
        """);
    h.source("com/acme/Connection.java", """
        package com.acme;
        public class Connection {
          private final TransportManager tm = new TransportManager();
          public void connect() {
            tm.kex("sha1");
            tm.startReceiver();
          }
          public void close() {
            tm.close();
          }
        }
        """);
    return h;
  }

  /**
   * Each direction through its own digest: paths that part at two fields of one object reach two
   * held objects (filter {@code different-fields-of-one-holder}). Not reported at any level.
   * (Blind round 14: fifteen findings on two SSH libraries.)
   */
  @Test
  void negative_receiveAndSendDigestsHeldInTwoFields() {
    digests("sendMac", "").check();
  }

  /** The same connection sending through the receive digest: one object, reported. */
  @Test
  void positive_sendingThroughTheReceiveDigest() {
    digests("recvMac", "    // BUG: Diagnostic contains: UnguardedSharedWrite\n").check();
  }

  /**
   * A copy session of a class annotated {@code @ThreadSafe}: the owner gives a fresh session its
   * destinations with a property setter before it hands the session over, and {@code describe()}
   * reads them later. The only evidence that the two run at once is the annotation, and a setter
   * is configuration, so the pair is one level lower than two running methods (as a setter
   * against a task is): below the default floor. {@code WRITER} is the method that adds the
   * destinations. (Blind round 14: two findings on a snapshot copier's sessions.)
   */
  private static String copySession(String writer, String marker) {
    return """
        package com.acme;
        import com.google.errorprone.annotations.ThreadSafe;
        import java.util.ArrayList;
        import java.util.List;
        @ThreadSafe
        public class CopySession {
          private final List<String> dest = new ArrayList<>();
          public void WRITER(List<String> given) {
        MARKER    dest.addAll(given);
          }
          public String describe() {
            return String.join(",", dest);
          }
        }
        """.replace("WRITER", writer).replace("MARKER", marker);
  }

  @Test
  void setterOfAThreadSafeClassAgainstItsOtherMethods_belowTheDefaultFloor() {
    helper().source("com/acme/CopySession.java", copySession("setDest", "")).check();
    helper().minConfidence(Confidence.LOW)
        .source("com/acme/CopySession.java", copySession("setDest",
            "    // BUG: Diagnostic contains: UnguardedSharedWrite\n"))
        .check();
  }

  /** The same store by a running method ({@code redirect}): reported. */
  @Test
  void positive_runningMethodOfAThreadSafeClassAgainstItsOtherMethods() {
    helper()
        .source("com/acme/CopySession.java", copySession("redirect",
            "    // BUG: Diagnostic contains: UnguardedSharedWrite\n"))
        .check();
  }

  /**
   * A registry whose listener method takes the write lock inside {@code try} and writes in the
   * {@code finally} block before letting it go. {@code ACQUIRE} is how the lock is taken. (Blind
   * round 14: "held here: none" on such a write.)
   */
  private static String lockInsideTry(String acquire, String marker) {
    return """
        package com.acme;
        import java.util.HashMap;
        import java.util.Map;
        import java.util.concurrent.ExecutorService;
        import java.util.concurrent.locks.ReentrantReadWriteLock;
        public class Listeners {
          private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
          private final Map<String, Integer> listeners = new HashMap<>();
          public void start(ExecutorService pool) {
            pool.submit(() -> {
              add("a", 1);
              return null;
            });
            pool.submit(this::clear);
          }
          public void add(String name, int v) throws InterruptedException {
            try {
              ACQUIRE;
            } finally {
        MARKER      listeners.put(name, v);
              lock.writeLock().unlock();
            }
          }
          public void clear() {
            lock.writeLock().lock();
            try {
              listeners.clear();
            } finally {
              lock.writeLock().unlock();
            }
          }
        }
        """.replace("ACQUIRE", acquire).replace("MARKER", marker);
  }

  /**
   * {@code lock()} (and the {@code writeLock()} accessor before it) throws nothing, so the
   * {@code finally} block after it runs only holding the lock: not reported at any level.
   */
  @Test
  void negative_lockTakenInsideTryWithTheWriteInFinally() {
    helper().minConfidence(Confidence.LOW)
        .source("com/acme/Listeners.java", lockInsideTry("lock.writeLock().lock()", ""))
        .check();
  }

  /**
   * {@code lockInterruptibly()} throws when the thread is interrupted while waiting, and then
   * the {@code finally} block writes without the lock: reported.
   */
  @Test
  void positive_interruptibleLockInsideTryWithTheWriteInFinally() {
    helper()
        .source("com/acme/Listeners.java", lockInsideTry("lock.writeLock().lockInterruptibly()",
            "    // BUG: Diagnostic contains: UnguardedSharedWrite\n"))
        .check();
  }

  /**
   * A class that serializes its own deliveries: {@code signal()} wins an atomic flag and hands the
   * run to {@code drain()}, which sets the flag back when the queue is empty. {@code OFFER} is
   * what {@code offer()} does after queueing; {@code EXTRA} adds members. (Blind round 14: a
   * drain loop kept to one runner by a CAS'd "running" bit was reported as racing itself.)
   */
  private static String drainer(String offer, String extra, String marker) {
    return """
        package com.acme;
        import java.util.Queue;
        import java.util.concurrent.ConcurrentLinkedQueue;
        import java.util.concurrent.Executor;
        import java.util.concurrent.atomic.AtomicBoolean;
        public class Drainer {
          private final Queue<String> pending = new ConcurrentLinkedQueue<>();
          private final AtomicBoolean running = new AtomicBoolean();
          private final Executor executor;
          private int delivered;
          public Drainer(Executor executor) {
            this.executor = executor;
          }
          public void offer(String s) {
            pending.add(s);
            OFFER
          }
          private void signal() {
            if (running.compareAndSet(false, true)) {
              executor.execute(this::drain);
            }
          }
        EXTRA  private void drain() {
            try {
              while (pending.poll() != null) {
        MARKER          delivered++;
              }
            } finally {
              running.set(false);
            }
            if (!pending.isEmpty()) {
              signal();
            }
          }
        }
        """.replace("OFFER", offer).replace("EXTRA", extra).replace("MARKER", marker);
  }

  /**
   * Every run of {@code drain()} is handed a won gate and sets it back itself: runs never
   * overlap, so its counter is the one runner's. Not reported at any level.
   */
  @Test
  void negative_drainRunByTheTaskThatWonTheRunningFlag() {
    helper().minConfidence(Confidence.LOW)
        .source("com/acme/Drainer.java", drainer("signal();", "", ""))
        .check();
  }

  /** A caller that runs {@code drain()} itself, without winning the flag, races the runner. */
  @Test
  void positive_drainAlsoCalledWithoutWinningTheFlag() {
    helper()
        .source("com/acme/Drainer.java", drainer("signal();\n    drain();", "",
            "    // BUG: Diagnostic contains: UnguardedSharedWrite\n"))
        .check();
  }

  /** A second method that sets the flag back lets a new runner start while one still runs. */
  @Test
  void positive_flagSetBackOutsideTheRunner() {
    helper()
        .source("com/acme/Drainer.java", drainer("signal();",
            "  public void reset() {\n    running.set(false);\n  }\n",
            "    // BUG: Diagnostic contains: UnguardedSharedWrite\n"))
        .check();
  }

  /**
   * A table of header lists filled by a static method that its class's static initializer calls
   * and that sets {@code initialized}; lookups call it again only {@code if (!initialized)}.
   * {@code INIT} is the static initializer, {@code EXTRA} adds members. (Blind round 14: the
   * lazy fill, which cannot run after class initialization, reported as racing itself.)
   */
  private static String headerLists(String init, String extra, String marker) {
    return """
        package com.acme;
        import java.util.HashMap;
        import java.util.Map;
        import java.util.concurrent.ExecutorService;
        public final class HeaderLists {
          private static final Map<String, String> LISTS = new HashMap<>();
          private static boolean initialized;
          INIT
          private static void initialize() {
        MARKER    LISTS.put("via", "ViaList");
            initialized = true;
          }
          public static String listOf(String header) {
            if (!initialized) {
              initialize();
            }
            return LISTS.get(header);
          }
        EXTRA  public static void parseAll(ExecutorService pool) {
            pool.submit(() -> listOf("via"));
            pool.submit(() -> listOf("route"));
          }
        }
        """.replace("INIT", init).replace("EXTRA", extra).replace("MARKER", marker);
  }

  /**
   * The class's initialization sets the flag before any thread can call {@code listOf}, and no
   * code clears it: the lazy fill never runs beside a lookup. Not reported at any level.
   */
  @Test
  void negative_lazyFillBehindAFlagTheStaticInitializerSets() {
    helper().minConfidence(Confidence.LOW)
        .source("com/acme/HeaderLists.java", headerLists("static {\n    initialize();\n  }", "", ""))
        .check();
  }

  /** Without the static initializer the first lookups of two threads fill the map at once. */
  @Test
  void positive_lazyFillBehindAFlagNothingSetsBeforeUse() {
    helper()
        .source("com/acme/HeaderLists.java", headerLists("", "",
            "    // BUG: Diagnostic contains: UnguardedSharedWrite\n"))
        .check();
  }

  /** A method that clears the flag lets the fill run again, beside lookups. */
  @Test
  void positive_flagTheStaticInitializerSetsIsClearedAgain() {
    helper()
        .source("com/acme/HeaderLists.java", headerLists("static {\n    initialize();\n  }",
            "  public static void reload() {\n    initialized = false;\n  }\n",
            "    // BUG: Diagnostic contains: UnguardedSharedWrite\n"))
        .check();
  }

  /**
   * A session whose channel a getter fills lazily ({@code if (channel == null) channel = …}),
   * called by tasks on a pool. {@code INIT} is the constructor's body, {@code EXTRA} adds members.
   * (Blind round 17: a lazy fill that the constructor, or the static initializer, had already
   * run reported as two threads filling the field at once.)
   */
  private static String session(String init, String extra, String marker) {
    return """
        package com.acme;
        import java.util.concurrent.ExecutorService;
        public class Session {
          private Channel channel;
          public Session(String host) {
            INIT
          }
          public Channel channel(String host) {
            if (channel == null) {
        MARKER      channel = Channel.open(host);
            }
            return channel;
          }
        EXTRA  public void sendAll(ExecutorService pool) {
            pool.submit(() -> channel("h").send("a"));
            pool.submit(() -> channel("h").send("b"));
          }
        }
        class Channel {
          private boolean connected;
          static Channel open(String host) {
            return new Channel();
          }
          void connect() {
            connected = true;
          }
          void send(String s) {
          }
        }
        """.replace("INIT", init).replace("EXTRA", extra).replace("MARKER", marker);
  }

  /**
   * The constructor runs the getter and then uses the channel, so every built session has one;
   * no code empties the field, so {@code channel == null} is never true beside the tasks. Not
   * reported at any level.
   */
  @Test
  void negative_lazyFillTheConstructorAlreadyRan() {
    helper().minConfidence(Confidence.LOW)
        .source("com/acme/Session.java",
            session("this.channel = channel(host);\n    channel.connect();", "", ""))
        .check();
  }

  /** The same with the constructor storing a fresh channel itself. */
  @Test
  void negative_fieldTheConstructorFillsWithANewObject() {
    helper().minConfidence(Confidence.LOW)
        .source("com/acme/Session.java", session("this.channel = new Channel();", "", ""))
        .check();
  }

  /** A constructor that does not fill it leaves the first two tasks to fill it at once. */
  @Test
  void positive_lazyFillNoConstructorRan() {
    helper()
        .source("com/acme/Session.java", session("",
            "", "    // BUG: Diagnostic contains: UnguardedSharedWrite\n"))
        .check();
  }

  /**
   * The getter's value may be null (nothing dereferences it in the constructor), so the check
   * may be true again.
   */
  @Test
  void positive_constructorStoresWhatTheGetterReturnsUnchecked() {
    helper()
        .source("com/acme/Session.java", session("this.channel = channel(host);",
            "", "    // BUG: Diagnostic contains: UnguardedSharedWrite\n"))
        .check();
  }

  /** A method that empties the field lets the lazy fill run again, beside the tasks. */
  @Test
  void positive_fieldTheConstructorFillsIsEmptiedAgain() {
    helper()
        .source("com/acme/Session.java", session("this.channel = new Channel();",
            "  public void close() {\n    channel = null;\n  }\n",
            "    // BUG: Diagnostic contains: UnguardedSharedWrite\n"))
        .check();
  }

  /** Only one of two constructors fills it: a session built by the other has none. */
  @Test
  void positive_oneConstructorLeavesTheFieldEmpty() {
    helper()
        .source("com/acme/Session.java", session("this.channel = new Channel();",
            "  public Session() {\n  }\n",
            "    // BUG: Diagnostic contains: UnguardedSharedWrite\n"))
        .check();
  }

  /**
   * A static setting filled lazily by a getter that the class's static initializer calls.
   * {@code DECL} declares the field, {@code INIT} is the static initializer.
   */
  private static String preference(String decl, String init, String marker) {
    return """
        package com.acme;
        import java.util.concurrent.ExecutorService;
        import java.util.concurrent.atomic.AtomicBoolean;
        public final class NetUtil {
          INIT
          DECL
          public static boolean preferV6() {
            if (preferV6 == null) {
              boolean result = false;
              try {
                result = Boolean.parseBoolean(System.getProperty("v6", "false"));
              } finally {
        MARKER        preferV6 = new AtomicBoolean(result);
              }
            }
            return preferV6.get();
          }
          public static void probe(ExecutorService pool) {
            pool.submit(() -> preferV6());
            pool.submit(() -> preferV6());
          }
        }
        """.replace("DECL", decl).replace("INIT", init).replace("MARKER", marker);
  }

  /**
   * The static initializer runs the getter, which always stores an object: after class
   * initialization the check is never true. Not reported at any level.
   */
  @Test
  void negative_staticLazyFillTheClassInitializerRan() {
    helper().minConfidence(Confidence.LOW)
        .source("com/acme/NetUtil.java", preference("static AtomicBoolean preferV6 = null;",
            "", "").replace("public static boolean preferV6() {",
                "static {\n    boolean v6 = preferV6();\n  }\n  public static boolean preferV6() {"))
        .check();
  }

  /**
   * The static initializer runs before the field's own {@code = null} in textual order, which
   * empties it again: the first tasks fill it at once.
   */
  @Test
  void positive_staticFillUndoneByALaterInitializer() {
    helper()
        .source("com/acme/NetUtil.java", preference("static AtomicBoolean preferV6 = null;",
            "static {\n    boolean v6 = preferV6();\n  }",
            "    // BUG: Diagnostic contains: UnguardedSharedWrite\n"))
        .check();
  }

  /**
   * Tasks that count events in a plain map through a debugging hook switched by {@code FLAG}
   * ({@code DECL} declares it). (Blind round 17: a hook behind {@code static final boolean ...
   * = false} reported as a race; javac does not even compile that branch.)
   */
  private static String debugHook(String decl, String flag, String marker) {
    return """
        package com.acme;
        import java.util.HashMap;
        import java.util.Map;
        import java.util.concurrent.ExecutorService;
        public class Events {
          DECL
          public void encode(ExecutorService pool, String kind) {
            pool.submit(() -> {
              if (FLAG) {
                Debugger.get().create(kind);
              }
            });
            pool.submit(() -> {
              if (FLAG) {
                Debugger.get().create(kind);
              }
            });
          }
        }
        class Debugger {
          private static final Debugger INSTANCE = new Debugger();
          private final Map<String, Integer> counts = new HashMap<>();
          static Debugger get() {
            return INSTANCE;
          }
          void create(String kind) {
            Integer c = counts.get(kind);
        MARKER    counts.put(kind, c == null ? 1 : c + 1);
          }
        }
        """.replace("DECL", decl).replace("FLAG", flag).replace("MARKER", marker);
  }

  /** The hook is switched off by a constant: the branch never runs. Not reported at any level. */
  @Test
  void negative_hookBehindAConstantFalseFlag() {
    helper().minConfidence(Confidence.LOW)
        .source("com/acme/Events.java", debugHook(
            "private static final boolean DEBUG = false;\n  private static final boolean TRACE = DEBUG && true;",
            "TRACE", ""))
        .check();
  }

  /** A flag that is not final can be switched on: the hook runs on both tasks. */
  @Test
  void positive_hookBehindAFlagThatCanChange() {
    helper()
        .source("com/acme/Events.java", debugHook(
            "static boolean DEBUG = false;", "DEBUG",
            "    // BUG: Diagnostic contains: UnguardedSharedWrite\n"))
        .check();
  }

  /** A constant true flag keeps the hook on. */
  @Test
  void positive_hookBehindAConstantTrueFlag() {
    helper()
        .source("com/acme/Events.java", debugHook(
            "private static final boolean DEBUG = true;", "!!DEBUG",
            "    // BUG: Diagnostic contains: UnguardedSharedWrite\n"))
        .check();
  }

  /**
   * Two map fields swapped between rounds ({@code previous = current; current = new …}); tasks
   * remove from the previous round's map. {@code MADE} is what the current map is made as.
   * (Blind round 17: a field only ever given another field's concurrent maps read as a plain map.)
   */
  private static String rounds(String made, String marker) {
    return """
        package com.acme;
        import java.util.HashMap;
        import java.util.Map;
        import java.util.concurrent.ConcurrentHashMap;
        import java.util.concurrent.ExecutorService;
        public class Rounds {
          private Map<String, Object> current = MADE;
          private Map<String, Object> previous = MADE;
          public synchronized void nextRound() {
            previous = current;
            current = MADE;
          }
          public void complete(ExecutorService pool) {
            pool.submit(() -> {
        MARKER      previous.remove("a");
            });
            pool.submit(() -> {
        MARKER      previous.remove("b");
            });
          }
        }
        """.replace("MADE", made).replace("MARKER", marker);
  }

  /** Every map either field ever holds is a concurrent one. Not reported at any level. */
  @Test
  void negative_fieldOnlyGivenAnotherFieldsConcurrentMaps() {
    helper().minConfidence(Confidence.LOW)
        .source("com/acme/Rounds.java", rounds("new ConcurrentHashMap<>()", ""))
        .check();
  }

  /** The same swap of plain maps: the tasks change one plain map at once. */
  @Test
  void positive_fieldGivenAnotherFieldsPlainMaps() {
    helper()
        .source("com/acme/Rounds.java", rounds("new HashMap<>()",
            "    // BUG: Diagnostic contains: UnguardedSharedWrite\n"))
        .check();
  }

  /**
   * A heartbeat thread that deploys batch after batch: each deployment makes a map, fills it,
   * and hands it to {@code activate}, which starts one thread per node reading it. {@code FILL}
   * is the body of {@code deploy} after the map is made. (Blind round 17: the filling of one
   * deployment's map reported as racing the node threads of an earlier deployment, which read
   * their own map.)
   */
  private static String deployments(String fill) {
    return """
        package com.acme;
        import java.util.HashMap;
        import java.util.List;
        import java.util.Map;
        public class Container {
          private final Map<Integer, Thread> threads = new HashMap<>();
          public void heartbeats(List<List<String>> batches) {
            new Thread(() -> {
              for (List<String> batch : batches) {
                deploy(batch);
              }
            }).start();
          }
          private void deploy(List<String> nodes) {
            Map<Integer, String> operatorMap = new HashMap<>(nodes.size());
        FILL  }
          private synchronized void activate(final Map<Integer, String> nodeMap) {
            for (Integer id : nodeMap.keySet()) {
              Thread t = new Thread(() -> {
                String name = nodeMap.get(id);
                System.out.println(name);
              });
              threads.put(id, t);
              t.start();
            }
          }
        }
        """.replace("FILL", fill);
  }

  /** Filled, then handed to the threads it starts: ordered by the start. Not reported. */
  @Test
  void negative_ownMapFilledBeforeItsThreadsStart() {
    helper().minConfidence(Confidence.LOW)
        .source("com/acme/Container.java", deployments("""
                for (int i = 0; i < nodes.size(); i++) {
                  operatorMap.put(i, nodes.get(i));
                }
                activate(operatorMap);
            """))
        .check();
  }

  /** A store after the threads start races with them on the same map. */
  @Test
  void positive_ownMapChangedAfterItsThreadsStart() {
    helper()
        .source("com/acme/Container.java", deployments("""
                for (int i = 0; i < nodes.size(); i++) {
                  operatorMap.put(i, nodes.get(i));
                }
                activate(operatorMap);
                // BUG: Diagnostic contains: UnguardedSharedWrite
                operatorMap.put(-1, "late");
            """))
        .check();
  }

  /** Filling and starting in one loop: a later pass fills the map an earlier pass's threads read. */
  @Test
  void positive_ownMapFilledAndHandedOverInOneLoop() {
    helper()
        .source("com/acme/Container.java", deployments("""
                for (int i = 0; i < nodes.size(); i++) {
                  // BUG: Diagnostic contains: UnguardedSharedWrite
                  operatorMap.put(i, nodes.get(i));
                  activate(operatorMap);
                }
            """))
        .check();
  }

  /**
   * Two runs of one stop method ({@code if (pool != null) { pool.shutdown(); pool = null; }}) are
   * one race, reported once at the store (the other end related), not once more at the check or
   * the call from the other end. Every rule runs, so no read finding may remain. (Blind round 18:
   * each such race reported as a read and as a write.)
   */
  @Test
  void positive_checkThenClearRacingItselfIsOneFinding() {
    RuleTestHelper.allRules()
        .source(
            "com/acme/RunHolder.java",
            """
            package com.acme;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            public class RunHolder {
              private ExecutorService parallel = Executors.newCachedThreadPool();
              public void shutdown() {
                if (parallel != null) {
                  parallel.shutdown();
                  // BUG: Diagnostic contains: UnguardedSharedWrite
                  parallel = null;
                }
              }
              public void stopTwice(ExecutorService pool) {
                pool.submit(this::shutdown);
                pool.submit(this::shutdown);
              }
            }
            """)
        .check();
  }

  /**
   * Pool tasks started in a loop, each storing its result at {@code SLOT} of {@code ARRAY}; the
   * caller waits for them all before reading. (Blind rounds 14 and 15: tasks writing their own
   * slots of one array reported as several runs writing the same place.)
   */
  private static String slots(String array, String slot, String marker) {
    return """
        package com.acme;
        import java.util.List;
        import java.util.concurrent.ExecutorService;
        import java.util.concurrent.Executors;
        import java.util.concurrent.TimeUnit;
        public class Slots {
          private final long[] shared = new long[4];
          public long run(List<String> items) throws InterruptedException {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            long[] local = new long[4];
            for (int i = 0; i < 4; i++) {
              final int slot = i;
              pool.execute(() -> {
        MARKER        ARRAY[SLOT] = items.get(slot).length();
              });
            }
            pool.shutdown();
            pool.awaitTermination(1, TimeUnit.MINUTES);
            return ARRAY[0] + ARRAY[3];
          }
        }
        """.replace("ARRAY", array).replace("SLOT", slot).replace("MARKER", marker);
  }

  /** Each task of the loop writes the slot of its own pass in the array of this call. */
  @Test
  void negative_tasksOfOneLoopWriteTheirOwnSlotsOfAPerCallArray() {
    helper().minConfidence(Confidence.LOW)
        .source("com/acme/Slots.java", slots("local", "slot", ""))
        .check();
  }

  /** Every task writes the same slot: the writes race. */
  @Test
  void positive_tasksOfOneLoopWriteOneSlot() {
    helper()
        .source("com/acme/Slots.java", slots("local", "0",
            "    // BUG: Diagnostic contains: UnguardedSharedWrite\n"))
        .check();
  }

  /**
   * The array is the object's: two calls of {@code run()} start tasks for the same slots of it,
   * so a slot per pass does not keep them apart.
   */
  @Test
  void positive_slotPerPassOfAnArrayEveryCallShares() {
    helper().minConfidence(Confidence.LOW)
        .source("com/acme/Slots.java", slots("shared", "slot",
            "    // BUG: Diagnostic contains: UnguardedSharedWrite\n"))
        .check();
  }

  /** Two constant indices that differ name two elements, two variables: no race between them. */
  @Test
  void negative_twoConstantIndicesOfOneArray() {
    helper().minConfidence(Confidence.LOW)
        .source("com/acme/Gauges.java", """
            package com.acme;
            import java.util.concurrent.ExecutorService;
            public class Gauges {
              private final long[] values = new long[2];
              public void start(ExecutorService pool) {
                pool.execute(() -> values[0] = System.nanoTime());
                pool.execute(() -> values[1] = Runtime.getRuntime().freeMemory());
              }
            }
            """)
        .check();
  }

  /**
   * A writer that takes its lock unless it was built for one thread: {@code if (unsynchronized)
   * work; else synchronized (lock) { work }}; {@code PLAIN} is the unlocked branch. (Blind round
   * 15: the two branches of one method reported as two threads racing.)
   */
  private static String optionalLocking(String plain, String marker) {
    return """
        package com.acme;
        import java.util.ArrayList;
        import java.util.List;
        import java.util.concurrent.ExecutorService;
        public class Writer {
          private final Object lock = new Object();
          private final boolean unsynchronized;
          private final List<String> pending = new ArrayList<>();
          public Writer(boolean unsynchronized) {
            this.unsynchronized = unsynchronized;
          }
          public void start(ExecutorService pool) {
            pool.execute(() -> add("x"));
          }
          public void add(String s) {
            if (unsynchronized) {
        MARKER      PLAIN
            } else {
              synchronized (lock) {
                pending.add(s);
              }
            }
          }
          public int size() {
            synchronized (lock) {
              return pending.size();
            }
          }
        }
        """.replace("PLAIN", plain).replace("MARKER", marker);
  }

  /**
   * The same work with the lock and without it, chosen by the object's mode: in the unlocked mode
   * one thread uses the object, so the choice runs as if under the lock. Not reported.
   */
  @Test
  void negative_sameWorkWithOrWithoutTheLockByTheObjectsMode() {
    helper().minConfidence(Confidence.LOW)
        .source("com/acme/Writer.java", optionalLocking("pending.add(s);", ""))
        .check();
  }

  /** An unlocked branch that does other work than the locked one is no such mode: reported. */
  @Test
  void positive_unlockedBranchDoesOtherWork() {
    helper().minConfidence(Confidence.LOW)
        .source("com/acme/Writer.java", optionalLocking("pending.add(0, s);",
            "    // BUG: Diagnostic contains: UnguardedSharedWrite\n"))
        .check();
  }

  /**
   * A helper that splits work over {@code parts} pool tasks, each taking every {@code STEP}-th
   * element from its own start, and {@code WAIT}s before it returns; the caller reads the results
   * after the call. (Blind round 15: strided workers of a helper that waits for them, and the
   * caller's reads after it, reported as races.)
   */
  private static String stridedHelper(String step, String wait, String marker) {
    return """
        package com.acme;
        import java.util.List;
        import java.util.concurrent.ExecutorService;
        import java.util.concurrent.Executors;
        import java.util.concurrent.TimeUnit;
        public class Remapper {
          private long latest;
          public long rebuild(List<String> states) throws InterruptedException {
            String[] remapped = new String[states.size()];
            remap(states, remapped);
            long total = 0;
            for (int i = 0; i < remapped.length; i++) {
              total += remapped[i].length();
            }
            latest = total;
            return total;
          }
          private void remap(List<String> states, String[] out) throws InterruptedException {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            final int parts = 4;
            for (int i = 0; i < parts; i++) {
              final int first = i;
              pool.execute(() -> {
                for (int t = first; t < states.size(); t += STEP) {
        MARKER          out[t] = states.get(t).trim();
                }
              });
            }
            pool.shutdown();
            WAIT
          }
        }
        """.replace("STEP", step).replace("WAIT", wait).replace("MARKER", marker);
  }

  /**
   * Each task takes its own residue of the index (start at its pass, step by the number of
   * passes), and the helper waits for all before it returns: nothing races. Not reported.
   */
  @Test
  void negative_stridedTasksOfAHelperThatWaitsForThem() {
    helper().minConfidence(Confidence.LOW)
        .source("com/acme/Remapper.java", stridedHelper("parts",
            "pool.awaitTermination(1, TimeUnit.MINUTES);", ""))
        .check();
  }

  /** A step smaller than the number of tasks makes their elements overlap: reported. */
  @Test
  void positive_stridesThatOverlap() {
    helper()
        .source("com/acme/Remapper.java", stridedHelper("2",
            "pool.awaitTermination(1, TimeUnit.MINUTES);",
            "    // BUG: Diagnostic contains: UnguardedSharedWrite\n"))
        .check();
  }
  /**
   * A caller that hands a fresh array to a helper which starts pool tasks filling it and {@code
   * WAIT}s, then reads the array (the race, one finding, is reported at the task's write). A helper that waits for every task it started before it
   * returns leaves none running after the call.
   */
  private static String fillingHelper(String wait, String marker) {
    return """
        package com.acme;
        import java.util.concurrent.ExecutorService;
        import java.util.concurrent.Executors;
        import java.util.concurrent.TimeUnit;
        public class Filler {
          private long last;
          public long fill(int n) throws InterruptedException {
            long[] values = new long[1];
            compute(values, n);
            last = values[0];
            return last;
          }
          private void compute(long[] into, int n) throws InterruptedException {
            ExecutorService pool = Executors.newFixedThreadPool(1);
        MARKER    pool.execute(() -> into[0] = (long) n * n);
            pool.shutdown();
            WAIT
          }
        }
        """.replace("WAIT", wait).replace("MARKER", marker);
  }

  /** The helper waits for its task before it returns: the read after the call is ordered. */
  @Test
  void negative_readAfterAHelperThatWaitsForTheTasksItStarted() {
    helper().minConfidence(Confidence.LOW)
        .source("com/acme/Filler.java",
            fillingHelper("pool.awaitTermination(1, TimeUnit.MINUTES);", ""))
        .check();
  }

  /** The helper returns without waiting: its task may still write while the caller reads. */
  @Test
  void positive_readAfterAHelperThatLeavesItsTaskRunning() {
    helper().minConfidence(Confidence.LOW)
        .source("com/acme/Filler.java",
            fillingHelper("", "    // BUG: Diagnostic contains: UnguardedSharedWrite\n"))
        .check();
  }

  /**
   * Each pass of the loop that starts the tasks fills its own slot of a per-call array, then
   * starts the task that uses that slot: the pass's task starts after the store, and every other
   * task uses another slot. Not reported. A pass that fills its slot after starting its task races
   * with it: reported.
   */
  @Test
  void negative_passFillsItsSlotBeforeItsTask_positive_afterItsTask() {
    helper().minConfidence(Confidence.LOW)
        .source("com/acme/Matcher.java", slotPerPass(true, "")).check();
    helper().minConfidence(Confidence.LOW)
        .source("com/acme/Matcher.java",
            slotPerPass(false, "      // BUG: Diagnostic contains: UnguardedSharedWrite\n"))
        .check();
  }

  /**
   * A matcher whose loop gives each pool task a result list in a per-call array, stored {@code
   * before} or after the pass starts the task (the store marked by {@code marker}).
   */
  private static String slotPerPass(boolean before, String marker) {
    String fill = marker + "      results[slot] = new ArrayList<>();\n";
    return """
        package com.acme;
        import java.util.ArrayList;
        import java.util.List;
        import java.util.concurrent.ExecutorService;
        import java.util.concurrent.Executors;
        import java.util.concurrent.TimeUnit;
        public class Matcher {
          @SuppressWarnings("unchecked")
          public List<Long> match(int ordinals) throws InterruptedException {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            final int threads = 4;
            final List<Long>[] results = new List[threads];
            for (int i = 0; i < threads; i++) {
              final int slot = i;
        BEFORE      pool.execute(() -> {
                for (int t = slot; t < ordinals; t += threads) {
                  results[slot].add((long) t);
                }
              });
        AFTER    }
            pool.shutdown();
            pool.awaitTermination(1, TimeUnit.HOURS);
            List<Long> all = new ArrayList<>();
            for (List<Long> r : results) {
              all.addAll(r);
            }
            return all;
          }
        }
        """.replace("BEFORE", before ? fill : "").replace("AFTER", before ? "" : fill);
  }

  /**
   * An array element race is explained as one (a stale or lost element value, atomic arrays as
   * the fix), not in a collection's words (lost entries, a corrupt structure), and the array's
   * type is named once spaced. (Blind round 15: "a shared  long[]" and container wording.)
   */
  @Test
  void positive_arrayElementRaceIsExplainedAsOne() {
    helper()
        .source("com/acme/Slots.java", slots("local", "0",
            "    // BUG: Diagnostic contains: writes a shared long[] in a lambda\n"))
        .check();
    helper()
        .source("com/acme/Slots.java", slots("local", "0",
            "    // BUG: Diagnostic contains: or use an AtomicIntegerArray, AtomicLongArray\n"))
        .check();
  }

  /**
   * A store whose writes run as tasks on the executor one field holds, closed by shutting
   * {@code DRAINED} down and waiting for it before clearing what the tasks wrote. (Blind round
   * 15: a close that waits for the background executor another method fed, reported as racing.)
   */
  private static String draining(String drained, String marker) {
    return """
        package com.acme;
        import java.util.ArrayList;
        import java.util.List;
        import java.util.concurrent.ExecutorService;
        import java.util.concurrent.Executors;
        import java.util.concurrent.TimeUnit;
        public class Store {
          private final ExecutorService writer = Executors.newSingleThreadExecutor();
          private final ExecutorService other = Executors.newFixedThreadPool(2);
          private final List<String> versions = new ArrayList<>();
          public void write(String v) {
        MARKER    writer.execute(() -> versions.add(v));
          }
          public void close() throws InterruptedException {
            DRAINED.shutdown();
            DRAINED.awaitTermination(1, TimeUnit.MINUTES);
            versions.clear();
          }
        }
        """.replace("DRAINED", drained).replace("MARKER", marker);
  }

  /**
   * After the executor every write was handed to is shut down and waited for, none of its tasks
   * runs, whoever submitted them: the clear is ordered after them. Not reported.
   */
  @Test
  void negative_clearAfterDrainingTheExecutorTheWritesRanOn() {
    helper().minConfidence(Confidence.LOW)
        .source("com/acme/Store.java", draining("writer", ""))
        .check();
  }

  /** Draining another executor orders nothing for the writes: reported. */
  @Test
  void positive_clearAfterDrainingAnotherExecutor() {
    helper().minConfidence(Confidence.LOW)
        .source("com/acme/Store.java", draining("other",
            "    // BUG: Diagnostic contains: UnguardedSharedWrite\n"))
        .check();
  }

  /**
   * A stream whose every method that touches its position is {@code synchronized}, {@code mark}
   * and {@code reset} too, whose modifier copies the JDK's: their monitor is held all the same,
   * so {@code reset()} and {@code read()} exclude each other. (Blind round 15: a synchronized
   * {@code reset()} reported as holding nothing.) Not reported at any level.
   */
  @Test
  void negative_streamWhoseReadAndResetAreBothSynchronized() {
    helper().minConfidence(Confidence.LOW)
        .source("com/acme/Pushback.java", """
            package com.acme;
            import java.io.InputStream;
            public class Pushback extends InputStream {
              private final byte[] buf = new byte[64];
              private int pos;
              private int mark;
              private volatile boolean closed;
              @Override public synchronized int read() {
                return pos < buf.length ? buf[pos++] : -1;
              }
              @Override public synchronized void mark(int limit) {
                mark = pos;
              }
              @Override public synchronized void reset() {
                pos = mark;
              }
              @Override public void close() {
                closed = true;
              }
            }
            """)
        .check();
  }
}
