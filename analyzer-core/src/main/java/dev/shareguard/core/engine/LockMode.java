package dev.shareguard.core.engine;

/**
 * How a lock is held: {@link #EXCLUSIVE} keeps every other holder out (a monitor, a {@code Lock},
 * a write lock, a stamped write), {@link #SHARED} keeps out only exclusive holders (a read lock, a
 * stamped read). Two holds of one lock exclude each other unless both are shared.
 */
public enum LockMode {
  SHARED,
  EXCLUSIVE
}
