package com.acme;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
/** A service whose shutDown() closes a store the running calls lock. */
public class ServiceShutDown {
  static final class Store {
    private final ReentrantLock lock = new ReentrantLock();
    private final List<String> cache = new ArrayList<>();
    public void put(String block) {
      lock.lock();
      try {
        cache.add(block);
      } finally {
        lock.unlock();
      }
    }
    public void close() {
      cache.clear();
    }
  }
  private final Store store = new Store();
  public void shutDown() {
    store.close();
  }
  public void receive(String block) {
    store.put(block);
  }
}
