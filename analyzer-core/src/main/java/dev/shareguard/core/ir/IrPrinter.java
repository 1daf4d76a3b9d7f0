package dev.shareguard.core.ir;

import java.util.List;

/**
 * Prints the IR as indented text. Used to compare what the two front ends produce for the same
 * source, and in test failure messages; not a stable format.
 */
public final class IrPrinter {
  private final StringBuilder out = new StringBuilder();
  private int indent;

  private IrPrinter() {}

  /** The whole file as text. */
  public static String print(SourceFile file) {
    IrPrinter p = new IrPrinter();
    p.line("file " + file.path() + " package " + file.packageName());
    for (ClassDecl c : file.classes()) {
      p.printClass(c);
    }
    return p.out.toString();
  }

  private void line(String s) {
    out.append("  ".repeat(indent)).append(s).append('\n');
  }

  private void printClass(ClassDecl c) {
    line(
        "class "
            + c.id()
            + " "
            + c.kind()
            + " @"
            + c.pos()
            + " mods="
            + sorted(c.modifiers())
            + " ann="
            + annotations(c.annotations())
            + " extends="
            + c.superclass()
            + " implements="
            + c.interfaces()
            + " enclosing="
            + c.enclosingClassId());
    indent++;
    for (FieldDecl f : c.fields()) {
      line(
          "field "
              + f.name()
              + " : "
              + f.type()
              + " mods="
              + sorted(f.modifiers())
              + " ann="
              + annotations(f.annotations())
              + (f.initializer() == null ? "" : " = " + expr(f.initializer())));
    }
    for (MethodDecl m : c.methods()) {
      StringBuilder ps = new StringBuilder();
      for (Param p : m.params()) {
        ps.append(p.name()).append(':').append(p.type()).append(' ');
      }
      line(
          "method "
              + m.name()
              + "("
              + ps.toString().trim()
              + ") : "
              + m.returnType()
              + " mods="
              + sorted(m.modifiers())
              + " ann="
              + annotations(m.annotations())
              + " @"
              + m.pos());
      if (m.body() != null) {
        indent++;
        stmt(m.body());
        indent--;
      }
    }
    indent--;
  }

  private static String sorted(java.util.Set<Modifier> mods) {
    return new java.util.TreeSet<>(mods).toString();
  }

  private static String annotations(List<Annotation> anns) {
    StringBuilder sb = new StringBuilder("[");
    for (Annotation a : anns) {
      if (sb.length() > 1) {
        sb.append(", ");
      }
      sb.append(a.name());
      if (!a.values().isEmpty()) {
        sb.append(a.values());
      }
    }
    return sb.append(']').toString();
  }

  private void stmt(Stmt s) {
    if (s instanceof Stmt.Block b) {
      line("{ @" + b.pos());
      indent++;
      b.stmts().forEach(this::stmt);
      indent--;
      line("}");
    
    } else if (s instanceof Stmt.ExprStmt e) {
        line("expr " + expr(e.expr()));
    } else if (s instanceof Stmt.LocalVar v) {
        line(
              "var "
                  + (v.annotations().isEmpty() ? "" : annotations(v.annotations()) + " ")
                  + v.name()
                  + " : "
                  + v.type()
                  + (v.init() == null ? "" : " = " + expr(v.init()))
                  + " @"
                  + v.pos());
    } else if (s instanceof Stmt.If i) {
      line("if " + expr(i.cond()));
      nested(i.then());
      if (i.orElse() != null) {
        line("else");
        nested(i.orElse());
      }
    
    } else if (s instanceof Stmt.While w) {
      line("while " + expr(w.cond()));
      nested(w.body());
    
    } else if (s instanceof Stmt.DoWhile d) {
      line("do");
      nested(d.body());
      line("while " + expr(d.cond()));
    
    } else if (s instanceof Stmt.For f) {
      line("for");
      indent++;
      f.init().forEach(this::stmt);
      line("cond " + (f.cond() == null ? "-" : expr(f.cond())));
      f.update().forEach(u -> line("update " + expr(u)));
      indent--;
      nested(f.body());
    
    } else if (s instanceof Stmt.ForEach f) {
      line("foreach " + f.var() + " : " + f.varType() + " in " + expr(f.iterable()));
      nested(f.body());
    
    } else if (s instanceof Stmt.Try t) {
      line("try");
      indent++;
      t.resources().forEach(this::stmt);
      indent--;
      nested(t.body());
      for (Stmt.Catch c : t.catches()) {
        line("catch " + c.var() + " : " + c.types());
        nested(c.body());
      }
      if (t.finallyBlock() != null) {
        line("finally");
        nested(t.finallyBlock());
      }
    
    } else if (s instanceof Stmt.Synchronized y) {
      line("synchronized " + expr(y.monitor()));
      nested(y.body());
    
    } else if (s instanceof Stmt.Return r) {
        line("return" + (r.expr() == null ? "" : " " + expr(r.expr())));
    } else if (s instanceof Stmt.Throw t) {
        line("throw " + expr(t.expr()));
    } else if (s instanceof Stmt.Break b) {
        line("break" + (b.label() == null ? "" : " " + b.label()));
    } else if (s instanceof Stmt.Continue c) {
        line("continue" + (c.label() == null ? "" : " " + c.label()));
    } else if (s instanceof Stmt.Yield y) {
        line("yield " + expr(y.expr()));
    } else if (s instanceof Stmt.Labeled l) {
      line(l.label() + ":");
      nested(l.body());
    
    } else if (s instanceof Stmt.Switch sw) {
      line("switch " + expr(sw.selector()));
      cases(sw.cases());
    
    } else if (s instanceof Stmt.LocalClass lc) {
        line("localclass " + lc.classId());
    } else if (s instanceof Stmt.Assert a) {
        line("assert " + expr(a.cond()));
    } else if (s instanceof Stmt.Empty e) {
        line(";");
    }
  }

