package dev.shareguard.core.dataflow;

import dev.shareguard.core.cfg.Cfg;
import dev.shareguard.core.cfg.Node;
import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A forward worklist analysis over a {@link Cfg}. States are immutable values; {@code null} is
 * bottom (not reached). The worklist is ordered by reverse post-order (a bit set of RPO indices,
 * the smallest taken first), so a node is visited after its predecessors where possible, and
 * revisited until the states at node entries stop changing. A lattice of finite height per body
 * (the domains used here are finite sets over the body's own names) guarantees termination; a
 * visit budget guards against a domain that forgets to.
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

  /**
   * The state that flows along {@code edge} out of {@code from}, given the states before
   * ({@code before}) and after ({@code out}) it; by default {@link #onEdge(Node, Node.Edge,
   * Object)}. An analysis whose node can fail before its effect (a lock that is not taken when
   * taking it throws) overrides this one to send the state before along an exception edge.
   */
  protected S onEdge(Node from, Node.Edge edge, S before, S out) {
    return onEdge(from, edge, out);
  }

  /** Runs the analysis from {@code initial} at the entry; returns the state BEFORE each node. */
  public final Map<Node, S> run(Cfg cfg, S initial) {
    // Node ids are dense (0 .. nodes-1): the states are kept in an array by id, not a hash map
    // keyed by node (an identity hash per lookup, two lookups per edge visited).
    NodeStates<S> in = new NodeStates<>(cfg.nodes());
    // -1 marks a node the entry does not reach.
    int[] order = new int[in.nodes.length];
    java.util.Arrays.fill(order, -1);
    Node[] byOrder = cfg.reversePostOrder().toArray(new Node[0]);
    for (int i = 0; i < byOrder.length; i++) {
      order[byOrder[i].id()] = i;
    }
    in.states[cfg.entry().id()] = initial;
    // The worklist: RPO indices of the queued nodes, the smallest visited first.
    java.util.BitSet queued = new java.util.BitSet(byOrder.length);
    queued.set(0);
    int[] visits = new int[order.length];
    for (int q = queued.nextSetBit(0); q >= 0; q = queued.nextSetBit(0)) {
      queued.clear(q);
      Node n = byOrder[q];
      if (++visits[n.id()] > MAX_VISITS_PER_NODE) {
        continue;
      }
      S before = in.state(n.id());
      S out = transfer(n, before);
      List<Node.Edge> successors = n.successors();
      for (int k = 0, size = successors.size(); k < size; k++) {
        Node.Edge e = successors.get(k);
        S flowing = onEdge(n, e, before, out);
        if (flowing == null) {
          continue;
        }
        int target = e.target().id();
        S old = in.state(target);
        S merged = old == null ? flowing : join(old, flowing);
        if (!merged.equals(old)) {
          in.states[target] = merged;
          int o = order[target];
          if (o >= 0) {
            queued.set(o);
          }
        }
      }
    }
    return in;
  }

  /**
   * The states before the nodes of one graph, by node id, seen as a map from node to state
   * (absent: not reached). Read only once the analysis returns it.
   */
  private static final class NodeStates<S> extends AbstractMap<Node, S> {
    final Node[] nodes;
    final Object[] states;

    NodeStates(List<Node> graph) {
      nodes = new Node[graph.size()];
      for (Node n : graph) {
        nodes[n.id()] = n;
      }
      states = new Object[nodes.length];
    }

    @SuppressWarnings("unchecked")
    S state(int id) {
      return (S) states[id];
    }

    /** The id of {@code key} when it is a node of this graph, else -1. */
    private int idOf(Object key) {
      if (key instanceof Node n) {
        int id = n.id();
        if (id >= 0 && id < nodes.length && nodes[id] == n) {
          return id;
        }
      }
      return -1;
    }

    @Override
    public S get(Object key) {
      int id = idOf(key);
      return id < 0 ? null : state(id);
    }

    @Override
    public boolean containsKey(Object key) {
      return get(key) != null;
    }

    @Override
    public Set<Map.Entry<Node, S>> entrySet() {
      // In node id order; built on demand (the analyses here only look states up).
      Map<Node, S> out = new LinkedHashMap<>();
      for (int id = 0; id < nodes.length; id++) {
        if (states[id] != null) {
          out.put(nodes[id], state(id));
        }
      }
      return java.util.Collections.unmodifiableMap(out).entrySet();
    }
  }
}
