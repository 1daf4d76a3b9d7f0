package dev.shareguard.core.dataflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shareguard.core.cfg.Cfg;
import dev.shareguard.core.cfg.CfgBuilder;
import dev.shareguard.core.cfg.Node;
import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.MethodTarget;
import dev.shareguard.core.ir.Pos;
import dev.shareguard.core.ir.Stmt;
import dev.shareguard.core.ir.TypeRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The worklist analysis and the map of states it returns (kept by node id, read as a map). */
class ForwardAnalysisTest {
  private static final TypeRef STRING = TypeRef.of("java.lang.String");

  /** Counts the nodes met on the longest path to each node (a join of maxima). */
  private static final class Depth extends ForwardAnalysis<Integer> {
    @Override
    protected Integer join(Integer a, Integer b) {
      return Math.max(a, b);
    }

    @Override
    protected Integer transfer(Node node, Integer in) {
      return in + 1;
    }
  }

  private static Stmt call(int line, String name) {
    Expr.Call c = new Expr.Call(new Pos(line, 5), STRING, null,
        new MethodTarget(null, name, List.of(), 0, STRING, false, false, true), List.of());
    return new Stmt.ExprStmt(c.pos(), c);
  }

  private static Cfg straightLine() {
    return CfgBuilder.build(new Stmt.Block(new Pos(1, 1),
        List.of(call(2, "first"), call(3, "second"), call(4, "third"))));
  }

  @Test
  void statesBeforeEachNodeAreReadByNode() {
    Cfg cfg = straightLine();
    Map<Node, Integer> in = new Depth().run(cfg, 0);
    assertEquals(0, in.get(cfg.entry()));
    // The fixpoint: along every edge the state grows by the node's one step.
    int reached = 0;
    for (Node n : cfg.nodes()) {
      Integer before = in.get(n);
      if (before == null) {
        continue;
      }
      reached++;
      for (Node.Edge e : n.successors()) {
        assertTrue(in.get(e.target()) >= before + 1, n.id() + " -> " + e.target().id());
      }
    }
    // Entry, three calls, exit: each call's node is reached, and so is the normal exit.
    assertTrue(reached >= 5, "reached " + reached);
    assertTrue(in.get(cfg.exit()) >= 4);
  }

  @Test
  void nodesOfAnotherGraphHaveNoState() {
    Cfg cfg = straightLine();
    Map<Node, Integer> in = new Depth().run(cfg, 0);
    // Each graph has its own nodes, with the same ids: a node of another graph is not a key.
    Cfg other = straightLine();
    assertNull(in.get(other.entry()));
    assertFalse(in.containsKey(other.exit()));
    assertNull(in.get("not a node"));
  }

  @Test
  void theEntriesAreTheReachedNodesInIdOrder() {
    Cfg cfg = straightLine();
    Map<Node, Integer> in = new Depth().run(cfg, 0);
    List<Integer> ids = new ArrayList<>();
    in.forEach((n, s) -> ids.add(n.id()));
    List<Integer> sorted = new ArrayList<>(ids);
    sorted.sort(null);
    assertEquals(sorted, ids);
    assertEquals(in.size(), ids.size());
    for (Node n : cfg.nodes()) {
      assertEquals(in.get(n) != null, ids.contains(n.id()));
    }
  }
}
