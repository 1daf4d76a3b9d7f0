package dev.shareguard.samples.threads;

import java.util.HashMap;
import java.util.Map;

/**
 * An HTTP session store: login stores a session, logout invalidates it, and every request looks it
 * up. The incident: the writers were {@code synchronized} but the lookup was left unlocked "because
 * it only reads", so a lookup during a resize of the {@code HashMap} missed a live session and
 * logged the user out.
 */
public final class SessionCache {
  private SessionCache() {}

  /** A logged-in user's session. */
  public record Session(String id, String user, long expiresAtMillis) {}

  /**
   * Bug: {@code store} and {@code invalidate} lock {@code this}, {@code find} does not. The class
   * guards {@code sessions} with its monitor in two places and not in the third, so {@code find}
   * races with both writers: a reader needs the same lock as the writer, or it may see the map
   * half-updated. The unlocked read is where the fault is, so it is what gets reported; the locked
   * writes are not blamed for it.
   */
  public static final class Unsafe {
    private final Map<String, Session> sessions = new HashMap<>();

    public synchronized void store(Session session) {
      sessions.put(session.id(), session);
    }

    public synchronized void invalidate(String sessionId) {
      sessions.remove(sessionId);
    }

    public Session find(String sessionId) {
      // BUG: Diagnostic contains: UnguardedSharedRead
      return sessions.get(sessionId);
    }
  }

  /**
   * Fix: every access to {@code sessions} holds the same monitor, {@code this}, so a lookup never
   * overlaps a write and sees everything written before the last unlock.
   */
  public static final class Safe {
    private final Map<String, Session> sessions = new HashMap<>();

    public synchronized void store(Session session) {
      sessions.put(session.id(), session);
    }

    public synchronized void invalidate(String sessionId) {
      sessions.remove(sessionId);
    }

    public synchronized Session find(String sessionId) {
      return sessions.get(sessionId);
    }
  }
}
