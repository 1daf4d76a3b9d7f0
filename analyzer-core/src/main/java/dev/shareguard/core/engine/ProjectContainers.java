package dev.shareguard.core.engine;

import dev.shareguard.core.ir.ClassDecl;
import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.FieldDecl;
import dev.shareguard.core.ir.MethodDecl;
import dev.shareguard.core.ir.Stmt;
import dev.shareguard.core.model.LibraryModels;
import java.util.HashMap;
import java.util.List;
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
    result |= c != null && locksItself(c);
    answers.put(type, result);
    return result;
  }

  /** Methods that hand out a live view of a container, not a copy. */
  private static final Set<String> VIEWS = Set.of("iterator", "listIterator", "spliterator",
      "subList", "keySet", "values", "entrySet", "stream", "parallelStream",
      "descendingIterator", "descendingMap", "descendingKeySet", "navigableKeySet", "headMap",
      "tailMap", "subMap", "headSet", "tailSet", "subSet");

  /**
   * Whether container class {@code c} (a {@code Collection} or {@code Map} of its own, below no
   * library class) guards all its state with its own lock, as a synchronized wrapper does: every
   * instance field is final (or set only while an object is built); every instance method that
   * touches a field other than a lock, or calls another method of its own, does all of that
   * inside one region of a lock of the object ({@code synchronized} on the method, on {@code
   * this} or on a field, or {@code l.lock(); try { … } finally { l.unlock(); }} with {@code l} a
   * lock field, or its {@code readLock()}/{@code writeLock()}); and no method returns a field or
   * a live view of one ({@code list.iterator()}, {@code map.keySet()}): each call is then atomic
   * and nothing escapes it, so the class is as thread-safe as a concurrent container (a project's
   * locking list that copies for iteration).
   */
  private boolean locksItself(ClassDecl c) {
    if (c.superclass() != null && !"java.lang.Object".equals(c.superclass().name())) {
      return false;
    }
    Set<String> state = new java.util.HashSet<>();
    for (FieldDecl fd : c.fields()) {
      if (fd.isStatic()) {
        continue;
      }
      if (!fd.isFinal() && !effectivelyFinal(c, fd)) {
        return false;
      }
      if (fd.type() == null || fd.type().name() == null
          || !fd.type().name().startsWith("java.util.concurrent.locks.")) {
        state.add(fd.name());
      }
    }
    if (state.isEmpty()) {
      return false;
    }
    for (MethodDecl m : c.methods()) {
      if (m.isStatic() || m.body() == null || m.isConstructor() || m.isInitializer()) {
        continue;
      }
      if (handsOutState(m.body(), state)) {
        return false;
      }
      if (m.isSynchronized()) {
        continue;
      }
      boolean inRegion = false;
      List<Stmt> stmts = m.body().stmts();
      for (int i = 0; i < stmts.size(); i++) {
        Stmt st = stmts.get(i);
        if (st instanceof Stmt.Synchronized sy && ownMonitor(sy.monitor(), c)) {
          inRegion = true;
          continue;
        }
        if (st instanceof Stmt.ExprStmt es && lockCall(es.expr(), LibraryModels.LockOp.ACQUIRE, c)
            && i + 1 < stmts.size() && stmts.get(i + 1) instanceof Stmt.Try t
            && t.finallyBlock() != null && releases(t.finallyBlock(), c)) {
          inRegion = true;
          i++;
          continue;
        }
        if (touches(st, state, c)) {
          return false;
        }
      }
      if (!inRegion && touches(m.body(), state, c)) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code body} returns one of the {@code state} fields or a live view of one. */
  private static boolean handsOutState(Stmt body, Set<String> state) {
    boolean[] out = {false};
    IrWalker.forEachStmt(body, st -> {
      if (st instanceof Stmt.Return r && r.expr() != null) {
        Expr e = r.expr();
        out[0] |= ownField(e, state)
            || e instanceof Expr.Call call && ownField(call.receiver(), state)
                && VIEWS.contains(call.target().name());
      }
    });
    return out[0];
  }

  /** Whether {@code s} reads or writes a {@code state} field or calls a method of the object. */
  private static boolean touches(Stmt s, Set<String> state, ClassDecl c) {
    boolean[] out = {false};
    IrWalker.forEachExprOutsideLambdas(s, e -> out[0] |= ownField(e, state)
        || e instanceof Expr.Call call
            && (call.receiver() == null || call.receiver() instanceof Expr.ThisRef)
            && !call.target().isStatic());
    return out[0];
  }

  private static boolean ownField(Expr e, Set<String> state) {
    return e instanceof Expr.FieldAccess f && !f.isStatic() && state.contains(f.name())
        && (f.receiver() == null || f.receiver() instanceof Expr.ThisRef);
  }

  /** {@code this}, or a final field of the object, as a monitor. */
  private static boolean ownMonitor(Expr e, ClassDecl c) {
    return e instanceof Expr.ThisRef
        || e instanceof Expr.FieldAccess f && !f.isStatic()
            && (f.receiver() == null || f.receiver() instanceof Expr.ThisRef)
            && c.fields().stream().anyMatch(fd -> fd.name().equals(f.name()) && fd.isFinal());
  }

  /**
   * Whether {@code e} is a lock call of kind {@code op} (by the lock model: {@code lock()},
   * {@code unlock()}…) on a lock field of the object, or on that field's read or write view.
   */
  private boolean lockCall(Expr e, LibraryModels.LockOp op, ClassDecl c) {
    if (!(e instanceof Expr.Call call) || call.receiver() == null
        || call.receiver().type() == null
        || models.lockOp(call.receiver().type().name(), call.target().name()) != op) {
      return false;
    }
    Expr l = call.receiver();
    if (l instanceof Expr.Call view && view.receiver() != null && view.receiver().type() != null) {
      LibraryModels.LockOp v = models.lockOp(view.receiver().type().name(), view.target().name());
      if (v == LibraryModels.LockOp.READ_VIEW || v == LibraryModels.LockOp.WRITE_VIEW) {
        l = view.receiver();
      }
    }
    return l instanceof Expr.FieldAccess f && !f.isStatic()
        && (f.receiver() == null || f.receiver() instanceof Expr.ThisRef)
        && c.fields().stream().anyMatch(fd -> fd.name().equals(f.name()));
  }

  /** Whether block {@code b} unlocks a lock of the object. */
  private boolean releases(Stmt b, ClassDecl c) {
    boolean[] out = {false};
    IrWalker.forEachExprOutsideLambdas(
        b, e -> out[0] |= lockCall(e, LibraryModels.LockOp.RELEASE, c));
    return out[0];
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
