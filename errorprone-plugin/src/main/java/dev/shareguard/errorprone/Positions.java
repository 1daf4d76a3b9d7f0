package dev.shareguard.errorprone;

import com.sun.source.tree.LineMap;
import com.sun.tools.javac.tree.EndPosTable;
import com.sun.tools.javac.tree.JCTree;
import com.sun.tools.javac.tree.JCTree.JCClassDecl;
import com.sun.tools.javac.tree.JCTree.JCModifiers;
import com.sun.tools.javac.tree.TreeInfo;
import com.sun.tools.javac.util.Position;
import dev.shareguard.core.ir.Pos;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Source positions and source text of one compilation unit.
 *
 * <p>Columns are counted in characters from the start of the line ({@code offset - lineStart + 1}),
 * not with javac's tab expansion, so a tab counts as one column in both front ends.
 */
final class Positions {
  private final String text;
  private final LineMap lineMap;
  private final EndPosTable endPositions;

  Positions(CharSequence text, LineMap lineMap, EndPosTable endPositions) {
    this.text = text == null ? "" : text.toString();
    this.lineMap = lineMap;
    this.endPositions = endPositions;
  }

  /** The IR position of character offset {@code offset}. */
  Pos at(int offset) {
    if (offset < 0 || lineMap == null || offset > text.length()) {
      return Pos.UNKNOWN;
    }
    long line = lineMap.getLineNumber(offset);
    long lineStart = lineMap.getStartPosition(line);
    return new Pos((int) line, (int) (offset - lineStart + 1));
  }

  /** The position where {@code tree} starts (for a call chain, the start of its first receiver). */
  Pos start(JCTree tree) {
    return tree == null ? Pos.UNKNOWN : at(TreeInfo.getStartPos(tree));
  }

  /** The character offset of a 1-based line and column, or -1 when out of range. */
  static int offset(LineMap lineMap, long line, long column) {
    if (line < 1 || column < 1) {
      return -1;
    }
    try {
      return (int) (lineMap.getStartPosition(line) + column - 1);
    } catch (RuntimeException e) {
      return -1;
    }
  }

  /** The source text of {@code tree}, or its pretty-printed form when end positions are missing. */
  String sourceText(JCTree tree) {
    int start = TreeInfo.getStartPos(tree);
    int end = endPositions == null ? Position.NOPOS : TreeInfo.getEndPos(tree, endPositions);
    if (start >= 0 && end > start && end <= text.length()) {
      return text.subSequence(start, end).toString();
    }
    return tree.toString();
  }

  /**
   * The source text of the literal token at {@code start}: from the end position table when javac
   * kept one, else by scanning the token.
   */
  String literalText(JCTree literal) {
    int start = TreeInfo.getStartPos(literal);
    int end = endPositions == null ? Position.NOPOS : TreeInfo.getEndPos(literal, endPositions);
    if (start >= 0 && end > start && end <= text.length()) {
      return text.subSequence(start, end).toString();
    }
    if (start < 0 || start >= text.length()) {
      return literal.toString();
    }
    return text.subSequence(start, scanLiteral(start)).toString();
  }

  /**
   * The string literal tokens that javac's parser folded into {@code literal} ({@code "a" + "b"}
   * becomes one literal {@code "ab"} spanning both): their offsets and source texts, in order. One
   * element when nothing was folded (or the source range is unknown).
   */
  List<Map.Entry<Integer, String>> stringTokens(JCTree literal) {
    int start = TreeInfo.getStartPos(literal);
    int end = endPositions == null ? Position.NOPOS : TreeInfo.getEndPos(literal, endPositions);
    List<Map.Entry<Integer, String>> tokens = new ArrayList<>();
    if (start < 0 || end <= start || end > text.length() || text.charAt(start) != '"') {
      tokens.add(Map.entry(start, literalText(literal)));
      return tokens;
    }
    int i = start;
    while (i < end) {
      int close = Math.min(end, scanLiteral(i));
      tokens.add(Map.entry(i, text.substring(i, close)));
      int next = skipSpaceAndComments(close);
      if (next >= end || text.charAt(next) != '+') {
        break;
      }
      next = skipSpaceAndComments(next + 1);
      if (next >= end || text.charAt(next) != '"') {
        break;
      }
      i = next;
    }
    return tokens;
  }

