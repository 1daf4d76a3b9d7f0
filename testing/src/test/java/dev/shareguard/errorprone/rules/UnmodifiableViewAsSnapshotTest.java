package dev.shareguard.errorprone.rules;

import dev.shareguard.core.rules.copies.UnmodifiableViewAsSnapshot;
import dev.shareguard.testing.RuleTestHelper;
import org.junit.jupiter.api.Test;

/** {@link UnmodifiableViewAsSnapshot}: live views handed out as if they were snapshots. */
class UnmodifiableViewAsSnapshotTest {
  private static RuleTestHelper helper() {
    return RuleTestHelper.rule(UnmodifiableViewAsSnapshot.ID);
  }

  /**
   * Shipped shape: a synchronized getter returns the internal list that a synchronized rebuild
   * clears and refills; callers iterate it after the lock is released.
   */
  @Test
  void regression_synchronizedGetterReturnsTheGuardedListItself() {
    helper()
        .source(
            "com/acme/MetadataState.java",
            """
            package com.acme;
            import java.util.ArrayList;
            import java.util.Collection;
            import java.util.List;
            public class MetadataState {
              private final List<String> all = new ArrayList<>();
              public synchronized Collection<String> getAll() {
                // BUG: Diagnostic contains: UnmodifiableViewAsSnapshot
                return all;
              }
              public synchronized void onChange(List<String> hosts) {
                all.clear();
                all.addAll(hosts);
              }
            }
            """)
        .check();
  }

  /**
   * A synchronized getter that fills its list the first time only (under {@code if (!loaded) {
   * loaded = true; … }}, the flag never set back), or through a private helper only such a
   * guard calls, and returns it: every fill happens, under the getter's lock, before the first
   * caller gets the list, and never again, so no holder sees it change. A later change under
   * the same lock (a {@code register(…)}) is what makes the returned list live.
   */
  @Test
  void negative_listFilledOnceUnderTheGetterLock_positive_changedLater() {
    String code =
        """
        package com.acme;
        import java.util.ArrayList;
        import java.util.HashMap;
        import java.util.List;
        import java.util.Map;
        public class Providers {
          private static final List<String> providers = new ArrayList<>();
          private static final Map<String, String> converters = new HashMap<>();
          private static boolean loaded;
          private static boolean defined;
          public static synchronized List<String> getProviders() {
            if (!loaded) {
              loaded = true;
              providers.addAll(List.of("a", "b"));
            }
        %s    return providers;
          }
          public static synchronized Map<String, String> getConverters() {
            if (!defined) define();
            return converters;
          }
          private static void define() {
            defined = true;
            for (String p : getProviders()) {
              converters.put(p, p.toUpperCase());
            }
          }
        %s}
        """;
    helper().source("com/acme/Providers.java", code.formatted("", "")).check();
    helper()
        .source("com/acme/Providers.java",
            code.formatted("    // BUG: Diagnostic contains: UnmodifiableViewAsSnapshot\n",
                "  public static synchronized void register(String p) {\n"
                    + "    providers.add(p);\n  }\n"))
        .check();
  }

  /**
   * A synchronized getter that takes the pending list away: it reads the field into a local,
   * empties the field, and returns the local, so later additions go to a new list and the caller
   * owns the one it got. {@code CLEAR} is the store after the read. (Blind round 17: a hand-over
   * reported as returning the live list.)
   */
  private static String pending(String clear, String marker) {
    return """
        package com.acme;
        import java.util.ArrayList;
        import java.util.List;
        public class Synchronizer {
          private List<Runnable> unenlisted;
          public synchronized void addUnenlisted(Runnable r) {
            if (unenlisted == null) {
              unenlisted = new ArrayList<>(1);
            }
            unenlisted.add(r);
          }
          public synchronized List<Runnable> takeUnenlisted() {
            List<Runnable> result = unenlisted;
            CLEAR
        MARKER    return result;
          }
        }
        """.replace("CLEAR", clear).replace("MARKER", marker);
  }

