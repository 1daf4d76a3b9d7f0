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
    int republished;
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

    /**
     * The field is given new values that were built elsewhere (a local, a copy constructor): the
     * copy-on-write pattern, where the field publishes snapshots that are never changed in place.
     */
    public boolean republished() {
      return republished > 0;
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
          if (f.initializer() instanceof Expr.New n && models.isPublishingHolder(n.type().name())
              && n.args().size() == 1) {
            // new AtomicReference<>(initial) publishes its first snapshot.
            record(c.id(), f.name() + "[*]", n.args().get(0));
          }
        }
      }
      for (MethodDecl m : c.methods()) {
        if (m.body() != null) {
          Map<String, Expr> locals = localInitializers(m.body());
          IrWalker.forEachExpr(
              m.body(),
              e -> {
                if (e instanceof Expr.Assign a
                    && a.target() instanceof Expr.FieldAccess fa
                    && fa.ownerClass() != null) {
                  record(fa.ownerClass(), fa.name(), a.value());
                } else if (e instanceof Expr.Call call) {
                  recordMapValue(call, locals);
                }
              });
        }
      }
    }
  }

  /**
   * Values put into a map field ({@code put}, {@code putIfAbsent}, what a {@code computeIfAbsent}
   * function returns) are summed as the pseudo-field {@code name[*]}: a map declared {@code Map<K,
   * List<V>>} whose lists are all {@code CopyOnWriteArrayList}s holds thread-safe values.
   */
  /**
   * Locals of a body that are only ever given one value (their initializer, or one assignment):
   * enough to see that {@code set = ConcurrentHashMap.newKeySet(); map.putIfAbsent(k, set)} puts a
   * thread-safe set.
   */
  /**
   * Values that are not new: read out of a map ({@code get…}, {@code putIfAbsent}), copied from
   * another local, or a literal ({@code null}). A local given one new value besides these holds
   * that value whenever it is new.
   */
  private static boolean isRead(Expr e) {
    return e instanceof Expr.Call c && c.receiver() != null
            && (c.target().name().startsWith("get") || c.target().name().equals("putIfAbsent"))
        || e instanceof Expr.Literal
        || e instanceof Expr.LocalRef;
  }

  private static Map<String, Expr> localInitializers(dev.shareguard.core.ir.Stmt.Block body) {
    Map<String, Expr> one = new HashMap<>();
    Map<String, Integer> count = new HashMap<>();
    java.util.function.BiConsumer<String, Expr> note = (name, value) -> {
      if (isRead(value)) {
        return;
      }
      count.merge(name, 1, Integer::sum);
      one.put(name, value);
    };
    collectLocals(body, note);
    IrWalker.forEachExpr(body, e -> {
      if (e instanceof Expr.Assign a && a.target() instanceof Expr.LocalRef l) {
        note.accept(l.name(), a.value());
      }
    });
    one.keySet().removeIf(k -> count.get(k) != 1 || one.get(k) == null);
    return one;
  }

  private static void collectLocals(
      dev.shareguard.core.ir.Stmt s, java.util.function.BiConsumer<String, Expr> note) {
    if (s instanceof dev.shareguard.core.ir.Stmt.LocalVar v) {
      if (v.init() != null) {
        note.accept(v.name(), v.init());
      }
    } else if (s instanceof dev.shareguard.core.ir.Stmt.Block b) {
      b.stmts().forEach(x -> collectLocals(x, note));
    } else if (s instanceof dev.shareguard.core.ir.Stmt.If i) {
      collectLocals(i.then(), note);
      if (i.orElse() != null) {
        collectLocals(i.orElse(), note);
      }
    } else if (s instanceof dev.shareguard.core.ir.Stmt.Try t) {
      collectLocals(t.body(), note);
    } else if (s instanceof dev.shareguard.core.ir.Stmt.Synchronized y) {
      collectLocals(y.body(), note);
    } else if (s instanceof dev.shareguard.core.ir.Stmt.While w) {
      collectLocals(w.body(), note);
    } else if (s instanceof dev.shareguard.core.ir.Stmt.For f) {
      collectLocals(f.body(), note);
    } else if (s instanceof dev.shareguard.core.ir.Stmt.ForEach f) {
      collectLocals(f.body(), note);
    }
  }

  private void recordMapValue(Expr.Call call, Map<String, Expr> locals) {
    if (!(call.receiver() instanceof Expr.FieldAccess fa) || fa.ownerClass() == null) {
      return;
    }
    if (models.isPublishingHolder(call.receiver().type().name())) {
      int arg = LibraryModels.publishedArgument(call.target().name(), call.args().size());
      if (arg >= 0) {
        Expr v = call.args().get(arg);
        if (v instanceof Expr.LocalRef l && locals.containsKey(l.name())) {
          v = locals.get(l.name());
        }
        record(fa.ownerClass(), fa.name() + "[*]", v);
      }
      return;
    }
    if (!models.isMap(call.receiver().type().name())) {
      return;
    }
    String name = call.target().name();
    Expr value = null;
    if ((name.equals("put") || name.equals("putIfAbsent")) && call.args().size() == 2) {
      value = call.args().get(1);
    } else if (name.equals("computeIfAbsent") && call.args().size() == 2
        && call.args().get(1) instanceof Expr.Lambda l
        && l.body().stmts().size() == 1
        && l.body().stmts().get(0) instanceof dev.shareguard.core.ir.Stmt.Return r) {
      value = r.expr();
    }
    if (value instanceof Expr.LocalRef l && locals.containsKey(l.name())) {
      value = locals.get(l.name());
    }
    if (value != null) {
      record(fa.ownerClass(), fa.name() + "[*]", value);
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
    if (value instanceof Expr.LocalRef
        || (value instanceof Expr.New n && !n.args().isEmpty()
            && models.isContainer(n.type().name())
            && models.isContainer(n.args().get(0).type().name()))) {
      f.republished++;
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
      if (owner2.equals("java.util.Collections") && name.equals("newSetFromMap")
          && c.args().size() == 1 && c.args().get(0) instanceof Expr.New inner
          && models.isThreadSafeContainer(inner.type().name())) {
        // A set view of a concurrent map is as thread-safe as the map.
        f.threadSafe++;
        return;
      }
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
