package dev.shareguard.core.engine;

import dev.shareguard.core.cfg.Node;
import dev.shareguard.core.engine.BodyResult.AccessKind;
import dev.shareguard.core.engine.BodyResult.Point;
import dev.shareguard.core.engine.BodyResult.RawAccess;
import dev.shareguard.core.engine.BodyResult.RawCall;
import dev.shareguard.core.engine.BodyResult.RawRun;
import dev.shareguard.core.engine.BodyResult.RawSpawn;
import dev.shareguard.core.engine.BodyResult.Slot;
import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.model.LibraryModels;
import dev.shareguard.core.model.LibraryModels.Effect;
import dev.shareguard.core.model.LibraryModels.SpawnModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the facts of a body off its dataflow states, node by node: every access (field cells,
 * container contents, array elements, iterations, copies), every call into analysed code, code
 * run synchronously, and task starts with their executors ({@link BodyResult}).
 */
final class BodyCollector {
  private final BodyAnalyzer ba;

  BodyCollector(BodyAnalyzer ba) {
    this.ba = ba;
  }

  /** Calls on a task object that run it on the calling thread. */
  static final Set<String> RUN_METHODS = Set.of("run", "call", "get", "accept", "apply");

  Point point(Node n, FlowState s) {
    return new Point(n.pos(), s.locks(), s.spawned(), s.joined(), n.loops(), s.passed());
  }

  void collect(
      Node n,
      FlowState s,
      List<RawAccess> accesses,
      List<RawCall> calls,
      List<RawRun> runs,
      Map<Integer, RawSpawn> spawns,
      Map<String, Map<String, AbsVal>> captures) {
    switch (n.kind()) {
      case ITER_START:
        Expr it = n.expr();
        AbsVal target = ba.values.valueOf(it, s, n);
        if (target instanceof AbsVal.View v) {
          target = v.backing();
        }
        accesses.add(
            new RawAccess(target, AccessKind.READ, Slot.CONTENTS, "iteration", it,
                it.type().name(), point(n, s)));
        return;
      case EXPR:
        break;
      default:
        return;
    }
    Expr e = n.expr();
    Point p = point(n, s);
    if (e instanceof Expr.FieldAccess f) {
      accesses.add(new RawAccess(ba.values.fieldValue(f, s, n), AccessKind.READ, Slot.CELL, "read",
          e, null, p));
    } else if (e instanceof Expr.ArrayAccess a) {
      accesses.add(new RawAccess(ba.values.valueOf(a.array(), s, n), AccessKind.READ, Slot.CONTENTS,
          "element read", e, a.array().type().erasure(), p));
    } else if (e instanceof Expr.Assign a) {
      writeTarget(a.target(), e, s, n, p, accesses);
    } else if (e instanceof Expr.Unary u && u.writes()) {
      writeTarget(u.operand(), e, s, n, p, accesses);
    } else if (e instanceof Expr.Lambda l) {
      captures.put(l.id(), s.env());
    } else if (e instanceof Expr.New nw) {
      if (nw.anonymousClassId() != null) {
        captures.put(nw.anonymousClassId(), s.env());
      }
      if (ba.models.isCopyConstructor(nw.type().name(), nw.args().size())) {
        for (Expr arg : nw.args()) {
          containerArgRead(arg, e, "copy", s, n, p, accesses);
        }
      }
      collectSpawn(e, nw.args(), null, s, n, p, spawns);
      if (ba.index.isProjectClass(nw.type().name()) && nw.anonymousClassId() == null) {
        List<AbsVal> args = new ArrayList<>();
        nw.args().forEach(a -> args.add(ba.values.valueOf(a, s, n)));
        calls.add(new RawCall(null, nw.constructor(), ba.values.valueOf(nw, s, n), args, p));
      }
    } else if (e instanceof Expr.Call c) {
      collectCall(n, c, s, p, accesses, calls, runs, spawns);
    }
  }

  void writeTarget(
      Expr target, Expr e, FlowState s, Node n, Point p, List<RawAccess> accesses) {
    if (target instanceof Expr.FieldAccess f) {
      accesses.add(new RawAccess(ba.values.fieldValue(f, s, n), AccessKind.WRITE, Slot.CELL,
          "write", e, null, p));
    } else if (target instanceof Expr.ArrayAccess a) {
      accesses.add(new RawAccess(ba.values.valueOf(a.array(), s, n), AccessKind.WRITE,
          Slot.CONTENTS, "element write", e, a.array().type().erasure(), p));
    }
  }

