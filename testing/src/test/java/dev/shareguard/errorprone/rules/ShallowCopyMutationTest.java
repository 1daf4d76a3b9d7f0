package dev.shareguard.errorprone.rules;

import dev.shareguard.core.rules.copies.ShallowCopyMutation;
import dev.shareguard.testing.RuleTestHelper;
import org.junit.jupiter.api.Test;

/** {@link ShallowCopyMutation}: nested values changed through a shallow copy. */
class ShallowCopyMutationTest {
  private static RuleTestHelper helper() {
    return RuleTestHelper.rule(ShallowCopyMutation.ID);
  }

  @Test
  void positive_copyConstructorCopiesMapOfListsShallowly() {
    helper()
        .source(
            "com/acme/Roster.java",
            """
            package com.acme;
            import java.util.ArrayList;
            import java.util.HashMap;
            import java.util.List;
            import java.util.Map;
            public class Roster {
              private Map<String, List<String>> membersByTeam = new HashMap<>();
              public Roster() {}
              public Roster(Roster other) {
                // BUG: Diagnostic contains: ShallowCopyMutation
                this.membersByTeam = new HashMap<>(other.membersByTeam);
              }
              public void join(String team, String member) {
                membersByTeam.computeIfAbsent(team, t -> new ArrayList<>()).add(member);
              }
            }
            """)
        .check();
  }

  @Test
  void positive_putAllIntoFreshMapInACopyMethod() {
    helper()
        .source(
            "com/acme/Routing.java",
            """
            package com.acme;
            import java.util.HashMap;
            import java.util.List;
            import java.util.Map;
            public class Routing {
              private Map<String, List<String>> routes = new HashMap<>();
              public Routing copy() {
                Routing c = new Routing();
                Map<String, List<String>> m = new HashMap<>();
                m.putAll(routes);
                // BUG: Diagnostic contains: ShallowCopyMutation
                c.routes = m;
                return c;
              }
              public void addHop(String route, String hop) {
                routes.get(route).add(hop);
              }
            }
            """)
        .check();
  }

  @Test
  void positive_nestedListChangedThroughLocalCopy() {
    helper()
        .source(
            "com/acme/Preview.java",
            """
            package com.acme;
            import java.util.HashMap;
            import java.util.List;
            import java.util.Map;
            public class Preview {
              private final Map<String, List<String>> tags = new HashMap<>();
              public Map<String, List<String>> withDraftTag(String item) {
                Map<String, List<String>> copy = new HashMap<>(tags);
                // BUG: Diagnostic contains: ShallowCopyMutation
                copy.get(item).add("draft");
                return copy;
              }
            }
            """)
        .check();
  }

  @Test
  void positive_copyHelperThatIsOnlyShallow() {
    helper()
        .source(
            "com/acme/Drafts.java",
            """
            package com.acme;
            import java.util.HashMap;
            import java.util.List;
            import java.util.Map;
            public class Drafts {
              private final Map<String, List<String>> live = new HashMap<>();
              static Map<String, List<String>> copyOf(Map<String, List<String>> m) {
                return new HashMap<>(m);
              }
              public Map<String, List<String>> draft(String key) {
                Map<String, List<String>> d = copyOf(live);
                // BUG: Diagnostic contains: ShallowCopyMutation
                d.get(key).add("draft");
                return d;
              }
            }
            """)
        .check();
  }

  @Test
  void negative_deepCopyLoop() {
    helper()
        .source(
            "com/acme/Roster.java",
            """
            package com.acme;
            import java.util.ArrayList;
            import java.util.HashMap;
            import java.util.List;
            import java.util.Map;
            public class Roster {
              private Map<String, List<String>> membersByTeam = new HashMap<>();
              public Roster() {}
              public Roster(Roster other) {
                Map<String, List<String>> copy = new HashMap<>();
                for (Map.Entry<String, List<String>> e : other.membersByTeam.entrySet()) {
                  copy.put(e.getKey(), new ArrayList<>(e.getValue()));
                }
                this.membersByTeam = copy;
              }
              public void join(String team, String member) {
                membersByTeam.computeIfAbsent(team, t -> new ArrayList<>()).add(member);
              }
            }
            """)
        .check();
  }

  @Test
  void negative_copyOfMapOfImmutableValues() {
    helper()
        .source(
            "com/acme/Prices.java",
            """
            package com.acme;
            import java.util.HashMap;
            import java.util.Map;
            public class Prices {
              private Map<String, Long> cents = new HashMap<>();
              public Prices() {}
              public Prices(Prices other) {
                this.cents = new HashMap<>(other.cents);
              }
              public void set(String sku, long value) {
                cents.put(sku, value);
              }
              public Map<String, Long> discounted() {
                Map<String, Long> copy = new HashMap<>(cents);
                copy.put("x", 1L);
                return copy;
              }
            }
            """)
        .check();
  }

  @Test
  void negative_nestedValuesNeverChangedInPlace() {
    helper()
        .source(
            "com/acme/Roster.java",
            """
            package com.acme;
            import java.util.HashMap;
            import java.util.List;
            import java.util.Map;
            public class Roster {
              private Map<String, List<String>> membersByTeam = new HashMap<>();
              public Roster() {}
              public Roster(Roster other) {
                this.membersByTeam = new HashMap<>(other.membersByTeam);
              }
              public void replace(String team, List<String> members) {
                membersByTeam.put(team, List.copyOf(members));
              }
            }
            """)
        .check();
  }

