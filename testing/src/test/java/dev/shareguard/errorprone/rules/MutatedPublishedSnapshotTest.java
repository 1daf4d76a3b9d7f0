package dev.shareguard.errorprone.rules;

import dev.shareguard.core.rules.threads.MutatedPublishedSnapshot;
import dev.shareguard.testing.RuleTestHelper;
import org.junit.jupiter.api.Test;

/** {@link MutatedPublishedSnapshot}: copy-on-write snapshots changed in place. */
class MutatedPublishedSnapshotTest {
  private static RuleTestHelper helper() {
    return RuleTestHelper.rule(MutatedPublishedSnapshot.ID);
  }

  @Test
  void positive_listTakenFromAnAtomicReferenceIsChangedInPlace() {
    helper()
        .source(
            "com/acme/Routes.java",
            """
            package com.acme;
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.atomic.AtomicReference;
            public class Routes {
              private final AtomicReference<List<String>> current =
                  new AtomicReference<List<String>>(new ArrayList<>());
              public void add(ExecutorService pool, String route) {
                pool.submit(() -> {
                  // BUG: Diagnostic contains: MutatedPublishedSnapshot
                  current.get().add(route);
                });
              }
              public boolean has(String route) {
                for (String r : current.get()) {
                  if (r.equals(route)) {
                    return true;
                  }
                }
                return false;
              }
            }
            """)
        .check();
  }

  /**
   * A volatile list that is given a fresh copy only in the clone being built ({@code
   * copy.enabled = new ArrayList<>(enabled)}), never on the object its readers hold: nothing
   * publishes snapshots through this object's field, so an in-place change is no broken
   * copy-on-write. Not reported by this rule (blind round 13: a cache configuration's listener
   * lists, whose message claimed replacements that only the clones get); the task's change racing
   * the reader is a plain container race, UnguardedSharedWrite's to report. With the copy also
   * assigned to the object's own field, this rule reports it.
   */
  @Test
  void negative_freshCopiesOnlyInAClone_positive_whenTheObjectsOwnFieldIsReplaced() {
    String source =
        """
        package com.acme;
        import java.util.ArrayList;
        import java.util.List;
        import java.util.concurrent.ExecutorService;
        public class Flags implements Cloneable {
          private volatile List<String> enabled = new ArrayList<>();
          public void start(ExecutorService pool) {
            pool.submit(() -> {
        MARKER      enabled.remove("beta");
            });
          }
          public boolean isEnabled(String flag) {
            return enabled.contains(flag);
          }
          @Override
          public Flags clone() throws CloneNotSupportedException {
            Flags copy = (Flags) super.clone();
            copy.enabled = new ArrayList<>(enabled);
            return copy;
          }
        MORE}
        """;
    helper()
        .minConfidence(dev.shareguard.core.finding.Confidence.LOW)
        .source("com/acme/Flags.java", source.replace("MARKER", "").replace("MORE", ""))
        .check();
    helper()
        .source("com/acme/Flags.java", source
            .replace("MARKER", "      // BUG: Diagnostic contains: MutatedPublishedSnapshot\n")
            .replace("MORE", "  public synchronized void reset() {\n"
                + "    enabled = new ArrayList<>(enabled.subList(0, 1));\n  }\n"))
        .check();
  }

  @Test
  void positive_volatileSnapshotChangedInPlaceBesideCopyOnWriteUpdates() {
    helper()
        .source(
            "com/acme/Flags.java",
            """
            package com.acme;
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.ExecutorService;
            public class Flags {
              private volatile List<String> enabled = new ArrayList<>();
              public synchronized void enable(String flag) {
                List<String> copy = new ArrayList<>(enabled);
                copy.add(flag);
                enabled = copy;
              }
              public void start(ExecutorService pool) {
                pool.submit(() -> {
                  // BUG: Diagnostic contains: MutatedPublishedSnapshot
                  enabled.remove("beta");
                });
              }
              public boolean isEnabled(String flag) {
                return enabled.contains(flag);
              }
            }
            """)
        .check();
  }

