package dev.shareguard.core.engine;

import dev.shareguard.core.finding.Confidence;
import dev.shareguard.core.finding.Evidence;
import dev.shareguard.core.model.ContainerContracts;

/**
 * The confidence of a race from the evidence on its two sides, as one decision table (symmetric):
 *
 * <pre>
 *                  SPAWNED  INCONSISTENTLY  DECLARED  IMPLIED
 *                           GUARDED         SHARED
 * SPAWNED          high     high            high      medium
 * INCONS. GUARDED           high            high      medium
 * DECLARED SHARED                           medium    low
 * IMPLIED                                             low
 * </pre>
 *
 * A task against a task, or a task against code its owner locks elsewhere, is as strong as
 * evidence gets. One side that is only implied (a public method of a class nothing shows is
 * called from several threads) halves it; two such sides say little. Then one level lower when
 * either side was reached only through a dispatch guessed among several implementations ({@link
 * CallPath#guessed}), and two levels when the two paths take two or more such guesses (each
 * guess is independent, so a chain of them rarely describes a run): the access may belong to a
 * class that never runs there; and one level
 * lower for a property setter against a task (a setter is usually set-up, before the task), or
 * against another entry when the class's declaration is the only evidence on both sides. Two
 * runs of one {@code connect()}/{@code close()}-like entry whose only evidence is inconsistent
 * locking count as two implied sides ({@link #oneEntryOnLocksAlone}). A
 * race on a field's value that neither side updates from shared state, on a container's
 * element count, or on a container of fixed slots (an {@code EnumMap}) (a stale value at worst,
 * see {@link #staleValueOnly}), is two levels lower and
 * gets no raise: whether a stale value harms depends on what the reader does with it, which the analysis does not judge (read blind on
 * unseen releases, about a hundred field races gave two bugs), so it is shown to those who ask
 * for low-confidence findings. So is the fast path of a double check ({@link
 * Conflict#doubleChecked}): a miss, or a stale value, only sends the thread into the lock, where
 * it looks again before it acts (read blind, such fast paths were judged benign on every release
 * they were met on). A
 * race on static state is one level more sure (at most high) when something shows the code runs
 * on several threads (a side's evidence beyond implied, or an owner keeping per-thread state):
 * static state is shared by every thread that runs the code, so the only question left is
 * whether the code runs concurrently, not also whether one instance reaches both threads. Two
 * implied sides do not answer that question, so they get no raise, unless the owner keeps
 * per-thread state (a {@code ThreadLocal}): a class that keeps state per thread declares that
 * several threads run its code at once, as a thread-safety annotation would, so each implied side
 * of its static state counts as declared shared (a self-race of one public static method on a
 * plain static map is then high). A
 * change to a plain field of a value a thread-safe container holds is one level more sure when
 * the field's class keeps other state of its own in atomics ({@link Conflict#atomicValueClass}):
 * the container declares its values shared, the framework entry or task reaches them, and the
 * class itself counts on concurrent calls on one object; only its plain fields were left out.
 */
public final class RaceConfidence {
  private RaceConfidence() {}

  /** The confidence of conflict {@code c}. */
  public static Confidence of(Conflict c) {
    Confidence base = oneEntryOnLocksAlone(c)
        ? table(Evidence.IMPLIED, Evidence.IMPLIED)
        : ConflictFinder.isStatic(c.reported()) && c.perThreadOwner()
            ? table(declaredAtLeast(c.reportedEvidence()), declaredAtLeast(c.otherEvidence()))
            : table(c.reportedEvidence(), c.otherEvidence());
    int guesses =
        CallPath.guessedSteps(c.reported().path()) + CallPath.guessedSteps(c.other().path());
    Confidence level = base;
    for (int i = 0; i < Math.min(guesses, 2); i++) {
      level = level.lower();
    }
    if (propertyAgainstTask(c) || propertyOnDeclarationAlone(c)) {
      level = level.lower();
    }
    if (staleValueOnly(c) || c.doubleChecked()) {
      return level.lower().lower();
    }
    if (c.atomicValueClass()) {
      level = raise(level);
    }
    return ConflictFinder.isStatic(c.reported()) && showsConcurrentRuns(c) ? raise(level) : level;
  }

  /**
   * Two runs at once of one entry that opens or closes its object ({@link
   * EntryPolicy#opensOrCloses}),
   * when the only evidence on both sides is that the class locks the location elsewhere: those
   * locks show the state is shared between this method and others, not that the owner opens or
   * closes one object from two threads at once. Nothing speaks for the pairing itself, so it
   * counts as two implied sides. The same method against any other entry, a task, a declared
   * shared entry or static state keeps its evidence.
   */
  private static boolean oneEntryOnLocksAlone(Conflict c) {
    return c.reported().ctx() instanceof Ctx.Entry e
        && EntryPolicy.opensOrCloses(e.method())
        && c.reported().ctx().equals(c.other().ctx())
        && c.reportedEvidence() == Evidence.INCONSISTENTLY_GUARDED
        && c.otherEvidence() == Evidence.INCONSISTENTLY_GUARDED;
  }

