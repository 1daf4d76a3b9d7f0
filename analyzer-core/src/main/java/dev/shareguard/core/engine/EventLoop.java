package dev.shareguard.core.engine;

/**
 * A Netty event loop, one thread, named like a lock on the value that is the loop ({@code
 * field:AbstractChannel.eventLoop} as a {@link LockId.FieldValue}, {@code this} of a loop class
 * as a {@link LockId.InstanceMonitor}). A field names one loop per object, as the engine names a
 * field's other values. {@link #UNKNOWN}: a loop the engine cannot name ({@code ctx.executor()}),
 * which still runs each task once at a time but orders nothing with other code. Record equality.
 */
public record EventLoop(LockId identity) implements Held, SerialExecutor {

  /** The loop of a task handed to an event loop the engine cannot name. */
  public static final EventLoop UNKNOWN = new EventLoop(LockId.UNNAMED);

  /** Whether the engine can name this loop. */
  public boolean named() {
    return !identity.equals(LockId.UNNAMED);
  }
}
