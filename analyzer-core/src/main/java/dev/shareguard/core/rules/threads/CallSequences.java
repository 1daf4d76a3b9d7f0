package dev.shareguard.core.rules.threads;

import dev.shareguard.core.engine.AccessInstance;
import dev.shareguard.core.engine.Conflict;
import dev.shareguard.core.engine.Ctx;
import dev.shareguard.core.engine.Traces;
import dev.shareguard.core.finding.Confidence;
import dev.shareguard.core.finding.Evidence;
import dev.shareguard.core.finding.Finding;
import dev.shareguard.core.finding.Trace;
import java.util.List;

/**
 * The race of a sequence of calls on a container that locks each call itself (a concurrent map's
 * check then act, a synchronized wrapper's traversal) with another thread's change of it, judged by
 * the decision table of every thread finding ({@link Conflict#evidenceConfidence}). A task's side
 * is spawned; an entry's is inconsistently guarded: the container locks each call, which shows that
 * its authors expect callers on several threads at once (as a lock taken around the location
 * elsewhere does), and the sequence is what that guarding leaves out. That evidence is the
 * container's own, not the path's: a side reached through a dispatch guessed among several
 * implementations (a template method calling its subclass's override) does not weaken it, as it
 * does a plain field's race, whose only sign of sharing is the path. Shipped bugs of this shape are
 * often reached that way (the step of a template method of an abstract class).
 */
final class CallSequences {
  private CallSequences() {}

  /** The race of {@code sequence} with {@code change}, each side with its evidence. */
  static Conflict race(AccessInstance sequence, AccessInstance change) {
    return new Conflict(sequence, change, evidence(sequence), evidence(change));
  }

  private static Evidence evidence(AccessInstance a) {
    return a.ctx() instanceof Ctx.Task ? Evidence.SPAWNED
        : a.ctx() instanceof Ctx.Entry ? Evidence.INCONSISTENTLY_GUARDED : Evidence.IMPLIED;
  }

  /** Whether {@code other} is another run of the same code as {@code a} on the same thread kind. */
  static boolean sameCode(AccessInstance a, AccessInstance other) {
    return other.pos().equals(a.pos()) && other.ctx().equals(a.ctx());
  }

  /** The confidence of {@code race}: the decision table on its two sides' evidence. */
  static Confidence confidence(Conflict race) {
    return race.evidenceConfidence();
  }

  /** {@code f} with the race's confidence and both sides' paths (one, for two runs of one code). */
  static Finding explained(Finding f, Conflict race, Traces traces) {
    AccessInstance a = race.reported();
    AccessInstance b = race.other();
    List<Trace> paths = sameCode(a, b)
        ? List.of(traces.of(a, race.reportedEvidence()))
        : List.of(traces.of(a, race.reportedEvidence()), traces.of(b, race.otherEvidence()));
    return f.explained(confidence(race), paths);
  }
}
