package dev.shareguard.core.engine;

import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.MethodTarget;
import dev.shareguard.core.ir.Pos;
import dev.shareguard.core.model.LibraryModels.SpawnModel;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one body does, in its own frame: the accesses it makes, the calls into analysed code, the
 * code it runs synchronously (lambdas passed to library calls) and the tasks it starts, each with
 * the locks held and the tasks started/finished at that point. The thread walker instantiates it
 * in each calling context.
 */
public record BodyResult(
    String bodyId,
    List<RawAccess> accesses,
    List<RawCall> calls,
    List<RawRun> syncRuns,
    List<RawSpawn> spawns,
    Map<String, Map<String, AbsVal>> captureEnvs,
    boolean endsItsTasks) {

  /**
   * A result whose body leaves none of its tasks behind unsaid ({@code endsItsTasks} false).
   * {@code endsItsTasks}: the body starts tasks and, on every path to its normal end, has waited
   * for all of them: none outlives a call of it.
   */
  public BodyResult(String bodyId, List<RawAccess> accesses, List<RawCall> calls,
      List<RawRun> syncRuns, List<RawSpawn> spawns,
      Map<String, Map<String, AbsVal>> captureEnvs) {
    this(bodyId, accesses, calls, syncRuns, spawns, captureEnvs, false);
  }

  /** The point an event happens at: locks held and this body's tasks started/finished there. */
  public record Point(Pos pos, Set<HeldLock> locks, Set<Integer> spawned, Set<Integer> joined,
      List<Integer> loops, Set<AbsVal> passed) {}

  /** Whether an access reads or writes its location. */
  public enum AccessKind {
    READ,
    WRITE
  }

  /** Whether an access touches a field's own slot or the contents of a container or array. */
  public enum Slot {
    CELL,
    CONTENTS
  }

  /**
   * An access to {@code target} (a {@link AbsVal.Field} for a cell; the container for contents).
   * {@code what} describes the operation in user terms ({@code put}, {@code write}, {@code
   * iteration}); {@code expr} is the accessing expression, {@code receiverType} the container's
   * static type (erased) or null. {@code stored}: for a {@code put}/{@code putIfAbsent}, the
   * abstract value put into the container (a fresh allocation, a field…), else null.
   */
  public record RawAccess(AbsVal target, AccessKind kind, Slot slot, String what, Expr expr,
      String receiverType, Point at, AbsVal stored) {
    public RawAccess(AbsVal target, AccessKind kind, Slot slot, String what, Expr expr,
        String receiverType, Point at) {
      this(target, kind, slot, what, expr, receiverType, at, null);
    }
  }

  /** A call to a method that may be analysed code; {@code receiver} null for static calls. */
  public record RawCall(Expr.Call call, MethodTarget target, AbsVal receiver, List<AbsVal> args,
      Point at) {}

  /** Code run synchronously here: a lambda, anonymous object or method reference value. */
  public record RawRun(AbsVal code, Point at) {}

  /**
   * A task handed to another thread at spawn index {@code index}. {@code eventLoop}: handed to a
   * Netty event executor (by the receiver's static type), one thread.
   */
  public record RawSpawn(int index, AbsVal task, AbsVal executor, SpawnModel model,
      boolean multiByNature, Point at, boolean eventLoop) {}
}
