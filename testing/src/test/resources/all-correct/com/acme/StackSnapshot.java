package com.acme;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Stack;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicReference;
/** A Stack published by the constructor through an AtomicReference. */
public class StackSnapshot {
  private final AtomicReference<Stack<String>> overrides;
  public StackSnapshot() {
    this.overrides = new AtomicReference<>(new Stack<>());
  }
  public void suspend(ExecutorService pool, String name) {
    pool.execute(() -> {
      overrides.get().push(name);
    });
  }
  public void resume() {
    if (!overrides.get().isEmpty()) {
      overrides.get().pop();
    }
  }
}
