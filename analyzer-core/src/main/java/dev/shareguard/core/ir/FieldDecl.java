package dev.shareguard.core.ir;

import java.util.List;
import java.util.Set;

/**
 * A field: declared type, modifiers, annotations and initializer (null if none). The initializer
 * matters: a field declared {@code Map} but initialized with {@code new ConcurrentHashMap<>()} is a
 * thread-safe container.
 */
public record FieldDecl(
    Pos pos,
    String name,
    TypeRef type,
    Set<Modifier> modifiers,
    List<Annotation> annotations,
    Expr initializer) {

  public FieldDecl {
    modifiers = Set.copyOf(modifiers);
    annotations = List.copyOf(annotations);
  }

  public boolean isStatic() {
    return modifiers.contains(Modifier.STATIC);
  }

  public boolean isFinal() {
    return modifiers.contains(Modifier.FINAL);
  }

  public boolean isVolatile() {
    return modifiers.contains(Modifier.VOLATILE);
  }
}
