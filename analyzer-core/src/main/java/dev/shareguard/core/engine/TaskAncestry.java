package dev.shareguard.core.engine;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which contexts start each task, as the walk met its start site: the task roots whose code
 * starts it, or code outside any task (an entry, an initializer). A task that only other tasks
 * start runs only after one of them started; so a point that comes before every one of those
 * starts comes before it too ({@code start()} writes a field, then schedules a timer task that
 * reads it and reschedules itself: the rescheduled runs come after the write as well).
 *
 * <p>Complete only where the walk was: a start site in a body whose walks were cut short (depth
 * or budget) may have been met from contexts the walk never recorded, so tasks started there
 * have unknown starters and are ordered with nothing through this.
 */
public final class TaskAncestry {
  /** A task started from code outside any task. */
  private enum Outside { OUTSIDE }

  private final Map<TaskRoot, Set<Object>> starters = new HashMap<>();
  /** The contexts whose code starts each task, as met. */
  private final Map<TaskRoot, Set<Ctx>> starterContexts = new HashMap<>();
  /** Tasks whose starting body waits for every task it starts before it returns. */
  private final Set<TaskRoot> scoped = new HashSet<>();
  private final Set<String> cutShort = new HashSet<>();
  /** The executor field ({@code Owner#field}) each task was handed to, where one is known. */
  private final Map<TaskRoot, String> pools = new HashMap<>();

  /** Tasks started past a once-gate on a flag of their starter's object, by that object's class. */
  private final Map<TaskRoot, String> oncePerObject = new HashMap<>();

  /**
   * Task {@code child} is started past a once-gate nothing reopens, on a flag of the object of
   * class {@code classId} the starting code runs on: once per such object.
   */
  void oncePerObject(TaskRoot child, String classId) {
    oncePerObject.put(child, classId);
  }

  /** The class whose each object starts task {@code root} at most once, or null. */
  String oncePerObjectOf(TaskRoot root) {
    return oncePerObject.get(root);
  }

  /** Task {@code child} was handed to the executor held in field {@code pool}. */
  void pooled(TaskRoot child, String pool) {
    pools.put(child, pool);
  }

  /** The executor field task {@code root} was handed to, or null. */
  String poolOf(TaskRoot root) {
    return pools.get(root);
  }

  /**
   * Records that {@code child} is started by code running in {@code starter}; {@code
   * scopedByItsStarter}: the body that starts it waits, on every path to its normal end, for
   * every task it starts ({@link BodyResult#endsItsTasks}), so no run of it outlives the call
   * that started it.
   */
  void started(TaskRoot child, Ctx starter, boolean scopedByItsStarter) {
    starters.computeIfAbsent(child, k -> new HashSet<>())
        .add(starter instanceof Ctx.Task t ? t.root() : Outside.OUTSIDE);
    starterContexts.computeIfAbsent(child, k -> new HashSet<>()).add(starter);
    if (scopedByItsStarter) {
      scoped.add(child);
    }
  }

  /**
   * Whether every run of task {@code root} ends before the call that started it returns (see
   * {@link #started}): it runs only inside that call.
   */
  boolean scoped(TaskRoot root) {
    return scoped.contains(root);
  }

  /** The contexts whose code starts task {@code root}, as the walk met them. */
  Set<Ctx> startersOf(TaskRoot root) {
    return starterContexts.getOrDefault(root, Set.of());
  }

  /** Records that some walk of {@code bodyId} was not done (too deep, or past a budget). */
  void cutShort(String bodyId) {
    cutShort.add(bodyId);
  }

  /**
   * Whether {@code child} starts only inside tasks that start after a point ordered before the
   * tasks in {@code beforeStart} start: every starter is such a task, or (transitively) a task
   * that only such tasks start. A cycle of tasks starting each other with no other starter never
   * runs on its own, so it counts as ordered.
   */
  boolean startsOnlyAfter(TaskRoot child, Set<Mark> beforeStart) {
    return startsOnlyAfter(child, beforeStart, new HashSet<>());
  }

  private boolean startsOnlyAfter(TaskRoot child, Set<Mark> beforeStart, Set<TaskRoot> seen) {
    if (!seen.add(child)) {
      return true;
    }
    Set<Object> from = starters.get(child);
    if (from == null || from.isEmpty()
        || (child instanceof TaskRoot.Spawn s && cutShort.contains(s.bodyId()))) {
      return false;
    }
    for (Object starter : from) {
      if (!(starter instanceof TaskRoot parent)
          || !(beforeStart.contains(parent) || startsOnlyAfter(parent, beforeStart, seen))) {
        return false;
      }
    }
    return true;
  }
}
