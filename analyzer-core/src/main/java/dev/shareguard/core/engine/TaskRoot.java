package dev.shareguard.core.engine;

import dev.shareguard.core.ir.Pos;

/**
 * The identity of a task the walk starts from ({@link Ctx.Task#root}): a start site met by the
 * walk ({@link Spawn}), or the {@code run()} of a {@code Thread} subclass the analysed code
 * never creates ({@link ThreadClass}). Record equality: one root per start site, however many
 * walks meet it; a task is also a {@link Mark} that accesses are ordered with.
 */
public sealed interface TaskRoot extends Mark permits TaskRoot.Spawn, TaskRoot.ThreadClass {

  /** The task started at spawn {@code index} of body {@code bodyId}, at {@code pos}. */
  record Spawn(String bodyId, int index, Pos pos) implements TaskRoot {}

  /** The thread of class {@code classId} running its own {@code run()}. */
  record ThreadClass(String classId) implements TaskRoot {}
}