  @Test
  void negative_iteratingACopyToChangeEveryElementIsDeliberate() {
    helper()
        .source(
            "com/acme/Groups.java",
            """
            package com.acme;
            import java.util.ArrayList;
            import java.util.List;
            public class Groups {
              private final List<List<String>> groups = new ArrayList<>();
              public void clearAll() {
                for (List<String> g : new ArrayList<>(groups)) {
                  g.clear();
                }
              }
            }
            """)
        .check();
  }

  /**
   * Limitation: a setter called on an element object of a shallow copy is not reported; changing
   * the shared element objects through a copy is often deliberate.
   */
  @Test
  void limitation_setterOnElementOfShallowCopyNotReported() {
    helper()
        .source(
            "com/acme/Cart.java",
            """
            package com.acme;
            import java.util.ArrayList;
            import java.util.List;
            public class Cart {
              public static class Line {
                int qty;
                public void setQty(int q) { qty = q; }
              }
              private final List<Line> lines = new ArrayList<>();
              public List<Line> preview() {
                List<Line> copy = new ArrayList<>(lines);
                copy.get(0).setQty(0);
                return copy;
              }
            }
            """)
        .check();
  }

  /**
   * Shipped shape: a public method of a class that locks hands out a copy of its map of maps made
   * under the lock, but only the outer map is copied: the inner maps are the live ones, changed in
   * place under the lock by the other methods, so every caller iterating a value of the "snapshot"
   * races with them.
   */
  @Test
  void regression_shallowSnapshotOfAMapOfMapsReturnedFromUnderItsLock() {
    helper()
        .source(
            "com/acme/Producers.java",
            """
            package com.acme;
            import java.util.HashMap;
            import java.util.Map;
            import java.util.concurrent.TimeUnit;
            import java.util.concurrent.locks.Lock;
            import java.util.concurrent.locks.ReentrantLock;
            public class Producers {
              private final Lock lock = new ReentrantLock();
              private final HashMap<String, HashMap<String, Long>> byGroup = new HashMap<>();
              public HashMap<String, HashMap<String, Long>> snapshot() {
                HashMap<String, HashMap<String, Long>> copy = new HashMap<>();
                try {
                  if (lock.tryLock(3, TimeUnit.SECONDS)) {
                    try {
                                  copy.putAll(byGroup);
                    } finally {
                      lock.unlock();
                    }
                  }
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                // BUG: Diagnostic contains: ShallowCopyMutation
                return copy;
              }
              public void register(String group, String channel) {
                lock.lock();
                try {
                  HashMap<String, Long> channels = byGroup.get(group);
                  if (channels == null) {
                    channels = new HashMap<>();
                    byGroup.put(group, channels);
                  }
                  channels.put(channel, System.nanoTime());
                } finally {
                  lock.unlock();
                }
              }
              public void unregister(String group, String channel) {
                lock.lock();
                try {
                  HashMap<String, Long> channels = byGroup.get(group);
                  if (channels != null) {
                    channels.remove(channel);
                  }
                } finally {
                  lock.unlock();
                }
              }
            }
            """)
        .check();
  }

  /** The fixed shape: each inner map is copied too, under the lock. */
  @Test
  void negative_snapshotCopiesEveryInnerMap() {
    helper()
        .source(
            "com/acme/Producers.java",
            """
            package com.acme;
            import java.util.HashMap;
            import java.util.Map;
            import java.util.concurrent.TimeUnit;
            import java.util.concurrent.locks.Lock;
            import java.util.concurrent.locks.ReentrantLock;
            public class Producers {
              private final Lock lock = new ReentrantLock();
              private final HashMap<String, HashMap<String, Long>> byGroup = new HashMap<>();
              public HashMap<String, HashMap<String, Long>> snapshot() {
                HashMap<String, HashMap<String, Long>> copy = new HashMap<>();
                try {
                  if (lock.tryLock(3, TimeUnit.SECONDS)) {
                    try {
                                  for (Map.Entry<String, HashMap<String, Long>> e : byGroup.entrySet()) {
                        HashMap<String, Long> inner = new HashMap<>();
                        inner.putAll(e.getValue());
                        copy.put(e.getKey(), inner);
                      }
                    } finally {
                      lock.unlock();
                    }
                  }
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                return copy;
              }
              public void register(String group, String channel) {
                lock.lock();
                try {
                  HashMap<String, Long> channels = byGroup.get(group);
                  if (channels == null) {
                    channels = new HashMap<>();
                    byGroup.put(group, channels);
                  }
                  channels.put(channel, System.nanoTime());
                } finally {
                  lock.unlock();
                }
              }
              public void unregister(String group, String channel) {
                lock.lock();
                try {
                  HashMap<String, Long> channels = byGroup.get(group);
                  if (channels != null) {
                    channels.remove(channel);
                  }
                } finally {
                  lock.unlock();
                }
              }
            }
            """)
        .check();
  }
}
