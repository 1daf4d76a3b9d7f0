package dev.shareguard.core.ir;

import java.util.List;
import java.util.Set;

/**
 * A method, constructor ({@code <init>}), instance initializer ({@code <instinit>}) or static
 * initializer ({@code <clinit>}). {@code body} is null for abstract and native methods.
 */
public record MethodDecl(
    Pos pos,
    String name,
    List<Param> params,
    TypeRef returnType,
    Set<Modifier> modifiers,
    List<Annotation> annotations,
    boolean varargs,
    Stmt.Block body) {

  public static final String CONSTRUCTOR = "<init>";
  public static final String INSTANCE_INIT = "<instinit>";
  public static final String STATIC_INIT = "<clinit>";

  public MethodDecl {
    params = List.copyOf(params);
    modifiers = Set.copyOf(modifiers);
    annotations = List.copyOf(annotations);
  }

  public boolean isConstructor() {
    return name.equals(CONSTRUCTOR);
  }

  /** Constructors and initializer blocks: code that runs while the object is being built. */
  public boolean isInitializer() {
    return isConstructor() || name.equals(INSTANCE_INIT) || name.equals(STATIC_INIT);
  }

  public boolean isStatic() {
    return modifiers.contains(Modifier.STATIC);
  }

  public boolean isSynchronized() {
    return modifiers.contains(Modifier.SYNCHRONIZED);
  }

  public boolean isPrivate() {
    return modifiers.contains(Modifier.PRIVATE);
  }

  public boolean isPublic() {
    return modifiers.contains(Modifier.PUBLIC);
  }

  /** {@code name/arity}, enough to tell most overloads apart. */
  public String signature() {
    return name + "/" + params.size();
  }
}
