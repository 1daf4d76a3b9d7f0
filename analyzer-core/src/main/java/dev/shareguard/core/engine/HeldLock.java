package dev.shareguard.core.engine;

/**
 * A lock held at a program point: the lock object (in the body's frame) and whether it is held
 * only for reading (a ReadWriteLock read lock or a StampedLock read stamp), which does not exclude
 * other readers. Being on a Netty event loop ({@link AbsVal.OnLoop}) is carried the same way.
 */
public record HeldLock(AbsVal lock, boolean readOnly) {
  /** Whether this marks running on an event loop, which keeps no other thread out. */
  public boolean isLoopMarker() {
    return lock instanceof AbsVal.OnLoop;
  }
}
