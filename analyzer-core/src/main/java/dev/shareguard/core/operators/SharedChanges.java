package dev.shareguard.core.operators;

import dev.shareguard.core.engine.ProgramIndex;
import dev.shareguard.core.finding.Location;
import dev.shareguard.core.finding.RelatedLocation;
import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.Pos;
import dev.shareguard.core.ir.UserText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The changes of {@link OperatorFacts} as the rules report them: one per body and shared object,
 * at its first change, with the others and (when it was read elsewhere) the read as related
 * places. A {@code finally} block copied onto several paths changes the object once.
 */
public final class SharedChanges {
  private SharedChanges() {}

  /** The changes in one body to the object from one origin, first first. */
  public record Group(ProgramIndex.Body body, Origin origin, List<OperatorFacts.Mutation> changes) {
    public OperatorFacts.Mutation first() {
      return changes.get(0);
    }

    /** The changed value as written: {@code cm.getData()}, or the field written. */
    public String changed() {
      Expr at = first().at();
      if (at instanceof Expr.Call c) {
        return UserText.expr(c.receiver());
      }
      return at instanceof Expr.Assign a && a.target() instanceof Expr.FieldAccess f
          ? UserText.expr(f.receiver()) : UserText.expr(at);
    }

    /** Where the first change is. */
    public Location location() {
      return at(body, first().at().pos());
    }

    /** The other changes, and the read when it is in another body. */
    public List<RelatedLocation> related(ProgramIndex index) {
      List<RelatedLocation> out = new ArrayList<>();
      for (OperatorFacts.Mutation m : changes.subList(1, changes.size())) {
        out.add(new RelatedLocation(at(body, m.at().pos()),
            "`" + UserText.expr(m.at()) + "` changes it again"));
      }
      ProgramIndex.Body read = index.body(origin.bodyId());
      if (read != null && !read.id().equals(body.id())) {
        out.add(new RelatedLocation(at(read, origin.pos()),
            "`" + origin.text() + "` reads it from the cache"));
      }
      return out;
    }
  }

  /** The changes whose origin {@code keep} accepts, grouped. */
  public static List<Group> groups(OperatorFacts facts, Predicate<Origin> keep) {
    Map<String, List<OperatorFacts.Mutation>> by = new LinkedHashMap<>();
    Map<String, Pos> seen = new LinkedHashMap<>();
    for (OperatorFacts.Mutation m : facts.mutations()) {
      Origin o = m.value().origin();
      if (!keep.test(o)) {
        continue;
      }
      String key = m.body().id() + "|" + o.bodyId() + "|" + o.pos() + "|" + m.value().via();
      if (seen.putIfAbsent(key + "|" + m.at().pos(), m.at().pos()) != null) {
        continue;
      }
      by.computeIfAbsent(key, k -> new ArrayList<>()).add(m);
    }
    List<Group> out = new ArrayList<>();
    for (List<OperatorFacts.Mutation> ms : by.values()) {
      OperatorFacts.Mutation m = ms.get(0);
      out.add(new Group(m.body(), m.value().origin(), List.copyOf(ms)));
    }
    return out;
  }

  /** Where the origin is when it is not in {@code body}: {@code , in Cls.method (line 4)}. */
  public static String elsewhere(ProgramIndex index, ProgramIndex.Body body, Origin o) {
    ProgramIndex.Body read = index.body(o.bodyId());
    if (read == null || read.id().equals(body.id()) || read.method() == null) {
      return "";
    }
    String cls = read.owner().simpleName();
    if (cls.isEmpty() && read.owner().enclosingClassId() != null) {
      cls = UserText.simpleName(read.owner().enclosingClassId()) + " (anonymous class)";
    }
    return ", in " + cls + "." + read.method().name() + " (line " + o.pos().line() + ")";
  }

  private static Location at(ProgramIndex.Body b, Pos p) {
    return new Location(b.file().path(), p.line(), p.column());
  }
}
