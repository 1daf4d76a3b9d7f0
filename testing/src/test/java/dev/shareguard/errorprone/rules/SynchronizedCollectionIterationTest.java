package dev.shareguard.errorprone.rules;

import dev.shareguard.core.rules.threads.SynchronizedCollectionIteration;
import dev.shareguard.testing.RuleTestHelper;
import org.junit.jupiter.api.Test;

/** {@link SynchronizedCollectionIteration}: traversals of synchronized wrappers without the lock. */
class SynchronizedCollectionIterationTest {
  private static RuleTestHelper helper() {
    return RuleTestHelper.rule(SynchronizedCollectionIteration.ID);
  }

  @Test
  void positive_forEachLoopAndStreamWhileListenersAreAdded() {
    helper()
        .source(
            "com/acme/EventBus.java",
            """
            package com.acme;
            import java.util.ArrayList;
            import java.util.Collections;
            import java.util.List;
            import java.util.function.Consumer;
            public class EventBus {
              private final List<Consumer<String>> listeners =
                  Collections.synchronizedList(new ArrayList<>());
              public void subscribe(Consumer<String> l) {
                listeners.add(l);
              }
              public void publish(String event) {
                // BUG: Diagnostic contains: SynchronizedCollectionIteration
                for (Consumer<String> l : listeners) {
                  l.accept(event);
                }
              }
              public long count() {
                // BUG: Diagnostic contains: synchronized (listeners)
                return listeners.stream().count();
              }
            }
            """)
        .check();
  }

  @Test
  void positive_mapViewsAndCopiesThatIterate() {
    helper()
        .source(
            "com/acme/Sessions.java",
            """
            package com.acme;
            import java.util.Collections;
            import java.util.HashMap;
            import java.util.HashSet;
            import java.util.Map;
            import java.util.Set;
            import java.util.concurrent.ExecutorService;
            public class Sessions {
              private final Map<String, Long> lastSeen = Collections.synchronizedMap(new HashMap<>());
              public void start(ExecutorService pool) {
                pool.submit(() -> lastSeen.put("probe", System.nanoTime()));
              }
              public Set<String> users() {
                // BUG: Diagnostic contains: SynchronizedCollectionIteration
                return new HashSet<>(lastSeen.keySet());
              }
              public Map<String, Long> snapshot() {
                // BUG: Diagnostic contains: SynchronizedCollectionIteration
                return new HashMap<>(lastSeen);
              }
            }
            """)
        .check();
  }

  /** A project's static factory whose one statement returns a synchronized wrapper. */
  static final String MAPS =
      """
      package com.acme.util;
      import java.util.LinkedHashMap;
      import java.util.Map;
      public final class Maps {
        private Maps() {}
        public static <K, V> Map<K, V> synchronizedLinkedMap() {
          return java.util.Collections.synchronizedMap(new LinkedHashMap<K, V>());
        }
      }
      """;

  /**
   * A field filled by a project's factory method that returns a synchronized wrapper holds that
   * wrapper: its unlocked traversal is this rule's finding (and its single calls are no race, see
   * {@code UnguardedSharedWriteTest#negative_synchronizedWrapperFromAProjectFactory}).
   */
  @Test
  void positive_wrapperMadeByAProjectFactoryIteratedWithoutItsLock() {
    helper()
        .source("com/acme/util/Maps.java", MAPS)
        .source(
            "com/acme/Recovery.java",
            """
            package com.acme;
            import com.acme.util.Maps;
            import java.util.Iterator;
            import java.util.Map;
            import java.util.concurrent.ExecutorService;
            public class Recovery {
              final Map<String, String> declarations = Maps.synchronizedLinkedMap();
              public void declare(ExecutorService pool, String name, String spec) {
                pool.submit(() -> declarations.put(name, spec));
              }
              public void recover(ExecutorService pool) {
                pool.submit(() -> {
                  // BUG: Diagnostic contains: SynchronizedCollectionIteration
                  for (Iterator<Map.Entry<String, String>> it = declarations.entrySet().iterator();
                      it.hasNext(); ) {
                    if (it.next().getValue().isEmpty()) {
                      it.remove();
                    }
                  }
                });
              }
            }
            """)
        .check();
  }