  private void cases(List<Stmt.SwitchCase> cases) {
    indent++;
    for (Stmt.SwitchCase c : cases) {
      StringBuilder ls = new StringBuilder();
      for (Expr l : c.labels()) {
        ls.append(expr(l)).append(' ');
      }
      line((c.isDefault() ? "default" : "case " + ls.toString().trim()) + (c.arrow() ? " ->" : ":"));
      indent++;
      c.body().forEach(this::stmt);
      indent--;
    }
    indent--;
  }

  private void nested(Stmt s) {
    indent++;
    stmt(s);
    indent--;
  }

  /** One expression on one line (lambda bodies are printed inline in braces). */
  public static String expr(Expr e) {
    if (e == null) {
      return "null!";
    }
    if (e instanceof Expr.Literal l) {
      return l.text();
    } else if (e instanceof Expr.LocalRef l) {
      return l.name();
    } else if (e instanceof Expr.ThisRef t) {
      return (t.isSuper() ? "super" : "this") + "(" + t.classId() + ")";
    } else if (e instanceof Expr.FieldAccess f) {
      return (f.receiver() == null ? f.ownerClass() : expr(f.receiver())) + "." + f.name();
    } else if (e instanceof Expr.ArrayAccess a) {
      return expr(a.array()) + "[" + expr(a.index()) + "]";
    } else if (e instanceof Expr.Call c) {
      return (c.receiver() == null ? "static " : expr(c.receiver()) + ".")
              + c.target()
              + args(c.args())
              + ":"
              + c.type();
    } else if (e instanceof Expr.New n) {
      return "new "
              + n.type()
              + args(n.args())
              + (n.anonymousClassId() == null ? "" : "{" + n.anonymousClassId() + "}");
    } else if (e instanceof Expr.NewArray n) {
      return "new " + n.type() + args(n.dimensions()) + args(n.initializers());
    } else if (e instanceof Expr.Lambda l) {
      IrPrinter p = new IrPrinter();
      p.stmt(l.body());
      return "lambda " + l.id() + " " + l.params().stream().map(Param::name).toList() + " "
          + p.out.toString().replace('\n', ' ').replaceAll(" +", " ").trim();
    
    } else if (e instanceof Expr.MethodRef m) {
      return (m.receiver() == null ? String.valueOf(m.qualifierType()) : expr(m.receiver()))
              + "::"
              + m.target();
    } else if (e instanceof Expr.Assign a) {
      return expr(a.target()) + " " + a.op() + " " + expr(a.value());
    } else if (e instanceof Expr.Unary u) {
      return u.op() + "(" + expr(u.operand()) + ")";
    } else if (e instanceof Expr.Binary b) {
      return "(" + expr(b.left()) + " " + b.op() + " " + expr(b.right()) + ")";
    } else if (e instanceof Expr.Conditional c) {
      return "(" + expr(c.condition()) + " ? " + expr(c.whenTrue()) + " : " + expr(c.whenFalse()) + ")";
    } else if (e instanceof Expr.Cast c) {
      return "((" + c.type() + ") " + expr(c.expr()) + ")";
    } else if (e instanceof Expr.InstanceOf i) {
      return expr(i.expr()) + " instanceof " + i.tested();
    } else if (e instanceof Expr.ClassLiteral c) {
      return c.of() + ".class";
    } else if (e instanceof Expr.SwitchExpr s) {
      return "switch(" + expr(s.selector()) + "){" + s.cases().size() + " cases}";
    } else if (e instanceof Expr.Opaque o) {
      return "opaque<" + o.what() + ">" + args(o.parts());
    }
    throw new IllegalArgumentException(e.getClass().getName());
  }

  private static String args(List<Expr> args) {
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < args.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(expr(args.get(i)));
    }
    return sb.append(')').toString();
  }
}
