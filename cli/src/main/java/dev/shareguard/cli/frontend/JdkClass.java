package dev.shareguard.cli.frontend;

import dev.shareguard.core.ir.TypeRef;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A JDK class, read by reflection from the running JDK without initializing it. This is the front
 * end's table of library signatures: type parameters, supertypes, public and protected fields,
 * methods and constructors with their generic types. Reading the real JDK rather than a
 * hand-written table gives the same answers javac gives the plugin on the same JDK, which is what
 * parity between the front ends needs; the JDK is the only library the CLI knows, everything else
 * it meets stays unresolved.
 */
final class JdkClass extends ClassModel {
  private static final Comparator<MethodModel> STABLE =
      Comparator.comparing(MethodModel::name)
          .thenComparing(m -> m.erasedParamTypes().toString())
          .thenComparing(m -> m.returnType().toString());

  private final String name;
  private final String packageName;
  private final boolean accessible;
  private final boolean isInterface;
  private final boolean isEnum;
  private final List<TypeParam> typeParams;
  private final TypeRef superclass;
  private final List<TypeRef> interfaces;
  private final Map<String, FieldModel> fields = new HashMap<>();
  private final Map<String, List<MethodModel>> methods = new HashMap<>();
  private final List<MethodModel> allMethods = new ArrayList<>();
  private final List<MethodModel> constructors = new ArrayList<>();
  private final Map<String, String> memberTypes = new HashMap<>();

  private JdkClass(Class<?> c) {
    this.name = c.getCanonicalName();
    this.packageName = c.getPackageName();
    this.accessible = accessible(c);
    this.isInterface = c.isInterface();
    this.isEnum = c.isEnum();
    this.typeParams = typeParams(c.getTypeParameters());
    Type sup = c.getGenericSuperclass();
    this.superclass = sup == null ? null : toTypeRef(sup);
    List<TypeRef> ifs = new ArrayList<>();
    for (Type t : c.getGenericInterfaces()) {
      ifs.add(toTypeRef(t));
    }
    this.interfaces = List.copyOf(ifs);
    for (Field f : c.getDeclaredFields()) {
      if (visible(f.getModifiers()) && !f.isSynthetic()) {
        fields.put(
            f.getName(),
            new FieldModel(name, f.getName(), toTypeRef(f.getGenericType()), isStatic(f), null));
      }
    }
    Map<String, List<MethodModel>> byName = new TreeMap<>();
    for (Method m : c.getDeclaredMethods()) {
      if (visible(m.getModifiers()) && !m.isSynthetic() && !m.isBridge()) {
        MethodModel mm = method(m, m.getName(), toTypeRef(m.getGenericReturnType()));
        byName.computeIfAbsent(m.getName(), k -> new ArrayList<>()).add(mm);
      }
    }
    for (Map.Entry<String, List<MethodModel>> e : byName.entrySet()) {
      List<MethodModel> list = new ArrayList<>(e.getValue());
      list.sort(STABLE);
      methods.put(e.getKey(), List.copyOf(list));
      allMethods.addAll(list);
    }
    for (Constructor<?> k : c.getDeclaredConstructors()) {
      if (visible(k.getModifiers()) && !k.isSynthetic()) {
        constructors.add(method(k, "<init>", TypeRef.VOID));
      }
    }
    constructors.sort(STABLE);
    for (Class<?> m : c.getDeclaredClasses()) {
      if (visible(m.getModifiers()) && m.getCanonicalName() != null) {
        memberTypes.put(m.getSimpleName(), m.getCanonicalName());
      }
    }
  }

  /** The model of {@code c}, or null when reflection cannot read it (a broken signature). */
  static JdkClass of(Class<?> c) {
    if (c.getCanonicalName() == null || c.isArray() || c.isPrimitive()) {
      return null;
    }
    try {
      return new JdkClass(c);
    } catch (LinkageError | RuntimeException e) {
      // A JDK class whose generic signatures name classes this runtime lacks: treat as unknown.
      return null;
    }
  }

  private MethodModel method(Executable e, String methodName, TypeRef returnType) {
    List<TypeRef> params = new ArrayList<>();
    for (Type t : e.getGenericParameterTypes()) {
      params.add(toTypeRef(t));
    }
    List<TypeRef> erased = new ArrayList<>();
    for (Class<?> t : e.getParameterTypes()) {
      erased.add(toTypeRef(t));
    }
    if (params.size() != erased.size()) {
      // Inner-class constructors report the outer instance only among the erased types.
      params = erased;
    }
    return new MethodModel(
        name,
        methodName,
        typeParams(e.getTypeParameters()),
        params,
        erased,
        e.isVarArgs(),
        returnType,
        Modifier.isStatic(e.getModifiers()),
        Modifier.isAbstract(e.getModifiers()));
  }

