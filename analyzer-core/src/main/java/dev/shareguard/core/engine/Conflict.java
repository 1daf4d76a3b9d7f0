package dev.shareguard.core.engine;

import dev.shareguard.core.finding.Evidence;

/**
 * Two accesses to the same location that may run in parallel with no common lock, at least one a
 * write. {@code reported} is the access a finding is about; {@code other} the one it races with;
 * each with the evidence that it runs concurrently ({@link Evidence}). {@code perThreadOwner}:
 * the class owning the static state touched keeps per-thread state (a {@code ThreadLocal}), so its
 * own code says it runs on several threads at once. {@code polled}: some thread reads the field
 * in a loop's condition (waits for it to change), so a value it does not see may hold it forever.
 * {@code doubleChecked}: the reported access is an unlocked fast path that its own body checks
 * again under the lock every write holds before it acts ({@link ConflictFinder#doubleChecked}).
 * {@code atomicValueClass}: the location is a plain field of a value a thread-safe container
 * holds, and the field's class keeps other state of its own in atomics ({@link
 * ConflictFinder#onHeldValue}).
 */
public record Conflict(
    AccessInstance reported,
    AccessInstance other,
    Evidence reportedEvidence,
    Evidence otherEvidence,
    boolean perThreadOwner,
    boolean polled,
    boolean doubleChecked,
    boolean atomicValueClass) {

  /** How sure the engine is that the two accesses race ({@link RaceConfidence}). */
  public dev.shareguard.core.finding.Confidence confidence() {
    return RaceConfidence.of(this);
  }

  /**
   * The confidence the two sides' evidence alone gives ({@link RaceConfidence}'s table), before
   * what the paths and the location say (a guessed dispatch, a property setter, a stale value
   * only): for a race whose evidence is the location's own, as a container that locks each call
   * itself declares callers on several threads whatever path reaches them.
   */
  public dev.shareguard.core.finding.Confidence evidenceConfidence() {
    return RaceConfidence.table(reportedEvidence, otherEvidence);
  }

  /** A conflict whose owner shows nothing about per-thread state. */
  public Conflict(AccessInstance reported, AccessInstance other, Evidence reportedEvidence,
      Evidence otherEvidence) {
    this(reported, other, reportedEvidence, otherEvidence, false, false, false, false);
  }
}
