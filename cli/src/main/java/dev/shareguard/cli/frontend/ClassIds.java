package dev.shareguard.cli.frontend;

import com.github.javaparser.Position;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.EnumConstantDeclaration;
import com.github.javaparser.ast.body.RecordDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Assigns the IR ids of every class and lambda of a file before lowering, from positions alone, so
 * ids never depend on the order in which lowering visits nodes.
 *
 * <p>Named classes get their canonical name. Within each named class, anonymous classes ({@code
 * new} with a body, enum constants with a body) and local classes share one sequence numbered from
 * 1 in textual order of where they open (the {@code new} keyword, or the declaration), nested ones
 * included: {@code Outer$1}, {@code Outer$2Local}. Lambdas are numbered separately in textual
 * order: {@code Outer$lambda$1}. A member class declared inside an anonymous or local class has no
 * canonical name; it gets {@code <that class's id>.<SimpleName>} and numbers its own anonymous
 * classes and lambdas.
 */
final class ClassIds {
  private final Map<Node, String> ids = new IdentityHashMap<>();
  private final SourceMap source;

  private ClassIds(SourceMap source) {
    this.source = source;
  }

  /** Ids of the type declarations, anonymous class creations, enum constant bodies and lambdas. */
  static Map<Node, String> assign(CompilationUnit cu, String packageName, SourceMap source) {
    ClassIds c = new ClassIds(source);
    for (TypeDeclaration<?> td : cu.getTypes()) {
      String name = td.getNameAsString();
      c.named(td, packageName.isEmpty() ? name : packageName + "." + name);
    }
    return c.ids;
  }

  private void named(TypeDeclaration<?> td, String id) {
    ids.put(td, id);
    Walk w = new Walk(td);
    for (Node child : td.getChildNodes()) {
      w.collect(child);
    }
    w.classes.sort(Comparator.comparing(this::opening));
    int n = 0;
    for (Node c : w.classes) {
      n++;
      String suffix = c instanceof TypeDeclaration<?> local ? n + local.getNameAsString() : "" + n;
      ids.put(c, id + "$" + suffix);
    }
    w.lambdas.sort(Comparator.comparing(Positions::begin));
    int l = 0;
    for (Node lambda : w.lambdas) {
      ids.put(lambda, id + "$lambda$" + (++l));
    }
    for (TypeDeclaration<?> member : w.directMembers) {
      named(member, id + "." + member.getNameAsString());
    }
    for (TypeDeclaration<?> member : w.membersOfUnnamed) {
      Node owner = member.getParentNode().orElseThrow();
      named(member, ids.get(owner) + "." + member.getNameAsString());
    }
  }

  private Position opening(Node n) {
    return n instanceof ObjectCreationExpr o ? source.newKeyword(o) : Positions.begin(n);
  }

  private static boolean isLocal(Node n) {
    return (n instanceof ClassOrInterfaceDeclaration c && c.isLocalClassDeclaration())
        || (n instanceof RecordDeclaration r && r.isLocalRecordDeclaration());
  }

  /** Collects what one named class numbers, without entering the named classes nested in it. */
  private final class Walk {
    final Node namedClass;
    final List<Node> classes = new ArrayList<>();
    final List<Node> lambdas = new ArrayList<>();
    final List<TypeDeclaration<?>> directMembers = new ArrayList<>();
    final List<TypeDeclaration<?>> membersOfUnnamed = new ArrayList<>();

    Walk(Node namedClass) {
      this.namedClass = namedClass;
    }

    void collect(Node n) {
      if (n instanceof TypeDeclaration<?> td) {
        if (isLocal(td)) {
          classes.add(td);
        } else {
          if (td.getParentNode().orElse(null) == namedClass) {
            directMembers.add(td);
          } else {
            membersOfUnnamed.add(td);
          }
          return;
        }
      } else if (n instanceof ObjectCreationExpr o && o.getAnonymousClassBody().isPresent()) {
        classes.add(o);
      } else if (n instanceof EnumConstantDeclaration e && source.hasBody(e)) {
        classes.add(e);
      } else if (n instanceof LambdaExpr) {
        lambdas.add(n);
      }
      for (Node child : n.getChildNodes()) {
        collect(child);
      }
    }
  }
}
