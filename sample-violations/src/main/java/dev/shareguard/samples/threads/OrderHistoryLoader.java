package dev.shareguard.samples.threads;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A customer's order history, merged from the live database and the slower archive. To halve the
 * latency the archive query runs on a second thread. The incident: both threads appended to the
 * same {@code ArrayList}, and the history page now and then showed an order twice or not at all.
 */
public final class OrderHistoryLoader {
  private OrderHistoryLoader() {}

  /** Newest first. */
  static final Comparator<Order> NEWEST_FIRST = Comparator.comparing(Order::placedAt).reversed();

  /** One order as shown on the history page. */
  public record Order(String id, Instant placedAt, long totalCents) {}

  /** A store of orders: the live database or the archive. */
  public interface OrderSource {
    List<Order> fetch(String customerId);
  }

  /**
   * Bug: the archive thread and the calling thread both call {@code addAll} on {@code orders}
   * between {@code start()} and {@code join()}, when they run at the same time. The sort after
   * {@code join()} is fine: the join orders it after everything the archive thread did.
   */
  public static final class Unsafe {
    private final OrderSource live;
    private final OrderSource archive;

    public Unsafe(OrderSource live, OrderSource archive) {
      this.live = live;
      this.archive = archive;
    }

    public List<Order> load(String customerId) throws InterruptedException {
      List<Order> orders = new ArrayList<>();
      Thread archiveLoader =
          new Thread(
              () -> {
                // BUG: Diagnostic contains: UnguardedSharedWrite
                orders.addAll(archive.fetch(customerId));
              });
      archiveLoader.start();
      // The other side of a race reported once, at its write (related location there).
      orders.addAll(live.fetch(customerId));
      archiveLoader.join();
      orders.sort(NEWEST_FIRST);
      return orders;
    }
  }

  /**
   * Fix: the archive thread fills its own list, and the calling thread touches that list only after
   * {@code join()}, which happens-after everything the archive thread did. The two queries still
   * overlap; only the merge waits.
   */
  public static final class Safe {
    private final OrderSource live;
    private final OrderSource archive;

    public Safe(OrderSource live, OrderSource archive) {
      this.live = live;
      this.archive = archive;
    }

    public List<Order> load(String customerId) throws InterruptedException {
      List<Order> archived = new ArrayList<>();
      Thread archiveLoader =
          new Thread(
              () -> {
                archived.addAll(archive.fetch(customerId));
              });
      archiveLoader.start();
      List<Order> recent = live.fetch(customerId);
      archiveLoader.join();
      List<Order> orders = new ArrayList<>(recent);
      orders.addAll(archived);
      orders.sort(NEWEST_FIRST);
      return orders;
    }
  }
}
