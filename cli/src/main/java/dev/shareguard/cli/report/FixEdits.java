package dev.shareguard.cli.report;

import com.github.javaparser.ParseResult;
import com.github.javaparser.Position;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.LiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.Statement;
import dev.shareguard.cli.frontend.JavaParserFrontEnd;
import dev.shareguard.core.finding.Finding;
import dev.shareguard.core.finding.Fix;
import dev.shareguard.core.finding.Fix.Kind;
import dev.shareguard.core.finding.Fix.Part;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A finding's suggested fixes ({@link Fix}) as plain text edits on its file, for the JSON and SARIF
 * reports. The file is parsed again, once per report, only if one of its findings has a fix: the IR
 * names constructs by kind and start, and the parse gives their end. Each node resolves to the one
 * JavaParser node of its kind starting at its position, by the CLI front end's conventions (a local
 * variable sits at its name); a node that matches none or several leaves its fix out, as the plugin
 * does.
 */
public final class FixEdits {
  /** Replace the text from (startLine, startColumn) up to, not including, (endLine, endColumn). */
  public record Edit(int startLine, int startColumn, int endLine, int endColumn, String text) {}

  /** One fix as edits on the finding's file, in source order. */
  public record Rendered(String description, List<Edit> edits) {}

  private final Path root;
  private final Charset encoding;
  private final Map<String, Source> files = new HashMap<>();

  /**
   * @param root the directory finding paths are relative to
   * @param encoding the encoding the files were audited in
   */
  public FixEdits(Path root, Charset encoding) {
    this.root = root;
    this.encoding = encoding;
  }

  /** Fixes in UTF-8 files. */
  public FixEdits(Path root) {
    this(root, java.nio.charset.StandardCharsets.UTF_8);
  }

  /** The fixes of {@code f} whose every node resolves in its file. */
  public List<Rendered> of(Finding f) {
    if (f.fixes().isEmpty()) {
      return List.of();
    }
    Source source = files.computeIfAbsent(f.location().path(), this::read);
    List<Rendered> out = new ArrayList<>();
    if (source == null) {
      return out;
    }
    for (Fix fix : f.fixes()) {
      try {
        Rendered r = source.render(fix);
        if (r != null) {
          out.add(r);
        }
      } catch (RuntimeException e) {
        // A fix that cannot be rendered is left out; the finding is still reported.
      }
    }
    return out;
  }