  /**
   * Snapshots that are all concurrent maps (each built in a local and published whole) may also
   * be changed in place: no reader can see a half-changed map or fail while iterating. The same
   * with plain maps is reported.
   */
  @Test
  void negative_concurrentSnapshotsChangedInPlace_positive_plainOnes() {
    for (String made : java.util.List.of("ConcurrentHashMap", "HashMap")) {
      boolean plain = made.equals("HashMap");
      helper()
          .source(
              "com/acme/Breakers.java",
              """
              package com.acme;
              import java.util.HashMap;
              import java.util.Map;
              import java.util.concurrent.ConcurrentHashMap;
              import java.util.concurrent.ExecutorService;
              public class Breakers {
                private volatile Map<String, Integer> breakers = new %s<>();
                public synchronized void reload(Map<String, Integer> rules) {
                  Map<String, Integer> fresh = new %s<>();
                  fresh.putAll(rules);
                  breakers = fresh;
                }
                public void open(ExecutorService pool, String name) {
                  pool.execute(() -> {
              %s      breakers.put(name, 1);
                  });
                }
                public Integer get(String name) {
                  return breakers.get(name);
                }
              }
              """.formatted(made, made,
                  plain ? "      // BUG: Diagnostic contains: MutatedPublishedSnapshot\n" : ""))
          .check();
    }
  }

  /**
   * A volatile map field given a caller's map by a setter is handed a map, not republished as a
   * copy-on-write snapshot: nothing here builds a copy, so changing the map in place breaks no
   * snapshot (a session's attribute map, taken over from another session).
   */
  @Test
  void negative_volatileFieldGivenTheCallersMapIsNoSnapshot() {
    RuleTestHelper.rule(MutatedPublishedSnapshot.ID)
        .source(
            "com/acme/Session.java",
            """
            package com.acme;
            import java.util.Map;
            import java.util.concurrent.ConcurrentHashMap;
            import java.util.concurrent.ExecutorService;
            public class Session {
              private volatile Map<String, Object> values = new ConcurrentHashMap<>();
              public synchronized void takeOver(Map<String, Object> from) {
                this.values = from;
              }
              public Map<String, Object> values() {
                return values;
              }
              public void start(ExecutorService pool, String k) {
                pool.execute(() -> values.put(k, k));
              }
              public synchronized void prepare() {
                values.clear();
              }
            }
            """)
        .check();
  }

  @Test
  void negative_copyChangeThenPublish() {
    helper()
        .source(
            "com/acme/Config.java",
            """
            package com.acme;
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.atomic.AtomicReference;
            public class Config {
              private final AtomicReference<List<String>> hosts = new AtomicReference<>(List.of());
              private volatile List<String> ports = List.of();
              public void start(ExecutorService pool) {
                pool.submit(() -> {
                  List<String> copy = new ArrayList<>(hosts.get());
                  copy.add("b");
                  hosts.set(copy);
                  hosts.updateAndGet(l -> {
                    List<String> c = new ArrayList<>(l);
                    c.add("c");
                    return c;
                  });
                  List<String> p = new ArrayList<>(ports);
                  p.add("80");
                  ports = p;
                });
              }
              public int size() {
                return hosts.get().size() + ports.size();
              }
            }
            """)
        .check();
  }

  private static final String FREEZABLE =
      """
      package com.acme;
      import java.util.HashSet;
      import java.util.Set;
      public class Registry {
        private volatile Set<String> names = new HashSet<>();
        private boolean frozen;
        public synchronized void add(String n) {
          if (!frozen) {
            names.add(n);
            return;
          }
          Set<String> copy = new HashSet<>(names);
          copy.add(n);
          names = copy;
        }
        public synchronized void remove(String n) {
          if (!frozen) {
            names.remove(n);
            return;
          }
          Set<String> copy = new HashSet<>(names);
          copy.remove(n);
          names = copy;
        }
        public synchronized void freeze() {
          frozen = true;
        }
      }
      """;

  /**
   * Shape from a REST framework's registries: a set changed in place until it is frozen, and by
   * copies after; every change holds the object's monitor. Two changes under one lock never
   * overlap, and nothing reads the set without it: no reader sees a change half made.
   */
  @Test
  void negative_inPlaceChangesAllUnderOneMonitor() {
    helper().source("com/acme/Registry.java", FREEZABLE).check();
  }

  /** The same registry with a reader that takes no lock: it may see an in-place change half made. */
  @Test
  void positive_inPlaceChangesBesideAnUnlockedReader() {
    helper()
        .source(
            "com/acme/Registry.java",
            FREEZABLE
                .replace("  public synchronized void freeze() {",
                    "  public boolean has(String n) {\n    return names.contains(n);\n  }\n"
                        + "  public synchronized void freeze() {")
                .replace("      names.add(n);",
                    "      // BUG: Diagnostic contains: MutatedPublishedSnapshot\n      names.add(n);")
                .replace("      names.remove(n);",
                    "      // BUG: Diagnostic contains: MutatedPublishedSnapshot\n"
                        + "      names.remove(n);"))
        .check();
  }

