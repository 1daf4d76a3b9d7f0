package dev.shareguard.core.engine;
import java.util.Objects;

/**
 * A lock held at an access, with its mode. Record equality: the same lock held the same way.
 * Two holdings exclude each other when their locks are equal and not both are {@link
 * LockMode#SHARED} ({@link #excludes}).
 *
 * <p>{@code equals} and {@code hashCode} are written out, the same as the generated ones, for the
 * reason {@link AbsVal} gives.
 */
public record Holding(LockId lock, LockMode mode) implements Held {
  @Override
  public boolean equals(Object o) {
    return o == this
        || o instanceof Holding v
            && Objects.equals(lock, v.lock)
            && Objects.equals(mode, v.mode);
  }

  @Override
  public int hashCode() {
    int h = Objects.hashCode(lock);
    h = 31 * h + Objects.hashCode(mode);
    return h;
  }


  /** Whether this holding keeps every other holder out. */
  public boolean exclusive() {
    return mode == LockMode.EXCLUSIVE;
  }

  /** Whether this holding and {@code other} cannot both be held at once by two threads. */
  public boolean excludes(Holding other) {
    return lock.equals(other.lock) && (exclusive() || other.exclusive());
  }
}
