package dev.shareguard.errorprone;

import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.Tree;
import com.sun.tools.javac.code.Kinds.Kind;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.TypeTag;
import com.sun.tools.javac.tree.JCTree;
import com.sun.tools.javac.tree.JCTree.JCArrayAccess;
import com.sun.tools.javac.tree.JCTree.JCAssign;
import com.sun.tools.javac.tree.JCTree.JCAssignOp;
import com.sun.tools.javac.tree.JCTree.JCBinary;
import com.sun.tools.javac.tree.JCTree.JCBindingPattern;
import com.sun.tools.javac.tree.JCTree.JCBlock;
import com.sun.tools.javac.tree.JCTree.JCCase;
import com.sun.tools.javac.tree.JCTree.JCClassDecl;
import com.sun.tools.javac.tree.JCTree.JCConditional;
import com.sun.tools.javac.tree.JCTree.JCExpression;
import com.sun.tools.javac.tree.JCTree.JCExpressionStatement;
import com.sun.tools.javac.tree.JCTree.JCFieldAccess;
import com.sun.tools.javac.tree.JCTree.JCIdent;
import com.sun.tools.javac.tree.JCTree.JCInstanceOf;
import com.sun.tools.javac.tree.JCTree.JCLambda;
import com.sun.tools.javac.tree.JCTree.JCLiteral;
import com.sun.tools.javac.tree.JCTree.JCMemberReference;
import com.sun.tools.javac.tree.JCTree.JCMethodDecl;
import com.sun.tools.javac.tree.JCTree.JCMethodInvocation;
import com.sun.tools.javac.tree.JCTree.JCNewArray;
import com.sun.tools.javac.tree.JCTree.JCNewClass;
import com.sun.tools.javac.tree.JCTree.JCParens;
import com.sun.tools.javac.tree.JCTree.JCStatement;
import com.sun.tools.javac.tree.JCTree.JCSwitchExpression;
import com.sun.tools.javac.tree.JCTree.JCTypeCast;
import com.sun.tools.javac.tree.JCTree.JCUnary;
import com.sun.tools.javac.tree.JCTree.JCVariableDecl;
import com.sun.tools.javac.tree.TreeInfo;
import com.sun.tools.javac.tree.TreeScanner;
import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.MethodDecl;
import dev.shareguard.core.ir.MethodTarget;
import dev.shareguard.core.ir.Param;
import dev.shareguard.core.ir.Pos;
import dev.shareguard.core.ir.Stmt;
import dev.shareguard.core.ir.TypeRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.ElementKind;

/**
 * Lowers expressions. Each expression sits at its start and carries javac's attributed type.
 * Implicit receivers become explicit {@link Expr.ThisRef}s naming the innermost enclosing class of
 * which the field or method is a member; static members have no receiver. Parentheses are dropped
 * (the inner expression keeps its own position).
 */
final class ExpressionLowering {
  private final UnitLowering unit;

  ExpressionLowering(UnitLowering unit) {
    this.unit = unit;
  }

  private TypeRef type(JCTree tree) {
    return unit.typeLowering.lower(tree.type);
  }

  private Pos pos(JCTree tree) {
    return unit.positions.start(tree);
  }

  List<Expr> lowerAll(List<? extends JCExpression> exprs) {
    List<Expr> out = new ArrayList<>();
    for (JCExpression e : exprs) {
      out.add(lower(e));
    }
    return out;
  }

