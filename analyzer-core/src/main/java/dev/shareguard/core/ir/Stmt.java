package dev.shareguard.core.ir;

import java.util.List;

/** Statements, structured as in source; the engine builds the control-flow graph from them. */
public sealed interface Stmt {
  Pos pos();

  /** {@code { stmts }}. */
  record Block(Pos pos, List<Stmt> stmts) implements Stmt {
    public Block {
      stmts = List.copyOf(stmts);
    }
  }

  /** An expression evaluated for its effect. */
  record ExprStmt(Pos pos, Expr expr) implements Stmt {}

  /**
   * {@code T name = init;} ({@code init} may be null). One per declared variable; {@code
   * annotations} are the declaration's, in source order (for {@code @SuppressWarnings} on a local).
   */
  record LocalVar(Pos pos, String name, TypeRef type, Expr init, List<Annotation> annotations)
      implements Stmt {
    public LocalVar {
      annotations = List.copyOf(annotations);
    }

    /** A local declared without annotations. */
    public LocalVar(Pos pos, String name, TypeRef type, Expr init) {
      this(pos, name, type, init, List.of());
    }
  }

  /** {@code if (cond) then else}; {@code orElse} may be null. */
  record If(Pos pos, Expr cond, Stmt then, Stmt orElse) implements Stmt {}

  /** {@code while (cond) body}. */
  record While(Pos pos, Expr cond, Stmt body) implements Stmt {}

  /** {@code do body while (cond);}. */
  record DoWhile(Pos pos, Stmt body, Expr cond) implements Stmt {}

  /** {@code for (init; cond; update) body}; {@code cond} may be null (forever). */
  record For(Pos pos, List<Stmt> init, Expr cond, List<Expr> update, Stmt body) implements Stmt {
    public For {
      init = List.copyOf(init);
      update = List.copyOf(update);
    }
  }

  /** {@code for (T var : iterable) body}: iterating reads the iterable. */
  record ForEach(Pos pos, String var, TypeRef varType, Expr iterable, Stmt body) implements Stmt {}

  /** {@code catch (T1 | T2 var) body}. */
  record Catch(Pos pos, String var, List<TypeRef> types, Block body) {
    public Catch {
      types = List.copyOf(types);
    }
  }

  /**
   * {@code try (resources) body catch… finally}. Resources are {@link LocalVar}s or {@link
   * ExprStmt}s, closed in reverse order when the body ends. {@code finallyBlock} may be null.
   */
  record Try(Pos pos, List<Stmt> resources, Block body, List<Catch> catches, Block finallyBlock)
      implements Stmt {
    public Try {
      resources = List.copyOf(resources);
      catches = List.copyOf(catches);
    }
  }

  /** {@code synchronized (monitor) body}. */
  record Synchronized(Pos pos, Expr monitor, Block body) implements Stmt {}

  /** {@code return expr;} ({@code expr} may be null). */
  record Return(Pos pos, Expr expr) implements Stmt {}

  /** {@code throw expr;}. */
  record Throw(Pos pos, Expr expr) implements Stmt {}

  /** {@code break label;} ({@code label} may be null). */
  record Break(Pos pos, String label) implements Stmt {}

  /** {@code continue label;} ({@code label} may be null). */
  record Continue(Pos pos, String label) implements Stmt {}

  /** {@code yield expr;} inside a switch expression. */
  record Yield(Pos pos, Expr expr) implements Stmt {}

  /** {@code label: body}. */
  record Labeled(Pos pos, String label, Stmt body) implements Stmt {}

  /**
   * One case group. {@code labels} are the case constants (empty with {@code isDefault}); {@code
   * arrow} is true for {@code case X ->} forms, which do not fall through.
   */
  record SwitchCase(Pos pos, List<Expr> labels, boolean isDefault, boolean arrow, List<Stmt> body) {
    public SwitchCase {
      labels = List.copyOf(labels);
      body = List.copyOf(body);
    }
  }

  /** A switch statement. */
  record Switch(Pos pos, Expr selector, List<SwitchCase> cases) implements Stmt {
    public Switch {
      cases = List.copyOf(cases);
    }
  }

  /** A local class declaration; its {@link ClassDecl} is in the file's class list. */
  record LocalClass(Pos pos, String classId) implements Stmt {}

  /** {@code assert cond : message;} ({@code message} may be null). */
  record Assert(Pos pos, Expr cond, Expr message) implements Stmt {}

  /** {@code ;} and anything with no effect. */
  record Empty(Pos pos) implements Stmt {}
}
