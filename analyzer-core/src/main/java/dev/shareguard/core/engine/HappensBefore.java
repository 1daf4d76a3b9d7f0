package dev.shareguard.core.engine;

import dev.shareguard.core.engine.BodyResult.Point;
import dev.shareguard.core.engine.BodyResult.RawCall;
import dev.shareguard.core.engine.BodyResult.RawSpawn;
import dev.shareguard.core.ir.MethodDecl;
import dev.shareguard.core.model.LibraryModels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a point of a walked body is ordered with: the tasks it surely comes before (not yet
 * started, or started inside a later call) or after (joined), the tasks running alongside, and
 * the marks by class for threads started or joined elsewhere and for set-up methods ({@link
 * Mark}). Keeps, per body being walked, the starts inside its
 * calls and its joins of field-held threads ({@link #enter}, {@link #exit}).
 */
final class HappensBefore {
  private final ProgramIndex index;
  private final LibraryModels models;
  private final FieldFacts fieldFacts;
  private final BodyResults results;
  private final FrameBinding binding;
  private final Dispatch dispatch;

  HappensBefore(ProgramIndex index, LibraryModels models, FieldFacts fieldFacts,
      BodyResults results, FrameBinding binding, Dispatch dispatch) {
    this.index = index;
    this.models = models;
    this.fieldFacts = fieldFacts;
    this.results = results;
    this.binding = binding;
    this.dispatch = dispatch;
  }

  /**
   * Enters a walk of {@code body} (result {@code r}) in frame {@code f}: the tasks its calls start
   * in their callees, and its joins, for {@link #excludedAt}. Pair with {@link #exit}.
   */
  void enter(String bodyId, ProgramIndex.Body body, BodyResult r, Frame f) {
    List<CallStarts> starts = new ArrayList<>();
    // Only a body run once per run of its entry or task: one run in a loop may follow a call
    // that started the tasks in an earlier run.
    for (RawCall c : f.once() ? r.calls() : List.<RawCall>of()) {
      AbsVal recv = c.receiver() == null ? null : binding.resolve(c.receiver(), f, body);
      Set<Mark> keys = callStarts
          .computeIfAbsent(c, k -> new HashMap<>())
          .computeIfAbsent(dispatch.heldClasses(recv), h -> startsWithin(c, recv));
      String started = dispatch.startedThreadClass(c);
      if (started != null && c.at().spawned().isEmpty()) {
        keys = new TreeSet<>(keys);
        keys.add(new Mark.Started(started));
      }
      if (!keys.isEmpty()) {
        starts.add(new CallStarts(c.at(), keys));
      }
    }
    startsStack.push(starts);
    joinsStack.push(joinsIn(body, r, 0));
    endedStack.push(endedByCalls(r));
  }

  /**
   * The calls of {@code r} whose one target waits, before it returns, for every task it starts
   * ({@link BodyResult#endsItsTasks}), with those tasks: after such a call none of them runs.
   */
  private List<CallStarts> endedByCalls(BodyResult r) {
    List<CallStarts> out = new ArrayList<>();
    for (RawCall c : r.calls()) {
      MethodDecl m = c.call() == null ? null : dispatch.resolvedMethod(c);
      if (m == null || m.isConstructor()) {
        continue;
      }
      List<MethodDecl> targets = dispatch.dispatchTargets(c, m, null);
      if (targets.size() != 1) {
        continue;
      }
      String id = index.bodyIdOf(targets.get(0));
      BodyResult callee = result(id);
      if (callee == null || !callee.endsItsTasks()) {
        continue;
      }
      Set<Mark> ended = new TreeSet<>();
      for (RawSpawn s : callee.spawns()) {
        ended.add(new Mark.Ended(rootKey(id, s)));
      }
      out.add(new CallStarts(c.at(), ended));
    }
    return out;
  }

  /** For each body being walked (innermost first), its calls that end the tasks they start. */
  private final java.util.ArrayDeque<List<CallStarts>> endedStack = new java.util.ArrayDeque<>();

  /** Leaves the walk of the body last {@link #enter}ed. */
  void exit() {
    startsStack.pop();
    joinsStack.pop();
    endedStack.pop();
  }

  /** A point after which the threads of {@code classes} held in a field have been joined. */
  private record JoinAt(dev.shareguard.core.ir.Pos pos, Set<Mark> marks) {}

  /** For each body being walked (innermost first), its joins of field-held threads. */
  private final java.util.ArrayDeque<List<JoinAt>> joinsStack = new java.util.ArrayDeque<>();

  /**
   * {@link #joinsIn} by depth and body: a body's joins at one depth are the same for every caller
   * (they were worked out again for each caller at depths 1 and 2), and its own joins for every
   * depth. One list per body the walk meets, kept for the walk's life.
   */
  private final List<Map<String, List<JoinAt>>> joinsOf =
      List.of(new HashMap<>(), new HashMap<>(), new HashMap<>());

  private final Map<String, List<JoinAt>> ownJoins = new HashMap<>();

  /**
   * The joins in a body of threads kept in a field ({@code thread = this.heartbeat; …
   * thread.join()}), by the classes of the threads the field ever holds, and the calls whose one
   * target makes such a join (down to two calls deep).
   */
  private List<JoinAt> joinsIn(ProgramIndex.Body body, BodyResult r, int depth) {
    Map<String, List<JoinAt>> memo = joinsOf.get(depth);
    List<JoinAt> known = memo.get(body.id());
    if (known != null) {
      return known;
    }
    List<JoinAt> out = new ArrayList<>(ownJoins.computeIfAbsent(body.id(), k -> ownJoinsIn(body)));
    if (depth < 2) {
      for (RawCall c : r.calls()) {
        MethodDecl m = c.call() == null ? null : dispatch.resolvedMethod(c);
        List<MethodDecl> targets = m == null ? List.of() : dispatch.dispatchTargets(c, m, null);
        BodyResult callee = targets.size() == 1 ? result(index.bodyIdOf(targets.get(0))) : null;
        if (callee == null || !c.at().loops().isEmpty()) {
          continue;
        }
        List<JoinAt> inner =
            joinsIn(index.body(index.bodyIdOf(targets.get(0))), callee, depth + 1);
        if (inner.isEmpty()) {
          // Almost every callee joins nothing: no set made for it.
          continue;
        }
        Set<Mark> marks = new TreeSet<>();
        inner.forEach(j -> marks.addAll(j.marks()));
        if (!marks.isEmpty()) {
          out.add(new JoinAt(c.at().pos(), marks));
        }
      }
    }
    List<JoinAt> result = out.isEmpty() ? List.of() : out;
    memo.put(body.id(), result);
    return result;
  }

  /** The joins a body makes itself, outside its lambdas (the first part of {@link #joinsIn}). */
  private List<JoinAt> ownJoinsIn(ProgramIndex.Body body) {
    List<JoinAt> out = new ArrayList<>();
    if (body.lambda() == null && body.method() != null && index.mayJoin(body.id())) {
      Set<dev.shareguard.core.ir.Expr> inLambdas =
          java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
      IrWalker.forEachExpr(body.block(), e -> {
        if (e instanceof dev.shareguard.core.ir.Expr.Lambda l) {
          IrWalker.forEachExpr(l.body(), inLambdas::add);
        }
      });
      IrWalker.forEachExpr(body.block(), e -> {
        if (e instanceof dev.shareguard.core.ir.Expr.Call c && !inLambdas.contains(c)
            && c.target().name().equals("join") && c.args().isEmpty() && c.receiver() != null) {
          Set<String> classes = c.receiver() instanceof dev.shareguard.core.ir.Expr.ThisRef t
                  && !t.isSuper() && t.classId().equals(body.owner().id())
                  && models.isThreadSubclass(t.classId())
              // A thread's own method joining it ({@code this.join()} in its shutdown()).
              ? Set.of(t.classId())
              : joinedThreads(c.receiver(), body.method(), true);
          if ((classes == null || classes.isEmpty())
              && !(c.receiver() instanceof dev.shareguard.core.ir.Expr.ThisRef)) {
            // An object of an analysed Thread subclass, wherever it was made
            // ({@code quorumPeer.start(); … quorumPeer.join();}): by its declared class.
            String declared = dispatch.analysedThreadClass(c.receiver());
            if (declared != null) {
              classes = Set.of(declared);
            }
          }
          Set<Mark> marks = new TreeSet<>();
          if (classes != null) {
            classes.forEach(k -> marks.add(new Mark.Joined(k)));
          }
          String field = joinedField(c.receiver(), body.method());
          if (field != null) {
            // The task object a field holds (a plain Thread made around a Runnable, whose class
            // names no task): the tasks started through that field have ended.
            marks.add(new Mark.Drained(field));
          }
          if (!marks.isEmpty()) {
            out.add(new JoinAt(c.pos(), marks));
          }
        }
      });
    }
    if (body.lambda() == null && body.block() != null) {
      out.addAll(drainsIn(body));
    }
    return out.isEmpty() ? List.of() : out;
  }

  /**
   * The executors held in fields of this object or a class that the body shuts down and then
   * waits for ({@code pool.shutdown(); pool.awaitTermination(…)}, outside its lambdas): after the
   * wait, every task any code handed to that executor has ended, and it takes no new ones.
   */
  private List<JoinAt> drainsIn(ProgramIndex.Body body) {
    List<JoinAt> out = new ArrayList<>();
    Set<String> shutDown = new java.util.HashSet<>();
    IrWalker.forEachExprOutsideLambdas(body.block(), e -> {
      if (!(e instanceof dev.shareguard.core.ir.Expr.Call c)
          || !(c.receiver() instanceof dev.shareguard.core.ir.Expr.FieldAccess fa)
          || fa.ownerClass() == null || fa.type() == null
          || !models.types().isSubtype(fa.type().name(), "java.util.concurrent.ExecutorService")
          || !(fa.isStatic() || fa.receiver() == null
              || fa.receiver() instanceof dev.shareguard.core.ir.Expr.ThisRef)) {
        return;
      }
      String pool = fa.ownerClass() + "#" + fa.name();
      String name = c.target().name();
      if (name.equals("shutdown") || name.equals("shutdownNow")) {
        shutDown.add(pool);
      } else if (name.equals("awaitTermination") && shutDown.contains(pool)) {
        out.add(new JoinAt(c.pos(), Set.of(new Mark.Drained(pool))));
      }
    });
    return out;
  }

  /**
   * The field ({@code Owner#field}) of this object or a class that a joined value is read from,
   * directly or through a local only ever given that field; null otherwise.
   */
  private String joinedField(dev.shareguard.core.ir.Expr e, MethodDecl in) {
    if (e instanceof dev.shareguard.core.ir.Expr.LocalRef l) {
      List<dev.shareguard.core.ir.Expr> values =
          in == null ? null : fieldFacts.localValues(in, l.name());
      String only = null;
      for (dev.shareguard.core.ir.Expr v : values == null ? List.<dev.shareguard.core.ir.Expr>of()
          : values) {
        String f = joinedField(v, null);
        if (f == null || (only != null && !only.equals(f))) {
          return null;
        }
        only = f;
      }
      return only;
    }
    return e instanceof dev.shareguard.core.ir.Expr.FieldAccess fa && fa.ownerClass() != null
        && (fa.isStatic() || fa.receiver() == null
            || fa.receiver() instanceof dev.shareguard.core.ir.Expr.ThisRef)
        ? fa.ownerClass() + "#" + fa.name() : null;
  }

  /**
   * The thread classes a joined value can be: a field whose every stored value is a fresh
   * thread, or a local only ever given such fields; null when unknown or not all threads.
   */
  private Set<String> joinedThreads(dev.shareguard.core.ir.Expr e, MethodDecl in,
      boolean followLocal) {
    Set<String> out = null;
    if (e instanceof dev.shareguard.core.ir.Expr.FieldAccess fa && fa.ownerClass() != null) {
      out = fieldFacts.storedClasses(fa.ownerClass(), fa.name());
    } else if (e instanceof dev.shareguard.core.ir.Expr.LocalRef l && followLocal) {
      List<dev.shareguard.core.ir.Expr> values = fieldFacts.localValues(in, l.name());
      if (values == null || values.isEmpty()) {
        return null;
      }
      out = new TreeSet<>();
      for (dev.shareguard.core.ir.Expr v : values) {
        Set<String> more = joinedThreads(v, in, false);
        if (more == null) {
          return null;
        }
        out.addAll(more);
      }
    }
    return out == null || !out.stream().allMatch(models::isThreadSubclass) ? null : out;
  }

  /** The tasks one call of the body being walked starts inside its callees. */
  private record CallStarts(Point at, Set<Mark> keys) {}

  /** For each body being walked (innermost first), the tasks its calls start in callees. */
  private final java.util.ArrayDeque<List<CallStarts>> startsStack = new java.util.ArrayDeque<>();

  /** Tasks started inside each call's callees, by the classes its receiver can be. */
  private final Map<RawCall, Map<Set<String>, Set<Mark>>> callStarts =
      new java.util.IdentityHashMap<>();

  /** Call depth searched for tasks a call starts inside its callees. */
  private static final int MAX_START_DEPTH = 3;

  /**
   * The keys of the tasks a call (not a constructor) may start inside the methods it runs, down to
   * {@link #MAX_START_DEPTH} calls deep: they start where the call is made, so what the caller
   * did before the call happens before them ({@code configure(…); start();}).
   */
  private Set<Mark> startsWithin(RawCall c, AbsVal recv) {
    Set<Mark> out = new TreeSet<>();
    MethodDecl m = c.call() == null ? null : dispatch.resolvedMethod(c);
    if (m != null && !m.isConstructor()) {
      for (MethodDecl t : dispatch.dispatchTargets(c, m, dispatch.heldClasses(recv))) {
        out.addAll(startsFrom.computeIfAbsent(index.bodyIdOf(t), id -> {
          Set<Mark> found = new TreeSet<>();
          startsWithin(t, 1, new HashSet<>(), found);
          return found;
        }));
      }
    }
    return out;
  }

  /**
   * The tasks started inside a call target, by its body id: the same for every call that may run
   * it, and worked out again for each before. One set per target met, kept for the walk's life.
   */
  private final Map<String, Set<Mark>> startsFrom = new HashMap<>();

  private void startsWithin(MethodDecl m, int depth, Set<String> seen, Set<Mark> out) {
    String id = index.bodyIdOf(m);
    if (depth > MAX_START_DEPTH || !seen.add(id)) {
      return;
    }
    BodyResult r = result(id);
    if (r == null) {
      return;
    }
    for (RawSpawn s : r.spawns()) {
      out.add(rootKey(id, s));
    }
    for (RawCall c : r.calls()) {
      MethodDecl callee = c.call() == null ? null : dispatch.resolvedMethod(c);
      List<MethodDecl> targets = callee == null || callee.isConstructor()
          ? List.of() : dispatch.dispatchTargets(c, callee, null);
      if (targets.size() == 1 && c.at().loops().isEmpty()) {
        // Deeper down only calls with one possible target: a guessed override starts nothing.
        startsWithin(targets.get(0), depth + 1, seen, out);
      }
    }
  }

  /** The task root started at spawn {@code s} of body {@code bodyId}. */
  static TaskRoot.Spawn rootKey(String bodyId, RawSpawn s) {
    return new TaskRoot.Spawn(bodyId, s.index(), s.at().pos());
  }

  Set<Mark> excludedAt(Point at, Frame f, Map<Integer, TaskRoot> spawnKeys) {
    Set<Mark> out = new TreeSet<>(f.excluded());
    for (Map.Entry<Integer, TaskRoot> e : spawnKeys.entrySet()) {
      if (!at.spawned().contains(e.getKey())) {
        out.add(e.getValue());
      } else if (at.joined().contains(e.getKey())) {
        out.add(new Mark.Ended(e.getValue()));
      }
    }
    for (CallStarts c : endedStack.isEmpty() ? List.<CallStarts>of() : endedStack.peek()) {
      if (before(c.at(), at)) {
        // After a call that waited for every task it started: those tasks have ended.
        out.addAll(c.keys());
      }
    }
    boolean spawnedBefore = !at.spawned().isEmpty();
    boolean startInLoop = false;
    List<dev.shareguard.core.ir.Pos> startsBefore = new ArrayList<>();
    for (CallStarts c : startsStack.isEmpty() ? List.<CallStarts>of() : startsStack.peek()) {
      if (before(at, c.at())) {
        // Before a call that starts tasks in its callees: before those tasks start.
        out.addAll(c.keys());
      } else if (!java.util.Collections.disjoint(c.at().loops(), at.loops())) {
        startInLoop = true;
      } else if (c.at().pos().compareTo(at.pos()) < 0) {
        startsBefore.add(c.at().pos());
      }
    }
    if (!spawnedBefore && !startInLoop && at.loops().isEmpty()) {
      // After a join of the threads a field holds (and nothing started between the join and
      // here, no loop around): those threads have ended. Marked by class, as the walk meets
      // their starts elsewhere.
      for (JoinAt j : joinsStack.isEmpty() ? List.<JoinAt>of() : joinsStack.peek()) {
        if (j.pos().compareTo(at.pos()) < 0
            && startsBefore.stream().noneMatch(p -> p.compareTo(j.pos()) > 0)) {
          out.addAll(j.marks());
        }
      }
    }
    return out;
  }

  /**
   * Whether a point of a body always runs before another point of it: it comes first in the
   * text and no loop holds both (lambdas and local classes are bodies of their own).
   */
  static boolean before(Point a, Point b) {
    return !a.pos().equals(dev.shareguard.core.ir.Pos.UNKNOWN) && a.pos().compareTo(b.pos()) < 0
        && java.util.Collections.disjoint(a.loops(), b.loops());
  }

  static Set<Mark> liveAt(Point at, Frame f, Map<Integer, TaskRoot> spawnKeys) {
    if (spawnKeys.isEmpty()) {
      // A body that starts nothing adds nothing: its frame's set, shared (no one changes a
      // frame's or an access's set; they compare by content).
      return f.live();
    }
    Set<Mark> out = new TreeSet<>(f.live());
    for (Map.Entry<Integer, TaskRoot> e : spawnKeys.entrySet()) {
      if (at.spawned().contains(e.getKey()) && !at.joined().contains(e.getKey())) {
        out.add(e.getValue());
      }
    }
    return out;
  }

  private BodyResult result(String bodyId) {
    return results.result(bodyId);
  }
}
