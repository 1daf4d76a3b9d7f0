package dev.shareguard.core.finding;

/**
 * Why the analyser believes one side of a thread finding runs concurrently with other code,
 * strongest first (SPEC §2). The engine records one per side of every race.
 */
public enum Evidence {
  /** The access runs in a task handed to a thread: a Thread, an executor, an async callback. */
  SPAWNED("spawned"),
  /**
   * The owner's own code accesses the same location under a lock elsewhere: its authors expect
   * concurrent callers, and this access is the slip.
   */
  INCONSISTENTLY_GUARDED("inconsistently guarded"),
  /**
   * The entry is declared to be called by many threads: a servlet, a Spring singleton, a
   * {@code @ThreadSafe} class or one documented thread-safe, a thread-safe container's type.
   */
  DECLARED_SHARED("declared shared"),
  /**
   * Only implied: a public method of a class that shows it expects concurrency (locks, volatile
   * or concurrent fields) but nothing shows which threads call it.
   */
  IMPLIED("implied");

  private final String words;

  Evidence(String words) {
    this.words = words;
  }

  /** How the evidence reads in a message: {@code spawned}, {@code declared shared}. */
  public String words() {
    return words;
  }
}
