package dev.shareguard.core.engine;

/**
 * The single thread a task runs on, when the walk knows it: a Netty event loop ({@link
 * EventLoop}) or a single-thread executor ({@link SingleThread}). Two tasks on equal serial
 * executors never run at once; {@link EventLoop#UNKNOWN} is equal only to itself and orders
 * nothing (see {@link Parallelism}).
 */
public sealed interface SerialExecutor permits EventLoop, SerialExecutor.SingleThread {

  /**
   * A single-thread executor: the one made at an allocation site ({@link LockId.LocalObject}), or
   * the ones a field only ever holds ({@link LockId.FieldValue}).
   */
  record SingleThread(LockId executor) implements SerialExecutor {}
}
