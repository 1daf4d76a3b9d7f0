package dev.shareguard.core.engine;

import dev.shareguard.core.ir.ClassDecl;
import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.FieldDecl;
import dev.shareguard.core.ir.MethodDecl;
import dev.shareguard.core.model.LibraryModels;
import java.util.HashMap;
import java.util.Map;

/**
 * What every value ever stored in a field is, summed over the program: whether all of them are
 * thread-safe containers, immutable containers, single-thread executors or access-ordered maps.
 * A field declared {@code Map} but only ever assigned {@code new ConcurrentHashMap<>()} is a
 * thread-safe container.
 */
public final class FieldFacts {
  /** What is known about one field's stored values. */
  public static final class Facts {
    int stores;
    int threadSafe;
    int synchronizedWrappers;
    int immutable;
    int singleThreadExecutor;
    boolean accessOrdered;
    /** {@code field.readLock()}/{@code writeLock()} of a sibling read/write lock field. */
    String lockViewOf;
    Boolean lockViewRead;
    int lockViews;
    String lambda;
    int lambdas;

    public boolean allThreadSafe() {
      return stores > 0 && threadSafe == stores;
    }

    /** Every value stored is a {@code Collections.synchronized*} wrapper. */
    public boolean allSynchronizedWrappers() {
      return stores > 0 && synchronizedWrappers == stores;
    }

    public boolean allImmutable() {
      return stores > 0 && immutable == stores;
    }

    public boolean allSingleThreadExecutor() {
      return stores > 0 && singleThreadExecutor == stores;
    }

    public boolean accessOrdered() {
      return accessOrdered;
    }

    /**
     * The sibling field whose read or write lock this field always holds ({@code private final
     * Lock r = rw.readLock();}), or null.
     */
    public String lockViewOf() {
      return stores > 0 && lockViews == stores ? lockViewOf : null;
    }

    /** The one lambda this field ever holds, if that is all it holds; else null. */
    public String onlyLambda() {
      return stores == 1 && lambdas == 1 ? lambda : null;
    }

    public boolean lockViewRead() {
      return Boolean.TRUE.equals(lockViewRead);
    }
  }

  private static final Facts NONE = new Facts();
  private final Map<String, Facts> facts = new HashMap<>();
  private final LibraryModels models;

  public FieldFacts(ProgramIndex index, LibraryModels models) {
    this.models = models;
    for (ClassDecl c : index.classes().values()) {
      for (FieldDecl f : c.fields()) {
        if (f.initializer() != null) {
          record(c.id(), f.name(), f.initializer());
        }
      }
      for (MethodDecl m : c.methods()) {
        if (m.body() != null) {
          IrWalker.forEachExpr(
              m.body(),
              e -> {
                if (e instanceof Expr.Assign a
                    && a.target() instanceof Expr.FieldAccess fa
                    && fa.ownerClass() != null) {
                  record(fa.ownerClass(), fa.name(), a.value());
                }
              });
        }
      }
    }
  }

  /** Facts about field {@code name} declared in {@code owner}. */
  public Facts of(String owner, String name) {
    return facts.getOrDefault(owner + "." + name, NONE);
  }

  private void record(String owner, String field, Expr value) {
    Facts f = facts.computeIfAbsent(owner + "." + field, k -> new Facts());
    f.stores++;
    while (value instanceof Expr.Cast c) {
      value = c.expr();
    }
    if (value instanceof Expr.Lambda l) {
      f.lambda = l.id();
      f.lambdas++;
      return;
    }
    if (value instanceof Expr.Call c
        && c.receiver() instanceof Expr.FieldAccess rw
        && c.args().isEmpty()
        && (c.target().name().equals("readLock") || c.target().name().equals("writeLock")
            || c.target().name().equals("asReadLock") || c.target().name().equals("asWriteLock"))
        && (rw.receiver() == null || rw.receiver() instanceof Expr.ThisRef)) {
      boolean read = c.target().name().toLowerCase(java.util.Locale.ROOT).contains("read");
      if (f.lockViews == 0 || (rw.name().equals(f.lockViewOf) && f.lockViewRead == read)) {
        f.lockViewOf = rw.name();
        f.lockViewRead = read;
        f.lockViews++;
      }
      return;
    }
    String type = null;
    if (value instanceof Expr.New n) {
      type = n.type().name();
      if (type.equals("java.util.LinkedHashMap")
          && n.args().size() == 3
          && n.args().get(2) instanceof Expr.Literal l
          && l.text().equals("true")) {
        f.accessOrdered = true;
      }
    } else if (value instanceof Expr.Call c && c.receiver() == null && c.target().owner() != null) {
      String owner2 = c.target().owner();
      String name = c.target().name();
      if (models.isThreadSafeFactory(owner2, name)) {
        f.threadSafe++;
        if (models.isSynchronizedWrapperFactory(owner2, name)) {
          f.synchronizedWrappers++;
        }
        return;
      }
      if (models.isImmutableFactory(owner2, name)) {
        f.immutable++;
        return;
      }
      if (models.isSingleThreadExecutorFactory(owner2, name)) {
        f.singleThreadExecutor++;
        return;
      }
      type = c.type().name();
      if (models.isImmutableContainer(type)) {
        f.immutable++;
      }
      return;
    } else if (value instanceof Expr.Call c && c.type() != null) {
      // Builders and instance factories: judge by the static type of the result.
      type = c.type().name();
      if (models.isImmutableContainer(type)) {
        f.immutable++;
      } else if (models.isThreadSafeContainer(type)) {
        f.threadSafe++;
      }
      return;
    }
    if (type != null) {
      if (models.isThreadSafeContainer(type)) {
        f.threadSafe++;
      } else if (models.isImmutableContainer(type)) {
        f.immutable++;
      }
    }
  }
}
