package dev.shareguard.core.engine;

import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.UserText;
import java.util.Set;
import java.util.TreeSet;

/** Names the engine's values in messages: a thread context, the locks held. */
public final class Describe {
  private Describe() {}

  /**
   * A short rendering of an expression as the user wrote it; see {@link UserText#expr}, which
   * new code calls (the copies package still calls this one).
   */
  public static String expr(Expr e) {
    return UserText.expr(e);
  }

  /**
   * The thread an access runs on, as messages name it: {@code `Cache.put()`}, {@code the
   * constructor of `Cache`}, {@code thread `Worker.run()`}, {@code the task started by
   * Executor.execute at Cache.java:12}.
   */
  public static String thread(Ctx ctx) {
    if (ctx instanceof Ctx.Entry e) {
      return "`" + e.simpleName() + "." + e.method() + "()`";
    }
    if (ctx instanceof Ctx.Init i) {
      return i.beanInit()
          ? "`" + i.simpleName() + "." + i.method() + "()` (called while the bean is built)"
          : "the constructor of `" + i.simpleName() + "`";
    }
    Ctx.Task t = (Ctx.Task) ctx;
    if (t.origin() instanceof Ctx.OwnRun r) {
      return "thread `" + r.simpleName() + ".run()`";
    }
    Ctx.Started s = (Ctx.Started) t.origin();
    return "the task started by " + s.spawnLabel() + " at " + started(s);
  }

  /** Where a task was started: {@code Cache.java:12}, {@code Cache.java (a Worker):12}. */
  private static String started(Ctx.Started s) {
    String where = s.file().substring(s.file().lastIndexOf('/') + 1);
    if (s.anonymousThread()) {
      where = where + " (a Thread subclass)";
    } else if (s.threadClass() != null) {
      where = where + " (" + UserText.aType(s.threadClass()) + ")";
    }
    return where + ":" + s.pos().line();
  }

  /** See {@link UserText#simpleName}, which new code calls. */
  public static String simpleName(String qualified) {
    return UserText.simpleName(qualified);
  }

  /** The locks held, as the user would name them: {@code this}, {@code lock}, {@code Foo.class}. */
  public static String locks(Set<Holding> keys) {
    if (keys.isEmpty()) {
      return "none";
    }
    Set<String> out = new TreeSet<>();
    for (Holding k : keys) {
      LockId base = k.lock();
      String mode = k.mode() == LockMode.SHARED ? " (read)" : "";
      if (base instanceof LockId.InstanceMonitor) {
        out.add("this" + mode);
      } else if (base instanceof LockId.ClassMonitor m) {
        out.add(UserText.simpleName(m.classId()) + ".class" + mode);
      } else if (base instanceof LockId.FieldValue fv) {
        out.add(fv.field() + mode);
      } else if (base instanceof LockId.LocalObject) {
        out.add("a local lock" + mode);
      } else {
        out.add("an unidentified lock" + mode);
      }
    }
    return String.join(", ", out);
  }
}
