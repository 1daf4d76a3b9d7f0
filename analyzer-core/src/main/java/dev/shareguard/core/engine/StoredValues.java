package dev.shareguard.core.engine;

import java.util.List;

/**
 * What is known about the values stored in one field, or put into the container it holds (see
 * {@link FieldFacts#of} and {@link FieldFacts#elementsOf}): counts of the stores by kind, filled
 * while {@link FieldFacts} reads the program.
 */
public final class StoredValues {
  int stores;
  int republished;
  int threadSafe;
  /**
   * Stores of a parameter of a method nothing analysed calls (an API setter: {@code
   * setRequests(Map m)}): what a caller will pass is unknown, and the field's other stores say
   * what the class keeps there ({@link #allThreadSafe}).
   */
  int handedIn;
  int synchronizedWrappers;
  int immutable;
  int singleThreadExecutor;
  boolean accessOrdered;
  /** Stores of a new container of fixed slots ({@code new EnumMap<>(…)}). */
  int fixedSlots;
  /** {@code field.readLock()}/{@code writeLock()} of a sibling read/write lock field. */
  String lockViewOf;
  Boolean lockViewRead;
  int lockViews;
  String lambda;
  int lambdas;
  /** Project classes stored, judged thread-safe once every store is known. */
  List<String> projectTypes;
  /**
   * Stores of values made elsewhere (a factory's result, a constructor's parameter) that nothing
   * else classified: judged by the classes they can be once every store is known.
   */
  List<StoredClasses.Store> madeElsewhere;

  /** How many stores were classified as one kind or another (the rest are not judged yet). */
  int classified() {
    return threadSafe + immutable + lambdas + lockViews + singleThreadExecutor
        + (projectTypes == null ? 0 : projectTypes.size());
  }

  /**
   * Every value stored is a thread-safe container; values handed in through an API method
   * nothing analysed calls count as such when the class's own stores are all thread-safe (at
   * least one): the class shows it keeps concurrent containers there, and a caller replacing one
   * is expected to pass another.
   */
  public boolean allThreadSafe() {
    return stores > 0 && threadSafe > 0 && threadSafe + handedIn == stores;
  }

  /**
   * The field is given new values that were built elsewhere (a local, a copy constructor): the
   * copy-on-write pattern, where the field publishes snapshots that are never changed in place.
   */
  public boolean republished() {
    return republished > 0;
  }

  /** Every value stored is a {@code Collections.synchronized*} wrapper. */
  public boolean allSynchronizedWrappers() {
    return stores > 0 && synchronizedWrappers == stores;
  }

  public boolean allImmutable() {
    return stores > 0 && immutable == stores;
  }

  /** Every value stored is a new container of fixed slots (an {@code EnumMap}). */
  public boolean allFixedSlots() {
    return stores > 0 && fixedSlots == stores;
  }

  public boolean allSingleThreadExecutor() {
    return stores > 0 && singleThreadExecutor == stores;
  }

  public boolean accessOrdered() {
    return accessOrdered;
  }

  /**
   * The sibling field whose read or write lock this field always holds ({@code private final
   * Lock r = rw.readLock();}), or null.
   */
  public String lockViewOf() {
    return stores > 0 && lockViews == stores ? lockViewOf : null;
  }

  /** The one lambda this field ever holds, if that is all it holds; else null. */
  public String onlyLambda() {
    return stores == 1 && lambdas == 1 ? lambda : null;
  }

  public boolean lockViewRead() {
    return Boolean.TRUE.equals(lockViewRead);
  }
}
