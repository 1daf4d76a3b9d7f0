package dev.shareguard.core.ir;

import java.util.List;
import java.util.Objects;

/**
 * A static type as a front end resolved it.
 *
 * <p>{@code name} is the fully qualified erased class name for {@link Kind#CLASS} ({@code
 * java.util.concurrent.ConcurrentHashMap}, nested classes with dots), the keyword for {@link
 * Kind#PRIMITIVE} ({@code int}, {@code void}), the variable name for {@link Kind#TYPEVAR}, and the
 * source text for {@link Kind#UNRESOLVED}. {@code arrayDims} &gt; 0 means an array of that type.
 * Type arguments are kept because the rules care what a container holds ({@code Map<K,
 * List<V>>}); a wildcard is lowered to its bound, or to {@link #UNKNOWN}.
 *
 * <p>{@code equals} and {@code hashCode} are written out, the same as the generated ones, for the
 * reason the engine's {@code AbsVal} gives.
 */
public record TypeRef(Kind kind, String name, List<TypeRef> args, int arrayDims) {
  @Override
  public boolean equals(Object o) {
    return o == this
        || o instanceof TypeRef v
            && Objects.equals(kind, v.kind)
            && Objects.equals(name, v.name)
            && Objects.equals(args, v.args)
            && arrayDims == v.arrayDims;
  }

  @Override
  public int hashCode() {
    int h = Objects.hashCode(kind);
    h = 31 * h + Objects.hashCode(name);
    h = 31 * h + Objects.hashCode(args);
    h = 31 * h + arrayDims;
    return h;
  }


  /** What sort of type this is. */
  public enum Kind {
    CLASS,
    PRIMITIVE,
    TYPEVAR,
    /** The front end could not resolve it; {@code name} is the source text. */
    UNRESOLVED,
    /** No type information at all (for example the null literal, or a missing node). */
    UNKNOWN
  }

  public static final TypeRef UNKNOWN = new TypeRef(Kind.UNKNOWN, "?", List.of(), 0);
  public static final TypeRef VOID = new TypeRef(Kind.PRIMITIVE, "void", List.of(), 0);

  public TypeRef {
    name = Names.of(name);
    args = List.copyOf(args);
  }

  public static TypeRef of(String qualifiedName, TypeRef... args) {
    return new TypeRef(Kind.CLASS, qualifiedName, List.of(args), 0);
  }

  public static TypeRef of(String qualifiedName, List<TypeRef> args) {
    return new TypeRef(Kind.CLASS, qualifiedName, args, 0);
  }

  public static TypeRef primitive(String keyword) {
    return new TypeRef(Kind.PRIMITIVE, keyword, List.of(), 0);
  }

  public static TypeRef typeVar(String name) {
    return new TypeRef(Kind.TYPEVAR, name, List.of(), 0);
  }

  public static TypeRef unresolved(String sourceText) {
    return new TypeRef(Kind.UNRESOLVED, sourceText, List.of(), 0);
  }

  /** This type as an array with {@code dims} more dimensions. */
  public TypeRef arrayOf(int dims) {
    return new TypeRef(kind, name, args, arrayDims + dims);
  }

  /** The element type of an array type, or this type if it is not an array. */
  public TypeRef elementType() {
    return arrayDims == 0 ? this : new TypeRef(kind, name, args, arrayDims - 1);
  }

  public boolean isArray() {
    return arrayDims > 0;
  }

  public boolean isResolvedClass() {
    return kind == Kind.CLASS && arrayDims == 0;
  }

  public boolean isPrimitive() {
    return kind == Kind.PRIMITIVE && arrayDims == 0;
  }

  /** Type argument {@code i}, or {@link #UNKNOWN} when there is none (raw type, unresolved). */
  public TypeRef arg(int i) {
    return i < args.size() ? args.get(i) : UNKNOWN;
  }

  /** Erased, qualified name, with {@code []} per array dimension. */
  public String erasure() {
    return arrayDims == 0 ? name : name + "[]".repeat(arrayDims);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    if (kind == Kind.UNRESOLVED) {
      sb.append('~');
    }
    sb.append(name);
    if (!args.isEmpty()) {
      sb.append('<');
      for (int i = 0; i < args.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        sb.append(args.get(i));
      }
      sb.append('>');
    }
    sb.append("[]".repeat(arrayDims));
    return sb.toString();
  }
}
