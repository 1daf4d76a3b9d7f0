package dev.shareguard.core.cfg;

import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.Pos;
import dev.shareguard.core.ir.Stmt;
import java.util.ArrayList;
import java.util.List;

/**
 * One step of a method body: an effectful expression evaluated after its sub-expressions, a local
 * declaration, one iteration step, a monitor enter/exit, or a branch. A {@code finally} block is
 * copied onto each path that leaves its {@code try}, so one source construct may own several nodes.
 */
public final class Node {
  /** What the node does. */
  public enum Kind {
    ENTRY,
    EXIT,
    /** Leaving the body by an exception. */
    EXCEPTIONAL_EXIT,
    /** Evaluate {@link #expr} itself (its sub-expressions already ran): call, new, field read… */
    EXPR,
    /** Declare and initialize a local ({@link #stmt} is a {@link Stmt.LocalVar}). */
    DECL,
    /** Read the iterable of a for-each ({@link #stmt} is the {@link Stmt.ForEach}). */
    ITER_START,
    /** Bind the next element of a for-each to its variable. */
    ITER_NEXT,
    MONITOR_ENTER,
    MONITOR_EXIT,
    /** Branch on {@link #expr} (may be null for a non-deterministic branch). */
    BRANCH,
    /** A join or dispatch point with no effect. */
    NOP
  }

  /** How control reaches a successor. */
  public enum EdgeKind {
    NORMAL,
    TRUE,
    FALSE,
    EXCEPTION
  }

  /** An edge to {@code target}. */
  public record Edge(Node target, EdgeKind kind) {}

  private final int id;
  private final Kind kind;
  private final Expr expr;
  private final Stmt stmt;
  private final List<Integer> loops;
  private final List<Edge> successors = new ArrayList<>();

  Node(int id, Kind kind, Expr expr, Stmt stmt, List<Integer> loops) {
    this.id = id;
    this.kind = kind;
    this.expr = expr;
    this.stmt = stmt;
    this.loops = List.copyOf(loops);
  }

  public int id() {
    return id;
  }

  public Kind kind() {
    return kind;
  }

  public Expr expr() {
    return expr;
  }

  public Stmt stmt() {
    return stmt;
  }

  /** Ids of the loops enclosing this node, outermost first. */
  public List<Integer> loops() {
    return loops;
  }

  public List<Edge> successors() {
    return successors;
  }

  void addSuccessor(Node target, EdgeKind kind) {
    successors.add(new Edge(target, kind));
  }

  public Pos pos() {
    if (expr != null) {
      return expr.pos();
    }
    return stmt != null ? stmt.pos() : Pos.UNKNOWN;
  }

  @Override
  public String toString() {
    return id + ":" + kind + (expr != null ? " " + dev.shareguard.core.ir.IrPrinter.expr(expr) : "");
  }
}