  private int scanLiteral(int start) {
    int n = text.length();
    char c = text.charAt(start);
    if (c == '"'
        && start + 2 < n
        && text.charAt(start + 1) == '"'
        && text.charAt(start + 2) == '"') {
      int i = start + 3;
      while (i + 2 < n) {
        if (text.charAt(i) == '\\') {
          i += 2;
        } else if (text.charAt(i) == '"'
            && text.charAt(i + 1) == '"'
            && text.charAt(i + 2) == '"') {
          return i + 3;
        } else {
          i++;
        }
      }
      return n;
    }
    if (c == '"' || c == '\'') {
      int i = start + 1;
      while (i < n && text.charAt(i) != c && text.charAt(i) != '\n') {
        i += text.charAt(i) == '\\' ? 2 : 1;
      }
      return Math.min(n, i + 1);
    }
    boolean hex = text.startsWith("0x", start) || text.startsWith("0X", start);
    int i = start;
    while (i < n) {
      char d = text.charAt(i);
      char prev = i > start ? text.charAt(i - 1) : ' ';
      // A sign belongs to the literal only as an exponent sign: after p in hex, after e otherwise.
      boolean exponentSign =
          (d == '+' || d == '-') && (hex ? "pP".indexOf(prev) >= 0 : "eE".indexOf(prev) >= 0);
      if (Character.isLetterOrDigit(d) || d == '_' || d == '.' || exponentSign) {
        i++;
      } else {
        break;
      }
    }
    return i;
  }

  /**
   * The offset of the name of a named class declaration. javac positions a class at its keyword
   * ({@code class}, {@code interface}, {@code enum}, {@code record}); the IR wants the name, which
   * follows the keyword after whitespace and comments.
   */
  int classNameOffset(JCClassDecl tree) {
    int pos = tree.pos;
    String name = tree.name.toString();
    if (pos < 0 || pos >= text.length() || name.isEmpty()) {
      return pos;
    }
    int i = pos;
    while (i < text.length() && Character.isJavaIdentifierPart(text.charAt(i))) {
      i++;
    }
    i = skipSpaceAndComments(i);
    if (i + name.length() <= text.length() && text.startsWith(name, i)) {
      return i;
    }
    return pos;
  }

  /**
   * The modifier keywords written in {@code mods}, read from the source: javac adds implied flags
   * to some trees (members of interfaces become {@code public static}), so the flags alone do not
   * say what was written. Null when the source range is unknown.
   */
  Set<String> writtenModifiers(JCModifiers mods) {
    if (mods == null || mods.pos < 0) {
      return Set.of();
    }
    int start = TreeInfo.getStartPos(mods);
    int end = endPositions == null ? Position.NOPOS : TreeInfo.getEndPos(mods, endPositions);
    if (start < 0 || end <= start || end > text.length()) {
      return null;
    }
    Set<String> words = new HashSet<>();
    int i = start;
    while (i < end) {
      i = skipSpaceAndComments(i);
      if (i >= end) {
        break;
      }
      char c = text.charAt(i);
      if (c == '@') {
        i = skipAnnotation(i + 1, end);
      } else if (Character.isJavaIdentifierStart(c)) {
        int j = i;
        while (j < end && Character.isJavaIdentifierPart(text.charAt(j))) {
          j++;
        }
        words.add(text.substring(i, j));
        i = j;
      } else {
        i++;
      }
    }
    return words;
  }

  /** Skips an annotation's (possibly qualified) name and its parenthesised arguments, if any. */
  private int skipAnnotation(int from, int end) {
    int i = skipSpaceAndComments(from);
    while (true) {
      while (i < end && Character.isJavaIdentifierPart(text.charAt(i))) {
        i++;
      }
      int next = skipSpaceAndComments(i);
      if (next < end && text.charAt(next) == '.') {
        i = skipSpaceAndComments(next + 1);
      } else {
        break;
      }
    }
    i = skipSpaceAndComments(i);
    if (i >= end || text.charAt(i) != '(') {
      return i;
    }
    int depth = 0;
    while (i < end) {
      char c = text.charAt(i);
      if (c == '"' || c == '\'') {
        i = scanLiteral(i);
        continue;
      }
      if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return i + 1;
      }
      i++;
    }
    return i;
  }

  /** The offset of the first {@code c} at or after {@code from}, skipping comments. */
  int find(char c, int from) {
    int i = from;
    while (i >= 0 && i < text.length()) {
      i = skipSpaceAndComments(i);
      if (i < text.length() && text.charAt(i) == c) {
        return i;
      }
      i++;
    }
    return from;
  }

  private int skipSpaceAndComments(int from) {
    int i = from;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '/') {
        while (i < n && text.charAt(i) != '\n') {
          i++;
        }
      } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
        int close = text.indexOf("*/", i + 2);
        i = close < 0 ? n : close + 2;
      } else {
        break;
      }
    }
    return i;
  }
}