  /** Emptied or replaced after the read: handed over. Not reported. */
  @Test
  void negative_getterHandsTheListOverAndEmptiesTheField() {
    helper().source("com/acme/Synchronizer.java", pending("unenlisted = null;", "")).check();
    helper().source("com/acme/Synchronizer.java",
        pending("unenlisted = new ArrayList<>();", "")).check();
  }

  /** Without the store the field still holds what the caller got. */
  @Test
  void positive_getterKeepsTheListItReturns() {
    helper().source("com/acme/Synchronizer.java", pending("",
        "    // BUG: Diagnostic contains: UnmodifiableViewAsSnapshot\n")).check();
  }

  /** The fixed shape: a copy made under the lock. */
  @Test
  void negative_synchronizedGetterReturnsACopy() {
    helper()
        .source(
            "com/acme/MetadataState.java",
            """
            package com.acme;
            import java.util.ArrayList;
            import java.util.Collection;
            import java.util.List;
            public class MetadataState {
              private final List<String> all = new ArrayList<>();
              public synchronized Collection<String> getAll() {
                return List.copyOf(all);
              }
              public synchronized void onChange(List<String> hosts) {
                all.clear();
                all.addAll(hosts);
              }
            }
            """)
        .check();
  }

  /**
   * Shipped shape: a read-only view of a static registry map that other code changes under a
   * lock, returned as if it were a snapshot.
   */
  @Test
  void regression_viewOfAStaticMapChangedUnderALock() {
    helper()
        .source(
            "com/acme/Registries.java",
            """
            package com.acme;
            import java.util.Collection;
            import java.util.Collections;
            import java.util.HashMap;
            import java.util.Map;
            import java.util.concurrent.locks.ReentrantLock;
            public class Registries {
              private static final ReentrantLock LOCK = new ReentrantLock();
              private static final Map<String, Object> REGISTRIES = new HashMap<>();
              public static Collection<Object> all() {
                // BUG: Diagnostic contains: UnmodifiableViewAsSnapshot
                return Collections.unmodifiableCollection(REGISTRIES.values());
              }
              public Object get(String key) {
                LOCK.lock();
                try {
                  return REGISTRIES.computeIfAbsent(key, k -> new Object());
                } finally {
                  LOCK.unlock();
                }
              }
            }
            """)
        .check();
  }

  /**
   * The same view returned by a method marked {@code @VisibleForTesting} that nothing in the code
   * calls: only tests hold it. {@code ANNOTATION} is the mark or nothing. (Blind round 17: a
   * test-only accessor reported beside the production getter that copies under the lock.)
   */
  private static String testAccessor(String mark, String marker) {
    return """
        package com.acme;
        import java.util.Collections;
        import java.util.HashMap;
        import java.util.Map;
        public class Codecs {
          @interface VisibleForTesting {}
          private final Map<String, Integer> ids = new HashMap<>();
          public Integer idOf(String codec) {
            synchronized (ids) {
              return ids.computeIfAbsent(codec, c -> ids.size());
            }
          }
          ANNOTATION
          public Map<String, Integer> allIds() {
        MARKER    return Collections.unmodifiableMap(ids);
          }
        }
        """.replace("ANNOTATION", mark).replace("MARKER", marker);
  }

  /** Marked for tests and never called: not reported. */
  @Test
  void negative_uncalledTestAccessorReturnsAView() {
    helper().source("com/acme/Codecs.java", testAccessor("@VisibleForTesting", "")).check();
  }

  /** Without the mark it is public API; the snapshot the fix names is a map's. */
  @Test
  void positive_publicAccessorReturnsAView() {
    helper().source("com/acme/Codecs.java", testAccessor("",
        "    // BUG: Diagnostic contains: hand out a snapshot (`Map.copyOf(ids)`\n")).check();
  }

