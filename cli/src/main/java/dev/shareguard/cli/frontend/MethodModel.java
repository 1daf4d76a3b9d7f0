package dev.shareguard.cli.frontend;

import dev.shareguard.core.ir.TypeRef;
import java.util.List;

/**
 * A method or constructor as the type model knows it. {@code paramTypes} and {@code returnType} are
 * declared (generic) types in terms of the declaring class's and the method's own type variables;
 * {@code erasedParamTypes} are their erasures, as {@link
 * dev.shareguard.core.ir.MethodTarget#paramTypes()} wants them.
 */
record MethodModel(
    String owner,
    String name,
    List<TypeParam> typeParams,
    List<TypeRef> paramTypes,
    List<TypeRef> erasedParamTypes,
    boolean varargs,
    TypeRef returnType,
    boolean isStatic,
    boolean isAbstract) {

  MethodModel {
    typeParams = List.copyOf(typeParams);
    paramTypes = List.copyOf(paramTypes);
    erasedParamTypes = List.copyOf(erasedParamTypes);
  }

  int arity() {
    return paramTypes.size();
  }
}
