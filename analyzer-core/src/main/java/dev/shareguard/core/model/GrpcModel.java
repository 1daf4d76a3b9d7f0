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
  private static final String SERIALIZING_EXECUTOR = "io.grpc.internal.SerializingExecutor";

  @Override
  public String name() {
    return "gRPC";
  }

  @Override
  public Set<String> singleThreadExecutors() {
    return Set.of(SYNC_CONTEXT, SERIALIZING_EXECUTOR);
  }

  /**
   * {@code execute} runs a task in the context (named here too, for trees that use gRPC without
   * its sources, where nothing shows these types are {@code Executor}s); {@code executeLater}
   * queues one for the next {@code drain()}; {@code schedule} and {@code scheduleWithFixedDelay}
   * hand one to the context after a delay.
   */
  @Override
  public Map<String, Set<String>> serialTaskMethods() {
    return Map.of(
        SYNC_CONTEXT, Set.of("execute", "executeLater", "schedule", "scheduleWithFixedDelay"),
        SERIALIZING_EXECUTOR, Set.of("execute"));
  }

  /** One {@code SynchronizationContext} serves a channel, its subchannels and its helpers. */
  @Override
  public Set<String> connectionWideSerialExecutors() {
    return Set.of(SYNC_CONTEXT);
  }

  @Override
  public Map<String, Set<String>> serialContextAssertions() {
    return Map.of(SYNC_CONTEXT, Set.of("throwIfNotInThisSynchronizationContext"));
  }
}
