package dev.shareguard.core.engine;

import dev.shareguard.core.finding.Evidence;

/**
 * Two accesses to the same location that may run in parallel with no common lock, at least one a
 * write. {@code reported} is the access a finding is about; {@code other} the one it races with;
 * each with the evidence that it runs concurrently ({@link Evidence}).
 */
public record Conflict(
    AccessInstance reported,
    AccessInstance other,
    Evidence reportedEvidence,
    Evidence otherEvidence) {}
