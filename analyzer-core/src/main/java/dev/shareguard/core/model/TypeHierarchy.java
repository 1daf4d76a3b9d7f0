package dev.shareguard.core.model;

import dev.shareguard.core.ir.ClassDecl;
import dev.shareguard.core.ir.TypeRef;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Supertypes of the JDK types the models talk about, plus the classes of the analysed program.
 * Answers "is {@code java.util.LinkedHashMap} a {@code java.util.Map}?" without a classpath, which
 * both front ends need in the same way (the CLI has no JDK symbols at all).
 */
public final class TypeHierarchy {
  /**
   * Direct supertypes of JDK types, as far as the models need them. Each line: a type, then its
   * direct supertypes.
   */
  private static final String[][] JDK =
      new String[][] {
        {"java.util.Collection", "java.lang.Iterable"},
        {"java.util.List", "java.util.SequencedCollection", "java.util.Collection"},
        {"java.util.SequencedCollection", "java.util.Collection"},
        {"java.util.Set", "java.util.Collection"},
        {"java.util.SortedSet", "java.util.Set", "java.util.SequencedSet"},
        {"java.util.SequencedSet", "java.util.Set"},
        {"java.util.NavigableSet", "java.util.SortedSet"},
        {"java.util.Queue", "java.util.Collection"},
        {"java.util.Deque", "java.util.Queue", "java.util.SequencedCollection"},
        {"java.util.SortedMap", "java.util.Map", "java.util.SequencedMap"},
        {"java.util.SequencedMap", "java.util.Map"},
        {"java.util.NavigableMap", "java.util.SortedMap"},
        {"java.util.AbstractCollection", "java.util.Collection"},
        {"java.util.AbstractList", "java.util.AbstractCollection", "java.util.List"},
        {"java.util.AbstractSequentialList", "java.util.AbstractList"},
        {"java.util.AbstractSet", "java.util.AbstractCollection", "java.util.Set"},
        {"java.util.AbstractQueue", "java.util.AbstractCollection", "java.util.Queue"},
        {"java.util.AbstractMap", "java.util.Map"},
        {"java.util.ArrayList", "java.util.AbstractList", "java.util.RandomAccess"},
        {"java.util.LinkedList", "java.util.AbstractSequentialList", "java.util.Deque"},
        {"java.util.ArrayDeque", "java.util.AbstractCollection", "java.util.Deque"},
        {"java.util.PriorityQueue", "java.util.AbstractQueue"},
        {"java.util.HashSet", "java.util.AbstractSet"},
        {"java.util.LinkedHashSet", "java.util.HashSet", "java.util.SequencedSet"},
        {"java.util.TreeSet", "java.util.AbstractSet", "java.util.NavigableSet"},
        {"java.util.EnumSet", "java.util.AbstractSet"},
        {"java.util.BitSet"},
        {"java.util.HashMap", "java.util.AbstractMap"},
        {"java.util.LinkedHashMap", "java.util.HashMap", "java.util.SequencedMap"},
        {"java.util.TreeMap", "java.util.AbstractMap", "java.util.NavigableMap"},
        {"java.util.WeakHashMap", "java.util.AbstractMap"},
        {"java.util.IdentityHashMap", "java.util.AbstractMap"},
        {"java.util.EnumMap", "java.util.AbstractMap"},
        {"java.util.Vector", "java.util.AbstractList"},
        {"java.util.Stack", "java.util.Vector"},
        {"java.util.Hashtable", "java.util.Map"},
        {"java.util.Properties", "java.util.Hashtable"},
        {"java.util.concurrent.ConcurrentMap", "java.util.Map"},
        {"java.util.concurrent.ConcurrentNavigableMap", "java.util.concurrent.ConcurrentMap",
          "java.util.NavigableMap"},
        {"java.util.concurrent.ConcurrentHashMap", "java.util.AbstractMap",
          "java.util.concurrent.ConcurrentMap"},
        {"java.util.concurrent.ConcurrentSkipListMap", "java.util.AbstractMap",
          "java.util.concurrent.ConcurrentNavigableMap"},
        {"java.util.concurrent.ConcurrentSkipListSet", "java.util.AbstractSet",
          "java.util.NavigableSet"},
        {"java.util.concurrent.CopyOnWriteArrayList", "java.util.List"},
        {"java.util.concurrent.CopyOnWriteArraySet", "java.util.AbstractSet"},
        {"java.util.concurrent.ConcurrentLinkedQueue", "java.util.AbstractQueue"},
        {"java.util.concurrent.ConcurrentLinkedDeque", "java.util.AbstractCollection",
          "java.util.Deque"},
        {"java.util.concurrent.BlockingQueue", "java.util.Queue"},
        {"java.util.concurrent.BlockingDeque", "java.util.concurrent.BlockingQueue",
          "java.util.Deque"},
        {"java.util.concurrent.TransferQueue", "java.util.concurrent.BlockingQueue"},
        {"java.util.concurrent.ArrayBlockingQueue", "java.util.AbstractQueue",
          "java.util.concurrent.BlockingQueue"},
        {"java.util.concurrent.LinkedBlockingQueue", "java.util.AbstractQueue",
          "java.util.concurrent.BlockingQueue"},
        {"java.util.concurrent.LinkedBlockingDeque", "java.util.AbstractQueue",
          "java.util.concurrent.BlockingDeque"},
        {"java.util.concurrent.PriorityBlockingQueue", "java.util.AbstractQueue",
          "java.util.concurrent.BlockingQueue"},
        {"java.util.concurrent.DelayQueue", "java.util.AbstractQueue",
          "java.util.concurrent.BlockingQueue"},
        {"java.util.concurrent.SynchronousQueue", "java.util.AbstractQueue",
          "java.util.concurrent.BlockingQueue"},
        {"java.util.concurrent.LinkedTransferQueue", "java.util.AbstractQueue",
          "java.util.concurrent.TransferQueue"},
        {"java.util.concurrent.ExecutorService", "java.util.concurrent.Executor",
          "java.lang.AutoCloseable"},
        {"java.util.concurrent.ScheduledExecutorService", "java.util.concurrent.ExecutorService"},
        {"java.util.concurrent.AbstractExecutorService", "java.util.concurrent.ExecutorService"},
        {"java.util.concurrent.ThreadPoolExecutor",
          "java.util.concurrent.AbstractExecutorService"},
        {"java.util.concurrent.ScheduledThreadPoolExecutor",
          "java.util.concurrent.ThreadPoolExecutor",
          "java.util.concurrent.ScheduledExecutorService"},
        {"java.util.concurrent.ForkJoinPool", "java.util.concurrent.AbstractExecutorService"},
        {"java.util.concurrent.CompletableFuture", "java.util.concurrent.Future",
          "java.util.concurrent.CompletionStage"},
        {"java.util.concurrent.FutureTask", "java.util.concurrent.RunnableFuture"},
        {"java.util.concurrent.RunnableFuture", "java.lang.Runnable",
          "java.util.concurrent.Future"},
        {"java.util.concurrent.ScheduledFuture", "java.util.concurrent.Future"},
        {"java.util.concurrent.ForkJoinTask", "java.util.concurrent.Future"},
        {"java.util.concurrent.RecursiveTask", "java.util.concurrent.ForkJoinTask"},
        {"java.util.concurrent.RecursiveAction", "java.util.concurrent.ForkJoinTask"},
        {"java.util.concurrent.locks.ReentrantLock", "java.util.concurrent.locks.Lock"},
        {"java.util.concurrent.locks.ReentrantReadWriteLock",
          "java.util.concurrent.locks.ReadWriteLock"},
        {"java.util.concurrent.locks.ReentrantReadWriteLock.ReadLock",
          "java.util.concurrent.locks.Lock"},
        {"java.util.concurrent.locks.ReentrantReadWriteLock.WriteLock",
          "java.util.concurrent.locks.Lock"},
        {"java.lang.Thread", "java.lang.Runnable"},
        {"java.util.TimerTask", "java.lang.Runnable"},
      };

