package dev.shareguard.core.engine;

import dev.shareguard.core.ir.Pos;
import java.util.Comparator;
import java.util.Objects;

/**
 * Where an object was made: the body and position of its allocation, and the walk activation
 * that ran it ({@code null} in the body's own result, set when a walk binds the body's values
 * into its frame, see {@link FrameBinding}). Objects of two activations are two objects; memo
 * keys leave the activation out ({@link WalkMemo}). Record equality; ordered by body, position,
 * then activation.
 *
 * <p>{@code equals} and {@code hashCode} are written out, the same as the generated ones, for the
 * reason {@link AbsVal} gives.
 */
public record AllocSite(String bodyId, Pos pos, Integer activation)
    implements Comparable<AllocSite> {
  @Override
  public boolean equals(Object o) {
    return o == this
        || o instanceof AllocSite v
            && Objects.equals(bodyId, v.bodyId)
            && Objects.equals(pos, v.pos)
            && Objects.equals(activation, v.activation);
  }

  @Override
  public int hashCode() {
    int h = Objects.hashCode(bodyId);
    h = 31 * h + Objects.hashCode(pos);
    h = 31 * h + Objects.hashCode(activation);
    return h;
  }


  private static final Comparator<AllocSite> ORDER =
      Comparator.comparing(AllocSite::bodyId)
          .thenComparing(AllocSite::pos)
          .thenComparing(AllocSite::activation, Comparator.nullsFirst(Comparator.naturalOrder()));

  /** The site of an allocation in body {@code bodyId}, not yet bound to a walk. */
  public static AllocSite of(String bodyId, Pos pos) {
    return new AllocSite(bodyId, pos, null);
  }

  /** Whether this is an allocation of body {@code bodyId} not yet bound to a walk. */
  public boolean unboundIn(String bodyId) {
    return activation == null && this.bodyId.equals(bodyId);
  }

  /** This site as made by walk activation {@code n}. */
  public AllocSite inActivation(int n) {
    return new AllocSite(bodyId, pos, n);
  }

  /** This site with no activation (for memo keys). */
  public AllocSite withoutActivation() {
    return activation == null ? this : new AllocSite(bodyId, pos, null);
  }

  @Override
  public int compareTo(AllocSite o) {
    return ORDER.compare(this, o);
  }
}
