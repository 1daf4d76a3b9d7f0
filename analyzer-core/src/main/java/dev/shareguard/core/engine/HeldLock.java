package dev.shareguard.core.engine;

/**
 * A lock held at a program point: the lock object (in the body's frame) and whether it is held
 * only for reading (a ReadWriteLock read lock or a StampedLock read stamp), which does not exclude
 * other readers.
 */
public record HeldLock(AbsVal lock, boolean readOnly) {}
