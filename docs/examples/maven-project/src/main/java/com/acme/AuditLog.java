package com.acme;

import java.util.ArrayList;
import java.util.List;

/** Each event is recorded on a pool thread, several at once, into a plain ArrayList. */
public class AuditLog {
  private final List<String> events = new ArrayList<>();

  public void record(String event) {
    Jobs.later(() -> events.add(event)); // Shareguard: UnguardedSharedWrite
  }
}
