package com.acme;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Lazy getters whose fill building already ran: the constructor calls the getter and uses its
 * channel, and the static initializer calls the preference getter, which always stores an object.
 * Nothing empties either field, so their {@code null} checks are never true beside the tasks.
 */
public class BuiltChannelSession {
  static AtomicBoolean preferV6 = null;

  static {
    boolean v6 = preferV6();
  }

  private Link link;

  public BuiltChannelSession(String host) {
    this.link = link(host);
    link.connect();
  }

  public static boolean preferV6() {
    if (preferV6 == null) {
      boolean result = false;
      try {
        result = Boolean.parseBoolean(System.getProperty("v6", "false"));
      } finally {
        preferV6 = new AtomicBoolean(result);
      }
    }
    return preferV6.get();
  }

  public Link link(String host) {
    if (link == null) {
      link = Link.open(host);
    }
    return link;
  }

  public void sendAll(ExecutorService pool) {
    pool.submit(() -> link("h").send(preferV6() ? "a6" : "a4"));
    pool.submit(() -> link("h").send("b"));
  }

  static final class Link {
    private boolean connected;

    static Link open(String host) {
      return new Link();
    }

    void connect() {
      connected = true;
    }

    void send(String s) {
    }
  }
}