  void containerArgRead(
      Expr arg, Expr e, String what, FlowState s, Node n, Point p, List<RawAccess> accesses) {
    String t = arg.type().name();
    if (ba.models.isContainer(t)) {
      AbsVal v = ba.values.valueOf(arg, s, n);
      if (v instanceof AbsVal.View view) {
        v = view.backing();
      }
      accesses.add(new RawAccess(v, AccessKind.READ, Slot.CONTENTS, what, e, t, p));
    }
  }

  void collectCall(
      Node n,
      Expr.Call c,
      FlowState s,
      Point p,
      List<RawAccess> accesses,
      List<RawCall> calls,
      List<RawRun> runs,
      Map<Integer, RawSpawn> spawns) {
    String name = c.target().name();
    boolean isSpawn = ba.spawnIndex.containsKey(c);
    if (isSpawn) {
      collectSpawn(c, c.args(),
          c.receiver() == null ? null
              : ba.serialContext(c.receiver().type().name(), ba.values.valueOf(c.receiver(), s, n)),
          s, n, p, spawns);
    }
    if (c.receiver() == null) {
      String owner = c.target().owner();
      if (owner != null && ba.models.writesFirstArgument(owner, name) && !c.args().isEmpty()) {
        Expr arg = c.args().get(0);
        accesses.add(new RawAccess(ba.values.valueOf(arg, s, n), AccessKind.WRITE, Slot.CONTENTS,
            owner.substring(owner.lastIndexOf('.') + 1) + "." + name, c, arg.type().erasure(), p));
      } else if (owner != null && ba.models.readsContainerArguments(owner, name, true)) {
        for (Expr arg : c.args()) {
          containerArgRead(arg, c, "copy", s, n, p, accesses);
        }
      }
    } else {
      AbsVal recv = ba.values.valueOf(c.receiver(), s, n);
      String recvType = containerType(c.receiver().type().name(), recv);
      Effect effect = ba.models.containerEffect(recvType, name);
      if (effect == Effect.READ && (name.equals("get") || name.equals("getOrDefault"))
          && isAccessOrdered(recv)) {
        // An access-ordered LinkedHashMap moves the entry it reads to the end: get writes it.
        effect = Effect.WRITE;
      }
      if (recv instanceof AbsVal.View v) {
        // Reads and writes through a live view touch the backing container.
        Effect viewEffect =
            name.equals("remove") || name.equals("removeIf") || name.equals("clear")
                    || name.equals("retainAll") || name.equals("removeAll")
                ? Effect.WRITE
                : effect == Effect.NONE ? Effect.READ : effect;
        accesses.add(new RawAccess(v.backing(), viewEffect == Effect.WRITE
            ? AccessKind.WRITE : AccessKind.READ, Slot.CONTENTS, name, c, recvType, p));
      } else if (effect != Effect.NONE) {
        AbsVal stored =
            (name.equals("put") || name.equals("putIfAbsent")) && c.args().size() == 2
                ? ba.values.valueOf(c.args().get(1), s, n)
                : null;
        accesses.add(new RawAccess(recv,
            effect == Effect.WRITE ? AccessKind.WRITE : AccessKind.READ, Slot.CONTENTS, name, c,
            recvType, p, stored));
      }
      if (ba.models.isContainer(recvType) && ba.models.readsContainerArguments(null, name, false)) {
        for (Expr arg : c.args()) {
          containerArgRead(arg, c, name, s, n, p, accesses);
        }
      }
      if (RUN_METHODS.contains(name) && isCode(recv)) {
        runs.add(new RawRun(recv, p));
      }
    }
    if (!isSpawn) {
      boolean project = isProjectCall(c);
      List<AbsVal> args = new ArrayList<>();
      for (Expr a : c.args()) {
        AbsVal v = ba.values.valueOf(a, s, n);
        args.add(v);
        // Code handed to a library call runs on the caller's thread (forEach, compute, sort…).
        if (!project && isCode(v)) {
          runs.add(new RawRun(v, p));
        }
      }
      if (project) {
        AbsVal recv = c.receiver() == null ? null : ba.values.valueOf(c.receiver(), s, n);
        calls.add(new RawCall(c, c.target(), recv, args, p));
      }
    }
  }

  boolean isAccessOrdered(AbsVal v) {
    if (v instanceof AbsVal.Alloc a) {
      return a.accessOrdered();
    }
    return v instanceof AbsVal.Field f && ba.fieldFacts.of(f.owner(), f.field()).accessOrdered();
  }

