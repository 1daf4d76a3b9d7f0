package dev.shareguard.core.model;

import java.util.Map;
import java.util.Set;

/**
 * JDK calls that block the calling thread (sleep, wait, park, a blocking queue's {@code take}, a
 * socket's {@code accept}, a stream's {@code read}, taking a lock). A thread that makes one parks
 * in code the compiler cannot see through, so a plain field it reads after the call is read from
 * memory again: the JIT cannot keep the value of before the call in a register across it. That
 * is why a stop flag polled by a loop that blocks on every pass is seen one pass late at worst,
 * while one polled by a loop that never calls out may be hoisted out of the loop and never seen.
 *
 * <p>Calls are named by the class that declares the method (the front ends' {@code owner}) and
 * the method's name; a timed variant is told apart by its argument count where the untimed one
 * does not block ({@code poll()} against {@code poll(timeout, unit)}).
 */
public final class BlockingCalls {
  private BlockingCalls() {}

  /** Any arity blocks. */
  private static final int ANY = -1;

  /** Method name to the argument count at which it blocks ({@link #ANY}: every count). */
  private static final Map<String, Map<String, Integer>> BY_OWNER = Map.ofEntries(
      Map.entry("java.lang.Thread", Map.of("sleep", ANY, "join", ANY)),
      Map.entry("java.lang.Object", Map.of("wait", ANY)),
      Map.entry("java.util.concurrent.TimeUnit",
          Map.of("sleep", ANY, "timedWait", ANY, "timedJoin", ANY)),
      Map.entry("java.util.concurrent.locks.LockSupport",
          Map.of("park", ANY, "parkNanos", ANY, "parkUntil", ANY)),
      Map.entry("java.util.concurrent.CountDownLatch", Map.of("await", ANY)),
      Map.entry("java.util.concurrent.CyclicBarrier", Map.of("await", ANY)),
      Map.entry("java.util.concurrent.Semaphore",
          Map.of("acquire", ANY, "acquireUninterruptibly", ANY)),
      Map.entry("java.util.concurrent.Phaser",
          Map.of("awaitAdvance", ANY, "awaitAdvanceInterruptibly", ANY,
              "arriveAndAwaitAdvance", ANY)),
      Map.entry("java.util.concurrent.Exchanger", Map.of("exchange", ANY)),
      Map.entry("java.util.concurrent.Future", Map.of("get", ANY)),
      Map.entry("java.util.concurrent.FutureTask", Map.of("get", ANY)),
      Map.entry("java.util.concurrent.CompletableFuture", Map.of("get", ANY, "join", ANY)),
      Map.entry("java.util.concurrent.ForkJoinTask", Map.of("get", ANY, "join", ANY)),
      Map.entry("java.util.concurrent.ExecutorService", Map.of("awaitTermination", ANY)),
      Map.entry("java.util.concurrent.ThreadPoolExecutor", Map.of("awaitTermination", ANY)),
      Map.entry("java.util.concurrent.CompletionService", Map.of("take", ANY, "poll", 2)),
      Map.entry("java.util.concurrent.ExecutorCompletionService",
          Map.of("take", ANY, "poll", 2)),
      Map.entry("java.util.concurrent.locks.Condition",
          Map.of("await", ANY, "awaitNanos", ANY, "awaitUninterruptibly", ANY,
              "awaitUntil", ANY)),
      Map.entry("java.util.concurrent.locks.Lock",
          Map.of("lock", ANY, "lockInterruptibly", ANY, "tryLock", 2)),
      Map.entry("java.util.concurrent.locks.ReentrantLock",
          Map.of("lock", ANY, "lockInterruptibly", ANY, "tryLock", 2)),
      Map.entry("java.util.concurrent.locks.ReentrantReadWriteLock.ReadLock",
          Map.of("lock", ANY, "lockInterruptibly", ANY, "tryLock", 2)),
      Map.entry("java.util.concurrent.locks.ReentrantReadWriteLock.WriteLock",
          Map.of("lock", ANY, "lockInterruptibly", ANY, "tryLock", 2)),
      Map.entry("java.net.ServerSocket", Map.of("accept", ANY)),
      Map.entry("java.net.DatagramSocket", Map.of("receive", ANY)),
      Map.entry("java.nio.channels.ServerSocketChannel", Map.of("accept", ANY)),
      Map.entry("java.nio.channels.Selector", Map.of("select", ANY)),
      Map.entry("java.lang.Process", Map.of("waitFor", ANY)));

  /** Queue types whose {@code take}/{@code put} and timed {@code poll}/{@code offer} block. */
  private static final Set<String> BLOCKING_QUEUE_METHODS =
      Set.of("take", "put", "transfer", "takeFirst", "takeLast", "putFirst", "putLast");

  /**
   * Whether a call of {@code name} with {@code arity} arguments, on a method declared by {@code
   * owner}, blocks the calling thread.
   */
  public static boolean blocks(String owner, String name, int arity) {
    if (owner == null || name == null) {
      return false;
    }
    Map<String, Integer> methods = BY_OWNER.get(owner);
    if (methods != null) {
      Integer at = methods.get(name);
      return at != null && (at == ANY || at == arity);
    }
    if (owner.startsWith("java.util.concurrent.") && isBlockingQueue(owner)) {
      return BLOCKING_QUEUE_METHODS.contains(name)
          || name.startsWith("poll") && arity == 2
          || name.startsWith("offer") && arity == 3;
    }
    // Reading a stream, a reader or a channel waits for the data to arrive.
    return (owner.startsWith("java.io.") || owner.startsWith("java.nio.channels."))
        && (name.startsWith("read") && !name.equals("ready") || name.equals("receive"));
  }

  private static boolean isBlockingQueue(String owner) {
    String simple = owner.substring(owner.lastIndexOf('.') + 1);
    return simple.contains("BlockingQueue") || simple.contains("BlockingDeque")
        || simple.endsWith("TransferQueue") || simple.equals("SynchronousQueue")
        || simple.equals("DelayQueue");
  }
}