  private Source read(String path) {
    try {
      String text = SourceLines.text(Files.readAllBytes(root.resolve(path)), encoding);
      // The audit drops a byte-order mark before parsing, so positions start after it.
      return Source.parse(text.startsWith("\uFEFF") ? text.substring(1) : text);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** One parsed file: its text, where its lines start, and its nodes by kind and IR position. */
  private static final class Source {
    private final String text;
    private final List<Integer> lineStarts;
    private final Map<String, List<Node>> nodes = new HashMap<>();

    private Source(String text, CompilationUnit unit) {
      this.text = text;
      this.lineStarts = lineStarts(text);
      for (Node n : unit.findAll(Node.class)) {
        for (Kind kind : Kind.values()) {
          Position at = irStart(kind, n);
          if (at != null) {
            nodes.computeIfAbsent(key(kind, at.line, at.column), k -> new ArrayList<>()).add(n);
          }
        }
      }
    }

    static Source parse(String text) {
      ParseResult<CompilationUnit> r = JavaParserFrontEnd.newParser().parse(text);
      return r.isSuccessful() && r.getResult().isPresent()
          ? new Source(text, r.getResult().get())
          : null;
    }

    private static String key(Kind kind, int line, int column) {
      return kind + "@" + line + ":" + column;
    }

    /**
     * Where the CLI front end places {@code n} in the IR if it is a construct of {@code kind}, or
     * null. A declaration of several variables gets no position: the span of one is not its own.
     */
    private static Position irStart(Kind kind, Node n) {
      boolean is =
          switch (kind) {
            // An expression lambda's body is a statement to JavaParser but not to Java.
            case STATEMENT ->
                n instanceof Statement && !(n.getParentNode().orElse(null) instanceof LambdaExpr);
            case VARIABLE -> n instanceof NameExpr || n instanceof FieldAccessExpr;
            case LITERAL -> n instanceof LiteralExpr;
            case NEW -> n instanceof ObjectCreationExpr o && o.getScope().isEmpty();
            case CALL -> n instanceof MethodCallExpr;
          };
      if (!is) {
        return null;
      }
      if (n instanceof ExpressionStmt s && s.getExpression() instanceof VariableDeclarationExpr d) {
        return d.getVariables().size() == 1
            ? d.getVariable(0).getName().getBegin().orElse(null)
            : null;
      }
      return n.getBegin().orElse(null);
    }

    /** {@code fix} as text edits, or null when some node does not resolve to exactly one node. */
    Rendered render(Fix fix) {
      List<Edit> edits = new ArrayList<>();
      for (Fix.Edit e : fix.edits()) {
        int[] span = span(e.target());
        if (span == null) {
          return null;
        }
        StringBuilder replacement = new StringBuilder();
        for (Part p : e.replacement()) {
          if (p instanceof Part.Text t) {
            replacement.append(t.text());
          } else if (p instanceof Part.SourceOf s) {
            int[] copy = span(s.node());
            if (copy == null) {
              return null;
            }
            replacement.append(text, copy[0], copy[1]);
          }
        }
        if (e.replacement().isEmpty()) {
          span = withLine(span);
        }
        edits.add(edit(span, replacement.toString()));
      }
      edits.sort(
          (a, b) ->
              a.startLine() != b.startLine()
                  ? Integer.compare(a.startLine(), b.startLine())
                  : Integer.compare(a.startColumn(), b.startColumn()));
      return new Rendered(fix.description(), edits);
    }

    /** The character offsets [start, end) of the one node {@code n} names, or null. */
    private int[] span(Fix.Node n) {
      List<Node> found = nodes.get(key(n.kind(), n.pos().line(), n.pos().column()));
      if (found == null || found.size() != 1 || found.get(0).getRange().isEmpty()) {
        return null;
      }
      var range = found.get(0).getRange().get();
      int start = offset(range.begin);
      int end = offset(range.end) + 1;
      return start < 0 || end <= start || end > text.length() ? null : new int[] {start, end};
    }

    /** A span widened to its whole line when nothing else is on it, so no blank line is left. */
    private int[] withLine(int[] span) {
      int start = span[0];
      while (start > 0 && isBlank(text.charAt(start - 1))) {
        start--;
      }
      int end = span[1];
      while (end < text.length() && isBlank(text.charAt(end))) {
        end++;
      }
      boolean alone =
          (start == 0 || text.charAt(start - 1) == '\n')
              && end < text.length()
              && text.charAt(end) == '\n';
      return alone ? new int[] {start, end + 1} : span;
    }

    private static boolean isBlank(char c) {
      return c == ' ' || c == '\t' || c == '\r';
    }

    private Edit edit(int[] span, String replacement) {
      int[] from = position(span[0]);
      int[] to = position(span[1]);
      return new Edit(from[0], from[1], to[0], to[1], replacement);
    }

    private int offset(Position p) {
      if (p.line < 1 || p.line > lineStarts.size() || p.column < 1) {
        return -1;
      }
      return lineStarts.get(p.line - 1) + p.column - 1;
    }

    /** The 1-based line and column of character offset {@code offset}. */
    private int[] position(int offset) {
      int i = Collections.binarySearch(lineStarts, offset);
      int line = i >= 0 ? i : -i - 2;
      return new int[] {line + 1, offset - lineStarts.get(line) + 1};
    }

    /** Offsets where lines start; a line ends at {@code \n}, {@code \r\n} or a lone {@code \r}. */
    private static List<Integer> lineStarts(String text) {
      List<Integer> starts = new ArrayList<>();
      starts.add(0);
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c == '\n' || c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n')) {
          starts.add(i + 1);
        }
      }
      return starts;
    }
  }
}