  /**
   * The same registry used by another class that holds it in a field and changes it through its
   * synchronized methods: every change still holds the registry's own monitor, named through the
   * holder's field on one path and as {@code this} on the other.
   */
  @Test
  void negative_inPlaceChangesUnderTheMonitorReachedThroughAHolder() {
    helper()
        .source("com/acme/Registry.java", FREEZABLE)
        .source(
            "com/acme/Providers.java",
            """
            package com.acme;
            public class Providers {
              private final Registry names = new Registry();
              public void register(String n) {
                names.add(n);
              }
            }
            """)
        .check();
  }

  /**
   * A reference a constructor sets to {@code new AtomicReference<>(new Stack<>())} publishes a
   * {@code Stack}, a synchronized {@code Vector}: pushing and popping it in place is safe. Not
   * reported. An {@code ArrayDeque} published the same way: both changes reported.
   */
  @Test
  void negative_threadSafeSnapshotPublishedByTheConstructor_positive_plainDeque() {
    helper().source("com/acme/Mailbox.java", mailbox("Stack", "")).check();
    helper()
        .source("com/acme/Mailbox.java", mailbox("ArrayDeque",
            "      // BUG: Diagnostic contains: MutatedPublishedSnapshot\n"))
        .check();
  }

  /** A mailbox whose constructor publishes a {@code STACK} of overrides through a reference. */
  private static String mailbox(String stack, String marker) {
    return """
        package com.acme;
        import java.util.ArrayDeque;
        import java.util.Deque;
        import java.util.Stack;
        import java.util.concurrent.ExecutorService;
        import java.util.concurrent.atomic.AtomicReference;
        public class Mailbox {
          private final AtomicReference<TYPE<String>> overrides;
          public Mailbox() {
            this.overrides = new AtomicReference<>(new STACK<>());
          }
          public void suspend(ExecutorService pool, String name) {
            pool.execute(() -> {
        MARKER      overrides.get().push(name);
            });
          }
          public void resume() {
            if (!overrides.get().isEmpty()) {
        MARKER      overrides.get().pop();
            }
          }
        }
        """.replace("TYPE", stack.equals("Stack") ? "Stack" : "Deque").replace("STACK", stack)
        .replace("MARKER", marker);
  }
  /**
   * A map published through an {@code AtomicReference} that the class's own code only ever gives
   * concurrent maps, and that an API setter nothing in the program calls ({@code
   * setInflight(requests)}) lets a caller replace: the class keeps a thread-safe map there, and a
   * caller is expected to pass one, so changing it in place is no fault ({@code CALL} empty). When
   * the program calls the setter with a plain map, the published map may be that one: reported.
   */
  private static String responses(String call, String marker) {
    return """
        package com.acme;
        import java.util.HashMap;
        import java.util.Map;
        import java.util.concurrent.CompletableFuture;
        import java.util.concurrent.ConcurrentHashMap;
        import java.util.concurrent.ScheduledExecutorService;
        import java.util.concurrent.TimeUnit;
        import java.util.concurrent.atomic.AtomicReference;
        public class Responses {
          private final AtomicReference<Map<String, CompletableFuture<String>>> inflight =
              new AtomicReference<>(new ConcurrentHashMap<>());
          private final ScheduledExecutorService timer;
          public Responses(ScheduledExecutorService timer) {
            this.timer = timer;
          }
          public void setInflight(Map<String, CompletableFuture<String>> requests) {
            inflight.set(requests);
          }
          public void add(String id, CompletableFuture<String> f) {
        MARKER    inflight.get().put(id, f);
            timer.schedule(() -> remove(id), 5, TimeUnit.SECONDS);
          }
          public CompletableFuture<String> remove(String id) {
        MARKER    return inflight.get().remove(id);
          }
          public void close() {
            Map<String, CompletableFuture<String>> old = inflight.getAndSet(new ConcurrentHashMap<>());
            old.values().forEach(f -> f.cancel(true));
          }
        CALL}
        """.replace("CALL", call).replace("MARKER", marker);
  }

  @Test
  void negative_concurrentMapsOnlyBesideAnUncalledSetter() {
    helper().source("com/acme/Responses.java", responses("", "")).check();
  }

  @Test
  void positive_setterCalledWithAPlainMap() {
    helper()
        .source(
            "com/acme/Responses.java",
            responses(
                "  public void reset() {\n    setInflight(new HashMap<>());\n  }\n",
                "    // BUG: Diagnostic contains: MutatedPublishedSnapshot\n"))
        .check();
  }
}
