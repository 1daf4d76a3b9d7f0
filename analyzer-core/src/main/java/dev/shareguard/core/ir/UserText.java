package dev.shareguard.core.ir;

/**
 * Renders IR in the user's own names, for messages: {@code cache.put(…)}, {@code count}, {@code
 * new ArrayList(…)}. Unlike {@link IrPrinter}, which dumps every detail to compare front ends, it
 * writes what a reader recognises in their source.
 */
public final class UserText {
  private UserText() {}

  /** A short rendering of an expression as the user wrote it (implicit {@code this} left out). */
  public static String expr(Expr e) {
    if (e == null) {
      return "?";
    }
    if (e instanceof Expr.LocalRef l) {
      return l.name();
    }
    if (e instanceof Expr.ThisRef t) {
      return t.isSuper() ? "super" : "this";
    }
    if (e instanceof Expr.FieldAccess f) {
      if (f.receiver() == null || f.receiver() instanceof Expr.ThisRef) {
        return f.name();
      }
      return expr(f.receiver()) + "." + f.name();
    }
    if (e instanceof Expr.Call c) {
      String args = c.args().isEmpty() ? "()" : "(…)";
      if (c.receiver() == null) {
        String owner = c.target().owner();
        String simple = owner == null ? "" : owner.substring(owner.lastIndexOf('.') + 1) + ".";
        return simple + c.target().name() + args;
      }
      if (c.receiver() instanceof Expr.ThisRef) {
        return c.target().name() + args;
      }
      return expr(c.receiver()) + "." + c.target().name() + args;
    }
    if (e instanceof Expr.ArrayAccess a) {
      return expr(a.array()) + "[…]";
    }
    if (e instanceof Expr.Assign a) {
      return expr(a.target()) + " " + a.op() + " …";
    }
    if (e instanceof Expr.Unary u) {
      return u.op().startsWith("++") || u.op().startsWith("--")
          ? u.op().substring(0, 2) + expr(u.operand())
          : expr(u.operand()) + u.op().substring(u.op().length() - 2);
    }
    if (e instanceof Expr.New n) {
      return "new " + simpleName(n.type().name()) + "(…)";
    }
    if (e instanceof Expr.Cast c) {
      return expr(c.expr());
    }
    return "expression";
  }

  /**
   * The static type of the read of field {@code field} that expression {@code e} is made from
   * (the map of {@code map.entrySet().iterator()}, the deque of {@code new ArrayList<>(deque)}),
   * following receivers, arguments and casts; null when it reads no such field.
   */
  public static String fieldTypeIn(Expr e, String field) {
    if (e instanceof Expr.FieldAccess f) {
      return f.name().equals(field) && f.type() != null && f.type().kind() == TypeRef.Kind.CLASS
          ? f.type().erasure() : fieldTypeIn(f.receiver(), field);
    }
    if (e instanceof Expr.Cast c) {
      return fieldTypeIn(c.expr(), field);
    }
    if (e instanceof Expr.Call c) {
      String t = fieldTypeIn(c.receiver(), field);
      for (int i = 0; t == null && i < c.args().size(); i++) {
        t = fieldTypeIn(c.args().get(i), field);
      }
      return t;
    }
    if (e instanceof Expr.New n) {
      String t = null;
      for (int i = 0; t == null && i < n.args().size(); i++) {
        t = fieldTypeIn(n.args().get(i), field);
      }
      return t;
    }
    return null;
  }

  /**
   * A type's simple name after its indefinite article, as a message says it: {@code a HashMap},
   * {@code an ArrayList}, {@code an Iterator}, {@code an UnmodifiableMap}.
   */
  public static String aType(String qualified) {
    String name = simpleName(qualified);
    boolean vowelSound = !name.isEmpty()
        && ("AEIOaeio".indexOf(name.charAt(0)) >= 0
            || name.startsWith("Un") || name.startsWith("Up") || name.startsWith("Ul"));
    return (vowelSound ? "an " : "a ") + name;
  }

  /** The simple name of a qualified class name: {@code Map} for {@code java.util.Map}. */
  public static String simpleName(String qualified) {
    return qualified == null ? "?" : qualified.substring(qualified.lastIndexOf('.') + 1);
  }
}
