package dev.shareguard.core.engine;

import java.util.Comparator;
import java.util.Objects;

/**
 * What an access is ordered with, by happens-before ({@link AccessInstance#excluded}: it comes
 * before the task starts or after it ends; {@link AccessInstance#live}: the task may be running
 * alongside). A task is named by its root ({@link TaskRoot}); threads the walk meets elsewhere
 * are named by class:
 *
 * <ul>
 *   <li>{@link Joined}: every thread of the class was joined before this point;
 *   <li>{@link Started}: the threads of the class (and its subclasses) start at a later call of
 *       this body ({@code peer.setId(id); peer.start();});
 *   <li>{@link SetUp}: the point is in a set-up method of the class (or what it calls), which
 *       comes before the tasks the class's other methods start;
 *   <li>{@link Ended}: the task was started and joined before this point. A task root itself
 *       as a mark means the point comes before the task starts, and so before every task it
 *       starts in turn; after its end, tasks it started may still run;
 *   <li>{@link Drained}: the executor a field holds was shut down and waited for before this
 *       point: every task any code handed to it has ended.
 * </ul>
 *
 * <p>Record equality; ordered (kind, then names) so sets of marks iterate deterministically.
 *
 * <p>{@code equals} and {@code hashCode} are written out, the same as the generated ones, for the
 * reason {@link AbsVal} gives.
 */
public sealed interface Mark extends Comparable<Mark>
    permits TaskRoot, Mark.Joined, Mark.Started, Mark.SetUp, Mark.Ended, Mark.Drained {

  /** Every thread of {@code classId} held in a field was joined before this point. */
  record Joined(String classId) implements Mark {
    @Override
    public boolean equals(Object o) {
      return o == this || o instanceof Joined v && Objects.equals(classId, v.classId);
    }

    @Override
    public int hashCode() {
      return Objects.hashCode(classId);
    }
  }

  /** The threads of {@code classId} are started by a later call of this body. */
  record Started(String classId) implements Mark {
    @Override
    public boolean equals(Object o) {
      return o == this || o instanceof Started v && Objects.equals(classId, v.classId);
    }

    @Override
    public int hashCode() {
      return Objects.hashCode(classId);
    }
  }

  /** In a set-up method of {@code classId}: before the tasks its other methods start. */
  record SetUp(String classId) implements Mark {
    @Override
    public boolean equals(Object o) {
      return o == this || o instanceof SetUp v && Objects.equals(classId, v.classId);
    }

    @Override
    public int hashCode() {
      return Objects.hashCode(classId);
    }
  }

  /** The task started at {@code root} was joined before this point: it has ended. */
  record Ended(TaskRoot root) implements Mark {
    @Override
    public boolean equals(Object o) {
      return o == this || o instanceof Ended v && Objects.equals(root, v.root);
    }

    @Override
    public int hashCode() {
      return Objects.hashCode(root);
    }
  }

  /**
   * The executor held in field {@code pool} ({@code Owner#field}) was shut down and its
   * termination waited for before this point: the tasks handed to it have all ended.
   */
  record Drained(String pool) implements Mark {
    @Override
    public boolean equals(Object o) {
      return o == this || o instanceof Drained v && Objects.equals(pool, v.pool);
    }

    @Override
    public int hashCode() {
      return Objects.hashCode(pool);
    }
  }

  /** Spawn roots by body, position and index; the others by class. */
  Comparator<TaskRoot.Spawn> SPAWN_ORDER =
      Comparator.comparing(TaskRoot.Spawn::bodyId)
          .thenComparing(TaskRoot.Spawn::pos)
          .thenComparingInt(TaskRoot.Spawn::index);

  /** The kind, then the names. */
  @Override
  default int compareTo(Mark o) {
    int c = Integer.compare(rank(this), rank(o));
    if (c != 0) {
      return c;
    }
    if (this instanceof TaskRoot.Spawn a && o instanceof TaskRoot.Spawn b) {
      return SPAWN_ORDER.compare(a, b);
    }
    if (this instanceof Ended a && o instanceof Ended b) {
      return a.root().compareTo(b.root());
    }
    return classOf(this).compareTo(classOf(o));
  }

  private static int rank(Mark m) {
    if (m instanceof TaskRoot.Spawn) {
      return 0;
    }
    if (m instanceof TaskRoot.ThreadClass) {
      return 1;
    }
    if (m instanceof Joined) {
      return 2;
    }
    if (m instanceof Ended) {
      return 5;
    }
    if (m instanceof Drained) {
      return 6;
    }
    return m instanceof Started ? 3 : 4;
  }

  private static String classOf(Mark m) {
    if (m instanceof TaskRoot.ThreadClass t) {
      return t.classId();
    }
    if (m instanceof Joined j) {
      return j.classId();
    }
    if (m instanceof Drained d) {
      return d.pool();
    }
    return m instanceof Started s ? s.classId() : ((SetUp) m).classId();
  }
}
