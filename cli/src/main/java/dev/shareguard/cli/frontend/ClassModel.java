package dev.shareguard.cli.frontend;

import dev.shareguard.core.ir.TypeRef;
import java.util.ArrayList;
import java.util.List;

/**
 * What the front end knows about one class: a class of the audited project ({@link ProjectClass})
 * or of the JDK ({@link JdkClass}). Members are the ones declared in the class itself; {@link
 * TypeSystem} walks supertypes.
 */
abstract class ClassModel {
  /** Qualified name with dots for nesting, or the IR class id for local and anonymous classes. */
  abstract String name();

  abstract boolean isInterface();

  abstract boolean isEnum();

  abstract List<TypeParam> typeParams();

  /**
   * The superclass for member lookup (with the implicit {@code java.lang.Enum<E>} and {@code
   * java.lang.Record} of enums and records), or null for {@code Object} and interfaces.
   */
  abstract TypeRef superclass();

  abstract List<TypeRef> interfaces();

  /** The field declared here under {@code name}, or null. */
  abstract FieldModel field(String name);

  /** Methods declared here under {@code name}, in a stable order. */
  abstract List<MethodModel> methods(String name);

  /** Every method declared here, in a stable order (to find a functional interface's method). */
  abstract List<MethodModel> allMethods();

  abstract List<MethodModel> constructors();

  /** The qualified name of the member type declared here as {@code simpleName}, or null. */
  abstract String memberType(String simpleName);

  abstract boolean isProject();

  /** The package of this class (for package-private access). */
  abstract String packageName();

  /**
   * Whether {@code member} (a field or method declared here) is inherited by a subclass in package
   * {@code subclassPackage}: private members never are, package-private ones only within the
   * package.
   */
  abstract boolean inherited(Object member, String subclassPackage);

  /** This class as a type, with its own type variables as arguments. */
  TypeRef asType() {
    List<TypeRef> args = new ArrayList<>();
    for (TypeParam p : typeParams()) {
      args.add(TypeRef.typeVar(p.name()));
    }
    return TypeRef.of(name(), args);
  }
}
