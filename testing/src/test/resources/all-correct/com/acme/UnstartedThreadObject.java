package com.acme;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A dispatcher written as a {@code Thread} subclass but never started: it is handed, as a
 * {@code Runnable}, to a one-thread executor, once (a second {@code start()} submits nothing).
 * Its batch is touched by that one task alone.
 */
public class UnstartedThreadObject {
  private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
  private volatile boolean running;
  private Dispatcher dispatcher;

  public void start() {
    if (dispatcher == null) {
      dispatcher = new Dispatcher();
    }
    if (!running) {
      ExecutorService executor = Executors.newSingleThreadExecutor();
      executor.submit(dispatcher);
    }
    running = true;
  }

  public void send(String event) {
    queue.offer(event);
  }

  private class Dispatcher extends Thread {
    private final List<String> batch = new ArrayList<>();

    @Override
    public void run() {
      while (true) {
        try {
          batch.add(queue.take());
          if (batch.size() > 10) {
            batch.clear();
          }
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }
}
