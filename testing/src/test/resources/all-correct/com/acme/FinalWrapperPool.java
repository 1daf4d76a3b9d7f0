package com.acme;

import java.util.concurrent.ExecutorService;

/**
 * Double-checked locking through a final-field wrapper: the unlocked read sees null (and takes
 * the lock) or a wrapper whose final field shows the pooled object as it was built.
 */
public class FinalWrapperPool {
  static final class Wrapper<T> {
    final T value;

    Wrapper(T v) {
      value = v;
    }
  }

  static class Conn {
    int uses;
  }

  private Wrapper<Conn> pool;

  public void start(ExecutorService ex) {
    ex.execute(() -> System.out.println(get().uses));
    ex.execute(() -> System.out.println(get().uses));
  }

  public Conn get() {
    Wrapper<Conn> w = this.pool;
    if (w == null) {
      synchronized (this) {
        if (this.pool == null) {
          this.pool = new Wrapper<>(new Conn());
        }
        w = this.pool;
      }
    }
    return w.value;
  }
}
