package dev.shareguard.cli.frontend;

import dev.shareguard.core.ir.TypeRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Type queries over the project index and the JDK: supertypes with type arguments substituted,
 * member lookup through the hierarchy, subtyping, functional interfaces. Immutable once built, so
 * lowering threads share one instance.
 */
final class TypeSystem {
  static final String OBJECT = "java.lang.Object";
  static final TypeRef OBJECT_TYPE = TypeRef.of(OBJECT);
  static final TypeRef STRING = TypeRef.of("java.lang.String");
  static final TypeRef BOOLEAN = TypeRef.primitive("boolean");
  static final TypeRef INT = TypeRef.primitive("int");

  private static final Map<String, String> BOXES =
      Map.of(
          "boolean", "java.lang.Boolean",
          "byte", "java.lang.Byte",
          "short", "java.lang.Short",
          "char", "java.lang.Character",
          "int", "java.lang.Integer",
          "long", "java.lang.Long",
          "float", "java.lang.Float",
          "double", "java.lang.Double",
          "void", "java.lang.Void");

  /** Widening primitive conversions (JLS 5.1.2), each type to the types it widens to. */
  private static final Map<String, Set<String>> WIDENING =
      Map.of(
          "byte", Set.of("short", "int", "long", "float", "double"),
          "short", Set.of("int", "long", "float", "double"),
          "char", Set.of("int", "long", "float", "double"),
          "int", Set.of("long", "float", "double"),
          "long", Set.of("float", "double"),
          "float", Set.of("double"),
          "double", Set.of(),
          "boolean", Set.of());

  private final ProjectIndex index;
  private final JdkClass.Registry jdk;
  private final Map<String, ProjectClass> locals;

  TypeSystem(ProjectIndex index, JdkClass.Registry jdk) {
    this(index, jdk, Map.of());
  }

  private TypeSystem(ProjectIndex index, JdkClass.Registry jdk, Map<String, ProjectClass> locals) {
    this.index = index;
    this.jdk = jdk;
    this.locals = locals;
  }

  /**
   * A view for lowering one file, which also knows that file's local and anonymous classes (they
   * are registered as lowering meets them). Confined to the thread lowering the file.
   */
  TypeSystem forFile() {
    return new TypeSystem(index, jdk, new HashMap<>());
  }

  /** Makes a local or anonymous class of the file being lowered known to lookups. */
  void addLocal(ProjectClass c) {
    locals.put(c.name(), c);
  }

  /** The model of a class by qualified name (project first, then JDK), or null. */
  ClassModel model(String qualifiedName) {
    ProjectClass p = index.find(qualifiedName);
    if (p == null && !locals.isEmpty()) {
      p = locals.get(qualifiedName);
    }
    if (p != null) {
      return p;
    }
    return jdk.find(qualifiedName);
  }

  /** Like {@link #model(String)}, but only classes that source code can name. */
  ClassModel nameableModel(String qualifiedName) {
    ClassModel m = model(qualifiedName);
    return m instanceof JdkClass j && !j.isAccessible() ? null : m;
  }

  ClassModel model(TypeRef t) {
    return t != null && t.isResolvedClass() ? model(t.name()) : null;
  }

  /** Whether {@code qualifiedName} is a package that the project or the running JDK has. */
  boolean isKnownPackage(String qualifiedName) {
    return index.hasPackage(qualifiedName) || JdkPackages.ALL.contains(qualifiedName);
  }

  /** The packages of the JDK's boot layer, read once. */
  private static final class JdkPackages {
    static final Set<String> ALL = load();

    private static Set<String> load() {
      Set<String> all = new HashSet<>();
      for (Module m : ModuleLayer.boot().modules()) {
        all.addAll(m.getPackages());
      }
      return Set.copyOf(all);
    }
  }

  // ---------------------------------------------------------------- substitution and erasure

  /** Replaces type variables by {@code subst} in one pass (results are not substituted again). */
  static TypeRef subst(TypeRef t, Map<String, TypeRef> subst) {
    if (t == null || subst.isEmpty()) {
      return t;
    }
    if (t.kind() == TypeRef.Kind.TYPEVAR) {
      TypeRef r = subst.get(t.name());
      if (r == null) {
        return t;
      }
      if (t.arrayDims() == 0) {
        return r;
      }
      return r.kind() == TypeRef.Kind.UNKNOWN ? r : r.arrayOf(t.arrayDims());
    }
    if (t.args().isEmpty()) {
      return t;
    }
    List<TypeRef> args = new ArrayList<>(t.args().size());
    boolean changed = false;
    for (TypeRef a : t.args()) {
      TypeRef s = subst(a, subst);
      changed |= s != a;
      args.add(s);
    }
    return changed ? new TypeRef(t.kind(), t.name(), args, t.arrayDims()) : t;
  }

