package dev.shareguard.core.engine;

import dev.shareguard.core.ir.Pos;
import java.util.Objects;

/**
 * The identity of a task the walk starts from ({@link Ctx.Task#root}): a start site met by the
 * walk ({@link Spawn}), or the {@code run()} of a {@code Thread} subclass the analysed code
 * never creates ({@link ThreadClass}). Record equality: one root per start site, however many
 * walks meet it; a task is also a {@link Mark} that accesses are ordered with.
 *
 * <p>{@code equals} and {@code hashCode} are written out, the same as the generated ones, for the
 * reason {@link AbsVal} gives.
 */
public sealed interface TaskRoot extends Mark permits TaskRoot.Spawn, TaskRoot.ThreadClass {

  /** The task started at spawn {@code index} of body {@code bodyId}, at {@code pos}. */
  record Spawn(String bodyId, int index, Pos pos) implements TaskRoot {
    @Override
    public boolean equals(Object o) {
      return o == this
          || o instanceof Spawn v
              && Objects.equals(bodyId, v.bodyId)
              && index == v.index
              && Objects.equals(pos, v.pos);
    }

    @Override
    public int hashCode() {
      int h = Objects.hashCode(bodyId);
      h = 31 * h + index;
      h = 31 * h + Objects.hashCode(pos);
      return h;
    }
  }

  /** The thread of class {@code classId} running its own {@code run()}. */
  record ThreadClass(String classId) implements TaskRoot {
    @Override
    public boolean equals(Object o) {
      return o == this || o instanceof ThreadClass v && Objects.equals(classId, v.classId);
    }

    @Override
    public int hashCode() {
      return Objects.hashCode(classId);
    }
  }
}
