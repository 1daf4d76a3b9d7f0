package dev.shareguard.cli.frontend;

import com.github.javaparser.Range;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CompactConstructorDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.InitializerDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.stmt.BlockStmt;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;

/**
 * A file's text with the statements of every method, constructor and initializer body left out
 * ({@code { … }} becomes {@code {}}): what lowering another file can read from this one. Lowering
 * resolves a file's names against the declarations of every file (classes, supertypes, fields with
 * their initializers, method signatures) but never against another file's statements, whose local
 * and anonymous classes are invisible outside them. So a file whose skeleton did not change cannot
 * change how another file lowers, and an incremental audit re-lowers only the files that changed
 * while their skeletons stay the same.
 */
public final class Skeleton {
  private Skeleton() {}

  /** The skeleton text of {@code file}. */
  public static String of(ParsedFile file) {
    SourceMap map = new SourceMap(file.source());
    List<int[]> cuts = new ArrayList<>();
    Deque<Node> work = new ArrayDeque<>();
    work.push(file.unit());
    while (!work.isEmpty()) {
      Node n = work.pop();
      BlockStmt body = body(n);
      for (Node child : n.getChildNodes()) {
        if (child != body) {
          work.push(child);
        }
      }
      Range r = body == null ? null : body.getRange().orElse(null);
      if (r != null) {
        int from = map.offset(r.begin);
        int to = map.offset(r.end);
        if (from >= 0 && to > from) {
          cuts.add(new int[] {from + 1, to});
        }
      }
    }
    cuts.sort((a, b) -> Integer.compare(a[0], b[0]));
    String text = file.source();
    StringBuilder out = new StringBuilder(text.length() / 3);
    int at = 0;
    for (int[] cut : cuts) {
      if (cut[0] < at) {
        continue;
      }
      out.append(text, at, cut[0]);
      at = cut[1];
    }
    out.append(text, at, text.length());
    return out.toString();
  }

  /**
   * The text of {@code file} with every character inside the same bodies that {@link #of} cuts
   * replaced by a space, line breaks kept: the declarations of the parse of this text are at the
   * same lines and columns as in the file, so its tree can stand for the file's until the bodies
   * are needed ({@link ParsedFile#bodiesDeferred}).
   */
  public static String blanked(ParsedFile file) {
    SourceMap map = new SourceMap(file.source());
    char[] text = file.source().toCharArray();
    for (Node n : declarationsWithBodies(file.unit())) {
      Range r = body(n).getRange().orElse(null);
      if (r == null) {
        continue;
      }
      int from = map.offset(r.begin);
      int to = map.offset(r.end);
      for (int i = from + 1; i >= 1 && i < to && i < text.length; i++) {
        if (text[i] != '\n' && text[i] != '\r') {
          text[i] = ' ';
        }
      }
    }
    return new String(text);
  }

  /**
   * The methods, constructors and initializers with a body, in pre-order, not looking inside those
   * bodies: the declarations a skeleton keeps whose bodies it empties.
   */
  static List<Node> declarationsWithBodies(Node root) {
    List<Node> out = new ArrayList<>();
    Deque<Node> work = new ArrayDeque<>();
    work.push(root);
    while (!work.isEmpty()) {
      Node n = work.pop();
      BlockStmt body = body(n);
      if (body != null) {
        out.add(n);
      }
      List<Node> children = n.getChildNodes();
      for (int i = children.size() - 1; i >= 0; i--) {
        if (children.get(i) != body) {
          work.push(children.get(i));
        }
      }
    }
    return out;
  }

  /** The body of a method, constructor or initializer; null for any other node or no body. */
  static BlockStmt body(Node n) {
    if (n instanceof MethodDeclaration m) {
      return m.getBody().orElse(null);
    }
    if (n instanceof ConstructorDeclaration c) {
      return c.getBody();
    }
    if (n instanceof CompactConstructorDeclaration c) {
      return c.getBody();
    }
    if (n instanceof InitializerDeclaration i) {
      return i.getBody();
    }
    return null;
  }

  /**
   * A digest of a skeleton that ignores layout (runs of whitespace count as one space), so that
   * lines added inside a body, which move the declarations after it, change nothing.
   */
  public static String digest(String skeleton) {
    StringBuilder sb = new StringBuilder(skeleton.length());
    boolean space = false;
    for (int i = 0; i < skeleton.length(); i++) {
      char c = skeleton.charAt(i);
      if (Character.isWhitespace(c)) {
        space = true;
      } else {
        if (space) {
          sb.append(' ');
          space = false;
        }
        sb.append(c);
      }
    }
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(d.digest(sb.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
