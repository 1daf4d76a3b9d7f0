package dev.shareguard.core.cfg;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The control-flow graph of one body (method, initializer or lambda). */
public final class Cfg {
  private final List<Node> nodes;
  private final Node entry;
  private final Node exit;
  private final Node exceptionalExit;
  private final List<Node> reversePostOrder;

  Cfg(List<Node> nodes, Node entry, Node exit, Node exceptionalExit) {
    this.nodes = List.copyOf(nodes);
    this.entry = entry;
    this.exit = exit;
    this.exceptionalExit = exceptionalExit;
    this.reversePostOrder = computeReversePostOrder();
  }

  public List<Node> nodes() {
    return nodes;
  }

  public Node entry() {
    return entry;
  }

  public Node exit() {
    return exit;
  }

  public Node exceptionalExit() {
    return exceptionalExit;
  }

  /** Nodes reachable from the entry in reverse post-order: the best order for forward analyses. */
  public List<Node> reversePostOrder() {
    return reversePostOrder;
  }

  private List<Node> computeReversePostOrder() {
    List<Node> post = new ArrayList<>();
    boolean[] seen = new boolean[nodes.size()];
    // Iterative DFS: bodies can be long, recursion could overflow.
    ArrayList<Node> stack = new ArrayList<>();
    ArrayList<Integer> next = new ArrayList<>();
    stack.add(entry);
    next.add(0);
    seen[entry.id()] = true;
    while (!stack.isEmpty()) {
      int top = stack.size() - 1;
      Node n = stack.get(top);
      int i = next.get(top);
      if (i < n.successors().size()) {
        next.set(top, i + 1);
        Node s = n.successors().get(i).target();
        if (!seen[s.id()]) {
          seen[s.id()] = true;
          stack.add(s);
          next.add(0);
        }
      } else {
        post.add(n);
        stack.remove(top);
        next.remove(top);
      }
    }
    Collections.reverse(post);
    return Collections.unmodifiableList(post);
  }
}
