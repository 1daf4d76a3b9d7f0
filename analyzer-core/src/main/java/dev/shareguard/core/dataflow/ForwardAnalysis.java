package dev.shareguard.core.dataflow;

import dev.shareguard.core.cfg.Cfg;
import dev.shareguard.core.cfg.Node;
import java.util.HashMap;
import java.util.Map;

/**
 * A forward worklist analysis over a {@link Cfg}. States are immutable values; {@code null} is
 * bottom (not reached). The worklist is ordered by reverse post-order (a sorted set of RPO
 * indices), so a node is visited after its predecessors where possible, and revisited until the
 * states at node entries stop changing. A lattice of finite height per body (the domains used here are
 * finite sets over the body's own names) guarantees termination; a visit budget guards against a
 * domain that forgets to.
 *
 * @param <S> the state; must implement {@code equals}
 */
public abstract class ForwardAnalysis<S> {
  /** Visits per node before the analysis gives up widening and keeps what it has. */
  private static final int MAX_VISITS_PER_NODE = 50;

  /** Joins two non-null states (the least upper bound of the domain). */
  protected abstract S join(S a, S b);

  /** The state after {@code node} given the state before it. */
  protected abstract S transfer(Node node, S in);

  /** The state that flows along {@code edge} out of {@code from}; by default unchanged. */
  protected S onEdge(Node from, Node.Edge edge, S out) {
    return out;
  }

  /** Runs the analysis from {@code initial} at the entry; returns the state BEFORE each node. */
  public final Map<Node, S> run(Cfg cfg, S initial) {
    Map<Node, S> in = new HashMap<>();
    Map<Integer, Integer> order = new HashMap<>();
    int i = 0;
    for (Node n : cfg.reversePostOrder()) {
      order.put(n.id(), i++);
    }
    in.put(cfg.entry(), initial);
    java.util.TreeSet<Integer> queued = new java.util.TreeSet<>();
    Node[] byOrder = cfg.reversePostOrder().toArray(new Node[0]);
    queued.add(0);
    int[] visits = new int[cfg.nodes().size()];
    while (!queued.isEmpty()) {
      Node n = byOrder[queued.pollFirst()];
      if (++visits[n.id()] > MAX_VISITS_PER_NODE) {
        continue;
      }
      S out = transfer(n, in.get(n));
      for (Node.Edge e : n.successors()) {
        S flowing = onEdge(n, e, out);
        if (flowing == null) {
          continue;
        }
        S old = in.get(e.target());
        S merged = old == null ? flowing : join(old, flowing);
        if (!merged.equals(old)) {
          in.put(e.target(), merged);
          Integer o = order.get(e.target().id());
          if (o != null) {
            queued.add(o);
          }
        }
      }
    }
    return in;
  }
}