  /**
   * The container type a call's receiver is known to hold: its static type, or the JDK container
   * of fixed slots ({@code EnumMap}) it surely is, made here or the only kind its field is given,
   * whose races are stale values ({@link dev.shareguard.core.model.ContainerContracts
   * #keepsFixedSlots}).
   */
  private String containerType(String declared, AbsVal recv) {
    if (recv instanceof AbsVal.Alloc a
        && dev.shareguard.core.model.ContainerContracts.keepsFixedSlots(a.type())) {
      return a.type();
    }
    if (recv instanceof AbsVal.Field f && f.owner() != null
        && ba.fieldFacts.of(f.owner(), f.field()).allFixedSlots()) {
      return "java.util.EnumMap";
    }
    return declared;
  }

  boolean isProjectCall(Expr.Call c) {
    if (ba.index.isProjectClass(c.target().owner())) {
      return true;
    }
    if (c.target().name().equals("start") && c.args().isEmpty() && c.receiver() != null
        && ba.isAnalysedThreadClass(c.receiver().type().name())) {
      // Thread.start() on an object of an analysed Thread subclass: kept, so that the walk
      // orders what comes before it ahead of that thread.
      return true;
    }
    return c.receiver() instanceof Expr.ThisRef t && ba.index.isProjectClass(t.classId());
  }

  /**
   * The executor a spawn names as its last argument after the task ({@code
   * thenApplyAsync(fn, executor)}, {@code supplyAsync(supplier, executor)}), or null.
   */
  private Expr executorArgument(Expr e, SpawnModel m, List<Expr> args) {
    if (!(e instanceof Expr.Call c) || m.taskArg() < 0 || args.size() <= m.taskArg() + 1
        || !ba.models.runsOnGivenExecutor(
            c.receiver() == null ? null : ba.models.staticType(c.receiver()),
            c.target().owner(), c.target().name(), c.receiver() == null)) {
      return null;
    }
    Expr last = args.get(args.size() - 1);
    return ba.models.types().isSubtype(ba.models.staticType(last), "java.util.concurrent.Executor")
        ? last : null;
  }

  static boolean isCode(AbsVal v) {
    return v instanceof AbsVal.Closure || v instanceof AbsVal.Anon
        || v instanceof AbsVal.MethodRefVal;
  }

  void collectSpawn(
      Expr e, List<Expr> args, AbsVal executor, FlowState s, Node n, Point p,
      Map<Integer, RawSpawn> spawns) {
    Integer idx = ba.spawnIndex.get(e);
    if (idx == null) {
      return;
    }
    Integer parallel = ba.parallelStreamSpawns.get(e);
    if (parallel != null) {
      for (Expr a : args) {
        AbsVal v = ba.values.valueOf(a, s, n);
        if (isCode(v)) {
          SpawnModel m = new SpawnModel(0, false, true, false, "parallel stream",
              LibraryModels.Runner.POOL);
          // Keyed by index: a node reached twice (finally copies) keeps its first record.
          spawns.putIfAbsent(idx, new RawSpawn(idx, v, null, m, true, p, false));
        }
      }
      return;
    }
    SpawnModel m = ba.spawnModels.get(e);
    boolean loop = e instanceof Expr.Call ec && ec.receiver() != null
        && ba.models.isEventExecutor(ba.models.staticType(ec.receiver()));
    Expr given = executorArgument(e, m, args);
    if (given != null) {
      // Run on the executor given as the last argument (CompletableFuture's *Async(…, executor)):
      // that executor decides whether the task is serial.
      String type = ba.models.staticType(given);
      executor = ba.serialContext(type, ba.values.valueOf(given, s, n));
      loop = ba.models.isEventExecutor(type);
    }
    if (m.taskArg() == BodyAnalyzer.RECEIVER && e instanceof Expr.Call call) {
      spawns.putIfAbsent(idx, new RawSpawn(idx, ba.values.valueOf(call.receiver(), s, n), null, m,
          false, p, false));
    } else if (m.taskArg() == BodyAnalyzer.SELF && e instanceof Expr.New nw) {
      AbsVal self = nw.anonymousClassId() != null
          ? new AbsVal.Anon(nw.anonymousClassId(), ba.body.id(), ba.values.site(nw))
          : ba.values.alloc(nw, nw.type(), n, false);
      spawns.putIfAbsent(idx, new RawSpawn(idx, self, executor, m, false, p, loop));
    } else if (m.taskArg() >= 0 && m.taskArg() < args.size()) {
      AbsVal task = ba.values.valueOf(args.get(m.taskArg()), s, n);
      spawns.putIfAbsent(idx, new RawSpawn(idx, task, executor, m, false, p, loop));
    }
  }
}
