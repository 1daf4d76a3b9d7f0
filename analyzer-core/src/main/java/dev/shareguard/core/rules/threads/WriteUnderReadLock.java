package dev.shareguard.core.rules.threads;

import dev.shareguard.core.engine.AccessInstance;
import dev.shareguard.core.engine.Describe;
import dev.shareguard.core.facts.AnalysisFacts;
import dev.shareguard.core.finding.Finding;
import dev.shareguard.core.finding.Location;
import dev.shareguard.core.finding.Severity;
import dev.shareguard.core.ir.UserText;
import dev.shareguard.core.rules.Rule;
import dev.shareguard.core.rules.RuleInfo;
import java.util.List;
import java.util.TreeSet;

/**
 * A write to shared state while holding only a read lock (a ReadWriteLock read lock or a
 * StampedLock read stamp): other readers hold the same lock at the same time, so the write races
 * with them.
 */
public final class WriteUnderReadLock implements Rule {
  public static final String ID = "WriteUnderReadLock";
  public static final String SUMMARY =
      "Mutation of shared state while holding only a read lock, which other readers share";
  public static final RuleInfo INFO = new RuleInfo(ID, "threads", Severity.WARNING, SUMMARY);

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public void check(AnalysisFacts facts, Reporter out) {
    for (AccessInstance a : facts.accesses().plain()) {
      // The read lock must be meant for this location: a read lock that guards something else
      // (a database log lock held while a handler updates its own flags) says nothing here.
      if (a.isWrite() && a.holdsOnlyReadLocks() && facts.accesses().partnerHoldsItsLock(a)) {
        out.report(finding(a), a.body());
      }
    }
  }

  private static Finding finding(AccessInstance a) {
    String lock = Describe.locks(new TreeSet<>(a.locks())).replace(" (read)", "");
    boolean cell = a.isCell();
    String what = RaceMessages.location(a);
    String message =
        "`" + UserText.expr(a.expr()) + "` changes " + what + " while holding only the read"
            + " lock of `" + lock + "` (in " + Describe.thread(a.ctx())
            + "); other threads may hold"
            + " that read lock at the same time and read or change " + (cell ? "it" : "the same"
            + " container") + ", since a read lock only keeps out writers that take the write"
            + " lock. Fix: do the change under the write lock (a ReentrantReadWriteLock cannot"
            + " upgrade: release the read lock first, then re-check under the write lock), or"
            + (cell ? " make the field an AtomicXxx." : " use a thread-safe container.");
    Location loc = a.location();
    return new Finding(ID, INFO.severity(), loc, ID + (cell ? ".field" : ".container"), message,
        List.of());
  }
}
