package dev.shareguard.core.engine;

import dev.shareguard.core.ir.ClassDecl;
import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.FieldDecl;
import dev.shareguard.core.model.LibraryModels;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Project container classes inferred thread-safe (see {@link #threadSafe}), answered once per
 * class.
 */
final class ProjectContainers {
  private final ProgramIndex index;
  private final LibraryModels models;
  /**
   * The classes of every object analysed code stores in a field (owner, name), or null when
   * unknown: see {@link FieldFacts#storedClasses(String, String)}.
   */
  private final BiFunction<String, String, Set<String>> storedClasses;

  /** The answer for each class asked about. */
  private final Map<String, Boolean> answers = new HashMap<>();

  ProjectContainers(
      ProgramIndex index,
      LibraryModels models,
      BiFunction<String, String, Set<String>> storedClasses) {
    this.index = index;
    this.models = models;
    this.storedClasses = storedClasses;
  }

  /**
   * Whether {@code type} is an analysed container class (a {@code Collection} or a {@code Map})
   * that keeps all its state in thread-safe containers: every instance field, its own and its
   * analysed superclasses', is final (or private and set only while an object is built) and
   * declared as, made as, or only ever given (every store
   * analysed code makes, through constructor parameters too: {@code super(new
   * ConcurrentHashMap<>())}) a thread-safe container. Its methods can only hand their work to
   * those, so it is as thread-safe as they are (a set backed by a {@code ConcurrentHashMap}): a
   * project class inferred thread-safe.
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
        result &= (fd.isFinal() || effectivelyFinal(k, fd))
            && (models.isThreadSafeContainer(fd.type().erasure())
                || fd.initializer() instanceof Expr.New n
                    && models.isThreadSafeContainer(n.type().name())
                || onlyGivenThreadSafe(k.id(), fd.name()));
      }
    }
    result &= fields > 0;
    answers.put(type, result);
    return result;
  }

  /**
   * Whether field {@code fd} of {@code owner}, not declared final, is given values only while an
   * object is built: it is private, and no code of its class or the classes nested in it assigns
   * it outside constructors and initializer blocks ({@code private transient ConcurrentHashMap
   * map;} set by each constructor).
   */
  private boolean effectivelyFinal(ClassDecl owner, FieldDecl fd) {
    if (!fd.modifiers().contains(dev.shareguard.core.ir.Modifier.PRIVATE)) {
      return false;
    }
    boolean[] assigned = {false};
    for (ClassDecl c : index.withNested(owner)) {
      for (dev.shareguard.core.ir.MethodDecl m : c.methods()) {
        if (m.body() == null || (c == owner && m.isInitializer()) || assigned[0]) {
          continue;
        }
        IrWalker.forEachExpr(m.body(), e -> {
          Expr target = IrWalker.writtenTarget(e);
          assigned[0] |= target instanceof Expr.FieldAccess f && f.name().equals(fd.name())
              && (f.ownerClass() == null || f.ownerClass().equals(owner.id()));
        });
      }
    }
    return !assigned[0];
  }

  /**
   * Whether every object analysed code stores in the field is a thread-safe container (a library
   * one, or a project class inferred so).
   */
  private boolean onlyGivenThreadSafe(String owner, String name) {
    Set<String> stored = storedClasses.apply(owner, name);
    if (stored == null || stored.isEmpty()) {
      return false;
    }
    for (String type : stored) {
      if (!models.isThreadSafeContainer(type) && !threadSafe(type)) {
        return false;
      }
    }
    return true;
  }
}
