package dev.shareguard.core.engine;

import java.util.Comparator;

/**
 * What a walk carries into callees beside the values: the locks held ({@link Holding}) and the
 * Netty event loops the code surely runs on ({@link EventLoop}), which flow into callees like
 * locks. Ordered (holdings first) so the sets iterate deterministically.
 */
public sealed interface Held extends Comparable<Held> permits Holding, EventLoop {

  /** Holdings before loops; holdings by lock then mode, loops by identity. */
  Comparator<Held> ORDER =
      Comparator.comparingInt((Held h) -> h instanceof Holding ? 0 : 1)
          .thenComparing(h -> h instanceof Holding x ? x.lock() : ((EventLoop) h).identity())
          .thenComparing(h -> h instanceof Holding x ? x.mode() : LockMode.SHARED);

  @Override
  default int compareTo(Held o) {
    return ORDER.compare(this, o);
  }
}
