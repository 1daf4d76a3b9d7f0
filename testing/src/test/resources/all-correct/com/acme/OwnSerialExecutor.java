package com.acme;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
/** Tasks on a one-thread pool made by an overridable method of the object itself. */
public class OwnSerialExecutor {
  private final ExecutorService executor;
  private final ScheduledExecutorService timer;
  private Future<?> sync;
  public OwnSerialExecutor(ScheduledExecutorService timer, int threads) {
    this.timer = timer;
    this.executor = createExecutor();
  }
  protected ScheduledExecutorService createExecutor() {
    ScheduledExecutorService result = new ScheduledThreadPoolExecutor(1);
    result.execute(() -> {});
    return result;
  }
  public void handle(int role) {
    executor.submit(() -> change(role));
  }
  private void change(int role) {
    if (sync != null) {
      sync.cancel(false);
    }
    sync = timer.scheduleAtFixedRate(() -> System.out.println(role), 1, 1, TimeUnit.SECONDS);
  }
}
