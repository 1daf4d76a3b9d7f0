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
    int size = nodes.size();
    Node[] post = new Node[size];
    int posts = 0;
    boolean[] seen = new boolean[size];
    // Iterative DFS: bodies can be long, recursion could overflow. Each node is pushed at most
    // once, so arrays of the node count hold the stack and each entry's next successor.
    Node[] stack = new Node[size];
    int[] next = new int[size];
    int top = 0;
    stack[0] = entry;
    seen[entry.id()] = true;
    while (top >= 0) {
      Node n = stack[top];
      List<Node.Edge> successors = n.successors();
      int i = next[top];
      if (i < successors.size()) {
        next[top] = i + 1;
        Node s = successors.get(i).target();
        if (!seen[s.id()]) {
          seen[s.id()] = true;
          top++;
          stack[top] = s;
          next[top] = 0;
        }
      } else {
        post[posts++] = n;
        top--;
      }
    }
    List<Node> out = new ArrayList<>(posts);
    for (int i = posts - 1; i >= 0; i--) {
      out.add(post[i]);
    }
    return Collections.unmodifiableList(out);
  }
}