  Expr lower(JCExpression e) {
    if (e instanceof JCParens) {
      return lower(((JCParens) e).expr);
    } else if (e instanceof JCLiteral) {
      List<Expr> parts = literal((JCLiteral) e);
      return parts.size() == 1 ? parts.get(0) : concatenation(pos(e), parts, List.of());
    } else if (e instanceof JCIdent) {
      return ident((JCIdent) e);
    } else if (e instanceof JCFieldAccess) {
      return select((JCFieldAccess) e);
    } else if (e instanceof JCMethodInvocation) {
      return call((JCMethodInvocation) e);
    } else if (e instanceof JCNewClass) {
      return newClass((JCNewClass) e, pos(e), null);
    } else if (e instanceof JCNewArray) {
      JCNewArray n = (JCNewArray) e;
      return new Expr.NewArray(
          pos(n), type(n), lowerAll(n.dims), n.elems == null ? List.of() : lowerAll(n.elems));
    } else if (e instanceof JCLambda) {
      return lambda((JCLambda) e);
    } else if (e instanceof JCMemberReference) {
      return methodRef((JCMemberReference) e);
    } else if (e instanceof JCAssign) {
      JCAssign a = (JCAssign) e;
      return new Expr.Assign(pos(a), type(a), lower(a.lhs), "=", lower(a.rhs));
    } else if (e instanceof JCAssignOp) {
      JCAssignOp a = (JCAssignOp) e;
      return new Expr.Assign(
          pos(a), type(a), lower(a.lhs), Operators.compound(a.getKind()), lower(a.rhs));
    } else if (e instanceof JCUnary) {
      JCUnary u = (JCUnary) e;
      return new Expr.Unary(pos(u), type(u), Operators.unary(u.getKind()), lower(u.arg));
    } else if (e instanceof JCBinary) {
      return binary((JCBinary) e);
    } else if (e instanceof JCConditional) {
      JCConditional c = (JCConditional) e;
      return new Expr.Conditional(
          pos(c), type(c), lower(c.cond), lower(c.truepart), lower(c.falsepart));
    } else if (e instanceof JCTypeCast) {
      JCTypeCast c = (JCTypeCast) e;
      return new Expr.Cast(pos(c), unit.typeLowering.lowerDeclared(c.type, c.clazz), lower(c.expr));
    } else if (e instanceof JCInstanceOf) {
      return instanceOf((JCInstanceOf) e);
    } else if (e instanceof JCArrayAccess) {
      JCArrayAccess a = (JCArrayAccess) e;
      return new Expr.ArrayAccess(pos(a), type(a), lower(a.indexed), lower(a.index));
    } else if (e instanceof JCSwitchExpression) {
      JCSwitchExpression s = (JCSwitchExpression) e;
      return new Expr.SwitchExpr(
          pos(s), type(s), lower(s.selector), unit.statements.cases(s.cases));
    }
    return opaque(e, e.getKind().name());
  }

  /**
   * A literal, or for a string literal that javac's parser folded from several ({@code "a" + "b"}),
   * one literal per token as written.
   */
  private List<Expr> literal(JCLiteral l) {
    TypeRef t = l.typetag == TypeTag.BOT ? TypeRef.UNKNOWN : type(l);
    if (l.typetag != TypeTag.CLASS) {
      return List.of(new Expr.Literal(pos(l), t, unit.positions.literalText(l)));
    }
    List<Expr> out = new ArrayList<>();
    for (Map.Entry<Integer, String> token : unit.positions.stringTokens(l)) {
      out.add(new Expr.Literal(unit.positions.at(token.getKey()), t, token.getValue()));
    }
    return out;
  }

  /**
   * A binary operation. A {@code +} chain whose string literals javac folded is rebuilt with one
   * literal per token, left-nested as the source parses, so both front ends see the same tree.
   */
  private Expr binary(JCBinary b) {
    if (b.getKind() != Tree.Kind.PLUS) {
      return new Expr.Binary(
          pos(b), type(b), Operators.binary(b.getKind()), lower(b.lhs), lower(b.rhs));
    }
    // The left spine of the chain, innermost first: javac folds along it.
    List<JCBinary> spine = new ArrayList<>();
    JCExpression first = b;
    while (first instanceof JCBinary && first.getKind() == Tree.Kind.PLUS) {
      spine.add(0, (JCBinary) first);
      first = ((JCBinary) first).lhs;
    }
    List<List<Expr>> operands = new ArrayList<>();
    operands.add(first instanceof JCLiteral ? literal((JCLiteral) first) : List.of(lower(first)));
    for (JCBinary node : spine) {
      operands.add(
          node.rhs instanceof JCLiteral ? literal((JCLiteral) node.rhs) : List.of(lower(node.rhs)));
    }
    List<Expr> flat = new ArrayList<>();
    List<TypeRef> types = new ArrayList<>();
    for (int i = 0; i < operands.size(); i++) {
      for (int j = 0; j < operands.get(i).size(); j++) {
        flat.add(operands.get(i).get(j));
        if (flat.size() > 1) {
          // javac's node for this operand where it has one; a split-off literal makes a String.
          boolean original = j == operands.get(i).size() - 1 && i > 0;
          types.add(original ? type(spine.get(i - 1)) : TypeRef.of("java.lang.String"));
        }
      }
    }
    // Every node of the spine starts where its first operand does, parentheses included.
    return concatenation(pos(b), flat, types);
  }

