package dev.shareguard.errorprone;

import com.sun.source.tree.Tree;

/** Operator spellings of the IR ({@code +=}, {@code x++}, {@code &&}) for javac tree kinds. */
final class Operators {
  private Operators() {}

  /** Prefix and postfix forms are spelled with an {@code x}: {@code ++x}, {@code x--}. */
  static String unary(Tree.Kind kind) {
    switch (kind) {
      case PREFIX_INCREMENT:
        return "++x";
      case PREFIX_DECREMENT:
        return "--x";
      case POSTFIX_INCREMENT:
        return "x++";
      case POSTFIX_DECREMENT:
        return "x--";
      case UNARY_MINUS:
        return "-";
      case UNARY_PLUS:
        return "+";
      case LOGICAL_COMPLEMENT:
        return "!";
      case BITWISE_COMPLEMENT:
        return "~";
      default:
        return kind.name();
    }
  }

  static String binary(Tree.Kind kind) {
    switch (kind) {
      case PLUS:
        return "+";
      case MINUS:
        return "-";
      case MULTIPLY:
        return "*";
      case DIVIDE:
        return "/";
      case REMAINDER:
        return "%";
      case LEFT_SHIFT:
        return "<<";
      case RIGHT_SHIFT:
        return ">>";
      case UNSIGNED_RIGHT_SHIFT:
        return ">>>";
      case LESS_THAN:
        return "<";
      case GREATER_THAN:
        return ">";
      case LESS_THAN_EQUAL:
        return "<=";
      case GREATER_THAN_EQUAL:
        return ">=";
      case EQUAL_TO:
        return "==";
      case NOT_EQUAL_TO:
        return "!=";
      case AND:
        return "&";
      case XOR:
        return "^";
      case OR:
        return "|";
      case CONDITIONAL_AND:
        return "&&";
      case CONDITIONAL_OR:
        return "||";
      default:
        return kind.name();
    }
  }

  /** {@code +=} and the other compound assignments. */
  static String compound(Tree.Kind kind) {
    switch (kind) {
      case MULTIPLY_ASSIGNMENT:
        return "*=";
      case DIVIDE_ASSIGNMENT:
        return "/=";
      case REMAINDER_ASSIGNMENT:
        return "%=";
      case PLUS_ASSIGNMENT:
        return "+=";
      case MINUS_ASSIGNMENT:
        return "-=";
      case LEFT_SHIFT_ASSIGNMENT:
        return "<<=";
      case RIGHT_SHIFT_ASSIGNMENT:
        return ">>=";
      case UNSIGNED_RIGHT_SHIFT_ASSIGNMENT:
        return ">>>=";
      case AND_ASSIGNMENT:
        return "&=";
      case XOR_ASSIGNMENT:
        return "^=";
      case OR_ASSIGNMENT:
        return "|=";
      default:
        return kind.name();
    }
  }
}
