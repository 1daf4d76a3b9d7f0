package dev.shareguard.cli.frontend;

import com.github.javaparser.ast.type.ArrayType;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.IntersectionType;
import com.github.javaparser.ast.type.PrimitiveType;
import com.github.javaparser.ast.type.Type;
import com.github.javaparser.ast.type.UnionType;
import com.github.javaparser.ast.type.VoidType;
import com.github.javaparser.ast.type.WildcardType;
import dev.shareguard.core.ir.TypeRef;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves types written in source to {@link TypeRef}s: names through the lexical {@link Scope},
 * qualified names through the project index and the JDK, type arguments kept, wildcards lowered to
 * their bound or UNKNOWN. What cannot be resolved is {@link TypeRef#unresolved}, never a guess.
 */
final class TypeResolver {
  private final TypeSystem ts;

  TypeResolver(TypeSystem ts) {
    this.ts = ts;
  }

  TypeSystem types() {
    return ts;
  }

  /** The meaning of {@code t} in {@code scope}; {@code var} and missing types are UNKNOWN. */
  TypeRef resolve(Type t, Scope scope) {
    if (t == null) {
      return TypeRef.UNKNOWN;
    }
    if (t instanceof PrimitiveType p) {
      return TypeRef.primitive(p.getType().asString());
    } else if (t instanceof VoidType) {
      return TypeRef.VOID;
    } else if (t instanceof ArrayType a) {
      TypeRef c = resolve(a.getComponentType(), scope);
      return c.kind() == TypeRef.Kind.UNKNOWN ? c : c.arrayOf(1);
    } else if (t instanceof ClassOrInterfaceType c) {
      return resolveClassType(c, scope);
    } else if (t instanceof WildcardType w) {
      if (w.getExtendedType().isPresent()) {
        return resolve(w.getExtendedType().get(), scope);
      }
      if (w.getSuperType().isPresent()) {
        return resolve(w.getSuperType().get(), scope);
      }
      return TypeRef.UNKNOWN;
    } else if (t instanceof UnionType u) {
      return u.getElements().isEmpty() ? TypeRef.UNKNOWN : resolve(u.getElements().get(0), scope);
    } else if (t instanceof IntersectionType i) {
      return i.getElements().isEmpty() ? TypeRef.UNKNOWN : resolve(i.getElements().get(0), scope);
    }
    return TypeRef.UNKNOWN;
  }

  /** A class type; a diamond gives no arguments (the caller infers them). */
  TypeRef resolveClassType(ClassOrInterfaceType t, Scope scope) {
    List<String> segments = new ArrayList<>();
    for (ClassOrInterfaceType s = t; s != null; s = s.getScope().orElse(null)) {
      segments.add(0, s.getNameAsString());
    }
    TypeRef base = resolveName(segments, scope);
    if (base == null) {
      // The source text as written, type arguments included, as javac keeps an erroneous type.
      return TypeRef.unresolved(scope.unit.source.text(t));
    }
    if (base.kind() != TypeRef.Kind.CLASS || t.getTypeArguments().isEmpty()) {
      return base;
    }
    List<TypeRef> args = new ArrayList<>();
    for (Type a : t.getTypeArguments().get()) {
      args.add(resolve(a, scope));
    }
    return TypeRef.of(base.name(), args);
  }

  /**
   * A dotted type name: a type in scope followed by member types, or a package followed by a type.
   * Null when the name cannot be resolved.
   */
  TypeRef resolveName(List<String> segments, Scope scope) {
    TypeRef first = scope.resolveTypeName(segments.get(0), ts);
    if (first != null) {
      if (first.kind() == TypeRef.Kind.TYPEVAR) {
        return segments.size() == 1 ? first : null;
      }
      return members(first, segments, 1);
    }
    StringBuilder prefix = new StringBuilder(segments.get(0));
    for (int j = 1; j < segments.size(); j++) {
      prefix.append('.').append(segments.get(j));
      if (ts.nameableModel(prefix.toString()) != null) {
        return members(TypeRef.of(prefix.toString()), segments, j + 1);
      }
    }
    if (segments.size() > 1 && Character.isLowerCase(segments.get(0).charAt(0))) {
      // A package-qualified name of a class outside the project and the JDK: its canonical name
      // is exactly what is written, whether the later segments are nested classes or not.
      return TypeRef.of(String.join(".", segments));
    }
    return null;
  }

  /** Follows member types {@code segments[from..]} starting at {@code owner}. */
  private TypeRef members(TypeRef owner, List<String> segments, int from) {
    TypeRef cur = owner;
    for (int j = from; j < segments.size(); j++) {
      String m = ts.findMemberType(cur, segments.get(j));
      if (m == null) {
        if (ts.model(cur) != null) {
          return null;
        }
        m = cur.name() + "." + segments.get(j);
      }
      cur = TypeRef.of(m);
    }
    return cur;
  }
}
