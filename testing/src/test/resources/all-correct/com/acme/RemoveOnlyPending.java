package com.acme;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
/** A reply handler that looks a request up and removes it; other code only removes. */
public class RemoveOnlyPending {
  private final Map<Long, StringBuilder> requests = new ConcurrentHashMap<>();
  public void onReply(ExecutorService pool, long id, String reply) {
    pool.execute(() -> {
      StringBuilder r = requests.get(id);
      requests.remove(id);
      if (r != null) {
        r.append(reply);
      }
    });
  }
  public void cancel(long id) {
    requests.remove(id);
  }
}
