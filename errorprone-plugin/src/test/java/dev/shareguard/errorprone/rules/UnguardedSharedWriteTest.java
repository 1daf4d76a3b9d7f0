package dev.shareguard.errorprone.rules;

import dev.shareguard.core.rules.threads.UnguardedSharedWrite;
import dev.shareguard.errorprone.testing.RuleTestHelper;
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

  @Test
  void positive_threadAssignsPlainFieldThatCallersRead() {
    helper()
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
}
