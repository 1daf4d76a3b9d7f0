package dev.shareguard.cli.frontend;

import dev.shareguard.core.ir.TypeRef;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One level of lexical scope while resolving and lowering: the file, a class body (or only a class
 * header, where members are not yet visible), a method or lambda (a function: where {@code return}
 * goes), or a block. Local variables and local classes live in functions and blocks. Scopes are
 * confined to the thread lowering one file.
 */
final class Scope {
  enum Kind {
    UNIT,
    CLASS,
    HEADER,
    METHOD,
    LAMBDA,
    BLOCK
  }

  final Kind kind;
  final Scope parent;
  final UnitContext unit;
  final ProjectClass cls;
  final List<TypeParam> typeParams;
  final boolean isStatic;
  final TypeRef returnTarget;
  private Map<String, TypeRef> vars;
  private Map<String, ProjectClass> localClasses;

  private Scope(
      Kind kind,
      Scope parent,
      UnitContext unit,
      ProjectClass cls,
      List<TypeParam> typeParams,
      boolean isStatic,
      TypeRef returnTarget) {
    this.kind = kind;
    this.parent = parent;
    this.unit = unit;
    this.cls = cls;
    this.typeParams = typeParams;
    this.isStatic = isStatic;
    this.returnTarget = returnTarget;
  }

  static Scope unit(UnitContext unit) {
    return new Scope(Kind.UNIT, null, unit, null, List.of(), true, null);
  }

  /** The body of {@code c}: its members, inherited ones included, and its type parameters. */
  Scope classBody(ProjectClass c) {
    return new Scope(Kind.CLASS, this, unit, c, List.of(), false, null);
  }

  /** The header of {@code c} (extends, implements, type parameter bounds): only its type vars. */
  Scope classHeader(ProjectClass c) {
    return new Scope(Kind.HEADER, this, unit, c, List.of(), false, null);
  }

  /** A method, constructor, initializer or field initializer. */
  Scope method(List<TypeParam> methodTypeParams, boolean staticContext, TypeRef returnType) {
    return new Scope(Kind.METHOD, this, unit, null, methodTypeParams, staticContext, returnType);
  }

  Scope lambda(TypeRef returnType) {
    return new Scope(Kind.LAMBDA, this, unit, null, List.of(), false, returnType);
  }

  Scope block() {
    return new Scope(Kind.BLOCK, this, unit, null, List.of(), false, null);
  }

  boolean isFunction() {
    return kind == Kind.METHOD || kind == Kind.LAMBDA;
  }

  void declare(String name, TypeRef type) {
    if (vars == null) {
      vars = new HashMap<>();
    }
    vars.put(name, type == null ? TypeRef.UNKNOWN : type);
  }

  /** The type of local {@code name} declared in this very scope, or null. */
  TypeRef local(String name) {
    return vars == null ? null : vars.get(name);
  }

  void declareLocalClass(String simpleName, ProjectClass c) {
    if (localClasses == null) {
      localClasses = new HashMap<>();
    }
    localClasses.put(simpleName, c);
  }

  /** The innermost class whose body encloses this scope, or null at file level. */
  ProjectClass enclosingClass() {
    for (Scope s = this; s != null; s = s.parent) {
      if (s.kind == Kind.CLASS) {
        return s.cls;
      }
    }
    return null;
  }

  /** The nearest method or lambda, or null. */
  Scope function() {
    for (Scope s = this; s != null; s = s.parent) {
      if (s.isFunction()) {
        return s;
      }
      if (s.kind == Kind.CLASS) {
        return null;
      }
    }
    return null;
  }

  /**
   * The meaning of simple type name {@code name} here: a local class, a type variable, a member
   * type of an enclosing class (inherited ones included), or a file-level name. Null when unknown.
   */
  TypeRef resolveTypeName(String name, TypeSystem ts) {
    for (Scope s = this; s != null; s = s.parent) {
      switch (s.kind) {
        case BLOCK, METHOD, LAMBDA -> {
          if (s.localClasses != null && s.localClasses.containsKey(name)) {
            return TypeRef.of(s.localClasses.get(name).name());
          }
          for (TypeParam p : s.typeParams) {
            if (p.name().equals(name)) {
              return TypeRef.typeVar(name);
            }
          }
        }
        case CLASS, HEADER -> {
          for (String p : s.cls.typeParamNames()) {
            if (p.equals(name)) {
              return TypeRef.typeVar(name);
            }
          }
          if (s.kind == Kind.CLASS) {
            String member = ts.findMemberType(s.cls.asType(), name);
            if (member != null) {
              return TypeRef.of(member);
            }
          }
        }
        case UNIT -> {
          String q = s.unit.resolveTypeName(name, ts);
          if (q != null) {
            return TypeRef.of(q);
          }
        }
      }
    }
    return null;
  }

  /** The bound of type variable {@code name} as declared in scope, or null. */
  TypeRef typeVarBound(String name) {
    for (Scope s = this; s != null; s = s.parent) {
      List<TypeParam> params =
          s.kind == Kind.CLASS || s.kind == Kind.HEADER ? s.cls.typeParams() : s.typeParams;
      for (TypeParam p : params) {
        if (p.name().equals(name)) {
          return p.bound();
        }
      }
    }
    return null;
  }
}
