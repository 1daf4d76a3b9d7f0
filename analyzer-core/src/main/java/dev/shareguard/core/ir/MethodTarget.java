package dev.shareguard.core.ir;

import java.util.List;
import java.util.Objects;

/**
 * What a call or constructor invocation resolves to.
 *
 * <p>{@code owner} is the qualified name of the class that declares the invoked method (javac's
 * symbol owner), or {@code null} when unresolved. {@code paramTypes} are the erased declared
 * parameter types when known (empty otherwise; {@code arity} always holds the argument count).
 * {@code returnType} is the declared return type with the receiver's type arguments substituted
 * where the front end knows them ({@code Map<String, List<X>>.get} returns {@code List<X>}).
 * {@code resolved} is false when the front end could not find the method: the engine then treats
 * the call as unknown code.
 *
 * <p>{@code equals} and {@code hashCode} are written out, the same as the generated ones, for the
 * reason the engine's {@code AbsVal} gives.
 */
public record MethodTarget(
    String owner,
    String name,
    List<TypeRef> paramTypes,
    int arity,
    TypeRef returnType,
    boolean isStatic,
    boolean varargs,
    boolean resolved) {
  @Override
  public boolean equals(Object o) {
    return o == this
        || o instanceof MethodTarget v
            && Objects.equals(owner, v.owner)
            && Objects.equals(name, v.name)
            && Objects.equals(paramTypes, v.paramTypes)
            && arity == v.arity
            && Objects.equals(returnType, v.returnType)
            && isStatic == v.isStatic
            && varargs == v.varargs
            && resolved == v.resolved;
  }

  @Override
  public int hashCode() {
    int h = Objects.hashCode(owner);
    h = 31 * h + Objects.hashCode(name);
    h = 31 * h + Objects.hashCode(paramTypes);
    h = 31 * h + arity;
    h = 31 * h + Objects.hashCode(returnType);
    h = 31 * h + Boolean.hashCode(isStatic);
    h = 31 * h + Boolean.hashCode(varargs);
    h = 31 * h + Boolean.hashCode(resolved);
    return h;
  }


  public MethodTarget {
    owner = Names.of(owner);
    name = Names.of(name);
    paramTypes = List.copyOf(paramTypes);
  }

  /** A call the front end could not resolve: only the name and argument count are known. */
  public static MethodTarget unresolved(String name, int arity) {
    return new MethodTarget(null, name, List.of(), arity, TypeRef.UNKNOWN, false, false, false);
  }

  @Override
  public String toString() {
    return (owner == null ? "?" : owner) + "#" + name + "/" + arity + (resolved ? "" : "?");
  }
}
