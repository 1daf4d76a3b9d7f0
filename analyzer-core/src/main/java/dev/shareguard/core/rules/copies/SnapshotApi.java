package dev.shareguard.core.rules.copies;

import dev.shareguard.core.copies.CopyFacts;
import dev.shareguard.core.engine.ProgramIndex;
import dev.shareguard.core.ir.ClassDecl;
import dev.shareguard.core.ir.MethodDecl;
import dev.shareguard.core.ir.Modifier;
import dev.shareguard.core.model.CopyModels;

/**
 * Which methods hand out what they return as a snapshot to other threads (the public API of a
 * class written for concurrent use), for {@link UnmodifiableViewAsSnapshot} and {@link
 * ShallowCopyMutation}.
 */
final class SnapshotApi {
  private SnapshotApi() {}

  /**
   * Whether what {@code body} returns is handed out as a snapshot: it is a public method of a
   * public class written for concurrent use, so its callers read the result on their own threads.
   */
  static boolean handsOutSnapshots(CopyFacts copies, ProgramIndex.Body body) {
    MethodDecl m = body.isLambda() ? null : body.method();
    return m != null && m.isPublic() && isPublicApi(copies, body.owner())
        && copies.intent().classExpectsConcurrency(body.owner().id());
  }

  /**
   * Whether {@code body} is a map's {@code entrySet()}, {@code keySet()} or {@code values()}: the
   * {@code Map} contract makes these live views of the map, so what they return is no snapshot
   * whatever the class promises about threads.
   */
  static boolean contractViewMethod(
      CopyFacts copies, ProgramIndex.Body body) {
    MethodDecl m = body.isLambda() ? null : body.method();
    return m != null && m.params().isEmpty() && CopyModels.isMapView(m.name())
        && copies.index().hierarchy().isSubtype(body.owner().id(), "java.util.Map");
  }

  /** Whether callers outside the package can reach {@code c}: it and its enclosers are public. */
  static boolean isPublicApi(CopyFacts copies, ClassDecl c) {
    int guard = 0;
    while (c != null && guard++ < 16) {
      if (!c.modifiers().contains(Modifier.PUBLIC)
          && c.kind() != ClassDecl.Kind.INTERFACE) {
        return false;
      }
      c = copies.index().classById(c.enclosingClassId());
    }
    return true;
  }
}