  /**
   * A map's {@code entrySet()}, {@code keySet()} and {@code values()} are live views by the
   * {@code Map} contract, so returning a view from them is what callers are promised, not a
   * snapshot that goes stale; another getter of the same class returning a view still is one.
   */
  @Test
  void negative_mapViewMethodsAreLiveByContract_positive_anotherGetter() {
    helper()
        .source(
            "com/acme/Registry.java",
            """
            package com.acme;
            import java.util.AbstractMap;
            import java.util.Collections;
            import java.util.HashMap;
            import java.util.Map;
            import java.util.Set;
            public class Registry extends AbstractMap<String, String> {
              private final Map<String, String> byName = new HashMap<>();
              public synchronized void register(String name, String value) {
                byName.put(name, value);
              }
              @Override public synchronized Set<Map.Entry<String, String>> entrySet() {
                return Collections.unmodifiableMap(byName).entrySet();
              }
              public synchronized Set<String> names() {
                // BUG: Diagnostic contains: UnmodifiableViewAsSnapshot
                return Collections.unmodifiableSet(byName.keySet());
              }
            }
            """)
        .check();
  }

  @Test
  void positive_viewOfLockedSetReturnedFromSharedObject() {
    helper()
        .source(
            "com/acme/Sessions.java",
            """
            package com.acme;
            import java.util.Collections;
            import java.util.HashSet;
            import java.util.Set;
            public class Sessions {
              private final Set<String> ids = new HashSet<>();
              public synchronized void open(String id) {
                ids.add(id);
              }
              public synchronized Set<String> openIds() {
                // BUG: Diagnostic contains: UnmodifiableViewAsSnapshot
                return Collections.unmodifiableSet(ids);
              }
            }
            """)
        .check();
  }

  /**
   * A live view of a map a timer task keeps changing, returned by a method nothing calls in a
   * package the library marks internal: dead code, no API, so no caller holds the view. Not
   * reported (blind round 13: a monitoring library's internal collector). The same method
   * implementing an interface's method is API (the interface's callers reach it): reported.
   */
  @Test
  void negative_viewFromAnUncalledMethodOfAnInternalPackage_positive_whenItImplementsAnApi() {
    String source =
        """
        package com.acme.internal.model;
        import java.util.Collection;
        import java.util.Collections;
        import java.util.LinkedHashMap;
        import java.util.Map;
        import java.util.Timer;
        import java.util.TimerTask;
        public class Collector IMPLEMENTS{
          private final Map<String, Long> samples = new LinkedHashMap<>();
          public Collector(Timer timer) {
            timer.schedule(new TimerTask() {
              @Override public void run() {
                collect();
              }
            }, 0, 1000);
          }
          synchronized void collect() {
            samples.put("t" + System.nanoTime(), System.nanoTime());
          }
        OVERRIDE  public Collection<Long> samples() {
        MARKER    return Collections.unmodifiableCollection(samples.values());
          }
        }
        """;
    helper()
        .source("com/acme/internal/model/Collector.java",
            source.replace("IMPLEMENTS", "").replace("OVERRIDE", "").replace("MARKER", ""))
        .check();
    helper()
        .source("com/acme/internal/model/Collector.java",
            source.replace("IMPLEMENTS", "implements com.acme.Samples ")
                .replace("OVERRIDE", "  @Override\n")
                .replace("MARKER", "    // BUG: Diagnostic contains: UnmodifiableViewAsSnapshot\n"))
        .source("com/acme/Samples.java",
            """
            package com.acme;
            import java.util.Collection;
            public interface Samples {
              Collection<Long> samples();
            }
            """)
        .check();
  }

  @Test
  void positive_viewStoredInAnEventWhileTheListKeepsChanging() {
    helper()
        .source(
            "com/acme/Batcher.java",
            """
            package com.acme;
            import java.util.ArrayList;
            import java.util.Collections;
            import java.util.List;
            public class Batcher {
              public record Batch(List<String> items) {}
              private final List<String> pending = new ArrayList<>();
              public void add(String item) {
                pending.add(item);
              }
              public Batch flush() {
                // BUG: Diagnostic contains: UnmodifiableViewAsSnapshot
                Batch b = new Batch(Collections.unmodifiableList(pending));
                pending.clear();
                return b;
              }
            }
            """)
        .check();
  }

