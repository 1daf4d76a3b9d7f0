package dev.shareguard.core.engine;

/**
 * The thread an access runs on.
 *
 * <ul>
 *   <li>{@code ROOT}: a task on another thread, identified by {@code rootKey} (its spawn site, or
 *       {@code T:Class} for a Thread subclass' run). {@code multi}: several instances of it may
 *       run at once. {@code serialExecutor}: the single-thread executor it runs on, if any.
 *       {@code rootClass}: for a task object of a named class, that class (its own fields belong
 *       to each instance). {@code spawnerBody}: the body whose code started it, if known.
 *   <li>{@code CALLER}: a non-private method of a class, called by whatever thread the caller is.
 *       {@code singleCaller}: the entry's class when that class says it is not thread-safe (its
 *       callers use each object from one thread at a time), or when the entry is a signal of a
 *       Reactive Streams subscriber (delivered one at a time), else null. {@code configuring}:
 *       the entry is a property setter of its object ({@code setX(value)}) or a lifecycle
 *       transition ({@code start()}, {@code stop()}, …): the configuration phases of the
 *       object's lifecycle, not its running phase.
 *   <li>{@code INIT}: a constructor or initializer: runs before the object is shared.
 * </ul>
 *
 * <p>{@code firstActivation}: for a root, the first walk activation inside it; objects allocated
 * by later activations were made by the task itself. {@code multiWithinActivation}: several
 * instances may be started by one run of the starting code (a loop, a parallel stream), so they
 * share the objects that code made.
 */
public record Ctx(
    Kind kind,
    String rootKey,
    boolean multi,
    String serialExecutor,
    String rootClass,
    String description,
    String entryName,
    int firstActivation,
    boolean multiWithinActivation,
    String singleCaller,
    String spawnerBody,
    boolean configuring) {

  /** The same thread context, not in a configuration phase. */
  public Ctx(Kind kind, String rootKey, boolean multi, String serialExecutor, String rootClass,
      String description, String entryName, int firstActivation, boolean multiWithinActivation,
      String singleCaller, String spawnerBody) {
    this(kind, rootKey, multi, serialExecutor, rootClass, description, entryName,
        firstActivation, multiWithinActivation, singleCaller, spawnerBody, false);
  }

  /** The sort of thread. */
  public enum Kind {
    ROOT,
    CALLER,
    INIT
  }
}