  /** The erasure of {@code t}; type variables erase to {@code bounds}' erasure, else Object. */
  TypeRef erase(TypeRef t, Map<String, TypeRef> bounds) {
    if (t == null) {
      return TypeRef.UNKNOWN;
    }
    if (t.kind() == TypeRef.Kind.TYPEVAR) {
      TypeRef b = bounds.get(t.name());
      TypeRef e = b == null || b.kind() == TypeRef.Kind.TYPEVAR ? OBJECT_TYPE : erase(b, Map.of());
      return t.arrayDims() == 0 ? e : e.arrayOf(t.arrayDims());
    }
    if (t.args().isEmpty()) {
      return t;
    }
    return new TypeRef(t.kind(), t.name(), List.of(), t.arrayDims());
  }

  static Map<String, TypeRef> bounds(List<TypeParam> params) {
    Map<String, TypeRef> m = new HashMap<>();
    for (TypeParam p : params) {
      m.put(p.name(), p.bound());
    }
    return m;
  }

  /** The substitution of {@code m}'s type parameters by {@code t}'s arguments; null if raw. */
  static Map<String, TypeRef> substitution(ClassModel m, TypeRef t) {
    List<TypeParam> params = m.typeParams();
    if (params.isEmpty()) {
      return Map.of();
    }
    if (t.args().size() != params.size()) {
      return null;
    }
    Map<String, TypeRef> s = new HashMap<>();
    for (int i = 0; i < params.size(); i++) {
      s.put(params.get(i).name(), t.args().get(i));
    }
    return s;
  }

  static TypeRef box(TypeRef t) {
    if (t.isPrimitive()) {
      String b = BOXES.get(t.name());
      return b == null ? t : TypeRef.of(b);
    }
    return t;
  }

  static TypeRef unbox(TypeRef t) {
    if (t.isResolvedClass()) {
      for (Map.Entry<String, String> e : BOXES.entrySet()) {
        if (e.getValue().equals(t.name()) && !e.getKey().equals("void")) {
          return TypeRef.primitive(e.getKey());
        }
      }
    }
    return t;
  }

  static boolean isKnown(TypeRef t) {
    return t != null && t.kind() != TypeRef.Kind.UNKNOWN && t.kind() != TypeRef.Kind.UNRESOLVED;
  }

  // ---------------------------------------------------------------- hierarchy

  /** One class met while walking a type's supertypes, as a type with substituted arguments. */
  record Visited(ClassModel model, TypeRef type, boolean raw) {}

  /**
   * The classes of {@code t} and all its supertypes, depth first, superclass chain before
   * interfaces, each class once; {@code java.lang.Object} last. {@code complete} in the result says
   * whether every supertype was known.
   */
  Hierarchy hierarchy(TypeRef t) {
    Hierarchy h = new Hierarchy();
    if (t == null || t.kind() != TypeRef.Kind.CLASS || t.arrayDims() > 0) {
      h.complete = t != null && t.arrayDims() > 0;
      addObject(h, new HashSet<>());
      return h;
    }
    Set<String> seen = new HashSet<>();
    walk(t, false, h, seen, 0);
    addObject(h, seen);
    return h;
  }

  private void addObject(Hierarchy h, Set<String> seen) {
    if (seen.add(OBJECT)) {
      ClassModel o = model(OBJECT);
      if (o != null) {
        h.visited.add(new Visited(o, OBJECT_TYPE, false));
      }
    }
  }

  private void walk(TypeRef t, boolean raw, Hierarchy h, Set<String> seen, int depth) {
    if (t == null || t.kind() != TypeRef.Kind.CLASS) {
      h.complete = false;
      return;
    }
    if (!seen.add(t.name()) || depth > 64) {
      return;
    }
    ClassModel m = model(t.name());
    if (m == null) {
      h.complete = false;
      return;
    }
    Map<String, TypeRef> s = raw ? null : substitution(m, t);
    boolean isRaw = s == null;
    h.visited.add(new Visited(m, t, isRaw));
    TypeRef sup = m.superclass();
    if (sup != null) {
      walk(isRaw ? erase(sup, Map.of()) : subst(sup, s), isRaw, h, seen, depth + 1);
    }
    for (TypeRef i : m.interfaces()) {
      walk(isRaw ? erase(i, Map.of()) : subst(i, s), isRaw, h, seen, depth + 1);
    }
  }