  @Test
  void positive_viewHandedToAnotherThread() {
    helper()
        .source(
            "com/acme/Reporter.java",
            """
            package com.acme;
            import java.util.ArrayList;
            import java.util.Collections;
            import java.util.List;
            import java.util.concurrent.ExecutorService;
            public class Reporter {
              private final List<String> events = new ArrayList<>();
              public void record(String e) {
                events.add(e);
              }
              public void send(ExecutorService pool) {
                // BUG: Diagnostic contains: UnmodifiableViewAsSnapshot
                List<String> batch = Collections.unmodifiableList(events);
                pool.submit(() -> System.out.println(batch.size() + " " + batch));
              }
            }
            """)
        .check();
  }

  @Test
  void positive_guavaTransformingViewReturnedFromSharedObject() {
    helper()
        .source(
            "com/acme/Balances.java",
            """
            package com.acme;
            import com.google.common.collect.Maps;
            import java.util.HashMap;
            import java.util.Map;
            public class Balances {
              private final Map<String, Long> cents = new HashMap<>();
              public synchronized void credit(String account, long amount) {
                cents.merge(account, amount, Long::sum);
              }
              public synchronized Map<String, String> formatted() {
                // BUG: Diagnostic contains: UnmodifiableViewAsSnapshot
                return Maps.transformValues(cents, c -> c / 100 + "." + c % 100);
              }
            }
            """)
        .check();
  }

  /**
   * A class with some locked methods returns a view of a set that is changed only without any
   * lock, by methods its users call while they build the object: nothing says the set is
   * changed while other threads hold the view (the lock guards other state), so a returned view
   * needs the evidence a stored one needs: the contents changed under a lock or in a task.
   */
  @Test
  void negative_returnedViewOfASetChangedOnlyWhileTheObjectIsBuilt() {
    helper()
        .source(
            "com/acme/Segment.java",
            """
            package com.acme;
            import java.util.Collections;
            import java.util.HashMap;
            import java.util.HashSet;
            import java.util.Map;
            import java.util.Set;
            public final class Segment {
              private final Set<String> files = new HashSet<>();
              private final Map<String, String> attributes = new HashMap<>();
              public synchronized String attribute(String k) {
                return attributes.get(k);
              }
              public synchronized void putAttribute(String k, String v) {
                attributes.put(k, v);
              }
              public void addFile(String f) {
                files.add(f);
              }
              public Set<String> files() {
                return Collections.unmodifiableSet(files);
              }
            }
            """)
        .check();
  }

  /**
   * A public method that fills a set under a lock is evidence that the set changes where threads
   * meet even when the audit sees it called only from another class's set-up method: callers
   * outside the audit run it on any thread (a cache manager's {@code getCache}).
   */
  @Test
  void positive_publicFillUnderALockCalledOnlyFromSetUpIsEvidence() {
    helper()
        .source(
            "com/acme/NamesManager.java",
            """
            package com.acme;
            import java.util.Collection;
            import java.util.Collections;
            import java.util.LinkedHashSet;
            import java.util.Set;
            public class NamesManager {
              private final Set<String> names = new LinkedHashSet<>();
              public Object getCache(String name) {
                synchronized (names) {
                  names.add(name);
                }
                return name;
              }
              public Collection<String> getCacheNames() {
                synchronized (names) {
                  // BUG: Diagnostic contains: UnmodifiableViewAsSnapshot
                  return Collections.unmodifiableSet(names);
                }
              }
            }
            """)
        .source(
            "com/acme/Setup.java",
            """
            package com.acme;
            public class Setup {
              private final NamesManager mgr = new NamesManager();
              public void afterPropertiesSet() {
                mgr.getCache("x");
              }
            }
            """)
        .check();
  }

  @Test
  void negative_snapshotCopyReturned() {
    helper()
        .source(
            "com/acme/Sessions.java",
            """
            package com.acme;
            import java.util.HashSet;
            import java.util.Set;
            public class Sessions {
              private final Set<String> ids = new HashSet<>();
              public synchronized void open(String id) {
                ids.add(id);
              }
              public synchronized Set<String> openIds() {
                return Set.copyOf(ids);
              }
            }
            """)
        .check();
  }

