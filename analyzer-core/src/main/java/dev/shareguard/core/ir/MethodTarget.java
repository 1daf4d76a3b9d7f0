package dev.shareguard.core.ir;

import java.util.List;

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
