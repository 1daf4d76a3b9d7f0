package dev.shareguard.errorprone;

import com.google.errorprone.VisitorState;
import com.google.errorprone.fixes.SuggestedFix;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.tree.JCTree;
import com.sun.tools.javac.tree.JCTree.JCVariableDecl;
import com.sun.tools.javac.tree.TreeInfo;
import dev.shareguard.core.finding.Fix;
import dev.shareguard.core.finding.Fix.Kind;
import dev.shareguard.core.finding.Fix.Node;
import dev.shareguard.core.finding.Fix.Part;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the engine's front-end-neutral {@link Fix} into an Error Prone {@link SuggestedFix} on the
 * javac trees of one compilation unit. Each {@link Node} maps to the one tree of its kind that
 * starts at its IR position (with the lowering's convention that a local variable sits at its
 * name); the tree's own start and end positions then give the span, so the rewrite replaces exactly
 * what the user wrote. When a node matches no tree, or more than one, the fix is dropped: a finding
 * without a fix is better than an edit in the wrong place.
 */
final class FixMapping {
  private final CompilationUnitTree unit;
  private final VisitorState state;

  FixMapping(CompilationUnitTree unit, VisitorState state) {
    this.unit = unit;
    this.state = state;
  }

  /** The Error Prone form of {@code fix}, or empty when some node is missing or ambiguous. */
  Optional<SuggestedFix> map(Fix fix) {
    try {
      return build(fix);
    } catch (RuntimeException e) {
      // Like the analysis itself, a fix must never fail the user's build: report without it.
      return Optional.empty();
    }
  }

  private Optional<SuggestedFix> build(Fix fix) {
    Set<Node> wanted = new LinkedHashSet<>();
    for (Fix.Edit e : fix.edits()) {
      wanted.add(e.target());
      for (Part p : e.replacement()) {
        if (p instanceof Part.SourceOf s) {
          wanted.add(s.node());
        }
      }
    }
    Map<Node, Tree> trees = resolve(wanted);
    if (trees == null) {
      return Optional.empty();
    }
    SuggestedFix.Builder out = SuggestedFix.builder().setShortDescription(fix.description());
    for (Fix.Edit e : fix.edits()) {
      Tree target = trees.get(e.target());
      if (e.replacement().isEmpty()) {
        delete(target, out);
        continue;
      }
      StringBuilder text = new StringBuilder();
      for (Part p : e.replacement()) {
        if (p instanceof Part.Text t) {
          text.append(t.text());
        } else if (p instanceof Part.SourceOf s) {
          String source = state.getSourceForNode(trees.get(s.node()));
          if (source == null) {
            return Optional.empty();
          }
          text.append(source);
        }
      }
      out.replace(target, text.toString());
    }
    return Optional.of(out.build());
  }

  /**
   * Deletes {@code tree}, with its line when it is alone on it, so no blank line of indentation is
   * left behind.
   */
  private void delete(Tree tree, SuggestedFix.Builder out) {
    CharSequence text = state.getSourceCode();
    int start = TreeInfo.getStartPos((JCTree) tree);
    int end = state.getEndPosition(tree);
    if (text == null || start < 0 || end < start || end > text.length()) {
      out.delete(tree);
      return;
    }
    int lineStart = start;
    while (lineStart > 0 && isBlank(text.charAt(lineStart - 1))) {
      lineStart--;
    }
    int lineEnd = end;
    while (lineEnd < text.length() && isBlank(text.charAt(lineEnd))) {
      lineEnd++;
    }
    boolean aloneOnLine =
        (lineStart == 0 || text.charAt(lineStart - 1) == '\n')
            && lineEnd < text.length()
            && text.charAt(lineEnd) == '\n';
    if (aloneOnLine) {
      out.replace(lineStart, lineEnd + 1, "");
    } else {
      out.delete(tree);
    }
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t' || c == '\r';
  }

  /** The one tree for each node, or null when some node has none or several. */
  private Map<Node, Tree> resolve(Set<Node> nodes) {
    Map<Integer, List<Node>> byOffset = new HashMap<>();
    for (Node n : nodes) {
      int offset = Positions.offset(unit.getLineMap(), n.pos().line(), n.pos().column());
      if (offset < 0) {
        return null;
      }
      byOffset.computeIfAbsent(offset, o -> new ArrayList<>()).add(n);
    }
    Map<Node, List<Tree>> found = new HashMap<>();
    Map<Integer, Integer> declarationStarts = new HashMap<>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void scan(Tree tree, Void unused) {
        if (tree instanceof JCVariableDecl v) {
          declarationStarts.merge(TreeInfo.getStartPos(v), 1, Integer::sum);
        }
        if (tree instanceof JCTree t) {
          for (Kind kind : Kind.values()) {
            for (Node n : byOffset.getOrDefault(irStart(kind, t), List.of())) {
              if (n.kind() == kind && isKind(kind, tree)) {
                found.computeIfAbsent(n, x -> new ArrayList<>()).add(tree);
              }
            }
          }
        }
        return super.scan(tree, unused);
      }
    }.scan(unit, null);
    Map<Node, Tree> out = new HashMap<>();
    for (Node n : nodes) {
      List<Tree> ts = found.getOrDefault(n, List.of());
      if (ts.size() != 1) {
        return null;
      }
      // In `int a = 1, b = 2;` both variables share the type, so the span of one covers the other.
      if (ts.get(0) instanceof JCVariableDecl v
          && declarationStarts.get(TreeInfo.getStartPos(v)) > 1) {
        return null;
      }
      out.put(n, ts.get(0));
    }
    return out;
  }

  /** Where the lowering places {@code tree} in the IR: its start, or a local's name. */
  private static int irStart(Kind kind, JCTree tree) {
    return kind == Kind.STATEMENT && tree instanceof JCVariableDecl v
        ? v.pos
        : TreeInfo.getStartPos(tree);
  }

  private static boolean isKind(Kind kind, Tree tree) {
    return switch (kind) {
      case STATEMENT -> tree instanceof StatementTree;
      case LITERAL -> tree instanceof LiteralTree;
      case NEW -> tree instanceof NewClassTree n && n.getEnclosingExpression() == null;
      case CALL -> tree instanceof MethodInvocationTree;
      case VARIABLE ->
          (tree instanceof IdentifierTree || tree instanceof MemberSelectTree)
              && isVariable(TreeInfo.symbol((JCTree) tree));
    };
  }

  /** A local, parameter or field; not {@code this}/{@code super}, which javac also makes vars. */
  private static boolean isVariable(Symbol sym) {
    if (!(sym instanceof Symbol.VarSymbol)) {
      return false;
    }
    String name = sym.getSimpleName().toString();
    return !name.equals("this") && !name.equals("super");
  }
}
