package dev.shareguard.errorprone;

import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.tree.JCTree;
import com.sun.tools.javac.tree.JCTree.JCClassDecl;
import com.sun.tools.javac.tree.JCTree.JCCompilationUnit;
import com.sun.tools.javac.tree.JCTree.JCLambda;
import com.sun.tools.javac.tree.JCTree.JCNewClass;
import com.sun.tools.javac.tree.TreeScanner;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The IR ids of every class and lambda of one compilation unit, assigned in one pre-order pass so
 * that numbering follows textual order whatever order the lowering later visits things in.
 *
 * <ul>
 *   <li>Top-level and member classes: the enclosing id, a dot, the simple name (the canonical name,
 *       generalised to member classes of local and anonymous classes).
 *   <li>Anonymous classes {@code N$<n>} and local classes {@code N$<n>Name}, one sequence per
 *       nearest enclosing named class {@code N}, counted where each opens: an anonymous class at
 *       its {@code new} (after an explicit outer instance, before the arguments), a local class at
 *       its declaration.
 *   <li>Lambdas {@code N$lambda$<n>}, a separate sequence per {@code N}.
 * </ul>
 *
 * javac's own flat names ({@code Outer$1}) number differently and are never used.
 */
final class ClassIds {
  private final Map<JCTree, String> byTree = new IdentityHashMap<>();
  private final Map<Symbol, String> bySymbol = new IdentityHashMap<>();
  private final Map<JCClassDecl, Boolean> local = new IdentityHashMap<>();

  private ClassIds() {}

  static ClassIds assign(JCCompilationUnit unit) {
    ClassIds ids = new ClassIds();
    String pkg = unit.getPackageName() == null ? "" : unit.getPackageName().toString();
    Assigner assigner = ids.new Assigner();
    for (JCTree def : unit.defs) {
      if (def instanceof JCClassDecl) {
        JCClassDecl c = (JCClassDecl) def;
        assigner.named(c, pkg.isEmpty() ? c.name.toString() : pkg + "." + c.name);
      } else {
        assigner.scan(def);
      }
    }
    return ids;
  }

  /** The id of a class declaration or lambda of this unit, or null. */
  String idOf(JCTree tree) {
    return byTree.get(tree);
  }

  /** The id of a class declared in this unit, or null for classes declared elsewhere. */
  String idOf(Symbol sym) {
    return sym == null ? null : bySymbol.get(sym);
  }

  /** Whether {@code tree} is a local (block-level) type declaration. */
  boolean isLocal(JCClassDecl tree) {
    return local.containsKey(tree);
  }

  private void register(JCTree tree, Symbol sym, String id) {
    byTree.put(tree, id);
    if (sym != null) {
      bySymbol.put(sym, id);
    }
  }

  /** Pre-order walk; every nested class and lambda is met in textual order. */
  private final class Assigner extends TreeScanner {
    /** Ids of the enclosing named (not anonymous, not local) classes, innermost first. */
    private final Deque<String> named = new ArrayDeque<>();

    private final Map<String, Integer> classCounters = new HashMap<>();
    private final Map<String, Integer> lambdaCounters = new HashMap<>();

    void named(JCClassDecl c, String id) {
      register(c, c.sym, id);
      named.push(id);
      body(c, id);
      named.pop();
    }

    /** Scans a class's header and members; member classes are named classes. */
    private void body(JCClassDecl c, String id) {
      scan(c.mods);
      scan(c.typarams);
      scan(c.extending);
      scan(c.implementing);
      for (JCTree def : c.defs) {
        if (def instanceof JCClassDecl) {
          JCClassDecl member = (JCClassDecl) def;
          named(member, id + "." + member.name);
        } else {
          scan(def);
        }
      }
    }

    private String nextClass() {
      String owner = named.isEmpty() ? "" : named.peek();
      int n = classCounters.merge(owner, 1, Integer::sum);
      return owner + "$" + n;
    }

    /** Reached only for local classes: members go through {@link #body}, anonymous through new. */
    @Override
    public void visitClassDef(JCClassDecl c) {
      String id = nextClass() + c.name;
      local.put(c, Boolean.TRUE);
      register(c, c.sym, id);
      body(c, id);
    }

    @Override
    public void visitNewClass(JCNewClass n) {
      scan(n.encl);
      String id = n.def == null ? null : nextClass();
      if (id != null) {
        register(n.def, n.def.sym, id);
      }
      scan(n.typeargs);
      scan(n.clazz);
      scan(n.args);
      if (n.def != null) {
        body(n.def, id);
      }
    }

    @Override
    public void visitLambda(JCLambda lambda) {
      String owner = named.isEmpty() ? "" : named.peek();
      int n = lambdaCounters.merge(owner, 1, Integer::sum);
      register(lambda, null, owner + "$lambda$" + n);
      super.visitLambda(lambda);
    }
  }
}