  /**
   * {@code operands} joined by {@code +}, left-nested, every node at {@code start}; node {@code i}
   * has type {@code types.get(i)}, or String when no type is given.
   */
  private Expr concatenation(Pos start, List<Expr> operands, List<TypeRef> types) {
    Expr result = operands.get(0);
    for (int i = 1; i < operands.size(); i++) {
      TypeRef t = i - 1 < types.size() ? types.get(i - 1) : TypeRef.of("java.lang.String");
      result = new Expr.Binary(start, t, "+", result, operands.get(i));
    }
    return result;
  }

  /**
   * Something the IR does not model: an {@link Expr.Opaque} holding the outermost expressions
   * inside {@code tree}, lowered, in order.
   */
  Expr opaque(JCTree tree, String what) {
    List<Expr> parts = new ArrayList<>();
    new TreeScanner() {
      @Override
      public void scan(JCTree t) {
        if (t == tree || t == null) {
          super.scan(t);
        } else if (t instanceof JCExpression && !isTypeTree(t)) {
          parts.add(lower((JCExpression) t));
        } else if (t instanceof JCStatement || t instanceof JCTree.JCCatch) {
          super.scan(t);
        }
      }
    }.scan(tree);
    TypeRef t = tree instanceof JCExpression ? type(tree) : TypeRef.UNKNOWN;
    return new Expr.Opaque(pos(tree), t, what, parts);
  }

  /**
   * The patterns of a case and its guard ({@code case Circle c when c.r() > 1}) as one {@link
   * Expr.Opaque} holding the guard's and patterns' expressions. Read generically, because javac
   * keeps guards in different places in different releases.
   */
  Expr patternLabel(JCCase c) {
    List<Expr> parts = new ArrayList<>();
    List<? extends ExpressionTree> constants = ((CaseTree) c).getExpressions();
    Tree body = ((CaseTree) c).getBody();
    new TreeScanner() {
      @Override
      public void scan(JCTree t) {
        if (t == c) {
          super.scan(t);
        } else if (t == null
            || t == body
            || t instanceof JCStatement
            || constants.contains(t)
            || isTypeTree(t)) {
          return;
        } else if (t instanceof JCExpression) {
          parts.add(lower((JCExpression) t));
        } else {
          super.scan(t);
        }
      }
    }.scan(c);
    return new Expr.Opaque(pos(c), TypeRef.UNKNOWN, "pattern", parts);
  }

  private static boolean isTypeTree(JCTree t) {
    Symbol s = TreeInfo.symbol(t);
    return s != null && (s.kind == Kind.TYP || s.kind == Kind.PCK);
  }

  // ---------------------------------------------------------------- names, fields and this

  private Expr ident(JCIdent id) {
    Symbol sym = id.sym;
    String name = id.name.toString();
    Pos pos = pos(id);
    if (name.equals("this") || name.equals("super")) {
      return thisRef(id, pos, name.equals("super"));
    }
    if (sym == null || sym.kind.isResolutionError() || sym.kind == Kind.ERR) {
      return new Expr.Opaque(pos, type(id), "unresolved " + name, List.of());
    }
    if (sym.kind == Kind.VAR) {
      if (isLocal(sym)) {
        return new Expr.LocalRef(pos, type(id), name);
      }
      boolean isStatic = sym.isStatic();
      Expr receiver = isStatic ? null : implicitThis(sym, pos);
      return new Expr.FieldAccess(pos, type(id), receiver, ownerName(sym), name, isStatic);
    }
    return new Expr.Opaque(pos, type(id), "name " + name, List.of());
  }

  private static boolean isLocal(Symbol sym) {
    ElementKind k = sym.getKind();
    return k != ElementKind.FIELD && k != ElementKind.ENUM_CONSTANT;
  }

