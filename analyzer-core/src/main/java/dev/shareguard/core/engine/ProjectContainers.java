package dev.shareguard.core.engine;

import dev.shareguard.core.ir.ClassDecl;
import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.FieldDecl;
import dev.shareguard.core.model.LibraryModels;
import java.util.HashMap;
import java.util.Map;

/**
 * Project container classes inferred thread-safe (see {@link #threadSafe}), answered once per
 * class.
 */
final class ProjectContainers {
  private final ProgramIndex index;
  private final LibraryModels models;

  /** The answer for each class asked about. */
  private final Map<String, Boolean> answers = new HashMap<>();

  ProjectContainers(ProgramIndex index, LibraryModels models) {
    this.index = index;
    this.models = models;
  }

  /**
   * Whether {@code type} is an analysed container class (a {@code Collection} or a {@code Map})
   * that keeps all its state in thread-safe containers: every instance field, its own and its
   * analysed superclasses', is final and declared as or made as a thread-safe container. Its
   * methods can only hand their work to those, so it is as thread-safe as they are (a set backed
   * by a {@code ConcurrentHashMap}): a project class inferred thread-safe.
   */
  boolean threadSafe(String type) {
    Boolean known = answers.get(type);
    if (known != null) {
      return known;
    }
    answers.put(type, false);
    ClassDecl c = index.classById(type);
    boolean result = c != null
        && (index.hierarchy().isSubtype(type, "java.util.Collection")
            || index.hierarchy().isSubtype(type, "java.util.Map"));
    int fields = 0;
    int guard = 0;
    for (ClassDecl k = c; result && k != null && guard++ < 16;
        k = k.superclass() == null ? null : index.classById(k.superclass().name())) {
      for (FieldDecl fd : k.fields()) {
        if (fd.isStatic()) {
          continue;
        }
        fields++;
        result &= fd.isFinal()
            && (models.isThreadSafeContainer(fd.type().erasure())
                || fd.initializer() instanceof Expr.New n
                    && models.isThreadSafeContainer(n.type().name()));
      }
    }
    result &= fields > 0;
    answers.put(type, result);
    return result;
  }
}