  /** The result of {@link #hierarchy}. */
  static final class Hierarchy {
    final List<Visited> visited = new ArrayList<>();
    boolean complete = true;
  }

  /** {@code t} seen as its supertype {@code target} with arguments substituted, or null. */
  TypeRef asSuper(TypeRef t, String target) {
    if (t == null || t.kind() != TypeRef.Kind.CLASS) {
      return null;
    }
    if (t.name().equals(target) && t.arrayDims() == 0) {
      return t;
    }
    for (Visited v : hierarchy(t).visited) {
      if (v.model().name().equals(target)) {
        return v.type();
      }
    }
    return null;
  }

  /** TRUE, FALSE, or null when the hierarchy is not fully known. */
  Boolean isSubclass(TypeRef sub, String superName) {
    if (superName.equals(OBJECT)) {
      return !sub.isPrimitive();
    }
    if (sub.kind() != TypeRef.Kind.CLASS) {
      return null;
    }
    if (sub.arrayDims() > 0) {
      return superName.equals("java.lang.Cloneable") || superName.equals("java.io.Serializable");
    }
    if (sub.name().equals(superName)) {
      return true;
    }
    Hierarchy h = hierarchy(sub);
    for (Visited v : h.visited) {
      if (v.model().name().equals(superName)) {
        return true;
      }
    }
    return h.complete ? Boolean.FALSE : null;
  }

  /**
   * Whether a value of type {@code from} may be passed where {@code to} is declared: TRUE, FALSE or
   * null (unknown). {@code boxing} allows boxing and unboxing (JLS 15.12.2.3).
   */
  Boolean assignable(TypeRef from, TypeRef to, boolean boxing) {
    if (!isKnown(from) || !isKnown(to)) {
      return null;
    }
    if (to.kind() == TypeRef.Kind.TYPEVAR) {
      return from.isPrimitive() ? boxing : Boolean.TRUE;
    }
    if (from.kind() == TypeRef.Kind.TYPEVAR) {
      return to.isPrimitive() ? Boolean.FALSE : null;
    }
    if (from.isPrimitive() && to.isPrimitive()) {
      return from.name().equals(to.name())
          || WIDENING.getOrDefault(from.name(), Set.of()).contains(to.name());
    }
    if (from.isPrimitive()) {
      return boxing ? isSubclass(box(from), to.name()) : Boolean.FALSE;
    }
    if (to.isPrimitive()) {
      if (!boxing) {
        return false;
      }
      TypeRef u = unbox(from);
      return u.isPrimitive() ? assignable(u, to, false) : Boolean.FALSE;
    }
    if (to.arrayDims() > 0) {
      if (from.arrayDims() == 0) {
        return false;
      }
      if (from.arrayDims() == to.arrayDims()) {
        TypeRef fe = from.elementType().arrayDims() == 0 ? base(from) : from.elementType();
        TypeRef te = to.elementType().arrayDims() == 0 ? base(to) : to.elementType();
        if (fe.isPrimitive() || te.isPrimitive()) {
          return fe.name().equals(te.name()) && fe.kind() == te.kind();
        }
        return assignable(fe, te, false);
      }
      return from.arrayDims() > to.arrayDims()
          && !to.isPrimitive()
          && base(to).name().equals(OBJECT);
    }
    return isSubclass(from, to.name());
  }

  private static TypeRef base(TypeRef t) {
    return new TypeRef(t.kind(), t.name(), t.args(), 0);
  }

  /**
   * The least upper bound of class types along the superclass chain of the first (enough for a
   * multi-catch parameter: {@code IOException | Error} is a {@code Throwable}); UNKNOWN when the
   * hierarchies are not known.
   */
  TypeRef lub(List<TypeRef> types) {
    if (types.isEmpty()) {
      return TypeRef.UNKNOWN;
    }
    TypeRef candidate = types.get(0);
    for (int depth = 0; candidate != null && depth < 64; depth++) {
      if (candidate.kind() != TypeRef.Kind.CLASS) {
        return TypeRef.UNKNOWN;
      }
      boolean all = true;
      for (TypeRef t : types) {
        Boolean sub = isSubclass(t, candidate.name());
        if (sub == null) {
          return TypeRef.UNKNOWN;
        }
        all &= sub;
      }
      if (all) {
        return erase(candidate, Map.of());
      }
      ClassModel m = model(candidate);
      candidate = m == null ? null : m.superclass();
    }
    return TypeRef.UNKNOWN;
  }

  // ---------------------------------------------------------------- members

  /** A field found in a type's hierarchy, with its type as seen from that type. */
  record FieldHit(FieldModel field, TypeRef type) {}