  @Test
  void negative_viewOfFieldNeverChangedAfterConstruction() {
    helper()
        .source(
            "com/acme/Catalog.java",
            """
            package com.acme;
            import java.util.ArrayList;
            import java.util.Collections;
            import java.util.List;
            public class Catalog {
              private final List<String> names = new ArrayList<>();
              private volatile boolean ready;
              public Catalog(List<String> initial) {
                names.addAll(initial);
                ready = true;
              }
              public List<String> names() {
                return Collections.unmodifiableList(names);
              }
            }
            """)
        .check();
  }

  @Test
  void negative_viewOfConcurrentContainer() {
    helper()
        .source(
            "com/acme/Registry.java",
            """
            package com.acme;
            import java.util.Collections;
            import java.util.Set;
            import java.util.concurrent.ConcurrentHashMap;
            public class Registry {
              private final Set<String> names;
              public Registry() {
                names = newConcurrentSet();
              }
              private static Set<String> newConcurrentSet() {
                return Collections.newSetFromMap(new ConcurrentHashMap<>());
              }
              public synchronized void add(String n) {
                names.add(n);
              }
              public Set<String> all() {
                return Collections.unmodifiableSet(names);
              }
            }
            """)
        .check();
  }

  /**
   * A map-like type must return live views from {@code keySet()}, {@code values()} and {@code
   * entrySet()}: that is its interface's contract (the JDK's {@code Map}, or a map interface of
   * the project declaring them), not a view mistaken for a snapshot. The same view from a method
   * of its own ({@code names()}) is reported.
   */
  @Test
  void negative_mapLikeTypesOwnViewMethods_positive_aMethodOfItsOwn() {
    helper()
        .source(
            "com/acme/Store.java",
            """
            package com.acme;
            import java.util.Collection;
            import java.util.Set;
            public interface Store {
              /** A view backed by the store: changes to the store show through. */
              Set<String> keySet();
              Collection<Integer> values();
            }
            """)
        .source(
            "com/acme/Registry.java",
            """
            package com.acme;
            import java.util.Collection;
            import java.util.Collections;
            import java.util.HashMap;
            import java.util.Map;
            import java.util.Set;
            public class Registry implements Store {
              private final Map<String, Integer> entries = new HashMap<>();
              public synchronized Integer put(String k, Integer v) {
                return entries.put(k, v);
              }
              @Override public Set<String> keySet() {
                return Collections.unmodifiableSet(entries.keySet());
              }
              @Override public Collection<Integer> values() {
                return Collections.unmodifiableCollection(entries.values());
              }
              public Set<String> names() {
                // BUG: Diagnostic contains: UnmodifiableViewAsSnapshot
                return Collections.unmodifiableSet(entries.keySet());
              }
            }
            """)
        .check();
  }

  /**
   * A view of a project set backed by a concurrent map that its subclass hands to the base
   * class's constructor is a view of a thread-safe container: iterating it while others add
   * never throws. The same set over a {@code HashSet}-like plain map is reported.
   */
  @Test
  void negative_viewOfAMapBackedConcurrentSet_positive_overAPlainMap() {
    for (String backing : java.util.List.of("java.util.concurrent.ConcurrentHashMap",
        "java.util.HashMap")) {
      boolean plain = backing.endsWith(".HashMap");
      MapBackedSets.withSharedSet(helper(), backing)
          .source(
              "com/acme/Controller.java",
              """
              package com.acme;
              import java.util.Collections;
              import java.util.Set;
              public class Controller {
                private final Set<String> sessions = new SharedSet<>();
                public synchronized void opened(String s) {
                  sessions.add(s);
                }
                public Set<String> sessions() {
              %s    return Collections.unmodifiableSet(sessions);
                }
              }
              """.formatted(plain ? "    // BUG: Diagnostic contains: UnmodifiableViewAsSnapshot\n" : ""))
          .check();
    }
  }

