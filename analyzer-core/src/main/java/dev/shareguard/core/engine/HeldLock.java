package dev.shareguard.core.engine;
import java.util.Objects;

/**
 * A lock held at a program point: the lock object (in the body's frame) and whether it is held
 * only for reading (a ReadWriteLock read lock or a StampedLock read stamp), which does not exclude
 * other readers. Being on a Netty event loop ({@link AbsVal.OnLoop}) is carried the same way.
 *
 * <p>{@code equals} and {@code hashCode} are written out, the same as the generated ones, for the
 * reason {@link AbsVal} gives.
 */
public record HeldLock(AbsVal lock, boolean readOnly) {
  @Override
  public boolean equals(Object o) {
    return o == this
        || o instanceof HeldLock v
            && Objects.equals(lock, v.lock)
            && readOnly == v.readOnly;
  }

  @Override
  public int hashCode() {
    int h = Objects.hashCode(lock);
    h = 31 * h + Boolean.hashCode(readOnly);
    return h;
  }

  /** Whether this marks running on an event loop, which keeps no other thread out. */
  public boolean isLoopMarker() {
    return lock instanceof AbsVal.OnLoop;
  }
}
