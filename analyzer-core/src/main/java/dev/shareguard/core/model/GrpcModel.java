package dev.shareguard.core.model;

import java.util.Map;
import java.util.Set;

/**
 * gRPC: a {@code SynchronizationContext} runs the tasks handed to it one at a time, in the order
 * given, on whichever thread drains it (never two at once), and {@code SerializingExecutor} does
 * the same on top of another executor. Code that asserts it runs in a context ({@code
 * throwIfNotInThisSynchronizationContext()}) is one of those turns.
 */
final class GrpcModel implements FrameworkModel {
  private static final String SYNC_CONTEXT = "io.grpc.SynchronizationContext";

  @Override
  public String name() {
    return "gRPC";
  }

  @Override
  public Set<String> singleThreadExecutors() {
    return Set.of(SYNC_CONTEXT, "io.grpc.internal.SerializingExecutor");
  }

  /**
   * {@code executeLater} queues a task for the next {@code drain()}; {@code schedule} and {@code
   * scheduleWithFixedDelay} hand it to the context after a delay.
   */
  @Override
  public Map<String, Set<String>> serialTaskMethods() {
    return Map.of(SYNC_CONTEXT, Set.of("executeLater", "schedule", "scheduleWithFixedDelay"));
  }

  @Override
  public Map<String, Set<String>> serialContextAssertions() {
    return Map.of(SYNC_CONTEXT, Set.of("throwIfNotInThisSynchronizationContext"));
  }
}
