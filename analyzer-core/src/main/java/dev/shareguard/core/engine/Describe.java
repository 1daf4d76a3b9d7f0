package dev.shareguard.core.engine;

import dev.shareguard.core.ir.Expr;
import java.util.Set;
import java.util.TreeSet;

/** Renders IR in the user's own names, for messages: {@code cache.put(…)}, {@code count}. */
public final class Describe {
  private Describe() {}

  /** A short rendering of an expression as the user wrote it (implicit {@code this} left out). */
  public static String expr(Expr e) {
    if (e == null) {
      return "?";
    }
    if (e instanceof Expr.LocalRef l) {
      return l.name();
    }
    if (e instanceof Expr.ThisRef t) {
      return t.isSuper() ? "super" : "this";
    }
    if (e instanceof Expr.FieldAccess f) {
      if (f.receiver() == null || f.receiver() instanceof Expr.ThisRef) {
        return f.name();
      }
      return expr(f.receiver()) + "." + f.name();
    }
    if (e instanceof Expr.Call c) {
      String args = c.args().isEmpty() ? "()" : "(…)";
      if (c.receiver() == null) {
        String owner = c.target().owner();
        String simple = owner == null ? "" : owner.substring(owner.lastIndexOf('.') + 1) + ".";
        return simple + c.target().name() + args;
      }
      if (c.receiver() instanceof Expr.ThisRef) {
        return c.target().name() + args;
      }
      return expr(c.receiver()) + "." + c.target().name() + args;
    }
    if (e instanceof Expr.ArrayAccess a) {
      return expr(a.array()) + "[…]";
    }
    if (e instanceof Expr.Assign a) {
      return expr(a.target()) + " " + a.op() + " …";
    }
    if (e instanceof Expr.Unary u) {
      return u.op().startsWith("++") || u.op().startsWith("--")
          ? u.op().substring(0, 2) + expr(u.operand())
          : expr(u.operand()) + u.op().substring(u.op().length() - 2);
    }
    if (e instanceof Expr.New n) {
      return "new " + simpleName(n.type().name()) + "(…)";
    }
    if (e instanceof Expr.Cast c) {
      return expr(c.expr());
    }
    return "expression";
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
      where = where + " (a " + simpleName(s.threadClass()) + ")";
    }
    return where + ":" + s.pos().line();
  }

  public static String simpleName(String qualified) {
    return qualified == null ? "?" : qualified.substring(qualified.lastIndexOf('.') + 1);
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
        out.add(simpleName(m.classId()) + ".class" + mode);
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