  private String ownerName(Symbol member) {
    return member.owner == null ? null : unit.typeLowering.className(member.owner);
  }

  /** {@code this} or {@code super} as an identifier: the innermost class being lowered. */
  private Expr.ThisRef thisRef(JCIdent id, Pos pos, boolean isSuper) {
    UnitLowering.Scope scope = unit.currentScope();
    if (!isSuper && id.type != null && id.type.tsym != null) {
      UnitLowering.Scope named = unit.scopeOf(id.type.tsym);
      if (named != null) {
        scope = named;
      }
    }
    String classId = scope == null ? null : scope.id();
    TypeRef t = isSuper ? type(id) : (scope == null ? type(id) : scope.type());
    return new Expr.ThisRef(pos, t, classId, isSuper);
  }

  /**
   * The implicit receiver of an unqualified instance member: the innermost lexically enclosing
   * class of which {@code member} is a member (inherited members included), as javac resolves it.
   */
  private Expr.ThisRef implicitThis(Symbol member, Pos pos) {
    for (UnitLowering.Scope s : unit.scopes) {
      if (s.sym() != null && isMemberOf(member, s)) {
        return new Expr.ThisRef(pos, s.type(), s.id(), false);
      }
    }
    UnitLowering.Scope declaring = unit.scopeOf(member.owner);
    UnitLowering.Scope s = declaring != null ? declaring : unit.currentScope();
    return s == null
        ? new Expr.ThisRef(pos, TypeRef.UNKNOWN, null, false)
        : new Expr.ThisRef(pos, s.type(), s.id(), false);
  }

  private boolean isMemberOf(Symbol member, UnitLowering.Scope s) {
    try {
      return member.isMemberOf(s.sym(), unit.types);
    } catch (RuntimeException e) {
      // A supertype javac could not complete: fall back to the declaring class below.
      return false;
    }
  }

  private Expr select(JCFieldAccess f) {
    String name = f.name.toString();
    Pos pos = pos(f);
    if (name.equals("class")) {
      return new Expr.ClassLiteral(
          pos, type(f), unit.typeLowering.lowerDeclared(f.selected.type, f.selected));
    }
    if (name.equals("this")) {
      UnitLowering.Scope scope = unit.scopeOf(TreeInfo.symbol(f.selected));
      String id =
          scope != null ? scope.id() : unit.typeLowering.className(TreeInfo.symbol(f.selected));
      return new Expr.ThisRef(pos, scope != null ? scope.type() : type(f), id, false);
    }
    if (name.equals("super")) {
      return qualifiedSuper(f, pos);
    }
    Symbol sym = f.sym;
    boolean typeQualified = isTypeTree(f.selected);
    if (sym == null || sym.kind != Kind.VAR) {
      if (sym != null && (sym.kind == Kind.TYP || sym.kind == Kind.PCK)) {
        return new Expr.Opaque(pos, type(f), "name " + name, List.of());
      }
      Expr receiver = typeQualified ? null : lower(f.selected);
      String owner =
          typeQualified ? unit.typeLowering.className(TreeInfo.symbol(f.selected)) : null;
      return new Expr.FieldAccess(pos, type(f), receiver, owner, name, typeQualified);
    }
    if (sym.isStatic()) {
      return new Expr.FieldAccess(pos, type(f), null, ownerName(sym), name, true);
    }
    Expr receiver = lower(f.selected);
    boolean arrayLength = f.selected.type != null && f.selected.type.hasTag(TypeTag.ARRAY);
    return new Expr.FieldAccess(
        pos, type(f), receiver, arrayLength ? null : ownerName(sym), name, false);
  }

  /**
   * {@code X.super}: the enclosing class {@code X}'s instance when {@code X} is an enclosing class,
   * else (an interface's default method, {@code I.super.m()}) this class's instance.
   */
  private Expr.ThisRef qualifiedSuper(JCFieldAccess f, Pos pos) {
    UnitLowering.Scope scope = unit.scopeOf(TreeInfo.symbol(f.selected));
    if (scope == null) {
      scope = unit.currentScope();
    }
    return new Expr.ThisRef(pos, type(f), scope == null ? null : scope.id(), true);
  }

