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

  /**
   * A copy constructor that shares every field, and a caller that makes a copy and then gives it
   * a value of its own: the caller treats the copy as an object of its own, so the sharing is a
   * bug (the shape of a shipped bug: a registry's instance copied and given its own port, its
   * maps shared).
   */
  @Test
  void positive_copyConstructorSharesArrayAndSet_andACallerChangesTheCopy() {
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
              private String label = "";
              public Filter() {}
              public Filter(Filter src) {
                // BUG: Diagnostic contains: CloneSharesMutableState
                this.ignored = src.ignored;
                // BUG: Diagnostic contains: CloneSharesMutableState
                this.weights = src.weights;
              }
              public Filter labelled(String name) {
                Filter f = new Filter(this);
                f.setLabel(name);
                return f;
              }
              public void setLabel(String name) {
                label = name;
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

  /**
   * A copy constructor that copies the contents of one collection and shares another: the copy of
   * the first says the author meant an independent object.
   */
  @Test
  void positive_partialCopyConstructorCopiesOneCollectionAndSharesAnother() {
    helper()
        .source(
            "com/acme/Route.java",
            """
            package com.acme;
            import java.util.ArrayList;
            import java.util.HashMap;
            import java.util.List;
            import java.util.Map;
            public class Route {
              private final List<String> hops;
              private Map<String, Integer> tags = new HashMap<>();
              public Route() {
                hops = new ArrayList<>();
              }
              public Route(Route o) {
                this.hops = new ArrayList<>(o.hops);
                // BUG: Diagnostic contains: CloneSharesMutableState
                this.tags = o.tags;
              }
              public void hop(String h) {
                hops.add(h);
              }
              public void tag(String t) {
                tags.put(t, tags.size());
              }
            }
            """)
        .check();
  }

  /**
   * Options copied as templates: the copy constructor copies one option object with that type's
   * own copy constructor (when present) and its superclass's copy constructor copies the headers,
   * but the list of protocols is shared: a partial copy, so the sharing is a bug.
   */
  @Test
  void positive_partialCopyThroughACopyConstructorOfTheFieldsTypeAndSuper() {
    helper()
        .source(
            "com/acme/Proxy.java",
            """
            package com.acme;
            public class Proxy {
              String host;
              public Proxy() {}
              public Proxy(Proxy other) {
                this.host = other.host;
              }
            }
            """)
        .source(
            "com/acme/RequestOptions.java",
            """
            package com.acme;
            import java.util.HashMap;
            import java.util.Map;
            public class RequestOptions {
              private Map<String, String> headers = new HashMap<>();
              public RequestOptions() {}
              public RequestOptions(RequestOptions other) {
                this.headers = new HashMap<>(other.headers);
              }
              public void header(String k, String v) {
                headers.put(k, v);
              }
            }
            """)
        .source(
            "com/acme/SocketOptions.java",
            """
            package com.acme;
            import java.util.ArrayList;
            import java.util.List;
            public class SocketOptions extends RequestOptions {
              private Proxy proxy;
              private List<String> protocols = new ArrayList<>();
              public SocketOptions() {}
              public SocketOptions(SocketOptions other) {
                super(other);
                this.proxy = other.proxy != null ? new Proxy(other.proxy) : null;
                // BUG: Diagnostic contains: CloneSharesMutableState
                this.protocols = other.protocols;
              }
              public void addProtocol(String p) {
                protocols.add(p);
              }
            }
            """)
        .source(
            "com/acme/TunnelOptions.java",
            """
            package com.acme;
            import java.util.ArrayList;
            import java.util.List;
            public class TunnelOptions extends RequestOptions {
              private List<String> hops = new ArrayList<>();
              public TunnelOptions() {}
              public TunnelOptions(TunnelOptions other) {
                super(other);
                // BUG: Diagnostic contains: CloneSharesMutableState
                this.hops = other.hops;
              }
              public void hop(String h) {
                hops.add(h);
              }
            }
            """)
        .check();
  }

  /** The partial copy made by {@code addAll} into the new object's own list. */
  @Test
  void positive_partialCopyByAddAllIntoOwnList() {
    helper()
        .source(
            "com/acme/Column.java",
            """
            package com.acme;
            import java.util.ArrayList;
            import java.util.HashMap;
            import java.util.List;
            import java.util.Map;
            public class Column {
              private final List<String> names = new ArrayList<>();
              private Map<String, Object> params = new HashMap<>();
              public Column() {}
              protected Column(Column original) {
                this.names.addAll(original.names);
                // BUG: Diagnostic contains: CloneSharesMutableState
                this.params = original.params;
              }
              public void param(String k, Object v) {
                params.put(k, v);
              }
            }
            """)
        .check();
  }

  /**
   * A constructor that shares all of another instance's state and copies none of it, which no
   * code copies and then changes: a view or a wrapper that works on the same state by design
   * (a token stream's filters sharing its attributes).
   */
  @Test
  void negative_sharingConstructorWhoseResultIsNeverChangedAsACopy() {
    helper()
        .source(
            "com/acme/Source.java",
            """
            package com.acme;
            import java.util.LinkedHashMap;
            import java.util.Map;
            public class Source {
              private final Map<String, Object> attributes;
              private final Object[] state;
              public Source() {
                attributes = new LinkedHashMap<>();
                state = new Object[1];
              }
              /** Uses the same attributes as the given source. */
              public Source(Source input) {
                this.attributes = input.attributes;
                this.state = input.state;
              }
              public void addAttribute(String name, Object a) {
                attributes.put(name, a);
                state[0] = null;
              }
            }
            """)
        .source(
            "com/acme/Filter.java",
            """
            package com.acme;
            public class Filter extends Source {
              private final Source input;
              public Filter(Source input) {
                super(input);
                this.input = input;
              }
            }
            """)
        .check();
  }

  /**
   * A private constructor the class calls to hand out a view of itself with another source: the
   * view records into the same lists on purpose.
   */
  @Test
  void negative_viewTheClassHandsOutWithItsOwnArguments() {
    helper()
        .source(
            "com/acme/Recorder.java",
            """
            package com.acme;
            import java.util.ArrayList;
            import java.util.List;
            public class Recorder {
              private final List<Object> elements;
              private final Object source;
              public Recorder() {
                elements = new ArrayList<>();
                source = null;
              }
              private Recorder(Recorder prototype, Object source) {
                this.elements = prototype.elements;
                this.source = source;
              }
              public Recorder withSource(Object source) {
                return new Recorder(this, source);
              }
              public void record(Object e) {
                elements.add(e);
              }
            }
            """)
        .check();
  }

  /**
   * A constructor that keeps the other instance as its parent shares the parent's buffer on
   * purpose (a subtree iterator writing after the parent's part of the path), even when the
   * caller then changes the child.
   */
  @Test
  void negative_childConstructorThatKeepsItsParent() {
    helper()
        .source(
            "com/acme/TreeIter.java",
            """
            package com.acme;
            public class TreeIter {
              private final TreeIter parent;
              private byte[] path;
              private int offset;
              public TreeIter() {
                parent = null;
                path = new byte[64];
              }
              protected TreeIter(TreeIter p) {
                parent = p;
                path = p.path;
                offset = p.offset + 1;
              }
              public TreeIter subtree() {
                TreeIter c = new TreeIter(this);
                c.enter((byte) '/');
                return c;
              }
              public void enter(byte b) {
                path[offset] = b;
              }
            }
            """)
        .check();
  }

  /**
   * Copies that share a lock serialise each other, which costs throughput, not correctness: not
   * reported (the old rule did).
   */
  @Test
  void negative_copyMethodSharesLock() {
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

  /** A copy method that fills a new instance field by field and shares a list. */
  @Test
  void positive_copyMethodSharesList() {
    helper()
        .source(
            "com/acme/Ledger.java",
            """
            package com.acme;
            import java.util.ArrayList;
            import java.util.List;
            public class Ledger {
              private List<Long> entries = new ArrayList<>();
              private long balance;
              public Ledger copy() {
                Ledger a = new Ledger();
                // BUG: Diagnostic contains: CloneSharesMutableState
                a.entries = entries;
                a.balance = balance;
                return a;
              }
              public void deposit(long amount) {
                entries.add(amount);
                balance += amount;
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

  /**
   * Copy-on-write: {@code clone()} shares the key array on purpose, and every change of the array
   * first gives this object a fresh copy ({@code keys = keys.clone(); keys[i] = key}, with a call
   * of its own method that changes another field in between), so neither object's change shows in
   * the other: not reported. A change written into the shared array
   * itself is: reported.
   */
  @Test
  void copyOnWriteArrayReplacedBeforeEveryChange_negative_positiveWhenWrittenInPlace() {
    String source =
        """
        package com.acme;
        public class Page implements Cloneable {
          private Object[] keys = new Object[8];
          @Override
          public Page clone() {
            try {
              // BUG: Diagnostic contains: CloneSharesMutableState
              return (Page) super.clone();
            } catch (CloneNotSupportedException e) {
              throw new AssertionError(e);
            }
          }
          private int memory;
          public void setKey(int index, Object key) {
        %s    keys[index] = key;
          }
          public Object key(int index) {
            return keys[index];
          }
          private void addMemory(int bytes) {
            memory += bytes;
          }
        }
        """;
    // The page's own addMemory() between the copy and the write changes another field only.
    helper()
        .source("com/acme/Page.java",
            source.formatted("    keys = keys.clone();\n    addMemory(16);\n")
            .replace("      // BUG: Diagnostic contains: CloneSharesMutableState\n", ""))
        .check();
    helper().source("com/acme/Page.java", source.formatted("")).check();
  }

  /**
   * A {@code clone()} that calls {@code super.clone()} in a class that neither implements {@code
   * Cloneable} nor extends a class that might: {@code Object.clone()} throws {@code
   * CloneNotSupportedException}, so no copy ever exists to share the list. Not reported. (Blind
   * round 12: a class scanner's dead clone.) The same class implementing {@code Cloneable} is
   * {@link #positive_superCloneSharesList}.
   */
  @Test
  void negative_superCloneOfAClassThatIsNotCloneable() {
    helper()
        .source("com/acme/Scanner.java", scanner("implements java.io.Serializable", ""))
        .check();
  }

  /**
   * The same {@code clone()} in a subclass of a class that implements {@code Cloneable}: the
   * copy exists and shares the list. Reported.
   */
  @Test
  void positive_superCloneBelowACloneableClass() {
    helper()
        .source("com/acme/Base.java",
            "package com.acme;\npublic class Base implements Cloneable {}\n")
        .source("com/acme/Scanner.java",
            scanner("extends Base", "// BUG: Diagnostic contains: CloneSharesMutableState\n    "))
        .check();
  }

  /** A scanner whose {@code clone()} calls {@code super.clone()}, declared with {@code supers}. */
  private static String scanner(String supers, String marker) {
    return """
        package com.acme;
        import java.util.ArrayList;
        import java.util.List;
        public class Scanner SUPERS {
          private List<String> found = new ArrayList<>();
          public void add(String name) {
            found.add(name);
          }
          @Override
          protected Object clone() throws CloneNotSupportedException {
            MARKERreturn super.clone();
          }
        }
        """.replace("SUPERS", supers).replace("MARKER", marker);
  }
  /**
   * A class loader (or thread, stream…) subclass that adds no {@code Cloneable}: {@code
   * super.clone()} throws, so no clone shares anything. {@code SUPER} is the supertype. (Blind
   * round 18: a class loader's {@code clone()} reported as sharing its list.)
   */
  private static String loader(String supertype, String marker) {
    return """
        package com.acme;
        import java.util.ArrayList;
        import java.util.List;
        public class Loader SUPER {
          private final List<String> paths = new ArrayList<>();
          public void add(String p) {
            paths.add(p);
          }
          @Override
          public Loader clone() throws CloneNotSupportedException {
        MARKER    return (Loader) super.clone();
          }
        }
        """.replace("SUPER", supertype).replace("MARKER", marker);
  }

  @Test
  void negative_cloneOfAClassLoaderThatIsNotCloneable() {
    helper().source("com/acme/Loader.java", loader("extends ClassLoader", "")).check();
  }

  /**
   * The same class made {@code Cloneable} shares its final list; the fix cannot assign a final
   * field in {@code clone()}, so it says to copy through a constructor.
   */
  @Test
  void positive_cloneableSharesAFinalListAndTheFixSaysSo() {
    helper().source("com/acme/Loader.java", loader("extends ClassLoader implements Cloneable",
        "    // BUG: Diagnostic contains: `paths` is final, so `clone()` cannot give the copy its own"
            + " value\n")).check();
  }
}
