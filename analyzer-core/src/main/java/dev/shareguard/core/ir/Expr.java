package dev.shareguard.core.ir;

import java.util.List;

/**
 * Expressions. Each carries its start position and its static type ({@link TypeRef#UNKNOWN} or
 * unresolved when the front end does not know it). Evaluation order is Java's: receiver, then
 * arguments left to right, then the operation.
 */
public sealed interface Expr {
  Pos pos();

  TypeRef type();

  /** A literal; {@code text} is its source text ({@code "a"}, {@code 42}, {@code null}). */
  record Literal(Pos pos, TypeRef type, String text) implements Expr {}

  /** A read of a local variable, parameter, lambda parameter or captured local. */
  record LocalRef(Pos pos, TypeRef type, String name) implements Expr {
    public LocalRef {
      name = Names.of(name);
    }
  }

  /**
   * {@code this}, {@code Outer.this}, or the implicit receiver of a field or method of {@code
   * classId} (also {@code super} as a receiver, with {@code isSuper}).
   */
  record ThisRef(Pos pos, TypeRef type, String classId, boolean isSuper) implements Expr {
    public ThisRef {
      classId = Names.of(classId);
    }
  }

  /**
   * A field read (or, as the target of {@link Assign} or {@link Unary} increments, a field write).
   * {@code receiver} is null for a static field; {@code ownerClass} is the qualified name of the
   * declaring class, or null if unresolved. {@code fieldType} is the declared type of the field.
   */
  record FieldAccess(
      Pos pos, TypeRef type, Expr receiver, String ownerClass, String name, boolean isStatic)
      implements Expr {
    public FieldAccess {
      ownerClass = Names.of(ownerClass);
      name = Names.of(name);
    }
  }

  /** {@code array[index]}, a read unless it is the target of an assignment. */
  record ArrayAccess(Pos pos, TypeRef type, Expr array, Expr index) implements Expr {}

  /**
   * A method call. {@code receiver} is null for a static call, otherwise the receiver expression
   * (a {@link ThisRef} for an unqualified instance call).
   */
  record Call(Pos pos, TypeRef type, Expr receiver, MethodTarget target, List<Expr> args)
      implements Expr {
    public Call {
      args = List.copyOf(args);
    }
  }

  /**
   * {@code new T(args)}; {@code anonymousClassId} names the body's {@link ClassDecl} when this
   * creates an anonymous class, else null. {@code outer} is the explicit outer instance of {@code
   * outer.new Inner()}, else null. {@code constructor} may be unresolved.
   */
  record New(
      Pos pos,
      TypeRef type,
      Expr outer,
      List<Expr> args,
      String anonymousClassId,
      MethodTarget constructor)
      implements Expr {
    public New {
      args = List.copyOf(args);
    }
  }

  /** {@code new T[d1][d2]} or {@code new T[] {init…}} or an array initializer. */
  record NewArray(Pos pos, TypeRef type, List<Expr> dimensions, List<Expr> initializers)
      implements Expr {
    public NewArray {
      dimensions = List.copyOf(dimensions);
      initializers = List.copyOf(initializers);
    }
  }

  /**
   * A lambda. {@code id} is stable (see package docs); {@code type} is the functional interface
   * when known. The body runs where the lambda is invoked, which the engine decides from the call
   * the lambda is passed to.
   */
  record Lambda(Pos pos, TypeRef type, String id, List<Param> params, Stmt.Block body)
      implements Expr {
    public Lambda {
      params = List.copyOf(params);
    }
  }

  /**
   * A method reference {@code recv::name}, {@code Type::name} or {@code Type::new}. {@code
   * receiver} is the bound receiver expression (null for {@code Type::name}); {@code target} is the
   * referenced method when resolved ({@code <init>} for constructors).
   */
  record MethodRef(Pos pos, TypeRef type, Expr receiver, TypeRef qualifierType, MethodTarget target)
      implements Expr {}

  /**
   * An assignment {@code target op value}; {@code op} is {@code =} or a compound operator such as
   * {@code +=}. The target is a {@link LocalRef}, {@link FieldAccess} or {@link ArrayAccess}.
   */
  record Assign(Pos pos, TypeRef type, Expr target, String op, Expr value) implements Expr {}

  /**
   * A unary operation. {@code op} is one of {@code ++x}, {@code --x}, {@code x++}, {@code x--}
   * (writes of the operand), or {@code -}, {@code +}, {@code !}, {@code ~}.
   */
  record Unary(Pos pos, TypeRef type, String op, Expr operand) implements Expr {
    /** True for the increment and decrement forms, which write their operand. */
    public boolean writes() {
      return op.contains("++") || op.contains("--");
    }
  }

  /** A binary operation ({@code +}, {@code ==}, {@code &&}, …). */
  record Binary(Pos pos, TypeRef type, String op, Expr left, Expr right) implements Expr {}

  /** {@code cond ? a : b}. */
  record Conditional(Pos pos, TypeRef type, Expr condition, Expr whenTrue, Expr whenFalse)
      implements Expr {}

  /** {@code (T) expr}. */
  record Cast(Pos pos, TypeRef type, Expr expr) implements Expr {}

  /** {@code expr instanceof T [binding]}; {@code binding} is null without a pattern variable. */
  record InstanceOf(Pos pos, TypeRef type, Expr expr, TypeRef tested, String binding)
      implements Expr {}

  /** {@code T.class}. */
  record ClassLiteral(Pos pos, TypeRef type, TypeRef of) implements Expr {}

  /**
   * A switch expression. In an arrow case whose body is a single expression, that expression is
   * lowered to a body holding one {@link Stmt.Yield}.
   */
  record SwitchExpr(Pos pos, TypeRef type, Expr selector, List<Stmt.SwitchCase> cases)
      implements Expr {
    public SwitchExpr {
      cases = List.copyOf(cases);
    }
  }

  /**
   * Anything the IR does not model, with its evaluated sub-expressions in order, so nothing inside
   * is lost. {@code what} says what it was (for debugging and the IR dump).
   */
  record Opaque(Pos pos, TypeRef type, String what, List<Expr> parts) implements Expr {
    public Opaque {
      parts = List.copyOf(parts);
    }
  }
}