  @Test
  void regression_builderHandsItsMapOverAndLetsGo() {
    helper()
        .source(
            "com/acme/RequestBuilder.java",
            """
            package com.acme;
            import java.util.Collections;
            import java.util.LinkedHashMap;
            import java.util.Map;
            public class RequestBuilder {
              public record Request(Map<String, Integer> parts) {}
              private Map<String, Integer> next = new LinkedHashMap<>();
              public void add(String k, int v) {
                next.put(k, v);
              }
              public Request build() {
                Map<String, Integer> toSend = Collections.unmodifiableMap(next);
                Request r = new Request(toSend);
                next = null;
                return r;
              }
            }
            """)
        .check();
  }

  @Test
  void regression_addAllCopiesTheViewsElements() {
    helper()
        .source(
            "com/acme/Assign.java",
            """
            package com.acme;
            import java.util.HashMap;
            import java.util.HashSet;
            import java.util.Map;
            import java.util.Set;
            public class Assign {
              private final Map<String, Integer> current = new HashMap<>();
              public void put(String k) {
                current.put(k, 1);
              }
              public Set<String> keys() {
                Set<String> out = new HashSet<>();
                out.addAll(current.keySet());
                return out;
              }
            }
            """)
        .check();
  }

  @Test
  void regression_viewReturnedByAPrivateWorkerClass() {
    helper()
        .source(
            "com/acme/Timer.java",
            """
            package com.acme;
            import java.util.Collections;
            import java.util.HashSet;
            import java.util.Set;
            public class Timer {
              private final Worker worker = new Worker();
              private final class Worker implements Runnable {
                private final Set<String> unprocessed = new HashSet<>();
                private volatile boolean stop;
                @Override
                public void run() {
                  while (!stop) {
                    unprocessed.add("t");
                  }
                }
                public Set<String> unprocessed() {
                  return Collections.unmodifiableSet(unprocessed);
                }
              }
              public Set<String> stop() {
                worker.stop = true;
                return worker.unprocessed();
              }
            }
            """)
        .check();
  }

  /** Limitation: views returned by classes that show no concurrency intent are not reported. */
  @Test
  void limitation_viewReturnedFromPlainClassNotReported() {
    helper()
        .source(
            "com/acme/Plain.java",
            """
            package com.acme;
            import java.util.ArrayList;
            import java.util.Collections;
            import java.util.List;
            public class Plain {
              private final List<String> items = new ArrayList<>();
              public void add(String s) {
                items.add(s);
              }
              public List<String> items() {
                return Collections.unmodifiableList(items);
              }
            }
            """)
        .check();
  }

  private static final String REQUEST_BUILDER =
      """
      package com.acme;
      import java.util.ArrayList;
      import java.util.Collections;
      import java.util.List;
      public final class Request {
        private final List<String> options;
        private Request(List<String> options) {
          this.options = options;
        }
        public List<String> options() {
          return options;
        }
        public static Builder builder() {
          return new Builder();
        }
        public static final class Builder {
          private final List<String> options = new ArrayList<>();
          public Builder option(String o) {
            options.add(o);
            return this;
          }
          public Request build() {
            return new Request(Collections.unmodifiableList(options));
          }
        }
      }
      """;

  /**
   * Shape from a protocol library's request builders: the built object keeps a view of the
   * builder's list, which one thread fills before {@code build()} and nothing changes after. The
   * view is no snapshot, but nothing shows the list changing while the request is read.
   */
  @Test
  void negative_builderHandsOutAViewOfAListFilledBeforeBuild() {
    helper().source("com/acme/Request.java", REQUEST_BUILDER).check();
  }

  /** The same builder clearing its list after building: the request's options vanish. */
  @Test
  void positive_builderClearsTheListAfterHandingOutItsView() {
    helper()
        .source(
            "com/acme/Request.java",
            REQUEST_BUILDER.replace(
                "      return new Request(Collections.unmodifiableList(options));",
                "      // BUG: Diagnostic contains: UnmodifiableViewAsSnapshot\n"
                    + "      Request r = new Request(Collections.unmodifiableList(options));\n"
                    + "      options.clear();\n"
                    + "      return r;"))
        .check();
  }

