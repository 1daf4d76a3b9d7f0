package com.acme;

import java.io.File;

/**
 * A public watchdog thread class (code elsewhere may make and start its own) and a subclass this
 * code makes and starts: each thread object checks its own file in its own fields, and a thread
 * object runs its body once, so two runs are two objects.
 */
public abstract class WatchdogThreads extends Thread {
  protected final String name;
  protected long delay = 60000;
  private long lastModified;
  private boolean warned;

  protected WatchdogThreads(String name) {
    this.name = name;
    setDaemon(true);
    check();
  }

  protected abstract void onChange();

  protected void check() {
    long l = new File(name).lastModified();
    if (l > lastModified) {
      lastModified = l;
      onChange();
      warned = false;
    } else if (!warned) {
      warned = true;
    }
  }

  @Override
  public void run() {
    while (true) {
      try {
        Thread.sleep(delay);
      } catch (InterruptedException e) {
        return;
      }
      check();
    }
  }

  public static void watch(String file) {
    new PropertiesWatchdog(file).start();
  }

  static class PropertiesWatchdog extends WatchdogThreads {
    PropertiesWatchdog(String name) {
      super(name);
    }

    @Override
    protected void onChange() {
      System.out.println(name);
    }
  }
}
