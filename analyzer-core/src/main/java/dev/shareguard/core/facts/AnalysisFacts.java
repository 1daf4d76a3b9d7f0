package dev.shareguard.core.facts;

import dev.shareguard.core.copies.CopyFacts;
import dev.shareguard.core.engine.AccessInstance;
import dev.shareguard.core.engine.BodyResult;
import dev.shareguard.core.engine.ConflictFinder;
import dev.shareguard.core.engine.ProgramIndex;
import dev.shareguard.core.model.ValueKinds;
import dev.shareguard.core.operators.OperatorFacts;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What the engine found out about a program, for the rules to decide on: the thread walk's access
 * facts and races ({@link #accesses()}), check-then-act sequences on maps ({@link
 * #mapUpdates()}), and (computed on first use) the copy and operator facts. It sits above {@code
 * engine}, {@code copies} and {@code operators}, which all build on the engine's program index, so
 * no two of those packages depend on each other. Rules ask these questions; they do not call the
 * walk's machinery.
 */
public final class AnalysisFacts {
  private final ProgramIndex index;
  private final AccessFacts accesses;
  private final MapUpdateFacts mapUpdates;
  private final Supplier<CopyFacts> copies;
  private CopyFacts copyFacts;
  private final ValueKinds values;
  private final Supplier<OperatorFacts> operators;
  private OperatorFacts operatorFacts;

  /**
   * The facts of one analysis: {@code accesses} are the walk's access facts in the order met,
   * {@code bodies} the body results by body id, {@code finder} pairs accesses and finds races.
   */
  public AnalysisFacts(
      ProgramIndex index,
      List<AccessInstance> accesses,
      Map<String, BodyResult> bodies,
      ConflictFinder finder,
      Supplier<CopyFacts> copies,
      Supplier<OperatorFacts> operators,
      ValueKinds values) {
    this.index = index;
    this.accesses = new AccessFacts(accesses, finder);
    this.mapUpdates =
        new MapUpdateFacts(bodies::get, values::livesOnOneLoop, index);
    this.copies = copies;
    this.operators = operators;
    this.values = values;
  }

  public ProgramIndex index() {
    return index;
  }

  /**
   * Whether {@code body} is a method nothing analysed calls in a package a library marks
   * internal ({@link ProgramIndex#isUncalledInternal}): dead code, whose results nobody holds.
   */
  public boolean isDeadInternalMethod(ProgramIndex.Body body) {
    return body.method() != null && !body.isLambda() && !index.isCalled(body.method())
        && index.isUncalledInternal(body.owner(), body.method());
  }

  /**
   * Whether {@code body} is a method marked as there for tests ({@link
   * ProgramIndex#markedForTests}) that nothing analysed calls: only tests hold what it returns.
   */
  public boolean isUncalledTestHook(ProgramIndex.Body body) {
    return body.method() != null && !body.isLambda() && !index.isCalled(body.method())
        && ProgramIndex.markedForTests(body.method());
  }

  /** The access facts of the thread walk, by how the touched state is shared, and the races. */
  public AccessFacts accesses() {
    return accesses;
  }

  /** Check-then-act sequences on one map inside one body. */
  public MapUpdateFacts mapUpdates() {
    return mapUpdates;
  }

  /**
   * Copy provenance of the whole program (copies, views, values read from containers, what is
   * changed in place), for the copies and values packs. Computed on first use: a run with only
   * thread rules never pays for it.
   */
  public CopyFacts copies() {
    if (copyFacts == null) {
      copyFacts = copies.get();
    }
    return copyFacts;
  }

  /**
   * Whether the copy facts have been computed, that is whether an enabled rule asked for them: a
   * run whose copies and values rules are all off must not pay for them.
   */
  public boolean copiesComputed() {
    return copyFacts != null;
  }

  /**
   * Changes to objects shared through a Kubernetes informer cache, for the operators pack.
   * Computed on first use, like {@link #copies()}; null when the caller supplied none.
   */
  public OperatorFacts operators() {
    if (operatorFacts == null) {
      operatorFacts = operators.get();
    }
    return operatorFacts;
  }

  /**
   * Whether values of {@code type} are plain values whose identity does not matter (strings,
   * boxed numbers, {@code java.time} values, immutable collections, enums): two equal ones serve
   * alike, so a racing second put of an equal one loses nothing.
   */
  public boolean isValueType(String type) {
    return values.isValue(type);
  }

  /**
   * Whether objects of {@code type} accumulate state through their use (counters, atomics,
   * mutable containers, analysed classes with mutable fields), so that which instance a thread
   * holds matters.
   */
  public boolean accumulatesState(String type) {
    return values.accumulatesState(type);
  }
}
