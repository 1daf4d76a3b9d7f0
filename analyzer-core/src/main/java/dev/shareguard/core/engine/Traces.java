package dev.shareguard.core.engine;

import dev.shareguard.core.finding.Evidence;
import dev.shareguard.core.finding.Location;
import dev.shareguard.core.finding.Trace;
import dev.shareguard.core.ir.ClassDecl;
import dev.shareguard.core.ir.MethodDecl;
import dev.shareguard.core.ir.TypeRef;
import dev.shareguard.core.ir.UserText;
import java.util.ArrayList;
import java.util.List;

/**
 * Explains one side of a race for a finding: the thread it runs on, its evidence, and the steps
 * of its {@link CallPath} from the entry or task root down to the access, each naming the method
 * it happens in. Display text is made here, when a finding is written, never kept in the engine.
 */
public final class Traces {
  private final ProgramIndex index;

  public Traces(ProgramIndex index) {
    this.index = index;
  }

  /** The trace of access {@code a}, with {@code evidence}. */
  public Trace of(AccessInstance a, Evidence evidence) {
    List<Trace.Step> steps = new ArrayList<>();
    List<CallPath> path = CallPath.steps(a.path());
    for (int i = 0; i < path.size(); i++) {
      CallPath p = path.get(i);
      String below = i + 1 < path.size() ? path.get(i + 1).fromBody() : a.body().id();
      ProgramIndex.Body from = index.body(p.fromBody());
      if (from == null) {
        continue;
      }
      String verb = switch (p.via()) {
        case CALLS -> p.guessed() ? "may call (one of several implementations)" : "calls";
        case RUNS -> "runs";
        case STARTS -> "starts a task running";
      };
      steps.add(new Trace.Step(
          new Location(from.file().path(), p.at().line(), p.at().column()),
          method(p.fromBody()) + " " + verb + " " + method(below)));
    }
    steps.add(new Trace.Step(a.location(),
        "`" + UserText.expr(a.raw().expr()) + "` " + (a.isWrite() ? "writes" : "reads")
            + " in " + method(a.body().id())));
    return new Trace(Describe.thread(a.ctx()), evidence, steps);
  }

  /**
   * The method a body is, in the user's names: {@code `Cache.put()`}, or {@code a lambda in
   * `Cache.start()`}.
   */
  public String method(String bodyId) {
    ProgramIndex.Body b = index.body(bodyId);
    if (b == null) {
      return "`?`";
    }
    MethodDecl m = b.isLambda() ? index.enclosingMethod(b.lambda().id()) : b.method();
    if (b.owner() != null && b.owner().kind() == ClassDecl.Kind.ANONYMOUS) {
      String name = m == null || m.isInitializer() ? "the initialisation" : "`" + m.name() + "()`";
      String of = name + " of " + anonymous(b.owner());
      return b.isLambda() ? "a lambda in " + of : of;
    }
    String owner = b.owner() == null ? "" : b.owner().simpleName() + ".";
    String method = m == null || m.isInitializer()
        ? "the initialisation of `" + (b.owner() == null ? "?" : b.owner().simpleName()) + "`"
        : "`" + owner + m.name() + "()`";
    return b.isLambda() ? "a lambda in " + method : method;
  }

  /**
   * An anonymous class in the user's names: {@code an anonymous `Runnable` in `Channel`}, by the
   * type it implements or extends and the class it is written in.
   */
  private String anonymous(ClassDecl c) {
    TypeRef type = !c.interfaces().isEmpty() ? c.interfaces().get(0) : c.superclass();
    String what = type == null ? "class" : "`" + simple(type.name()) + "`";
    ClassDecl outer = c.enclosingClassId() == null ? null : index.classById(c.enclosingClassId());
    while (outer != null && outer.kind() == ClassDecl.Kind.ANONYMOUS) {
      outer = outer.enclosingClassId() == null ? null : index.classById(outer.enclosingClassId());
    }
    return "an anonymous " + what + (outer == null ? "" : " in `" + outer.simpleName() + "`");
  }

  private static String simple(String qualified) {
    String s = qualified.substring(qualified.lastIndexOf('.') + 1);
    return s.substring(s.lastIndexOf('$') + 1);
  }
}
