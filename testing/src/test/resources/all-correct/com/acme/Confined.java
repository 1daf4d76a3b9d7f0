package com.acme;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Objects each task owns, thread-local state, and state only one single-thread executor touches. */
public class Confined {
  private static final ThreadLocal<StringBuilder> BUFFER = ThreadLocal.withInitial(StringBuilder::new);
  private final ExecutorService single = Executors.newSingleThreadExecutor();
  private final Map<String, Integer> ownedBySingle = new HashMap<>();

  public void perTask(ExecutorService pool, List<String> items) {
    for (String item : items) {
      List<String> mine = new ArrayList<>();
      pool.submit(() -> {
        mine.add(item);
        mine.add(item.toUpperCase());
        return mine.size();
      });
    }
  }

  public void madeInside(ExecutorService pool) {
    pool.execute(() -> {
      Map<String, Integer> local = new HashMap<>();
      local.put("x", 1);
      BUFFER.get().append(local);
    });
  }

  public void count(String key) {
    single.execute(() -> ownedBySingle.merge(key, 1, Integer::sum));
  }

  public void reset() {
    single.execute(ownedBySingle::clear);
  }
}
