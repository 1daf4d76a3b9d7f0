package com.acme;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * State filled by the server thread before it publishes a value through a volatile field, and
 * read by callers only after they saw that value: the volatile store and load order the two.
 */
public class VolatilePublication {
  static final int STARTING = 1;
  static final int ONLINE = 2;
  private volatile int state;
  private volatile boolean ready;
  private final Map<String, String> routes = new HashMap<>();
  private final List<String> names = new ArrayList<>();

  public void start() {
    setState(STARTING);
    new Thread(this::serve).start();
  }

  private void serve() {
    loadRoutes();
    setState(ONLINE);
    names.add("default");
    ready = true;
  }

  private void loadRoutes() {
    routes.put("/", "index");
  }

  private synchronized void setState(int s) {
    state = s;
  }

  public int getState() {
    return state;
  }

  public String route(String path) {
    if (getState() != ONLINE) {
      return null;
    }
    return routes.get(path);
  }

  public boolean hasRoute(String path) {
    return getState() == ONLINE && routes.containsKey(path);
  }

  public String firstName() {
    return ready ? names.get(0) : null;
  }
}
