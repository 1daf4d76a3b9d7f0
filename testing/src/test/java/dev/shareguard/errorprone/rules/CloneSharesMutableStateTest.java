package dev.shareguard.errorprone.rules;

import dev.shareguard.core.rules.copies.CloneSharesMutableState;
import dev.shareguard.testing.RuleTestHelper;
import org.junit.jupiter.api.Test;

/** {@link CloneSharesMutableState}: clones and copies that share mutable fields. */
class CloneSharesMutableStateTest {
  private static RuleTestHelper helper() {
    return RuleTestHelper.rule(CloneSharesMutableState.ID);
  }

  @Test
  void positive_superCloneSharesList() {
    helper()
        .source(
            "com/acme/Order.java",
            """
            package com.acme;
            import java.util.ArrayList;
            import java.util.List;
            public class Order implements Cloneable {
              private List<String> lines = new ArrayList<>();
              public void add(String line) {
                lines.add(line);
              }
              @Override
              public Order clone() {
                try {
                  // BUG: Diagnostic contains: CloneSharesMutableState
                  return (Order) super.clone();
                } catch (CloneNotSupportedException e) {
                  throw new AssertionError(e);
                }
              }
            }
            """)
        .check();
  }

  @Test
  void positive_copyConstructorSharesArrayAndSet() {
    helper()
        .source(
            "com/acme/Filter.java",
            """
            package com.acme;
            import java.util.HashSet;
            import java.util.Set;
            public class Filter {
              private Set<String> ignored = new HashSet<>();
              private int[] weights = new int[4];
              public Filter() {}
              public Filter(Filter src) {
                // BUG: Diagnostic contains: CloneSharesMutableState
                this.ignored = src.ignored;
                // BUG: Diagnostic contains: CloneSharesMutableState
                this.weights = src.weights;
              }
              public void ignore(String name) {
                ignored.add(name);
              }
              public void weigh(int i, int w) {
                weights[i] = w;
              }
            }
            """)
        .check();
  }

  @Test
  void positive_copyMethodSharesLock() {
    helper()
        .source(
            "com/acme/Account.java",
            """
            package com.acme;
            import java.util.concurrent.locks.ReentrantLock;
            public class Account {
              private ReentrantLock lock = new ReentrantLock();
              private long balance;
              public Account copy() {
                Account a = new Account();
                // BUG: Diagnostic contains: CloneSharesMutableState
                a.lock = lock;
                a.balance = balance;
                return a;
              }
              public void deposit(long amount) {
                lock.lock();
                try {
                  balance += amount;
                } finally {
                  lock.unlock();
                }
              }
            }
            """)
        .check();
  }

  @Test
  void negative_cloneCopiesItsMutableFields() {
    helper()
        .source(
            "com/acme/Order.java",
            """
            package com.acme;
            import java.util.ArrayList;
            import java.util.List;
            public class Order implements Cloneable {
              private List<String> lines = new ArrayList<>();
              public void add(String line) {
                lines.add(line);
              }
              @Override
              public Order clone() {
                try {
                  Order copy = (Order) super.clone();
                  copy.lines = new ArrayList<>(lines);
                  return copy;
                } catch (CloneNotSupportedException e) {
                  throw new AssertionError(e);
                }
              }
            }
            """)
        .check();
  }

  @Test
  void negative_sharedFieldNeverChangedAfterConstruction() {
    helper()
        .source(
            "com/acme/Config.java",
            """
            package com.acme;
            import java.util.ArrayList;
            import java.util.List;
            public class Config {
              private final List<String> names;
              public Config(List<String> names) {
                this.names = new ArrayList<>(names);
                this.names.add("default");
              }
              public Config(Config other) {
                this.names = other.names;
              }
              public List<String> names() {
                return names;
              }
            }
            """)
        .check();
  }

  @Test
  void regression_sharedConcurrentCacheIsByDesign() {
    helper()
        .source(
            "com/acme/Reader.java",
            """
            package com.acme;
            import java.util.concurrent.ConcurrentHashMap;
            public class Reader {
              private final ConcurrentHashMap<String, Object> rootCache;
              public Reader() {
                rootCache = new ConcurrentHashMap<>();
              }
              protected Reader(Reader base) {
                this.rootCache = base.rootCache;
              }
              public Object find(String k) {
                return rootCache.computeIfAbsent(k, x -> new Object());
              }
              public void remember(String k, Object v) {
                rootCache.put(k, v);
              }
            }
            """)
        .check();
  }

  @Test
  void regression_treeSurgeryOnExistingNodesIsNotACopy() {
    helper()
        .source(
            "com/acme/Node.java",
            """
            package com.acme;
            import java.util.ArrayList;
            import java.util.List;
            public class Node {
              private List<Node> kids = new ArrayList<>();
              public Node promote(Node newTop) {
                newTop.kids = kids;
                return newTop;
              }
              public void adopt(Node n) {
                kids.add(n);
              }
            }
            """)
        .check();
  }

  @Test
  void regression_cloneThatResetsTheCopyThroughItsOwnMethods() {
    helper()
        .source(
            "com/acme/Table.java",
            """
            package com.acme;
            public class Table implements Cloneable {
              private Object[] slots = new Object[8];
              public void clear() {
                slots = new Object[8];
              }
              public void put(int i, Object v) {
                slots[i] = v;
              }
              @Override
              public Table clone() {
                try {
                  Table t = (Table) super.clone();
                  t.clear();
                  return t;
                } catch (CloneNotSupportedException e) {
                  throw new AssertionError(e);
                }
              }
            }
            """)
        .check();
  }

  @Test
  void regression_fieldFilledOnlyByAHelperTheConstructorCalls() {
    helper()
        .source(
            "com/acme/Deduce.java",
            """
            package com.acme;
            import java.util.HashMap;
            import java.util.List;
            import java.util.Map;
            public class Deduce {
              private final Map<String, Integer> index;
              public Deduce(List<String> names) {
                index = new HashMap<>();
                build(names);
              }
              public Deduce(Deduce src) {
                index = src.index;
              }
              protected void build(List<String> names) {
                for (String n : names) {
                  index.put(n, index.size());
                }
              }
            }
            """)
        .check();
  }

  /** Limitation: a field holding a mutable object of an analysed class is not judged. */
  @Test
  void limitation_sharedAnalysedMutableObjectNotReported() {
    helper()
        .source(
            "com/acme/Holder.java",
            """
            package com.acme;
            public class Holder {
              public static class Counter {
                int n;
                public void inc() { n++; }
              }
              private Counter counter = new Counter();
              public Holder() {}
              public Holder(Holder h) {
                this.counter = h.counter;
              }
              public void hit() {
                counter.inc();
              }
            }
            """)
        .check();
  }
}
