package dev.shareguard.errorprone;

import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.Type.ArrayType;
import com.sun.tools.javac.code.Type.CapturedType;
import com.sun.tools.javac.code.Type.IntersectionClassType;
import com.sun.tools.javac.code.Type.UnionClassType;
import com.sun.tools.javac.code.Type.WildcardType;
import com.sun.tools.javac.code.TypeTag;
import com.sun.tools.javac.code.Types;
import com.sun.tools.javac.tree.JCTree;
import com.sun.tools.javac.tree.JCTree.JCArrayTypeTree;
import com.sun.tools.javac.tree.JCTree.JCTypeApply;
import dev.shareguard.core.ir.TypeRef;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns javac types into {@link TypeRef}s following the IR conventions: qualified erased names with
 * dots for nested classes, type arguments kept, type variables by name, wildcards lowered to their
 * bound (or {@link TypeRef#UNKNOWN} when unbounded), error types unresolved.
 *
 * <p>Two kinds of class have no canonical name: local classes are named by their IR class id (so
 * the engine can find their {@code ClassDecl}); an anonymous class is seen as the type written
 * after {@code new} (its interface, else its superclass), which is what both front ends can agree
 * on.
 */
final class TypeLowering {
  /**
   * Deep enough for any type written by hand; the bound stops pathological recursive captures from
   * looping.
   */
  private static final int MAX_DEPTH = 12;

  private final Types types;
  private final ClassIds ids;
  private final Positions positions;

  /**
   * Types already lowered, by identity. javac shares one {@code Type} object among many trees (a
   * symbol's type, a field's type at each use), and an expression's type is lowered at every
   * expression of the unit; the answer depends only on the type and this unit's class ids. Lives
   * as long as this unit's lowering; bounded by the unit's distinct types.
   */
  private final Map<Type, TypeRef> lowered = new IdentityHashMap<>();

  /**
   * Class names already worked out, by symbol: a {@code Name} is turned into a {@code String} by
   * decoding its bytes on every call, and the same few classes are named throughout a unit.
   */
  private final Map<Symbol, String> names = new IdentityHashMap<>();

  TypeLowering(Types types, ClassIds ids, Positions positions) {
    this.types = types;
    this.ids = ids;
    this.positions = positions;
  }

  /** The attributed type {@code t}, as seen at an expression. */
  TypeRef lower(Type t) {
    if (t == null) {
      return TypeRef.UNKNOWN;
    }
    TypeRef known = lowered.get(t);
    if (known == null) {
      known = lower(t, 0);
      lowered.put(t, known);
    }
    return known;
  }

  /**
   * A type written in source as {@code tree} and attributed as {@code t}. Parts javac could not
   * resolve keep the source text of the matching subtree.
   */
  TypeRef lowerDeclared(Type t, JCTree tree) {
    if (tree == null || tree.pos < 0) {
      return lower(t);
    }
    if (t == null || t.hasTag(TypeTag.ERROR)) {
      return TypeRef.unresolved(positions.sourceText(tree));
    }
    if (tree instanceof JCArrayTypeTree && t instanceof ArrayType) {
      return lowerDeclared(((ArrayType) t).elemtype, ((JCArrayTypeTree) tree).elemtype).arrayOf(1);
    }
    if (tree instanceof JCTypeApply && t.hasTag(TypeTag.CLASS) && !isSpecialClass(t)) {
      List<JCTree.JCExpression> argTrees = ((JCTypeApply) tree).arguments;
      List<Type> argTypes = t.getTypeArguments();
      if (argTrees.size() == argTypes.size()) {
        List<TypeRef> args = new ArrayList<>();
        for (int i = 0; i < argTypes.size(); i++) {
          args.add(lowerDeclared(argTypes.get(i), argTrees.get(i)));
        }
        return TypeRef.of(className(t.tsym), args);
      }
    }
    return lower(t);
  }

  /**
   * The IR name of a class: its IR id when it is declared in the file being lowered, else its
   * canonical name, else (local or anonymous classes of other files) javac's flat name.
   */
  String className(Symbol sym) {
    if (sym == null) {
      return null;
    }
    String known = names.get(sym);
    if (known == null) {
      known = nameOf(sym);
      names.put(sym, known);
    }
    return known;
  }

  private String nameOf(Symbol sym) {
    String id = ids.idOf(sym);
    if (id != null) {
      return id;
    }
    if (sym instanceof ClassSymbol) {
      ClassSymbol c = (ClassSymbol) sym;
      String qualified = c.getQualifiedName().toString();
      if (!qualified.isEmpty() && !c.isAnonymous() && !isLocal(c)) {
        return qualified;
      }
      return c.flatName().toString();
    }
    return sym.getQualifiedName().toString();
  }

  private static boolean isLocal(ClassSymbol c) {
    for (Symbol s = c.owner; s != null; s = s.owner) {
      if (s.kind == com.sun.tools.javac.code.Kinds.Kind.MTH
          || s.kind == com.sun.tools.javac.code.Kinds.Kind.VAR) {
        return true;
      }
      if (s.kind == com.sun.tools.javac.code.Kinds.Kind.PCK) {
        return false;
      }
    }
    return false;
  }

  private TypeRef lower(Type t, int depth) {
    if (t == null || depth > MAX_DEPTH) {
      return TypeRef.UNKNOWN;
    }
    t = t.stripMetadata();
    switch (t.getTag()) {
      case BYTE:
      case CHAR:
      case SHORT:
      case INT:
      case LONG:
      case FLOAT:
      case DOUBLE:
      case BOOLEAN:
        return TypeRef.primitive(t.tsym.name.toString());
      case VOID:
        return TypeRef.VOID;
      case ARRAY:
        return lower(((ArrayType) t).elemtype, depth + 1).arrayOf(1);
      case TYPEVAR:
        if (t instanceof CapturedType) {
          return lower(((CapturedType) t).wildcard, depth + 1);
        }
        return TypeRef.typeVar(t.tsym.name.toString());
      case WILDCARD:
        WildcardType w = (WildcardType) t;
        return w.isUnbound() || w.type == null ? TypeRef.UNKNOWN : lower(w.type, depth + 1);
      case CLASS:
        return lowerClass(t, depth);
      case ERROR:
        String name = t.tsym == null ? "" : t.tsym.getQualifiedName().toString();
        return name.isEmpty() || name.equals("<any>") ? TypeRef.UNKNOWN : TypeRef.unresolved(name);
      default:
        // null type, method, package, none, deferred: nothing a rule can use.
        return TypeRef.UNKNOWN;
    }
  }

  private TypeRef lowerClass(Type t, int depth) {
    if (t instanceof IntersectionClassType) {
      List<? extends Type> parts = ((IntersectionClassType) t).getComponents();
      return parts.isEmpty() ? TypeRef.UNKNOWN : lower((Type) parts.get(0), depth + 1);
    }
    if (t instanceof UnionClassType) {
      return lower(((UnionClassType) t).getLub(), depth + 1);
    }
    if (t.tsym instanceof ClassSymbol && ((ClassSymbol) t.tsym).isAnonymous()) {
      return lower(anonymousSupertype(t), depth + 1);
    }
    List<TypeRef> args = new ArrayList<>();
    for (Type a : t.getTypeArguments()) {
      args.add(lower(a, depth + 1));
    }
    return TypeRef.of(className(t.tsym), args);
  }

  /** The type written after {@code new} for an anonymous class: its interface, else superclass. */
  Type anonymousSupertype(Type anonymous) {
    List<Type> interfaces = types.interfaces(anonymous);
    if (!interfaces.isEmpty()) {
      return interfaces.get(0);
    }
    return types.supertype(anonymous);
  }

  private static boolean isSpecialClass(Type t) {
    return t instanceof IntersectionClassType
        || t instanceof UnionClassType
        || (t.tsym instanceof ClassSymbol && ((ClassSymbol) t.tsym).isAnonymous());
  }
}
