package dev.shareguard.core.rules.threads;

import dev.shareguard.core.engine.AbsVal;
import dev.shareguard.core.engine.AccessInstance;
import dev.shareguard.core.engine.Ctx;
import dev.shareguard.core.engine.Describe;
import dev.shareguard.core.facts.AnalysisFacts;
import dev.shareguard.core.finding.Finding;
import dev.shareguard.core.finding.Location;
import dev.shareguard.core.finding.RelatedLocation;
import dev.shareguard.core.finding.Severity;
import dev.shareguard.core.ir.UserText;
import dev.shareguard.core.rules.Rule;
import dev.shareguard.core.rules.RuleInfo;
import java.util.List;

/**
 * In-place mutation of a collection published as a snapshot, through an {@code AtomicReference}
 * or a volatile field the code otherwise replaces with copies: copy-on-write broken, readers see
 * the change half made.
 */
public final class MutatedPublishedSnapshot implements Rule {
  public static final String ID = "MutatedPublishedSnapshot";
  public static final String SUMMARY =
      "In-place mutation of a collection after it was published to other threads as a snapshot";
  public static final RuleInfo INFO = new RuleInfo(ID, "threads", Severity.WARNING, SUMMARY);

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public void check(AnalysisFacts facts, Reporter out) {
    for (AccessInstance a : facts.accesses().snapshots()) {
      if (!a.isWrite() || a.ctx() instanceof Ctx.Init) {
        continue;
      }
      for (AccessInstance b : facts.accesses().parallelSnapshotPartners(a)) {
        if (facts.accesses().commonLock(a, b) || facts.accesses().holdersMonitorInCommon(a, b)) {
          // Under the lock the change holds, the partner never sees it half made.
          continue;
        }
        out.report(finding(a, b), a.body());
        break;
      }
    }
  }

  private static Finding finding(AccessInstance a, AccessInstance b) {
    AbsVal t = a.target() instanceof AbsVal.View v ? v.backing() : a.target();
    boolean viaHolder = t instanceof AbsVal.Elem;
    AbsVal.Field holder = viaHolder
        ? (AbsVal.Field) ((AbsVal.Elem) t).base() : (AbsVal.Field) t;
    String how = viaHolder
        ? "the collection published through `" + holder.field() + "` (an AtomicReference)"
        : "the collection published through volatile `" + holder.field() + "`, which is"
            + " elsewhere replaced by fresh copies";
    boolean self = a == b || (a.pos().equals(b.pos()) && a.ctx().equals(b.ctx()));
    String other = self
        ? "and several runs of it may do so at the same time"
        : "while `" + UserText.expr(b.expr()) + "` may " + (b.isWrite() ? "change" : "read")
            + " it at the same time in " + Describe.thread(b.ctx()) + " (line "
            + b.pos().line() + ")";
    String fix = viaHolder
        ? "copy, change the copy, publish the copy (`" + holder.field() + ".updateAndGet(l -> { var"
            + " c = new ArrayList<>(l); c.add(x); return c; })`)"
        : "copy, change the copy, then assign the copy to `" + holder.field() + "`";
    String message =
        "`" + UserText.expr(a.expr()) + "` changes in place " + how + " (in "
            + Describe.thread(a.ctx()) + "), " + other + ". Other threads read that snapshot"
            + " without a lock, so they see it half changed or fail with"
            + " ConcurrentModificationException."
            + " Fix: " + fix + ", or hold a concurrent collection instead.";
    Location loc = a.location();
    Location rel = b.location();
    return new Finding(ID, INFO.severity(), loc, ID + (viaHolder ? ".holder" : ".volatile"),
        message, List.of(new RelatedLocation(rel,
            "the other access (in " + Describe.thread(b.ctx()) + ")")));
  }
}
