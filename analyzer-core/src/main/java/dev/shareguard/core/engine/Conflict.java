package dev.shareguard.core.engine;

/**
 * Two accesses to the same location that may run in parallel with no common lock, at least one a
 * write. {@code reported} is the access a finding is about; {@code other} the one it races with.
 */
public record Conflict(AccessInstance reported, AccessInstance other) {}