  /** The field {@code name} of {@code t} (declared or inherited), or null. */
  FieldHit findField(TypeRef t, String name) {
    List<Visited> visited = hierarchy(t).visited;
    String pkg = visited.isEmpty() ? "" : visited.get(0).model().packageName();
    for (int i = 0; i < visited.size(); i++) {
      Visited v = visited.get(i);
      FieldModel f = v.model().field(name);
      if (f != null && (i == 0 || v.model().inherited(f, pkg))) {
        return new FieldHit(f, memberType(f.type(), v, Map.of()));
      }
    }
    return null;
  }

  /** A method found in a type's hierarchy, with the declaring class's substitution. */
  record MethodHit(MethodModel method, Visited site) {}

  /**
   * Methods named {@code name} of {@code t}, most derived first; a method overridden by one already
   * found (same name and erased parameters) is left out.
   */
  List<MethodHit> findMethods(TypeRef t, String name) {
    List<MethodHit> out = new ArrayList<>();
    Set<String> sigs = new HashSet<>();
    List<Visited> visited = hierarchy(t).visited;
    String pkg = visited.isEmpty() ? "" : visited.get(0).model().packageName();
    for (int i = 0; i < visited.size(); i++) {
      Visited v = visited.get(i);
      for (MethodModel m : v.model().methods(name)) {
        if ((i == 0 || v.model().inherited(m, pkg)) && sigs.add(m.erasedParamTypes().toString())) {
          out.add(new MethodHit(m, v));
        }
      }
    }
    return out;
  }

  /** Whether {@code t} has a method called {@code name}, declared or inherited. */
  boolean hasMethodNamed(TypeRef t, String name) {
    return !findMethods(t, name).isEmpty();
  }

  /**
   * A member's declared type as seen from a use site: the declaring class's type variables replaced
   * by the site's arguments, {@code methodBindings} applied to the method's own.
   */
  TypeRef memberType(TypeRef declared, Visited site, Map<String, TypeRef> methodBindings) {
    if (site.raw() && !site.model().typeParams().isEmpty()) {
      return erase(declared, bounds(site.model().typeParams()));
    }
    Map<String, TypeRef> s = substitution(site.model(), site.type());
    Map<String, TypeRef> all = new HashMap<>(s == null ? Map.of() : s);
    all.putAll(methodBindings);
    return subst(declared, all);
  }

  /** The substitution of the site's class type variables, empty when raw. */
  static Map<String, TypeRef> siteSubstitution(Visited site) {
    Map<String, TypeRef> s = substitution(site.model(), site.type());
    return s == null ? Map.of() : s;
  }

  /** The member type {@code simpleName} of {@code owner}, declared or inherited, or null. */
  String findMemberType(TypeRef owner, String simpleName) {
    for (Visited v : hierarchy(owner).visited) {
      String m = v.model().memberType(simpleName);
      if (m != null) {
        return m;
      }
    }
    return null;
  }

  // ---------------------------------------------------------------- functional interfaces

  /** The function type of a functional interface: parameter and return types, substituted. */
  record FunctionType(List<TypeRef> params, TypeRef returnType) {}

  /** The function type of {@code t} if it is a functional interface, else null. */
  FunctionType functionType(TypeRef t) {
    ClassModel m = model(t);
    if (m == null || !m.isInterface()) {
      return null;
    }
    MethodModel only = null;
    Visited onlySite = null;
    Set<String> sigs = new HashSet<>();
    for (Visited v : hierarchy(t).visited) {
      if (!v.model().isInterface()) {
        continue;
      }
      for (MethodModel mm : v.model().allMethods()) {
        if (!mm.isAbstract() || mm.isStatic() || isObjectMethod(mm)) {
          continue;
        }
        if (!sigs.add(mm.name() + mm.erasedParamTypes())) {
          continue;
        }
        if (only != null && !(only.name().equals(mm.name()) && only.arity() == mm.arity())) {
          return null;
        }
        if (only == null) {
          only = mm;
          onlySite = v;
        }
      }
    }
    if (only == null || !only.typeParams().isEmpty()) {
      return null;
    }
    List<TypeRef> params = new ArrayList<>();
    for (TypeRef p : only.paramTypes()) {
      params.add(memberType(p, onlySite, Map.of()));
    }
    return new FunctionType(params, memberType(only.returnType(), onlySite, Map.of()));
  }

  private static boolean isObjectMethod(MethodModel m) {
    switch (m.name()) {
      case "equals":
        return m.arity() == 1 && m.erasedParamTypes().get(0).name().equals(OBJECT);
      case "hashCode":
      case "toString":
        return m.arity() == 0;
      default:
        return false;
    }
  }
}
