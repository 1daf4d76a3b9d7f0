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

  /**
   * The loop a framework calls a callback on (a channel handler's event, a future's listener):
   * some loop, never taken to be the same as another access's.
   */
  public static final EventLoop FRAMEWORK = new EventLoop(new LockId.FrameworkLoop());

  /** Whether the engine can name this loop. */
  public boolean named() {
    return !identity.equals(LockId.UNNAMED) && !identity.equals(FRAMEWORK.identity);
  }

  /**
   * Whether this is a thread's event loop, named or not, and not a once-gate ({@code
   * AbsVal.OnceGate} regions ride with the loops, see {@link LockId.Gate}); an unnamed identity
   * may be either, so it is not taken for a loop.
   */
  public boolean isThreadLoop() {
    return !(identity instanceof LockId.Gate) && !identity.equals(LockId.UNNAMED);
  }
}
