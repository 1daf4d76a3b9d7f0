package dev.shareguard.cli.frontend;

import com.github.javaparser.Position;
import com.github.javaparser.Range;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.EnumConstantDeclaration;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import java.util.Arrays;

/**
 * The text of a parsed file, for the few things lowering reads from source rather than from the
 * tree: a literal's text, the {@code new} of a qualified class creation, whether an enum constant
 * has a body, an unresolved type as written. JavaParser's token lists are dropped after parsing
 * (they take most of a tree's memory); node ranges, kept, index into this text. A tab is one
 * column, so a column is a char offset in its line plus one.
 */
final class SourceMap {
  private final String text;
  private final int[] lineStarts;

  SourceMap(String text) {
    this.text = text;
    int n = 1;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        n++;
      }
    }
    lineStarts = new int[n];
    int line = 1;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        lineStarts[line++] = i + 1;
      }
    }
  }

  /** The offset of {@code p} in the text, or -1 when it is outside. */
  int offset(Position p) {
    if (p.line < 1 || p.line > lineStarts.length || p.column < 1) {
      return -1;
    }
    int o = lineStarts[p.line - 1] + p.column - 1;
    return o <= text.length() ? o : -1;
  }

  Position position(int offset) {
    int i = Arrays.binarySearch(lineStarts, offset);
    int line = i >= 0 ? i : -i - 2;
    return new Position(line + 1, offset - lineStarts[line] + 1);
  }

  /** The source text of {@code n} exactly as written, or its printed form without a range. */
  String text(Node n) {
    if (n.getRange().isEmpty()) {
      return n.toString();
    }
    Range r = n.getRange().get();
    int from = offset(r.begin);
    int to = offset(r.end);
    if (from < 0 || to < from || to >= text.length()) {
      return n.toString();
    }
    return text.substring(from, to + 1);
  }

  /** Whether the doc comment right before declaration {@code n} says it is not thread-safe. */
  boolean docSaysNotThreadSafe(Node n) {
    if (n.getRange().isEmpty()) {
      return false;
    }
    int from = offset(n.getRange().get().begin);
    return from >= 0 && dev.shareguard.core.ir.DocContract.saysNotThreadSafe(text, from);
  }

  /**
   * Whether an enum constant has a class body. JavaParser gives an empty member list both for
   * {@code A} and {@code A {}}; only the closing brace tells them apart.
   */
  boolean hasBody(EnumConstantDeclaration c) {
    if (!c.getClassBody().isEmpty()) {
      return true;
    }
    if (c.getRange().isEmpty()) {
      return false;
    }
    int end = offset(c.getRange().get().end);
    return end >= 0 && end < text.length() && text.charAt(end) == '}';
  }

  /**
   * The {@code new} keyword of a class instance creation. It is where the expression begins unless
   * the creation is qualified ({@code outer.new Inner() {}}), where it follows the qualifier and
   * its dot.
   */
  Position newKeyword(ObjectCreationExpr e) {
    Position begin = Positions.begin(e);
    if (e.getScope().isEmpty() || e.getScope().get().getRange().isEmpty()) {
      return begin;
    }
    int i = offset(e.getScope().get().getRange().get().end);
    if (i < 0) {
      return begin;
    }
    i = skipBlanks(i + 1);
    if (i < text.length() && text.charAt(i) == '.') {
      i = skipBlanks(i + 1);
    }
    return text.startsWith("new", i) ? position(i) : begin;
  }

  /** The first offset from {@code i} that is not white space or a comment. */
  private int skipBlanks(int i) {
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (text.startsWith("//", i)) {
        int nl = text.indexOf('\n', i);
        i = nl < 0 ? text.length() : nl + 1;
      } else if (text.startsWith("/*", i)) {
        int close = text.indexOf("*/", i + 2);
        i = close < 0 ? text.length() : close + 2;
      } else {
        break;
      }
    }
    return i;
  }
}
