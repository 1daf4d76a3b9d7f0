package dev.shareguard.core.engine;

import dev.shareguard.core.ir.Pos;

/**
 * The thread an access runs on: a task on another thread ({@link Task}), an entry called from
 * outside by whatever thread the caller is ({@link Entry}), or a constructor or initializer that
 * runs before its object is shared ({@link Init}). Each kind carries only what it has; none
 * carries display text ({@link Describe#thread} writes it when a message is).
 *
 * <p>Equality is record equality. The walk makes one {@link Task} per {@link TaskRoot} (a root
 * is walked once), so two tasks are equal exactly when their roots are; two entries or two
 * initializers are equal when they are of the same method of the same class in the same role.
 */
public sealed interface Ctx permits Ctx.Task, Ctx.Entry, Ctx.Init {

  /**
   * A task on another thread, identified by {@code root} (its spawn site, or the class of a
   * Thread subclass' own run, see {@link TaskRoot}). {@code multi}: several instances of it may
   * run at once. {@code repeats}: its code may run more than once, at once or one run after
   * another (several instances, periodic, started in a loop, or started by code that itself runs
   * more than once), so tasks it starts on a pool may overlap each other. {@code
   * serialExecutor}: the single-thread executor or event loop it runs on, if
   * any. {@code rootClass}: for a task object of a named class, that class (its own fields belong
   * to each instance). {@code firstActivation}: the first walk activation inside it; objects
   * allocated by later activations were made by the task itself. {@code multiWithinActivation}:
   * several instances may be started by one run of the starting code (a loop, a parallel stream),
   * so they share the objects that code made. {@code spawnerBody}: the body whose code started
   * it, if known. {@code origin}: how it came to run, for messages.
   */
  record Task(
      TaskRoot root,
      boolean multi,
      boolean repeats,
      SerialExecutor serialExecutor,
      String rootClass,
      int firstActivation,
      boolean multiWithinActivation,
      String spawnerBody,
      Origin origin) implements Ctx {}

  /**
   * How a task came to run: started by a call ({@link Started}) or the {@code run()} of a
   * {@code Thread} subclass the analysed code never creates ({@link OwnRun}).
   */
  sealed interface Origin permits Started, OwnRun {}

  /**
   * Started by the call {@code spawnLabel} (the spawn model's name for it, such as {@code
   * Executor.execute}) at {@code pos} of {@code file}. {@code threadClass}: when the task object
   * is a {@code Thread} subclass, that class (null for an anonymous one, see {@code
   * anonymousThread}); else null.
   */
  record Started(String spawnLabel, String file, Pos pos, String threadClass,
      boolean anonymousThread) implements Origin {}

  /** The {@code run()} of the {@code Thread} subclass whose simple name is {@code simpleName}. */
  record OwnRun(String simpleName) implements Origin {}

  /**
   * A non-private method {@code method} of class {@code classId} (simple name {@code
   * simpleName}), called by whatever thread the caller is. {@code singleCaller}: the entry's
   * class when that class says it is not thread-safe (its callers use each object from one
   * thread at a time), or when the entry is a signal of a Reactive Streams subscriber (delivered
   * one at a time); or the name of the framework model whose API contract has callers use the
   * class's objects from one thread at a time (JDBC's connections and statements, {@code
   * LibraryModels.singleCallerContract}); else null. {@code phase}: the phase of the object's lifecycle the entry
   * belongs to (see {@link Phase}). {@code programEntry}: the entry is a program's {@code public
   * static void main(String[])}, the JVM's start (see {@link #programMain}).
   */
  record Entry(
      String classId,
      String simpleName,
      String method,
      String singleCaller,
      Phase phase,
      boolean programEntry) implements Ctx {

    /**
     * Whether the entry is a program's {@code public static void main(String[])}: entries are
     * the non-private methods nothing analysed calls, so one with that shape is the JVM's start
     * (see {@link EntryPolicy#isProgramMain}).
     */
    public boolean programMain() {
      return phase == Phase.RUNNING && programEntry;
    }

    /** Whether the entry configures its object or moves it between phases (not running it). */
    public boolean configuring() {
      return phase != Phase.RUNNING;
    }
  }

  /**
   * A constructor or initializer {@code method} of class {@code classId} (simple name {@code
   * simpleName}), or with {@code beanInit} a container bean's init method, called while the bean
   * is built: runs before the object is shared.
   */
  record Init(String classId, String simpleName, String method, boolean beanInit)
      implements Ctx {}

  /** Whether {@code c} is a program's {@code main} (see {@link Entry#programMain}). */
  static boolean programMain(Ctx c) {
    return c instanceof Entry e && e.programMain();
  }

  /** Whether {@code c} is an entry that configures its object (see {@link Entry#configuring}). */
  static boolean configuring(Ctx c) {
    return c instanceof Entry e && e.configuring();
  }

  /** The single-thread executor or event loop {@code c} runs on, if it is a task on one. */
  static SerialExecutor serialExecutor(Ctx c) {
    return c instanceof Task t ? t.serialExecutor() : null;
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
  enum Phase {
    SET_UP,
    PROPERTY,
    TRANSITION,
    RUNNING
  }
}