  /** Whether source outside the JDK can name {@code c} (public, or protected when nested). */
  private static boolean accessible(Class<?> c) {
    for (Class<?> k = c; k != null; k = k.getDeclaringClass()) {
      int mods = k.getModifiers();
      boolean ok =
          Modifier.isPublic(mods) || (k.getDeclaringClass() != null && Modifier.isProtected(mods));
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether user code can name this class. Package-private JDK classes (such as {@code
   * AbstractStringBuilder}) are still walked as supertypes, but never resolve a name in source.
   */
  boolean isAccessible() {
    return accessible;
  }

  private static boolean isStatic(Field f) {
    return Modifier.isStatic(f.getModifiers());
  }

  private static boolean visible(int modifiers) {
    return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
  }

  private static List<TypeParam> typeParams(TypeVariable<?>[] vars) {
    List<TypeParam> out = new ArrayList<>();
    for (TypeVariable<?> v : vars) {
      Type[] bounds = v.getBounds();
      TypeRef bound = bounds.length == 0 ? TypeRef.of("java.lang.Object") : toTypeRef(bounds[0]);
      out.add(new TypeParam(v.getName(), bound));
    }
    return List.copyOf(out);
  }

  /** A reflected type as a {@link TypeRef}: wildcards become their bound, or UNKNOWN. */
  static TypeRef toTypeRef(Type t) {
    if (t instanceof Class<?> c) {
      int dims = 0;
      while (c.isArray()) {
        dims++;
        c = c.getComponentType();
      }
      TypeRef base =
          c.isPrimitive()
              ? TypeRef.primitive(c.getName())
              : TypeRef.of(c.getCanonicalName() != null ? c.getCanonicalName() : c.getName());
      return dims == 0 ? base : base.arrayOf(dims);
    } else if (t instanceof ParameterizedType p) {
      List<TypeRef> args = new ArrayList<>();
      for (Type a : p.getActualTypeArguments()) {
        args.add(toTypeRef(a));
      }
      return TypeRef.of(toTypeRef(p.getRawType()).name(), args);
    } else if (t instanceof TypeVariable<?> v) {
      return TypeRef.typeVar(v.getName());
    } else if (t instanceof WildcardType w) {
      if (w.getLowerBounds().length > 0) {
        return toTypeRef(w.getLowerBounds()[0]);
      }
      Type[] upper = w.getUpperBounds();
      if (upper.length > 0 && upper[0] != Object.class) {
        return toTypeRef(upper[0]);
      }
      return TypeRef.UNKNOWN;
    } else if (t instanceof GenericArrayType g) {
      return toTypeRef(g.getGenericComponentType()).arrayOf(1);
    }
    return TypeRef.UNKNOWN;
  }

  @Override
  String name() {
    return name;
  }

  @Override
  boolean isInterface() {
    return isInterface;
  }

  @Override
  boolean isEnum() {
    return isEnum;
  }

  @Override
  List<TypeParam> typeParams() {
    return typeParams;
  }

  @Override
  TypeRef superclass() {
    return superclass;
  }

  @Override
  List<TypeRef> interfaces() {
    return interfaces;
  }

  @Override
  FieldModel field(String fieldName) {
    return fields.get(fieldName);
  }

  @Override
  List<MethodModel> methods(String methodName) {
    return methods.getOrDefault(methodName, List.of());
  }

  @Override
  List<MethodModel> allMethods() {
    return allMethods;
  }

  @Override
  List<MethodModel> constructors() {
    return constructors;
  }

  @Override
  String memberType(String simpleName) {
    return memberTypes.get(simpleName);
  }

  @Override
  boolean isProject() {
    return false;
  }

  @Override
  String packageName() {
    return packageName;
  }

  /** Only public and protected members are read, and those are always inherited. */
  @Override
  boolean inherited(Object member, String subclassPackage) {
    return true;
  }

  /**
   * Reflection-backed lookups by qualified name, cached. Only the platform class loader is asked
   * (and the user's --classpath, loaded above it), so the CLI's own dependencies (JavaParser,
   * picocli) never leak into the user's program. Classes are loaded, never initialised.
   */
  static final class Registry {
    static final ClassLoader PLATFORM = ClassLoader.getPlatformClassLoader();
    private final ClassLoader loader;

    /** The JDK's classes only. */
    Registry() {
      this(PLATFORM);
    }

    /** The classes {@code loader} finds; it should delegate to the platform loader. */
    Registry(ClassLoader loader) {
      this.loader = loader;
    }

    private final Map<String, Object> cache = new java.util.concurrent.ConcurrentHashMap<>();
    private static final Object MISSING = new Object();

    /** The JDK class with canonical name {@code qualifiedName}, or null. */
    JdkClass find(String qualifiedName) {
      Object hit = cache.get(qualifiedName);
      if (hit == null) {
        JdkClass found = load(qualifiedName);
        hit = found == null ? MISSING : found;
        Object raced = cache.putIfAbsent(qualifiedName, hit);
        if (raced != null) {
          hit = raced;
        }
      }
      return hit == MISSING ? null : (JdkClass) hit;
    }

    private JdkClass load(String qualifiedName) {
      if (qualifiedName.isEmpty()
          || !Character.isLowerCase(qualifiedName.charAt(0))
          || qualifiedName.indexOf('.') < 0) {
        return null;
      }
      // A canonical name uses dots for nesting too: try each split between package and classes,
      // from the right, while the segment that would become nested starts with an upper case.
      String binary = qualifiedName;
      while (true) {
        try {
          Class<?> c = Class.forName(binary, false, loader);
          return qualifiedName.equals(c.getCanonicalName()) ? JdkClass.of(c) : null;
        } catch (ClassNotFoundException | LinkageError e) {
          int dot = binary.lastIndexOf('.');
          int prev = dot < 0 ? -1 : binary.lastIndexOf('.', dot - 1);
          if (prev < 0
              || !Character.isUpperCase(binary.charAt(dot + 1))
              || !Character.isUpperCase(binary.charAt(prev + 1))) {
            return null;
          }
          binary = binary.substring(0, dot) + '$' + binary.substring(dot + 1);
        }
      }
    }
  }
}