  private final Map<String, List<String>> supers = new HashMap<>();
  private final Map<String, Set<String>> closure = new HashMap<>();

  /**
   * The JDK table, the frameworks' own types ({@link FrameworkModel#librarySupertypes()}), then the
   * declared supertypes of {@code classes} (which win: a tree that holds a framework's sources
   * says what they are).
   */
  public TypeHierarchy(Iterable<ClassDecl> classes) {
    for (String[] row : JDK) {
      supers.put(row[0], List.of(row).subList(1, row.length));
    }
    supers.putAll(FrameworkModels.librarySupertypes());
    for (ClassDecl c : classes) {
      List<String> s = new java.util.ArrayList<>();
      if (c.superclass() != null && c.superclass().kind() == TypeRef.Kind.CLASS) {
        s.add(c.superclass().name());
      }
      for (TypeRef i : c.interfaces()) {
        if (i.kind() == TypeRef.Kind.CLASS) {
          s.add(i.name());
        }
      }
      supers.put(c.id(), s);
    }
  }

  /**
   * Whether the hierarchy knows {@code type}: a JDK or framework type of the tables, or a class
   * of the audited program. A dependency's class the audit has no source or model of is unknown.
   */
  public boolean knows(String type) {
    return supers.containsKey(type) || unrelocated(type) != null
        && supers.containsKey(unrelocated(type));
  }