  /**
   * A collection's own {@code iterator()} must walk the live collection (the {@code
   * java.util.Collection} contract, like a map's {@code keySet()}): a key set view class whose
   * iterator wraps the backing map's live key set is not reported. The same wrapper handed out by
   * a method no contract names ({@code keyIterator()} of a class that is no collection) is.
   */
  @Test
  void iteratorOfACollectionImplementation_negative_positiveOutsideTheContract() {
    String source =
        """
        package com.acme;
        import java.util.AbstractSet;
        import java.util.Collection;
        import java.util.HashMap;
        import java.util.Iterator;
        import java.util.Map;
        import java.util.Set;
        public class CaseMap<V> {
          private final Map<Object, V> map = new HashMap<>();
          public synchronized V put(String key, V value) {
            return map.put(key.toLowerCase(), value);
          }
          public synchronized V remove(String key) {
            return map.remove(key.toLowerCase());
          }
          public Set<Object> keys() {
            return new KeySet();
          }
        %s  private final class KeySet extends AbstractSet<Object> {
            @Override
            public int size() {
              return map.size();
            }
            @Override
            public Iterator<Object> iterator() {
              return new KeyIterator(map.keySet());
            }
          }
          private static final class KeyIterator implements Iterator<Object> {
            private final Iterator<Object> i;
            KeyIterator(Collection<Object> c) {
              this.i = c.iterator();
            }
            @Override
            public boolean hasNext() {
              return i.hasNext();
            }
            @Override
            public Object next() {
              return i.next();
            }
          }
        }
        """;
    helper().source("com/acme/CaseMap.java", source.formatted("")).check();
    helper()
        .source("com/acme/CaseMap.java", source.formatted("""
              public Iterator<Object> keyIterator() {
                // BUG: Diagnostic contains: UnmodifiableViewAsSnapshot
                return new KeyIterator(map.keySet());
              }
            """))
        .check();
  }

  /**
   * A batcher handing a view of its pending list to a batch and to a change set whose
   * constructor and setter copy what they are given ({@code BATCH} and {@code SET} are their
   * bodies): the copy, not the view, is kept, so later changes to the list do not reach them.
   * (Blind round 14: a change set's setter copying the key set it was given.)
   */
  private static String batcher(String batch, String set, String marker) {
    return """
        package com.acme;
        import java.util.ArrayList;
        import java.util.Collections;
        import java.util.HashSet;
        import java.util.List;
        import java.util.Set;
        public class Batcher {
          public static final class Batch {
            private final List<String> items;
            public Batch(List<String> given) {
        BATCH    }
            public List<String> items() {
              return items;
            }
          }
          public static final class Changes {
            private Set<String> keys = Set.of();
            public void setKeys(Set<String> given) {
        SET    }
          }
          private final List<String> pending = new ArrayList<>();
          private final Set<String> seen = new HashSet<>();
          public void add(String item) {
            pending.add(item);
            seen.add(item);
          }
          public Batch flush(Changes changes) {
            MARKERBatch b = new Batch(Collections.unmodifiableList(pending));
            changes.setKeys(Collections.unmodifiableSet(seen));
            pending.clear();
            seen.clear();
            return b;
          }
        }
        """.replace("BATCH", batch).replace("SET", set).replace("MARKER", marker);
  }

  /** Both receivers copy what they are given: not reported. */
  @Test
  void negative_viewHandedToCodeThatCopiesIt() {
    helper()
        .source("com/acme/Batcher.java", batcher(
            "      items = List.copyOf(given);\n",
            "      if (given != null) {\n        keys = Set.copyOf(new HashSet<>(given));\n      }\n",
            ""))
        .check();
  }

  /** The batch keeps the view it is given: reported there. */
  @Test
  void positive_viewKeptByTheConstructorItIsHandedTo() {
    helper()
        .source("com/acme/Batcher.java", batcher(
            "      items = given;\n",
            "      keys = Set.copyOf(given);\n",
            "// BUG: Diagnostic contains: UnmodifiableViewAsSnapshot\n    "))
        .check();
  }
}
