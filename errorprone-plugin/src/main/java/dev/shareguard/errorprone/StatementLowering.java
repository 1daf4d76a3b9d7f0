package dev.shareguard.errorprone;

import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.tools.javac.tree.JCTree;
import com.sun.tools.javac.tree.JCTree.JCAssert;
import com.sun.tools.javac.tree.JCTree.JCBlock;
import com.sun.tools.javac.tree.JCTree.JCBreak;
import com.sun.tools.javac.tree.JCTree.JCCase;
import com.sun.tools.javac.tree.JCTree.JCCatch;
import com.sun.tools.javac.tree.JCTree.JCClassDecl;
import com.sun.tools.javac.tree.JCTree.JCContinue;
import com.sun.tools.javac.tree.JCTree.JCDoWhileLoop;
import com.sun.tools.javac.tree.JCTree.JCEnhancedForLoop;
import com.sun.tools.javac.tree.JCTree.JCExpression;
import com.sun.tools.javac.tree.JCTree.JCExpressionStatement;
import com.sun.tools.javac.tree.JCTree.JCForLoop;
import com.sun.tools.javac.tree.JCTree.JCIdent;
import com.sun.tools.javac.tree.JCTree.JCIf;
import com.sun.tools.javac.tree.JCTree.JCLabeledStatement;
import com.sun.tools.javac.tree.JCTree.JCMethodInvocation;
import com.sun.tools.javac.tree.JCTree.JCReturn;
import com.sun.tools.javac.tree.JCTree.JCSkip;
import com.sun.tools.javac.tree.JCTree.JCStatement;
import com.sun.tools.javac.tree.JCTree.JCSwitch;
import com.sun.tools.javac.tree.JCTree.JCSynchronized;
import com.sun.tools.javac.tree.JCTree.JCThrow;
import com.sun.tools.javac.tree.JCTree.JCTry;
import com.sun.tools.javac.tree.JCTree.JCTypeUnion;
import com.sun.tools.javac.tree.JCTree.JCVariableDecl;
import com.sun.tools.javac.tree.JCTree.JCWhileLoop;
import com.sun.tools.javac.tree.JCTree.JCYield;
import com.sun.tools.javac.tree.TreeInfo;
import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.Pos;
import dev.shareguard.core.ir.Stmt;
import dev.shareguard.core.ir.TypeRef;
import java.util.ArrayList;
import java.util.List;

/**
 * Lowers statements. Each statement sits at its start; a local variable (a declaration) at its
 * name. Parentheses around conditions and monitors are dropped.
 */
final class StatementLowering {
  private final UnitLowering unit;

  StatementLowering(UnitLowering unit) {
    this.unit = unit;
  }

  private ExpressionLowering expressions() {
    return unit.expressions;
  }

  Stmt.Block lowerBlock(JCBlock block) {
    return new Stmt.Block(unit.positions.start(block), lowerStatements(block.stats, block));
  }

  /** The statements of {@code block}, without the {@code super()} call javac inserts. */
  List<Stmt> lowerStatements(List<JCStatement> stats, JCBlock block) {
    List<Stmt> out = new ArrayList<>();
    for (JCStatement s : stats) {
      if (!isImplicitSuperCall(s, block)) {
        out.add(lower(s));
      }
    }
    return out;
  }

  /**
   * javac adds {@code super();} to constructors that do not call {@code this(…)} or {@code
   * super(…)}, positioned at the body's opening brace, where no written statement can start.
   */
  private static boolean isImplicitSuperCall(JCStatement s, JCBlock block) {
    if (block == null || s.pos != block.pos || !(s instanceof JCExpressionStatement)) {
      return false;
    }
    JCExpression e = ((JCExpressionStatement) s).expr;
    if (!(e instanceof JCMethodInvocation)) {
      return false;
    }
    JCExpression meth = ((JCMethodInvocation) e).meth;
    return meth instanceof JCIdent && ((JCIdent) meth).name.toString().equals("super");
  }