  /** {@code type} and all its known supertypes, nearest first. */
  public Set<String> supertypesOf(String type) {
    Set<String> cached = closure.get(type);
    if (cached != null) {
      return cached;
    }
    Set<String> out = new LinkedHashSet<>();
    Deque<String> work = new ArrayDeque<>();
    work.add(type);
    Set<String> seen = new HashSet<>();
    while (!work.isEmpty()) {
      String t = work.poll();
      if (seen.add(t)) {
        out.add(t);
        work.addAll(supers.getOrDefault(t, List.of()));
        String original = unrelocated(t);
        if (original != null) {
          work.add(original);
        }
      }
    }
    Set<String> result = java.util.Collections.unmodifiableSet(out);
    closure.put(type, result);
    return result;
  }

  /**
   * The library type a relocated copy stands for: a library bundled into another under a prefix
   * ({@code com.acme.shaded.io.grpc.SynchronizationContext}, {@code
   * org.acme.thirdparty.com.google.common.collect.ImmutableMap}) keeps its own package after the
   * relocation segment, and behaves as the library does. Null when {@code type} is no such copy.
   */
  static String unrelocated(String type) {
    for (String marker : RELOCATION_SEGMENTS) {
      int i = type.lastIndexOf(marker);
      if (i >= 0 && type.indexOf('.', i + marker.length()) > 0) {
        return type.substring(i + marker.length());
      }
    }
    for (String root : LIBRARY_ROOTS) {
      // A well-known library's root package nested under another project's package (an agent's
      // "…internal.javassist"): a copy bundled under a prefix with no conventional marker.
      int i = type.indexOf("." + root);
      if (i > 0) {
        return type.substring(i + 1);
      }
    }
    return null;
  }

  /**
   * Root packages of libraries projects commonly bundle (copy or relocate into their own jars).
   * Each is specific enough (several segments, or a name no project uses for its own package)
   * that finding it after another package's prefix means a bundled copy.
   */
  private static final List<String> LIBRARY_ROOTS =
      List.of("javassist.", "org.objectweb.asm.", "net.bytebuddy.", "com.google.common.",
          "com.google.gson.", "com.google.protobuf.", "com.fasterxml.jackson.", "io.netty.",
          "org.apache.commons.", "org.jctools.", "com.squareup.okhttp.", "okhttp3.", "okio.",
          "org.slf4j.", "org.yaml.snakeyaml.", "com.alibaba.fastjson.", "org.apache.http.",
          "io.grpc.", "com.lmax.disruptor.", "org.HdrHistogram.", "com.github.benmanes.caffeine.");

  /**
   * Whether {@code classId} is in a bundled copy of another library, relocated under a prefix
   * (see {@link #unrelocated}): its code is that library's, whose authors own its races.
   */
  public static boolean isRelocated(String classId) {
    return unrelocated(classId) != null;
  }

  /** Package segments under which build tools conventionally relocate bundled libraries. */
  private static final List<String> RELOCATION_SEGMENTS =
      List.of(".shaded.", ".relocated.", ".repackaged.", ".thirdparty.");

  /** Whether {@code type} is {@code target} or a known subtype of it. */
  public boolean isSubtype(String type, String target) {
    return type != null && supertypesOf(type).contains(target);
  }

  /** Whether {@code type} is a known subtype of any of {@code targets}. */
  public boolean isSubtypeOfAny(String type, Set<String> targets) {
    if (type == null) {
      return false;
    }
    for (String s : supertypesOf(type)) {
      if (targets.contains(s)) {
        return true;
      }
    }
    return false;
  }
}
