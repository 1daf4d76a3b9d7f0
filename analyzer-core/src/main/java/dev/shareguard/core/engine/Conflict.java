package dev.shareguard.core.engine;

/** Two accesses that may run in parallel on the same location, at least one a write. */
public record Conflict(Object first, Object second) {}
