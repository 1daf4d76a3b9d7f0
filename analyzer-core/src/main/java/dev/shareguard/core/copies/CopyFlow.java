package dev.shareguard.core.copies;

import dev.shareguard.core.cfg.Node;
import dev.shareguard.core.dataflow.ForwardAnalysis;

/**
 * The copy analysis of one body as a {@link ForwardAnalysis} over {@link CopyState}: the join is
 * {@link CopyState#join}, the transfer {@link BodyCopyAnalysis#transfer}. An exception edge
 * carries no pending sub-expression values (the expression that needed them did not finish).
 */
final class CopyFlow extends ForwardAnalysis<CopyState> {
  private final BodyCopyAnalysis analysis;

  CopyFlow(BodyCopyAnalysis analysis) {
    this.analysis = analysis;
  }

  @Override
  protected CopyState join(CopyState a, CopyState b) {
    return CopyState.join(a, b);
  }

  @Override
  protected CopyState transfer(Node node, CopyState in) {
    return analysis.transfer(node, in);
  }

  @Override
  protected CopyState onEdge(Node from, Node.Edge edge, CopyState out) {
    if (edge.kind() != Node.EdgeKind.EXCEPTION || !out.hasTemps()) {
      return out;
    }
    CopyState s = out.copy();
    s.clearTemps();
    return s;
  }
}
