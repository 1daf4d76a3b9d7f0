package dev.shareguard.core.engine;

/**
 * The thread an access runs on.
 *
 * <ul>
 *   <li>{@code ROOT}: a task on another thread, identified by {@code rootKey} (its spawn site, or
 *       the class of a Thread subclass' own run, see {@link TaskRoot}). {@code multi}: several
 *       instances of it may run at once. {@code serialExecutor}: the single-thread executor or
 *       event loop it runs on, if any.
 *       {@code rootClass}: for a task object of a named class, that class (its own fields belong
 *       to each instance). {@code spawnerBody}: the body whose code started it, if known.
 *   <li>{@code CALLER}: a non-private method of a class, called by whatever thread the caller is.
 *       {@code singleCaller}: the entry's class when that class says it is not thread-safe (its
 *       callers use each object from one thread at a time), or when the entry is a signal of a
 *       Reactive Streams subscriber (delivered one at a time), else null. {@code phase}: the
 *       phase of the object's lifecycle the entry belongs to (see {@link Phase}).
 *   <li>{@code INIT}: a constructor or initializer: runs before the object is shared.
 * </ul>
 *
 * <p>{@code firstActivation}: for a root, the first walk activation inside it; objects allocated
 * by later activations were made by the task itself. {@code multiWithinActivation}: several
 * instances may be started by one run of the starting code (a loop, a parallel stream), so they
 * share the objects that code made. {@code programEntry}: a caller entry that is a program's
 * {@code public static void main(String[])}, the JVM's start (see {@link #programMain}).
 */
public record Ctx(
    Kind kind,
    TaskRoot rootKey,
    boolean multi,
    SerialExecutor serialExecutor,
    String rootClass,
    String description,
    String entryName,
    int firstActivation,
    boolean multiWithinActivation,
    String singleCaller,
    String spawnerBody,
    Phase phase,
    boolean programEntry) {

  /** The same thread context, not in a configuration phase, not a program's main. */
  public Ctx(Kind kind, TaskRoot rootKey, boolean multi, SerialExecutor serialExecutor,
      String rootClass,
      String description, String entryName, int firstActivation, boolean multiWithinActivation,
      String singleCaller, String spawnerBody) {
    this(kind, rootKey, multi, serialExecutor, rootClass, description, entryName,
        firstActivation, multiWithinActivation, singleCaller, spawnerBody, Phase.RUNNING, false);
  }

  /**
   * Whether the entry is a program's {@code public static void main(String[])}: entries are the
   * non-private methods nothing analysed calls, so one with that shape is the JVM's start (see
   * {@link EntryPolicy#isProgramMain}).
   */
  public boolean programMain() {
    return kind == Kind.CALLER && phase == Phase.RUNNING && programEntry;
  }

  /** Whether the entry configures its object or moves it between phases (not running it). */
  public boolean configuring() {
    return phase != Phase.RUNNING;
  }

  /**
   * The phase of an object's lifecycle an entry belongs to: construction, then set-up, then
   * running, with transitions (start, stop, suspend…) between.
   *
   * <ul>
   *   <li>{@code SET_UP}: a set-up method ({@code init()}, {@code configure(…)}, {@code
   *       afterPropertiesSet()}): called once before the object is started, so before the tasks
   *       it runs exist;
   *   <li>{@code PROPERTY}: a property setter ({@code setX(value)}): part of set-up, before the
   *       object serves other callers, though some are also called to reconfigure a running
   *       object, so against a task it is weaker evidence than a running entry;
   *   <li>{@code TRANSITION}: {@code start()}, {@code stop()}, {@code shutdown()}, …: one at a
   *       time, but while tasks may run (a stop flag is written for a running worker to read);
   *   <li>{@code RUNNING}: any other entry.
   * </ul>
   */
  public enum Phase {
    SET_UP,
    PROPERTY,
    TRANSITION,
    RUNNING
  }

  /** The sort of thread. */
  public enum Kind {
    ROOT,
    CALLER,
    INIT
  }
}
