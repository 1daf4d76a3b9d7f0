package dev.shareguard.core.engine;

import dev.shareguard.core.model.LibraryModels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The cache of body results ({@link BodyAnalyzer}) the walk reads: one result per body, computed
 * on first use, or ahead of the walk by helper threads ({@link #computeAhead}). A body's result
 * depends only on the body and the program, so it is computed once and shared by every walk.
 */
final class BodyResults {
  private final ProgramIndex index;
  private final LibraryModels models;
  private final FieldFacts fieldFacts;
  private final Map<String, BodyResult> results = new HashMap<>();

  BodyResults(ProgramIndex index, LibraryModels models, FieldFacts fieldFacts) {
    this.index = index;
    this.models = models;
    this.fieldFacts = fieldFacts;
  }

  /** The body results computed so far, by body id. */
  public Map<String, BodyResult> results() {
    return results;
  }

  /** The result of body {@code bodyId}, computed now if needed; null for no such body. */
  BodyResult result(String bodyId) {
    BodyResult r = results.get(bodyId);
    if (r == null) {
      ProgramIndex.Body b = index.body(bodyId);
      if (b == null) {
        return null;
      }
      r = ahead(bodyId);
      if (r == null) {
        r = BodyAnalyzer.analyze(index, models, fieldFacts, b);
      }
      results.put(bodyId, r);
    }
    return r;
  }

  /**
   * Body results worked out ahead of the walk by {@link #computeAhead}, by body id; empty when
   * the walk is on its own.
   */
  private Map<String, java.util.concurrent.FutureTask<BodyResult>> ahead = Map.of();

  /** Set when the walk is over: the helpers stop taking bodies. */
  private volatile boolean walkDone;

  /** The models each thread computing body results uses (see {@link #computeAhead}). */
  private ThreadLocal<LibraryModels> aheadModels = new ThreadLocal<>();

  /**
   * Has {@code tasks} tasks on {@code executor} work out every body's result ahead of the walk,
   * which itself stays on one thread and in one order. A body's result depends only on the body
   * and the program, so which thread computes it changes nothing. Each helper thread uses its own
   * models from {@code helperModels} (their type-hierarchy cache is not thread-safe); the walk
   * takes a result when it is ready, waits for one being computed, and computes one nobody has
   * started itself. Call before {@link ThreadWalker#walkAll}.
   */
  public void computeAhead(
      java.util.concurrent.Executor executor,
      int tasks,
      java.util.function.Supplier<LibraryModels> helperModels) {
    ThreadLocal<LibraryModels> local = ThreadLocal.withInitial(helperModels);
    local.set(models);
    aheadModels = local;
    List<ProgramIndex.Body> bodies = new ArrayList<>(index.bodies().values());
    Map<String, java.util.concurrent.FutureTask<BodyResult>> work = new HashMap<>();
    for (ProgramIndex.Body b : bodies) {
      work.put(b.id(), new java.util.concurrent.FutureTask<>(
          () -> BodyAnalyzer.analyze(index, local.get(), fieldFacts, b)));
    }
    ahead = work;
    java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
    for (int t = 0; t < tasks; t++) {
      executor.execute(() -> {
        for (int i = next.getAndIncrement(); i < bodies.size() && !walkDone;
            i = next.getAndIncrement()) {
          work.get(bodies.get(i).id()).run();
        }
      });
    }
  }

  /**
   * The result {@link #computeAhead} has for {@code bodyId}, computed here if no helper has
   * started it; null if there is none, or the helper failed (the caller then computes it on this
   * thread, so a failure is the one the walk alone would meet).
   */
  private BodyResult ahead(String bodyId) {
    java.util.concurrent.FutureTask<BodyResult> task = ahead.get(bodyId);
    if (task == null) {
      return null;
    }
    task.run();
    try {
      return task.get();
    } catch (java.util.concurrent.ExecutionException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a body's result", e);
    }
  }

  /** The walk is over: helpers stop taking bodies and the work ahead is let go. */
  void finish() {
    walkDone = true;
    ahead = Map.of();
    aheadModels.remove();
  }
}
