package dev.shareguard.core.rules.threads;

import dev.shareguard.core.engine.AbsVal;
import dev.shareguard.core.engine.AccessInstance;
import dev.shareguard.core.engine.Conflict;
import dev.shareguard.core.engine.Ctx;
import dev.shareguard.core.engine.Describe;
import dev.shareguard.core.engine.ProgramIndex;
import dev.shareguard.core.engine.Traces;
import dev.shareguard.core.finding.Finding;
import dev.shareguard.core.finding.Location;
import dev.shareguard.core.finding.RelatedLocation;
import dev.shareguard.core.finding.Trace;
import dev.shareguard.core.ir.UserText;
import dev.shareguard.core.rules.RuleInfo;
import java.util.List;

/**
 * Messages of the thread rules, in the house form: what is wrong in the user's names (both
 * accesses, both threads, the locks at each); why it matters; the fix. Keys are stable.
 */
public final class RaceMessages {
  /** The key suffix of a race finding whose side holds a lock that does not guard it. */
  public static final String WRONG_LOCK_KEY = ".wrongLock";

  private RaceMessages() {}

  static Finding finding(RuleInfo rule, Conflict c, Traces traces) {
    AccessInstance a = c.reported();
    AccessInstance b = c.other();
    boolean cell = a.isCell();
    String what = location(a);
    String verbA = a.isWrite() ? "writes" : "reads";
    String verbB = b.isWrite() ? "writes" : "reads";
    boolean self = a == b || (samePlace(a, b) && a.ctx().equals(b.ctx()));
    String race =
        self
            ? ", and several runs of it may do so at the same time; no lock is held ("
                + Describe.locks(a.locks()) + "). "
            : ", while `" + UserText.expr(b.expr()) + "` " + verbB + " it at the same time in "
                + traces.method(b.body().id()) + " (line " + b.pos().line() + ")"
                + thread(b)
                + "; no lock is common to both (held here: " + Describe.locks(a.locks())
                + "; there: " + Describe.locks(b.locks()) + "). ";
    String message =
        "`" + UserText.expr(a.expr()) + "` " + verbA + " " + what + " in "
            + traces.method(a.body().id()) + thread(a) + race
            + (cell ? WHY_FIELD : a.isArrayElement() ? WHY_ARRAY : WHY_CONTAINER)
            + " Fix: " + (cell ? FIX_FIELD : a.isArrayElement() ? FIX_ARRAY : FIX_CONTAINER);
    // A side that holds a lock that does not guard the location is another fault than an
    // unlocked one, with another fix: its own key, so it is not merged with an unlocked access
    // racing with the same other access.
    String key = rule.id() + (cell ? ".field" : ".container")
        + (a.locks().isEmpty() ? "" : WRONG_LOCK_KEY);
    Location loc = a.location();
    Location other = b.location();
    List<Trace> explained = self
        ? List.of(traces.of(a, c.reportedEvidence()))
        : List.of(traces.of(a, c.reportedEvidence()), traces.of(b, c.otherEvidence()));
    return new Finding(rule.id(), rule.severity(), loc, key, message,
        List.of(new RelatedLocation(other, "the other access (" + verbB + ", in "
            + traces.method(b.body().id()) + thread(b) + ")")))
        .explained(c.confidence(), explained);
  }

  /**
   * {@code ", on <thread>"}, or nothing when the thread is the entry method the access is in
   * itself (an access in {@code report()} called directly by other threads).
   */
  static String thread(AccessInstance a) {
    return isItsOwnEntry(a) ? "" : ", on " + Describe.thread(a.ctx());
  }

  /** Whether the access's thread is the entry point whose own body (not a lambda in it) it is in. */
  private static boolean isItsOwnEntry(AccessInstance a) {
    ProgramIndex.Body body = a.body();
    return a.ctx() instanceof Ctx.Entry e && !body.isLambda() && body.method() != null
        && !body.method().isInitializer() && e.classId().equals(body.owner().id())
        && e.method().equals(body.method().name());
  }

  private static boolean samePlace(AccessInstance a, AccessInstance b) {
    return a.body().file().path().equals(b.body().file().path())
        && a.pos().equals(b.pos());
  }


  /** The location an access touches, in the user's names: {@code field `x`}, {@code `map` (a Map)}. */
  static String location(AccessInstance a) {
    AbsVal t = a.target();
    if (a.isCell() && t instanceof AbsVal.Field f) {
      return "field `" + f.field() + "`";
    }
    String type = a.receiverType() == null ? "" : " (" + UserText.aType(a.receiverType()) + ")";
    if (t instanceof AbsVal.Field f) {
      // Through a view (`map.entrySet()`), the receiver is the view: name the field's own type.
      String own = UserText.fieldTypeIn(a.expr(), f.field());
      if (own == null && ITERATORS.contains(a.receiverType())) {
        // it.remove() on an iterator of the field's container: the receiver is the iterator.
        return "`" + f.field() + "` (through an iterator)";
      }
      return "`" + f.field() + "`" + (own == null ? type : " (" + UserText.aType(own) + ")");
    }
    if (t instanceof AbsVal.Elem) {
      return "a value held in a shared container" + type;
    }
    if (type.isEmpty()) {
      return "a shared object";
    }
    // "a shared long[]", not "a shared  long[]": the article of "an int[]" is two letters.
    String article = UserText.aType(a.receiverType());
    return "a shared " + article.substring(article.indexOf(' ') + 1);
  }

  /** Iterator types whose calls change the container they iterate. */
  private static final java.util.Set<String> ITERATORS =
      java.util.Set.of("java.util.Iterator", "java.util.ListIterator");

  private static final String WHY_ARRAY =
      "An array element written by one thread while another reads or writes it with no common"
          + " lock: the reader may see an old value (or half of a long or double), and an"
          + " update made from the old value is lost.";
  private static final String FIX_ARRAY =
      "guard every access to the array with the same lock, or use an AtomicIntegerArray,"
          + " AtomicLongArray or AtomicReferenceArray.";
  private static final String WHY_CONTAINER =
      "A container that is not thread-safe, changed while another thread uses it, can lose"
          + " entries, corrupt its internal structure or throw ConcurrentModificationException.";
  private static final String WHY_FIELD =
      "Without a common lock (or volatile) the other thread may never see the new value, or"
          + " both may update it and one update is lost.";
  private static final String FIX_CONTAINER =
      "use a thread-safe container (ConcurrentHashMap, CopyOnWriteArrayList, a BlockingQueue) or"
          + " guard every access with the same lock.";
  private static final String FIX_FIELD =
      "guard both accesses with the same lock, or make the field volatile or an AtomicXxx if"
          + " the accesses are independent.";
}
