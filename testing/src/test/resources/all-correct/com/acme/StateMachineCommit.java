package com.acme;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * A transaction whose commit is a state machine kept by its monitor: the commit goes on only
 * from OPEN, which nothing but construction sets, so its task is started once per transaction.
 */
public class StateMachineCommit {
  enum Status {
    OPEN,
    COMMITTING,
    DONE
  }

  private Status status = Status.OPEN;
  private final Map<String, String> columns = new HashMap<>();
  private final ExecutorService pool;

  public StateMachineCommit(ExecutorService pool) {
    this.pool = pool;
  }

  private void checkIfOpen() {
    if (status != Status.OPEN) {
      throw new IllegalStateException("not open: " + status);
    }
  }

  public synchronized void commitAsync(String key) {
    checkIfOpen();
    status = Status.COMMITTING;
    pool.submit(() -> columns.put(key, "committed"));
  }

  public synchronized void finished() {
    status = Status.DONE;
  }
}