  // ---------------------------------------------------------------- calls and allocations

  private Expr call(JCMethodInvocation call) {
    Pos pos = pos(call);
    TypeRef type = type(call);
    List<Expr> args = lowerAll(call.args);
    Symbol sym = TreeInfo.symbol(call.meth);
    MethodSymbol method =
        sym instanceof MethodSymbol && sym.kind == Kind.MTH ? (MethodSymbol) sym : null;
    String name =
        call.meth instanceof JCIdent
            ? ((JCIdent) call.meth).name.toString()
            : call.meth instanceof JCFieldAccess
                ? ((JCFieldAccess) call.meth).name.toString()
                : call.meth.toString();
    MethodTarget target =
        method == null
            ? MethodTarget.unresolved(
                name.equals("this") || name.equals("super") ? MethodDecl.CONSTRUCTOR : name,
                args.size())
            : target(method, args.size(), type);
    Expr receiver;
    if (call.meth instanceof JCIdent) {
      Pos receiverPos = pos(call.meth);
      if (name.equals("this") || name.equals("super")) {
        receiver = thisRef((JCIdent) call.meth, receiverPos, name.equals("super"));
      } else if (method != null && method.isStatic()) {
        receiver = null;
      } else if (method != null) {
        receiver = implicitThis(method, receiverPos);
      } else {
        UnitLowering.Scope s = unit.currentScope();
        receiver =
            new Expr.ThisRef(
                receiverPos,
                s == null ? TypeRef.UNKNOWN : s.type(),
                s == null ? null : s.id(),
                false);
      }
    } else if (call.meth instanceof JCFieldAccess) {
      JCExpression selected = ((JCFieldAccess) call.meth).selected;
      if ((method != null && method.isStatic()) || isTypeTree(selected)) {
        receiver = null;
      } else {
        receiver = lower(selected);
      }
    } else {
      receiver = lower(call.meth);
    }
    return new Expr.Call(pos, type, receiver, target, args);
  }

  /** The resolved target of a call of {@code m} with {@code arity} arguments. */
  MethodTarget target(MethodSymbol m, int arity, TypeRef returnType) {
    List<TypeRef> params = new ArrayList<>();
    Type erased = unit.types.erasure(m.type);
    for (Type p : erased.getParameterTypes()) {
      params.add(unit.typeLowering.lower(p));
    }
    return new MethodTarget(
        ownerName(m),
        m.isConstructor() ? MethodDecl.CONSTRUCTOR : m.name.toString(),
        params,
        arity,
        returnType,
        m.isStatic(),
        m.isVarArgs(),
        true);
  }

  /**
   * {@code new T(…)}, with an anonymous class body lowered to its own class. The constructor of an
   * anonymous class is the superclass constructor its generated constructor calls ({@code Object()}
   * for an interface), the one the source names.
   */
  private Expr newClass(JCNewClass n, Pos pos, Pos anonymousPos) {
    Expr outer = n.encl == null ? null : lower(n.encl);
    TypeRef type = type(n);
    List<Expr> args = lowerAll(n.args);
    String anonymousId = null;
    Symbol ctor = n.constructor;
    if (n.def != null) {
      UnitLowering.Scope enclosing = unit.currentScope();
      Pos classPos = anonymousPos != null ? anonymousPos : unit.positions.at(n.pos);
      anonymousId =
          unit.lowerClass(n.def, enclosing == null ? null : enclosing.id(), classPos, false);
      MethodSymbol superCtor = superConstructor(n.def);
      if (superCtor != null) {
        ctor = superCtor;
      }
    }
    MethodTarget target =
        ctor instanceof MethodSymbol && ctor.kind == Kind.MTH
            ? target((MethodSymbol) ctor, args.size(), type)
            : MethodTarget.unresolved(MethodDecl.CONSTRUCTOR, args.size());
    return new Expr.New(pos, type, outer, args, anonymousId, target);
  }

  /** An enum constant's initializer: a {@code new} of the enum, at the constant's name. */
  Expr enumConstant(JCNewClass n, Pos constantPos) {
    return newClass(n, constantPos, constantPos);
  }

