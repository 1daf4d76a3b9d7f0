package dev.shareguard.core.engine;

/**
 * A lock held at an access, with its mode. Record equality: the same lock held the same way.
 * Two holdings exclude each other when their locks are equal and not both are {@link
 * LockMode#SHARED} ({@link #excludes}).
 */
public record Holding(LockId lock, LockMode mode) implements Held {

  /** Whether this holding keeps every other holder out. */
  public boolean exclusive() {
    return mode == LockMode.EXCLUSIVE;
  }

  /** Whether this holding and {@code other} cannot both be held at once by two threads. */
  public boolean excludes(Holding other) {
    return lock.equals(other.lock) && (exclusive() || other.exclusive());
  }
}
