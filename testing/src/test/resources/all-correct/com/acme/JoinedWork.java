package com.acme;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/** Accesses before the task starts and after it is waited for are ordered with it. */
public class JoinedWork {
  private final List<String> log = new ArrayList<>();
  private final ExecutorService pool;

  public JoinedWork(ExecutorService pool) {
    this.pool = pool;
  }

  public List<String> run() throws InterruptedException, ExecutionException {
    log.clear();
    log.add("start");
    Future<?> f = pool.submit(() -> log.add("work"));
    f.get();
    log.add("done");
    return new ArrayList<>(log);
  }

  public String async() {
    List<String> parts = new ArrayList<>();
    parts.add("a");
    CompletableFuture<Void> cf = CompletableFuture.runAsync(() -> parts.add("b"));
    cf.join();
    parts.add("c");
    return String.join(",", parts);
  }

  public int threads() throws InterruptedException {
    List<Integer> results = new ArrayList<>();
    Thread t = new Thread(() -> results.add(1));
    results.add(0);
    t.start();
    t.join();
    return results.size();
  }
}