  /**
   * Whether something shows that the code touching static state runs on several threads: one
   * side's evidence beyond implied, or an owner that keeps per-thread state. Two implied sides
   * say only that public API reaches the state, not that two threads run it.
   */
  private static boolean showsConcurrentRuns(Conflict c) {
    return c.reportedEvidence() != Evidence.IMPLIED || c.otherEvidence() != Evidence.IMPLIED
        || c.perThreadOwner();
  }

  /**
   * A property setter against a task: setters configure an object before it is started (see
   * {@link Ctx.Phase#PROPERTY}), so only a setter also called on a running object races.
   */
  private static boolean propertyAgainstTask(Conflict c) {
    Ctx a = c.reported().ctx();
    Ctx b = c.other().ctx();
    return isProperty(a) && b instanceof Ctx.Task || isProperty(b) && a instanceof Ctx.Task;
  }

  /**
   * A property setter against another entry when the only evidence on either side is that the
   * class is declared shared (a thread-safety annotation, a framework type) or implied: the
   * declaration speaks for the object once it is shared, and a setter is configuration, usually
   * made on a fresh object before it is handed over, as against a task ({@link
   * #propertyAgainstTask}). A task, or locks the class takes around the location, keep the level.
   */
  private static boolean propertyOnDeclarationAlone(Conflict c) {
    return (isProperty(c.reported().ctx()) || isProperty(c.other().ctx()))
        && c.reported().ctx() instanceof Ctx.Entry && c.other().ctx() instanceof Ctx.Entry
        && declarationAtMost(c.reportedEvidence()) && declarationAtMost(c.otherEvidence());
  }

  /** {@code e}, or declared shared when it is weaker (only implied). */
  private static Evidence declaredAtLeast(Evidence e) {
    return e == Evidence.IMPLIED ? Evidence.DECLARED_SHARED : e;
  }

  private static boolean declarationAtMost(Evidence e) {
    return e == Evidence.DECLARED_SHARED || e == Evidence.IMPLIED;
  }

  private static boolean isProperty(Ctx c) {
    return c instanceof Ctx.Entry e && e.phase() == Ctx.Phase.PROPERTY;
  }

  /**
   * A race whose only harm is a reader seeing a stale or a newer value, which code often
   * tolerates. On a field's value (a flag, a reference replaced whole): a read against a write
   * (the reader gets the old value or the new one), unless the read decides a store of the same
   * field in its own body (check, then act: {@code if (last + 1000 < now) last = now;}); or two
   * writes neither of which updates from shared state. Not a lost update between two writers
   * ({@code n++}, {@code n += d}, a store decided on the old state, see {@link StoreDecisions}),
   * not a field some thread polls in a loop's condition (a value it never sees can keep it
   * waiting forever: the JIT may hoist the read out of the loop). On a container: only a read of
   * its element count against a change ({@link #readsOnlyTheCount}); any other pair may meet the
   * corrupt structure of a container changed by two threads at once.
   */
  static boolean staleValueOnly(Conflict c) {
    if (c.polled()) {
      return false;
    }
    if (c.reported().raw().slot() == BodyResult.Slot.CONTENTS) {
      // A container's element count read against a change: an old count or a new one. A
      // container of fixed slots (an EnumMap): an old or new value of each entry.
      return readsOnlyTheCount(c.reported()) || readsOnlyTheCount(c.other())
          || ContainerContracts.keepsFixedSlots(c.reported().raw().receiverType())
              && ContainerContracts.keepsFixedSlots(c.other().raw().receiverType());
    }
    if (!c.reported().isWrite()) {
      return !StoreDecisions.readDecidesAStore(c.reported());
    }
    if (!c.other().isWrite()) {
      return !StoreDecisions.readDecidesAStore(c.other());
    }
    return !updatesFromOldValue(c.reported()) && !updatesFromOldValue(c.other());
  }

  /** A read of a JDK container's element count ({@link ContainerContracts#readsOnlyTheCount}). */
  static boolean readsOnlyTheCount(AccessInstance a) {
    return !a.isWrite() && a.raw().expr() instanceof dev.shareguard.core.ir.Expr.Call call
        && ContainerContracts.readsOnlyTheCount(a.raw().receiverType(), call.target().name());
  }

  private static boolean updatesFromOldValue(AccessInstance a) {
    return a.isWrite()
        && (a.raw().expr() instanceof dev.shareguard.core.ir.Expr.Unary
            || a.raw().expr() instanceof dev.shareguard.core.ir.Expr.Assign as
                && (!as.op().equals("=") || StoreDecisions.decidedOnSharedState(a.body(), as)));
  }

  private static Confidence raise(Confidence c) {
    return c == Confidence.HIGH ? c : Confidence.values()[c.ordinal() + 1];
  }

  /** The table of the class comment. */
  static Confidence table(Evidence a, Evidence b) {
    Evidence strong = a.compareTo(b) <= 0 ? a : b;
    Evidence weak = a.compareTo(b) <= 0 ? b : a;
    if (weak == Evidence.IMPLIED) {
      return strong.compareTo(Evidence.INCONSISTENTLY_GUARDED) <= 0
          ? Confidence.MEDIUM
          : Confidence.LOW;
    }
    if (strong == Evidence.DECLARED_SHARED) {
      return Confidence.MEDIUM;
    }
    return Confidence.HIGH;
  }
}
