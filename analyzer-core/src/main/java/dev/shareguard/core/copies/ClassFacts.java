package dev.shareguard.core.copies;

import dev.shareguard.core.engine.IrWalker;
import dev.shareguard.core.engine.ProgramIndex;
import dev.shareguard.core.ir.Annotation;
import dev.shareguard.core.ir.ClassDecl;
import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.FieldDecl;
import dev.shareguard.core.ir.MethodDecl;
import dev.shareguard.core.ir.Stmt;
import dev.shareguard.core.ir.TypeRef;
import dev.shareguard.core.model.CopyModels;
import dev.shareguard.core.model.LibraryModels;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Per-class and per-method facts of analysed code that the copy analysis needs, computed on
 * demand and cached (bounded by the program's classes and methods): which fields a method
 * assigns, which fields {@code equals}/{@code hashCode} use, whether a type's values can change,
 * and what each method returns ({@link Prov.Summary}).
 */
public final class ClassFacts {
  /** How deep calls to a class's own methods are followed when summing up field writes. */
  private static final int MAX_WRITE_DEPTH = 3;

  /** Mutability of a type's values. */
  public enum Mutability {
    IMMUTABLE,
    MUTABLE,
    UNKNOWN
  }

  private final ProgramIndex index;
  private final CopyModels copyModels;
  private final LibraryModels models;
  private final Map<MethodDecl, Set<String>> writes = new IdentityHashMap<>();
  private final Map<String, Set<String>> equality = new HashMap<>();
  private final Map<String, Mutability> mutability = new HashMap<>();
  private final Map<MethodDecl, Prov.Summary> summaries = new IdentityHashMap<>();

  public ClassFacts(ProgramIndex index, CopyModels copyModels, LibraryModels models) {
    this.index = index;
    this.copyModels = copyModels;
    this.models = models;
  }

  public ProgramIndex index() {
    return index;
  }

  public CopyModels copyModels() {
    return copyModels;
  }

  public LibraryModels models() {
    return models;
  }

  /** The summary of what {@code m} returns, or null when nothing useful is known. */
  public Prov.Summary summary(MethodDecl m) {
    return m == null ? null : summaries.get(m);
  }

  void putSummary(MethodDecl m, Prov.Summary s) {
    summaries.put(m, s);
  }

  /**
   * The instance fields of its own class that {@code m} assigns, directly or through calls to
   * the class's own methods on {@code this}.
   */
  public Set<String> fieldWrites(MethodDecl m) {
    return fieldWrites(m, 0);
  }

  private Set<String> fieldWrites(MethodDecl m, int depth) {
    Set<String> cached = writes.get(m);
    if (cached != null) {
      return cached;
    }
    if (m.body() == null || m.isStatic()) {
      return Set.of();
    }
    ClassDecl owner = index.ownerOf(m);
    Set<String> out = new LinkedHashSet<>();
    if (depth == 0) {
      // Guard against recursion while this method's set is being computed.
      writes.put(m, Set.of());
    }
    IrWalker.forEachExpr(
        m.body(),
        e -> {
          Expr target = e instanceof Expr.Assign a ? a.target()
              : e instanceof Expr.Unary u && u.writes() ? u.operand() : null;
          if (target instanceof Expr.FieldAccess f && !f.isStatic()
              && (f.receiver() == null || f.receiver() instanceof Expr.ThisRef)) {
            out.add(f.name());
          }
          if (depth < MAX_WRITE_DEPTH && owner != null && e instanceof Expr.Call c
              && c.receiver() instanceof Expr.ThisRef t && !t.isSuper()) {
            MethodDecl callee =
                index.findMethod(owner.id(), c.target().name(), c.target().arity(),
                    c.target().paramTypes());
            if (callee != null && callee != m) {
              out.addAll(fieldWrites(callee, depth + 1));
            }
          }
        });
    Set<String> result = Set.copyOf(out);
    if (depth == 0) {
      writes.put(m, result);
    }
    return result;
  }

  /**
   * The fields of analysed class {@code classId} that its {@code equals} and {@code hashCode} use
   * (read directly, or through the class's own getters), or an empty set when the class does not
   * define both. Lombok's {@code @Data}/{@code @Value}/{@code @EqualsAndHashCode} use every
   * non-static, non-transient field.
   */
  public Set<String> equalityFields(String classId) {
    Set<String> cached = equality.get(classId);
    if (cached != null) {
      return cached;
    }
    equality.put(classId, Set.of());
    Set<String> out = computeEqualityFields(classId);
    equality.put(classId, out);
    return out;
  }

  private Set<String> computeEqualityFields(String classId) {
    ClassDecl c = index.classById(classId);
    if (c == null || c.kind() == ClassDecl.Kind.RECORD || c.kind() == ClassDecl.Kind.ENUM) {
      return Set.of();
    }
    for (Annotation a : c.annotations()) {
      if (CopyModels.generatesEquality(a.simpleName())) {
        Set<String> all = new LinkedHashSet<>();
        for (FieldDecl f : c.fields()) {
          if (!f.isStatic() && !f.modifiers().contains(dev.shareguard.core.ir.Modifier.TRANSIENT)) {
            all.add(f.name());
          }
        }
        return Set.copyOf(all);
      }
    }
    MethodDecl eq = null;
    MethodDecl hash = null;
    for (MethodDecl m : c.methods()) {
      if (m.name().equals("equals") && m.params().size() == 1 && m.body() != null) {
        eq = m;
      } else if (m.name().equals("hashCode") && m.params().isEmpty() && m.body() != null) {
        hash = m;
      }
    }
    if (eq == null || hash == null) {
      if (eq == null && hash == null && c.superclass() != null
          && index.isProjectClass(c.superclass().name())) {
        return equalityFields(c.superclass().name());
      }
      return Set.of();
    }
    Set<String> own = new HashSet<>();
    for (FieldDecl f : c.fields()) {
      if (!f.isStatic()) {
        own.add(f.name());
      }
    }
    Set<String> out = new LinkedHashSet<>();
    for (MethodDecl m : new MethodDecl[] {eq, hash}) {
      IrWalker.forEachExpr(
          m.body(),
          e -> {
            if (e instanceof Expr.FieldAccess f && own.contains(f.name()) && !f.isStatic()) {
              out.add(f.name());
            } else if (e instanceof Expr.Call call && call.args().isEmpty()
                && call.receiver() != null) {
              MethodDecl getter =
                  index.findMethod(classId, call.target().name(), 0, java.util.List.of());
              String field = getter == null ? null : returnedField(getter);
              if (field != null && own.contains(field)) {
                out.add(field);
              }
            }
          });
    }
    return Set.copyOf(out);
  }

  /** The field a getter returns ({@code return this.f;}), or null. */
  public static String returnedField(MethodDecl m) {
    if (m.body() == null || m.body().stmts().size() != 1
        || !(m.body().stmts().get(0) instanceof Stmt.Return r)) {
      return null;
    }
    return r.expr() instanceof Expr.FieldAccess f
        && (f.receiver() == null || f.receiver() instanceof Expr.ThisRef)
        ? f.name()
        : null;
  }

  /**
   * Whether values of {@code type} can change after construction. Analysed classes are judged by
   * their fields: a non-final instance field makes a class mutable; a record or a class whose
   * instance fields are all final and of immutable types is immutable. Library types come from
   * {@link CopyModels}; anything else is unknown.
   */
  public Mutability mutability(TypeRef type) {
    if (type == null) {
      return Mutability.UNKNOWN;
    }
    if (type.isArray()) {
      return Mutability.MUTABLE;
    }
    if (type.isPrimitive()) {
      return Mutability.IMMUTABLE;
    }
    if (type.kind() != TypeRef.Kind.CLASS) {
      return Mutability.UNKNOWN;
    }
    return mutability(type.name());
  }

  private Mutability mutability(String name) {
    if (copyModels.isImmutableLibraryType(name)) {
      return Mutability.IMMUTABLE;
    }
    if (models.isImmutableContainer(name)) {
      return Mutability.IMMUTABLE;
    }
    if (copyModels.isMutableLibraryType(name)) {
      return Mutability.MUTABLE;
    }
    ClassDecl c = index.classById(name);
    if (c == null) {
      return Mutability.UNKNOWN;
    }
    Mutability cached = mutability.get(name);
    if (cached != null) {
      return cached;
    }
    mutability.put(name, Mutability.UNKNOWN);
    Mutability m = classMutability(c);
    mutability.put(name, m);
    return m;
  }

  private Mutability classMutability(ClassDecl c) {
    if (c.kind() == ClassDecl.Kind.ENUM) {
      return Mutability.IMMUTABLE;
    }
    if (c.kind() == ClassDecl.Kind.INTERFACE || c.kind() == ClassDecl.Kind.ANNOTATION) {
      return Mutability.UNKNOWN;
    }
    boolean allImmutable = true;
    for (FieldDecl f : c.fields()) {
      if (f.isStatic()) {
        continue;
      }
      if (!f.isFinal() && c.kind() != ClassDecl.Kind.RECORD) {
        return Mutability.MUTABLE;
      }
      Mutability fm = mutability(f.type());
      if (fm != Mutability.IMMUTABLE) {
        allImmutable = false;
      }
    }
    if (c.superclass() != null && index.isProjectClass(c.superclass().name())) {
      Mutability sup = mutability(c.superclass().name());
      if (sup == Mutability.MUTABLE) {
        return Mutability.MUTABLE;
      }
      allImmutable &= sup == Mutability.IMMUTABLE;
    }
    return allImmutable ? Mutability.IMMUTABLE : Mutability.UNKNOWN;
  }

  /**
   * The type of the values held in container type {@code t}: the value type of a map, the element
   * type of a collection or array, else null.
   */
  public TypeRef elementType(TypeRef t) {
    if (t == null) {
      return null;
    }
    if (t.isArray()) {
      return t.elementType();
    }
    if (t.kind() != TypeRef.Kind.CLASS) {
      return null;
    }
    if (models.isMap(t.name())) {
      return t.args().size() == 2 ? t.arg(1) : null;
    }
    if (models.isCollection(t.name())) {
      return t.args().size() == 1 ? t.arg(0) : null;
    }
    return null;
  }

  /**
   * The run-time class of what field {@code src} holds as far as its declaration says: the class
   * its initializer allocates, or its declared type.
   */
  public String implType(Prov.Src src) {
    if (src.field() == null || src.classId() == null) {
      return src.type() == null ? null : src.type().name();
    }
    FieldDecl f = index.field(src.classId(), src.field());
    if (f == null) {
      return src.type() == null ? null : src.type().name();
    }
    if (f.initializer() instanceof Expr.New n && n.type().kind() == TypeRef.Kind.CLASS) {
      return n.type().name();
    }
    return f.type().name();
  }
}
