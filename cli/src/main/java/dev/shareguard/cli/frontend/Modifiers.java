package dev.shareguard.cli.frontend;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.AnnotationDeclaration;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.EnumDeclaration;
import com.github.javaparser.ast.body.RecordDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import dev.shareguard.core.ir.Modifier;
import java.util.EnumSet;
import java.util.Set;

/**
 * Source modifiers as IR {@link Modifier}s, plus the implicit ones the language gives (the same
 * flags javac puts on the symbols): interface fields are {@code public static final}, interface
 * methods {@code public} and, without a body, {@code abstract}; member types of interfaces are
 * {@code public static}; nested and local enums, records and interfaces are {@code static}; records
 * are {@code final}; enum constants are {@code public static final}; enum constructors are {@code
 * private}.
 */
final class Modifiers {
  private Modifiers() {}

  static Set<Modifier> of(NodeList<com.github.javaparser.ast.Modifier> mods) {
    Set<Modifier> out = EnumSet.noneOf(Modifier.class);
    for (com.github.javaparser.ast.Modifier m : mods) {
      switch (m.getKeyword()) {
        case PUBLIC -> out.add(Modifier.PUBLIC);
        case PROTECTED -> out.add(Modifier.PROTECTED);
        case PRIVATE -> out.add(Modifier.PRIVATE);
        case STATIC -> out.add(Modifier.STATIC);
        case FINAL -> out.add(Modifier.FINAL);
        case ABSTRACT -> out.add(Modifier.ABSTRACT);
        case SYNCHRONIZED -> out.add(Modifier.SYNCHRONIZED);
        case VOLATILE -> out.add(Modifier.VOLATILE);
        case TRANSIENT -> out.add(Modifier.TRANSIENT);
        case NATIVE -> out.add(Modifier.NATIVE);
        case DEFAULT -> out.add(Modifier.DEFAULT);
        default -> {
          // strictfp, sealed, non-sealed, transitive: no meaning for the engine.
        }
      }
    }
    return out;
  }

  /** Whether {@code container} is an interface or annotation type. */
  static boolean isInterfaceLike(Node container) {
    return container instanceof AnnotationDeclaration
        || (container instanceof ClassOrInterfaceDeclaration c && c.isInterface());
  }

  /** Modifiers of a type declaration, implicit ones included. */
  static Set<Modifier> ofType(TypeDeclaration<?> td, boolean nested) {
    Set<Modifier> out = of(td.getModifiers());
    boolean implicitlyStatic =
        td instanceof EnumDeclaration
            || td instanceof RecordDeclaration
            || td instanceof AnnotationDeclaration
            || (td instanceof ClassOrInterfaceDeclaration c && c.isInterface());
    if (nested && implicitlyStatic) {
      out.add(Modifier.STATIC);
    }
    if (td instanceof RecordDeclaration) {
      out.add(Modifier.FINAL);
    }
    Node parent = td.getParentNode().orElse(null);
    if (parent != null && isInterfaceLike(parent)) {
      out.add(Modifier.PUBLIC);
      out.add(Modifier.STATIC);
    }
    return out;
  }

  /** Modifiers of a field declared in {@code container}. */
  static Set<Modifier> ofField(NodeList<com.github.javaparser.ast.Modifier> mods, Node container) {
    Set<Modifier> out = of(mods);
    if (isInterfaceLike(container)) {
      out.add(Modifier.PUBLIC);
      out.add(Modifier.STATIC);
      out.add(Modifier.FINAL);
    }
    return out;
  }

  /** Modifiers of a method declared in {@code container}; {@code hasBody} for abstractness. */
  static Set<Modifier> ofMethod(
      NodeList<com.github.javaparser.ast.Modifier> mods, Node container, boolean hasBody) {
    Set<Modifier> out = of(mods);
    if (isInterfaceLike(container)) {
      if (!out.contains(Modifier.PRIVATE)) {
        out.add(Modifier.PUBLIC);
      }
      if (!hasBody
          && !out.contains(Modifier.STATIC)
          && !out.contains(Modifier.DEFAULT)
          && !out.contains(Modifier.PRIVATE)) {
        out.add(Modifier.ABSTRACT);
      }
    }
    return out;
  }

  /** Modifiers of a constructor declared in {@code container}. */
  static Set<Modifier> ofConstructor(
      NodeList<com.github.javaparser.ast.Modifier> mods, Node container) {
    Set<Modifier> out = of(mods);
    if (container instanceof EnumDeclaration) {
      out.add(Modifier.PRIVATE);
    }
    return out;
  }
}