  private static MethodSymbol superConstructor(JCClassDecl anonymous) {
    for (JCTree def : anonymous.defs) {
      if (def instanceof JCMethodDecl
          && ((JCMethodDecl) def).name.toString().equals("<init>")
          && ((JCMethodDecl) def).body != null) {
        for (JCStatement s : ((JCMethodDecl) def).body.stats) {
          if (s instanceof JCExpressionStatement
              && ((JCExpressionStatement) s).expr instanceof JCMethodInvocation) {
            Symbol sym =
                TreeInfo.symbol(((JCMethodInvocation) ((JCExpressionStatement) s).expr).meth);
            if (sym instanceof MethodSymbol && sym.kind == Kind.MTH) {
              return (MethodSymbol) sym;
            }
          }
        }
      }
    }
    return null;
  }

  // ---------------------------------------------------------------- lambdas and references

  private Expr lambda(JCLambda l) {
    List<Param> params = new ArrayList<>();
    for (JCVariableDecl p : l.params) {
      params.add(unit.param(p));
    }
    Stmt.Block body;
    if (l.body instanceof JCBlock) {
      body = unit.statements.lowerBlock((JCBlock) l.body);
    } else {
      JCExpression e = (JCExpression) l.body;
      Pos bodyPos = pos(e);
      body = new Stmt.Block(bodyPos, List.of(new Stmt.Return(bodyPos, lower(e))));
    }
    return new Expr.Lambda(pos(l), type(l), unit.ids.idOf(l), params, body);
  }

  private Expr methodRef(JCMemberReference r) {
    Pos pos = pos(r);
    JCExpression q = r.expr;
    Expr receiver = null;
    if (q instanceof JCIdent && ((JCIdent) q).name.toString().equals("super")) {
      receiver = thisRef((JCIdent) q, pos(q), true);
    } else if (q instanceof JCFieldAccess && ((JCFieldAccess) q).name.toString().equals("super")) {
      receiver = qualifiedSuper((JCFieldAccess) q, pos(q));
    } else if (!isTypeTree(q)
        && q.getKind() != Tree.Kind.PARAMETERIZED_TYPE
        && q.getKind() != Tree.Kind.ARRAY_TYPE
        && q.getKind() != Tree.Kind.PRIMITIVE_TYPE) {
      receiver = lower(q);
    }
    TypeRef qualifierType = unit.typeLowering.lower(q.type);
    Symbol sym = r.sym;
    MethodTarget target;
    if (sym instanceof MethodSymbol && sym.kind == Kind.MTH) {
      MethodSymbol m = (MethodSymbol) sym;
      target = target(m, m.params().size(), referenceReturnType(m, q.type));
    } else {
      target =
          MethodTarget.unresolved(
              r.name.toString().equals("<init>") ? MethodDecl.CONSTRUCTOR : r.name.toString(), 0);
    }
    return new Expr.MethodRef(pos, type(r), receiver, qualifierType, target);
  }

  /** What the referenced method returns, seen from the qualifier's type. */
  private TypeRef referenceReturnType(MethodSymbol m, Type qualifier) {
    if (m.isConstructor()) {
      return unit.typeLowering.lower(qualifier);
    }
    try {
      Type member =
          qualifier != null && qualifier.hasTag(TypeTag.CLASS)
              ? unit.types.memberType(qualifier, m)
              : m.type;
      return unit.typeLowering.lower(member.getReturnType());
    } catch (RuntimeException e) {
      return unit.typeLowering.lower(m.getReturnType());
    }
  }

  private Expr instanceOf(JCInstanceOf i) {
    JCTree pattern = i.pattern;
    TypeRef tested;
    String binding = null;
    if (pattern instanceof JCBindingPattern) {
      JCVariableDecl var = ((JCBindingPattern) pattern).var;
      tested = unit.param(var).type();
      binding = var.name.toString();
    } else if (pattern instanceof JCExpression) {
      tested = unit.typeLowering.lowerDeclared(pattern.type, pattern);
    } else {
      tested = pattern == null ? TypeRef.UNKNOWN : unit.typeLowering.lower(pattern.type);
    }
    return new Expr.InstanceOf(pos(i), type(i), lower(i.expr), tested, binding);
  }
}