  /**
   * A synchronized wrapper around a {@code ConcurrentHashMap} needs no lock to iterate: the map's
   * own iterators are weakly consistent and never throw. The wrapper of a {@code HashMap} does.
   */
  @Test
  void negative_wrapperOfAConcurrentMap_positive_ofAHashMap() {
    for (String made : java.util.List.of("ConcurrentHashMap", "HashMap")) {
      boolean plain = made.equals("HashMap");
      helper()
          .source(
              "com/acme/Routers.java",
              """
              package com.acme;
              import java.util.Collections;
              import java.util.HashMap;
              import java.util.Map;
              import java.util.concurrent.ConcurrentHashMap;
              import java.util.concurrent.ExecutorService;
              public class Routers {
                private static final Map<String, Integer> ROUTERS =
                    Collections.synchronizedMap(new %s<>());
                public static void load(ExecutorService pool, String name) {
                  pool.submit(() -> ROUTERS.put(name, 1));
                }
                public static int total() {
                  int sum = 0;
              %s    for (Map.Entry<String, Integer> e : ROUTERS.entrySet()) {
                    sum += e.getValue();
                  }
                  return sum;
                }
              }
              """.formatted(made,
                  plain ? "    // BUG: Diagnostic contains: SynchronizedCollectionIteration\n" : ""))
          .check();
    }
  }

  @Test
  void negative_traversalsHoldTheWrappersMonitorOrLockThemselves() {
    helper()
        .source(
            "com/acme/Audit.java",
            """
            package com.acme;
            import java.util.ArrayList;
            import java.util.Collections;
            import java.util.List;
            public class Audit {
              private final List<String> entries = Collections.synchronizedList(new ArrayList<>());
              public void record(String e) {
                entries.add(e);
              }
              public List<String> copy() {
                synchronized (entries) {
                  return new ArrayList<>(entries.subList(0, entries.size()));
                }
              }
              public void print() {
                synchronized (entries) {
                  for (String e : entries) {
                    System.out.println(e);
                  }
                }
                entries.forEach(System.out::println);
                System.out.println(entries);
                List<String> viaToArray = new ArrayList<>(entries);
                System.out.println(viaToArray.size());
              }
              public int localOnly() {
                List<String> mine = Collections.synchronizedList(new ArrayList<>());
                mine.add("x");
                int n = 0;
                for (String s : mine) {
                  n += s.length();
                }
                return n;
              }
            }
            """)
        .check();
  }

  /**
   * Known limitation: a wrapper handed in through a parameter is not recognised as one, so an
   * unlocked traversal of it is missed. Documented in docs/rules/SynchronizedCollectionIteration.md.
   */
  @Test
  void limitation_wrapperFromAParameterIsNotRecognised() {
    helper()
        .source(
            "com/acme/Journal.java",
            """
            package com.acme;
            import java.util.List;
            import java.util.concurrent.ExecutorService;
            public class Journal {
              private final List<String> lines;
              public Journal(List<String> synchronizedLines) {
                this.lines = synchronizedLines;
              }
              public void record(ExecutorService pool, String line) {
                pool.submit(() -> lines.add(line));
              }
              public int length() {
                int n = 0;
                synchronized (this) {
                  for (String l : lines) {
                    n += l.length();
                  }
                }
                return n;
              }
            }
            """)
        .check();
  }
  /**
   * A traversal without the wrapper's monitor, but in a {@code synchronized} method of the
   * object that holds the wrapper, and every change of it in another {@code synchronized} method
   * of that object ({@code STOP} so): the object's monitor keeps them apart. A change outside it
   * may run during the traversal.
   */
  private static String manager(String stop, String marker) {
    return """
        package com.acme;
        import java.util.Collections;
        import java.util.HashMap;
        import java.util.Map;
        public class DeviceManager {
          private final Map<String, String> attached = Collections.synchronizedMap(new HashMap<>());
          private Thread scanner;
          public synchronized void start() {
            scanner = new Thread(() -> {
              while (!Thread.currentThread().isInterrupted()) {
                scan();
              }
            });
            scanner.start();
          }
          STOP
          synchronized void scan() {
        MARKER    for (Map.Entry<String, String> e : attached.entrySet()) {
              e.getValue();
            }
            attached.put("device", "present");
          }
        }
        """.replace("STOP", stop).replace("MARKER", marker);
  }

  @Test
  void negative_traversalAndChangesInSynchronizedMethodsOfTheHolder() {
    helper()
        .source(
            "com/acme/DeviceManager.java",
            manager("public synchronized void stop() {\n    attached.clear();\n  }", ""))
        .check();
  }

  @Test
  void positive_changeOutsideTheHoldersMonitor() {
    helper()
        .source(
            "com/acme/DeviceManager.java",
            manager(
                "public void stop() {\n    attached.clear();\n  }",
                "    // BUG: Diagnostic contains: SynchronizedCollectionIteration\n"))
        .check();
  }
}
