package dev.shareguard.core.ir;

import java.util.List;
import java.util.Set;

/**
 * A class, interface, enum, record or annotation type, including anonymous and local classes.
 * {@code id} follows the package docs; {@code enclosingClassId} is null for top-level classes.
 * {@code superclass} is null when there is no {@code extends} clause. For an enum or record the
 * implicit supertype need not be given.
 */
public record ClassDecl(
    Pos pos,
    String id,
    String simpleName,
    Kind kind,
    Set<Modifier> modifiers,
    List<Annotation> annotations,
    TypeRef superclass,
    List<TypeRef> interfaces,
    String enclosingClassId,
    List<FieldDecl> fields,
    List<MethodDecl> methods) {

  /** What sort of type declaration. */
  public enum Kind {
    CLASS,
    INTERFACE,
    ENUM,
    RECORD,
    ANNOTATION,
    ANONYMOUS,
    LOCAL
  }

  public ClassDecl {
    modifiers = Set.copyOf(modifiers);
    annotations = List.copyOf(annotations);
    interfaces = List.copyOf(interfaces);
    fields = List.copyOf(fields);
    methods = List.copyOf(methods);
  }

  /** True for inner (non-static nested, local or anonymous) classes that hold an outer instance. */
  public boolean hasOuterInstance() {
    return enclosingClassId != null
        && !modifiers.contains(Modifier.STATIC)
        && kind != Kind.INTERFACE
        && kind != Kind.ENUM
        && kind != Kind.RECORD
        && kind != Kind.ANNOTATION;
  }
}