  Stmt lower(JCStatement s) {
    Pos pos = unit.positions.start(s);
    if (s instanceof JCBlock) {
      return lowerBlock((JCBlock) s);
    } else if (s instanceof JCExpressionStatement) {
      return new Stmt.ExprStmt(pos, expressions().lower(((JCExpressionStatement) s).expr));
    } else if (s instanceof JCVariableDecl) {
      return localVar((JCVariableDecl) s);
    } else if (s instanceof JCIf) {
      JCIf i = (JCIf) s;
      return new Stmt.If(
          pos,
          expressions().lower(i.cond),
          lower(i.thenpart),
          i.elsepart == null ? null : lower(i.elsepart));
    } else if (s instanceof JCWhileLoop) {
      JCWhileLoop w = (JCWhileLoop) s;
      return new Stmt.While(pos, expressions().lower(w.cond), lower(w.body));
    } else if (s instanceof JCDoWhileLoop) {
      JCDoWhileLoop d = (JCDoWhileLoop) s;
      return new Stmt.DoWhile(pos, lower(d.body), expressions().lower(d.cond));
    } else if (s instanceof JCForLoop) {
      return forLoop((JCForLoop) s, pos);
    } else if (s instanceof JCEnhancedForLoop) {
      JCEnhancedForLoop f = (JCEnhancedForLoop) s;
      return new Stmt.ForEach(
          pos,
          f.var.name.toString(),
          unit.param(f.var).type(),
          expressions().lower(f.expr),
          lower(f.body));
    } else if (s instanceof JCTry) {
      return tryStatement((JCTry) s, pos);
    } else if (s instanceof JCSynchronized) {
      JCSynchronized y = (JCSynchronized) s;
      return new Stmt.Synchronized(pos, expressions().lower(y.lock), lowerBlock(y.body));
    } else if (s instanceof JCReturn) {
      JCReturn r = (JCReturn) s;
      return new Stmt.Return(pos, r.expr == null ? null : expressions().lower(r.expr));
    } else if (s instanceof JCThrow) {
      return new Stmt.Throw(pos, expressions().lower(((JCThrow) s).expr));
    } else if (s instanceof JCBreak) {
      JCBreak b = (JCBreak) s;
      return new Stmt.Break(pos, b.label == null ? null : b.label.toString());
    } else if (s instanceof JCContinue) {
      JCContinue c = (JCContinue) s;
      return new Stmt.Continue(pos, c.label == null ? null : c.label.toString());
    } else if (s instanceof JCYield) {
      return new Stmt.Yield(pos, expressions().lower(((JCYield) s).value));
    } else if (s instanceof JCLabeledStatement) {
      JCLabeledStatement l = (JCLabeledStatement) s;
      return new Stmt.Labeled(pos, l.label.toString(), lower(l.body));
    } else if (s instanceof JCSwitch) {
      JCSwitch sw = (JCSwitch) s;
      return new Stmt.Switch(pos, expressions().lower(sw.selector), cases(sw.cases));
    } else if (s instanceof JCClassDecl) {
      JCClassDecl c = (JCClassDecl) s;
      UnitLowering.Scope enclosing = unit.currentScope();
      String id = unit.lowerClass(c, enclosing == null ? null : enclosing.id(), null, false);
      return new Stmt.LocalClass(unit.positions.at(unit.positions.classNameOffset(c)), id);
    } else if (s instanceof JCAssert) {
      JCAssert a = (JCAssert) s;
      return new Stmt.Assert(
          pos,
          expressions().lower(a.cond),
          a.detail == null ? null : expressions().lower(a.detail));
    } else if (s instanceof JCSkip) {
      return new Stmt.Empty(pos);
    }
    // A statement kind this front end does not know (newer javac): keep its expressions.
    return new Stmt.ExprStmt(pos, expressions().opaque(s, s.getKind().name()));
  }

  Stmt.LocalVar localVar(JCVariableDecl v) {
    TypeRef type = unit.param(v).type();
    return new Stmt.LocalVar(
        unit.positions.at(v.pos),
        v.name.toString(),
        type,
        v.init == null ? null : expressions().lower(v.init),
        unit.annotations(v.mods));
  }

  private Stmt forLoop(JCForLoop f, Pos pos) {
    List<Stmt> init = new ArrayList<>();
    for (JCStatement s : f.init) {
      init.add(lower(s));
    }
    List<Expr> update = new ArrayList<>();
    for (JCExpressionStatement s : f.step) {
      update.add(expressions().lower(s.expr));
    }
    return new Stmt.For(
        pos, init, f.cond == null ? null : expressions().lower(f.cond), update, lower(f.body));
  }

  private Stmt tryStatement(JCTry t, Pos pos) {
    List<Stmt> resources = new ArrayList<>();
    for (JCTree r : t.resources) {
      if (r instanceof JCVariableDecl) {
        resources.add(localVar((JCVariableDecl) r));
      } else if (r instanceof JCExpression) {
        resources.add(
            new Stmt.ExprStmt(unit.positions.start(r), expressions().lower((JCExpression) r)));
      }
    }
    List<Stmt.Catch> catches = new ArrayList<>();
    for (JCCatch c : t.catchers) {
      List<TypeRef> types = new ArrayList<>();
      if (c.param.vartype instanceof JCTypeUnion) {
        for (JCExpression alt : ((JCTypeUnion) c.param.vartype).alternatives) {
          types.add(unit.typeLowering.lowerDeclared(alt.type, alt));
        }
      } else {
        types.add(unit.param(c.param).type());
      }
      catches.add(
          new Stmt.Catch(
              unit.positions.start(c), c.param.name.toString(), types, lowerBlock(c.body)));
    }
    return new Stmt.Try(
        pos,
        resources,
        lowerBlock(t.body),
        catches,
        t.finalizer == null ? null : lowerBlock(t.finalizer));
  }

  /**
   * Case groups. javac already wraps the expression of an arrow case: in a switch statement as an
   * expression statement, in a switch expression as a {@code yield}; a block or throw stays as it
   * is.
   */
  List<Stmt.SwitchCase> cases(List<JCCase> cases) {
    List<Stmt.SwitchCase> out = new ArrayList<>();
    for (JCCase c : cases) {
      List<Expr> labels = new ArrayList<>();
      for (ExpressionTree e : ((CaseTree) c).getExpressions()) {
        labels.add(expressions().lower((JCExpression) e));
      }
      boolean isDefault = false;
      boolean pattern = false;
      for (JCTree label : c.labels) {
        String tag = label.getTag().name();
        if (tag.equals("DEFAULTCASELABEL")) {
          isDefault = true;
        } else if (tag.contains("PATTERN")) {
          pattern = true;
        }
      }
      if (pattern) {
        // Pattern labels and their guard (Java 21) are not modelled: keep their expressions.
        labels.add(expressions().patternLabel(c));
      }
      if (c.labels.isEmpty() && labels.isEmpty()) {
        isDefault = true;
      }
      boolean arrow = c.getCaseKind() == CaseTree.CaseKind.RULE;
      List<Stmt> body = new ArrayList<>();
      if (c.stats != null) {
        for (JCStatement s : c.stats) {
          body.add(lower(s));
        }
      }
      out.add(
          new Stmt.SwitchCase(
              unit.positions.at(TreeInfo.getStartPos(c)), labels, isDefault, arrow, body));
    }
    return out;
  }
}
