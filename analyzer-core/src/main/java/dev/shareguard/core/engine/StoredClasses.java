package dev.shareguard.core.engine;

import dev.shareguard.core.ir.ClassDecl;
import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.MethodDecl;
import dev.shareguard.core.model.LibraryModels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The analysed classes of the fresh objects a field can hold (see {@link #storedClasses}), worked
 * out from every store of the program and every constructor call's arguments, which {@link
 * FieldFacts} notes while it reads the program. Answers are cached per field; a field fed from
 * itself (a child object given its parent's map) holds what its other stores give it.
 */
final class StoredClasses {
  /** A value stored into a field, with the method (null: a field initializer) storing it. */
  record Store(Expr value, MethodDecl method) {}

  /**
   * A constructor call site: its arguments, the method (null: an initializer) making it, and
   * whether it is {@code this(…)}/{@code super(…)} (building the caller's own object).
   */
  record CtorCall(List<Expr> args, MethodDecl method, boolean sameObject) {}

  /**
   * A field by the class that declares it, however a front end named its owner. Equality written
   * out, as {@link AbsVal} explains (so for {@link StoredQuery}).
   */
  private record DeclaredField(String classId, String name) {
    @Override
    public boolean equals(Object o) {
      return o == this
          || o instanceof DeclaredField v
              && Objects.equals(classId, v.classId)
              && Objects.equals(name, v.name);
    }

    @Override
    public int hashCode() {
      int h = Objects.hashCode(classId);
      h = 31 * h + Objects.hashCode(name);
      return h;
    }
  }

  /** A question to {@link #storedClasses}: a field, for any object or one analysed code made. */
  private record StoredQuery(DeclaredField field, boolean made) {
    @Override
    public boolean equals(Object o) {
      return o == this
          || o instanceof StoredQuery v
              && Objects.equals(field, v.field)
              && made == v.made;
    }

    @Override
    public int hashCode() {
      int h = Objects.hashCode(field);
      h = 31 * h + Boolean.hashCode(made);
      return h;
    }
  }

  private final Map<DeclaredField, List<Store>> storesOf = new HashMap<>();
  /** A class's constructors of one arity. */
  private record Constructor(String classId, int arity) {}

  /** Constructor call sites by class and arity; absent: none seen. */
  private final Map<Constructor, List<CtorCall>> ctorCalls = new HashMap<>();
  /** Classes whose constructors are also called in ways the arguments cannot be seen. */
  private final Set<String> openConstructors = new HashSet<>();
  /** Arities of {@code this(…)}/{@code super(…)} calls whose class is not resolved. */
  private final Set<Integer> openArities = new HashSet<>();
  /** Whether some constructor reference's class is not resolved: any constructor may be open. */
  private boolean anyConstructorOpen;
  private final Map<StoredQuery, Set<String>> storedClasses = new HashMap<>();
  private final Set<StoredQuery> computing = new HashSet<>();
  private int cycles;
  private final Set<String> unresolvedStores = new HashSet<>();
  private final ProgramIndex index;
  private final LocalDefs locals;

  StoredClasses(ProgramIndex index, LocalDefs locals) {
    this.index = index;
    this.locals = locals;
  }

  /** Notes a store of {@code value} into field {@code name} of {@code owner} made in {@code m}. */
  void noteStore(String owner, String name, Expr value, MethodDecl m) {
    storesOf.computeIfAbsent(declared(owner, name), k -> new ArrayList<>())
        .add(new Store(value, m));
  }

  /** Notes a store into field {@code name} of a class not resolved: any field so named. */
  void noteUnresolvedStore(String name) {
    unresolvedStores.add(name);
  }

  /**
   * A field by the class that declares it, however a front end named its owner. Equality written
   * out, as {@link AbsVal} explains (so for {@link StoredQuery}).
   */
  private DeclaredField declared(String owner, String name) {
    ClassDecl c = index.fieldOwner(owner, name);
    return new DeclaredField(c == null ? owner : c.id(), name);
  }

  void noteConstructorCall(Expr e, MethodDecl in) {
    if (e instanceof Expr.New n) {
      ctorCalls.computeIfAbsent(new Constructor(n.type().name(), n.args().size()),
              k -> new ArrayList<>())
          .add(new CtorCall(n.args(), in, false));
    } else if (e instanceof Expr.Call c && c.target().name().equals(MethodDecl.CONSTRUCTOR)) {
      // this(…) and super(…): the owner is the class whose constructor runs.
      if (c.target().owner() == null) {
        openArities.add(c.args().size());
      } else {
        ctorCalls.computeIfAbsent(new Constructor(c.target().owner(), c.args().size()),
            k -> new ArrayList<>()).add(new CtorCall(c.args(), in, true));
      }
    } else if (e instanceof Expr.MethodRef r && r.target() != null
        && r.target().name().equals(MethodDecl.CONSTRUCTOR)) {
      // Foo::new: its arguments come from wherever the function is applied.
      openConstructor(r.target().owner());
      openConstructor(r.qualifierType() == null ? null : r.qualifierType().name());
    }
  }

  /**
   * The analysed classes of every object ever stored in field {@code name} of {@code owner}, or
   * null when some stored value is not known to be a fresh object: each store is a {@code new},
   * {@code null}, another such field, a local given only such values, or a constructor parameter
   * every analysed {@code new} passes such values for. A call through the field can only run
   * these classes' code, so it need not dispatch to every subclass of the field's declared type.
   * Lambdas and method references count as no analysed class (no analysed override runs them).
   */
  Set<String> storedClasses(String owner, String name) {
    return storedClasses(owner, name, false);
  }

  /**
   * Like {@link #storedClasses(String, String)}, for the field of an object the analysed code
   * itself made with {@code new}: such an object only ran constructors analysed code calls, so a
   * constructor nothing analysed calls (a public overload for other programs) adds nothing.
   */
  Set<String> storedClassesOfMadeObject(String owner, String name) {
    return storedClasses(owner, name, true);
  }

  private Set<String> storedClasses(String owner, String name, boolean made) {
    if (unresolvedStores.contains(name)) {
      return null;
    }
    DeclaredField field = declared(owner, name);
    StoredQuery key = new StoredQuery(field, made);
    if (storedClasses.containsKey(key)) {
      return storedClasses.get(key);
    }
    if (!computing.add(key)) {
      // A field fed (through constructors, getters) from itself: that flow only carries values
      // the field's other stores give it, so it adds none (the least solution); the answer is
      // the outermost question's, once every other store is counted.
      cycles++;
      return Set.of();
    }
    int cyclesBefore = cycles;
    Set<String> out = new TreeSet<>();
    List<Store> stores = storesOf.getOrDefault(field, List.of());
    if (stores.isEmpty()) {
      out = null;
    }
    for (int i = 0; out != null && i < stores.size(); i++) {
      Set<String> more = classesOf(stores.get(i).value(), stores.get(i).method(), 0, made);
      if (more == null) {
        out = null;
      } else {
        out.addAll(more);
      }
    }
    computing.remove(key);
    Set<String> result = out == null ? null : Set.copyOf(out);
    if (cycles == cyclesBefore || computing.isEmpty()) {
      // An answer cut short by a field still being computed is kept only by the outermost
      // question, so each field's answer does not depend on which field was asked first.
      storedClasses.put(key, result);
    }
    return result;
  }

  /** Constructors of {@code classId} (null: of a class not resolved) are called unseen. */
  private void openConstructor(String classId) {
    if (classId == null) {
      anyConstructorOpen = true;
    } else {
      openConstructors.add(classId);
    }
  }

  /** The classes of the fresh objects {@code e} can be in {@code in}, or null when unknown. */
  Set<String> classesOf(Expr e, MethodDecl in, int depth, boolean made) {
    if (depth > 8) {
      return null;
    }
    while (e instanceof Expr.Assign || withoutChecks(e) != e) {
      e = e instanceof Expr.Assign a ? a.value() : withoutChecks(e);
    }
    if (e instanceof Expr.New n) {
      return Set.of(n.anonymousClassId() != null ? n.anonymousClassId() : n.type().name());
    }
    if (e instanceof Expr.Literal l) {
      return l.text().equals("null") ? Set.of() : null;
    }
    if (e instanceof Expr.Lambda || e instanceof Expr.MethodRef) {
      return Set.of();
    }
    if (e instanceof Expr.Conditional c) {
      Set<String> a = classesOf(c.whenTrue(), in, depth + 1, made);
      Set<String> b = a == null ? null : classesOf(c.whenFalse(), in, depth + 1, made);
      if (b == null) {
        return null;
      }
      Set<String> out = new HashSet<>(a);
      out.addAll(b);
      return out;
    }
    if (e instanceof Expr.FieldAccess fa && fa.ownerClass() != null) {
      return storedClasses(fa.ownerClass(), fa.name());
    }
    if (e instanceof Expr.LocalRef l && in != null) {
      List<Expr> defs = locals.defsOf(in).get(l.name());
      if (defs != null) {
        Set<String> out = new HashSet<>();
        for (Expr d : defs) {
          Set<String> more = classesOf(d, in, depth + 1, made);
          if (more == null) {
            return null;
          }
          out.addAll(more);
        }
        return out;
      }
      int p = FieldFacts.paramIndex(in, l.name());
      if (p >= 0 && in.isConstructor() && !in.varargs()
          && !locals.defsOf(in).containsKey(l.name() + "#bound")) {
        return constructorArgClasses(in, p, depth, made);
      }
      if (p >= 0 && !in.isConstructor() && index.neverCalled(in)) {
        // A parameter of a method nothing can call: the store never runs.
        return Set.of();
      }
    }
    if (e instanceof Expr.Call c) {
      return returnedClasses(c, depth, made);
    }
    return null;
  }

  /**
   * The classes of what a factory of the analysed code returns ({@code return new SyncAppender(
   * inner);}): every {@code return} of the body of each method the call can run counts. A
   * static, private or final method, or one called on its own object, runs its own body; any
   * other instance method runs its own body (unless abstract) or an analysed override of it
   * below the receiver's type ({@code getInstance().createCache(n)} on an abstract factory whose
   * analysed implementations each make a cache). Null when unknown: a method not analysed, or an
   * abstract one no analysed class implements.
   */
  private Set<String> returnedClasses(Expr.Call c, int depth, boolean made) {
    if (c.target().owner() == null) {
      return null;
    }
    MethodDecl m = index.findMethod(
        c.target().owner(), c.target().name(), c.args().size(), c.target().paramTypes());
    if (m == null || m.isConstructor()) {
      return null;
    }
    List<MethodDecl> bodies = new ArrayList<>();
    if (m.body() != null) {
      bodies.add(m);
    }
    if (!(m.isStatic() || m.isPrivate()
        || c.receiver() == null || c.receiver() instanceof Expr.ThisRef)) {
      bodies.addAll(index.overrides(m, c.receiver()));
    }
    if (bodies.isEmpty()) {
      return null;
    }
    Set<String> out = new HashSet<>();
    for (MethodDecl body : bodies) {
      List<Expr> returned = IrWalker.returned(body.body());
      if (returned.isEmpty()) {
        return null;
      }
      for (Expr r : returned) {
        Set<String> more = r == null ? null : classesOf(r, body, depth + 1, false);
        if (more == null) {
          return null;
        }
        out.addAll(more);
      }
    }
    return out;
  }

  /**
   * {@code e} without the casts and null checks around it: the value a null check returns is its
   * argument ({@code this.sessions = Objects.requireNonNull(sessions)}, the checks {@link
   * LibraryModels#returnsItsFirstArgument} names).
   */
  static Expr withoutChecks(Expr e) {
    int guard = 0;
    while (guard++ < 16) {
      if (e instanceof Expr.Cast c) {
        e = c.expr();
      } else if (e instanceof Expr.Call c && c.receiver() == null && !c.args().isEmpty()
          && LibraryModels.returnsItsFirstArgument(c.target().owner(), c.target().name())) {
        e = c.args().get(0);
      } else {
        return e;
      }
    }
    return e;
  }

  /**
   * The analysed calls of constructor {@code ctor} ({@code new}, {@code this(…)}, {@code
   * super(…)}), or null when code the analysis cannot follow may call it too (a constructor
   * reference, a call of an unresolved class) or nothing analysed calls it.
   */
  List<CtorCall> callsOf(MethodDecl ctor) {
    ClassDecl c = index.ownerOf(ctor);
    int arity = ctor.params().size();
    if (c == null || ctor.varargs() || openConstructors.contains(c.id()) || anyConstructorOpen
        || openArities.contains(arity)) {
      return null;
    }
    List<CtorCall> calls = ctorCalls.get(new Constructor(c.id(), arity));
    return calls == null || calls.isEmpty() ? null : calls;
  }

  /** What every analysed call of constructor {@code ctor} passes as parameter {@code p}. */
  private Set<String> constructorArgClasses(MethodDecl ctor, int p, int depth, boolean made) {
    ClassDecl c = index.ownerOf(ctor);
    int arity = ctor.params().size();
    if (c == null || openConstructors.contains(c.id()) || anyConstructorOpen
        || openArities.contains(arity)) {
      return null;
    }
    List<CtorCall> calls = ctorCalls.get(new Constructor(c.id(), arity));
    if (calls == null) {
      // Nothing analysed calls it: for an object analysed code made, it never ran; for any
      // other, it ran with unknown arguments.
      return made ? Set.of() : null;
    }
    Set<String> out = new HashSet<>();
    for (CtorCall call : calls) {
      // Arguments of another object's constructor call are read in the caller's own object,
      // which may be any.
      Set<String> more = classesOf(call.args().get(p), call.method(), depth + 1,
          made && call.sameObject());
      if (more == null) {
        return null;
      }
      out.addAll(more);
    }
    return out;
  }
}
