package dev.shareguard.core.rules.threads;

import dev.shareguard.core.engine.AbsVal;
import dev.shareguard.core.engine.IrWalker;
import dev.shareguard.core.engine.ProgramIndex;
import dev.shareguard.core.finding.Fix;
import dev.shareguard.core.finding.Fix.Kind;
import dev.shareguard.core.finding.Fix.Node;
import dev.shareguard.core.finding.Fix.Part;
import dev.shareguard.core.ir.ClassDecl;
import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.FieldDecl;
import dev.shareguard.core.ir.IrPrinter;
import dev.shareguard.core.ir.MethodDecl;
import dev.shareguard.core.ir.Param;
import dev.shareguard.core.ir.SourceFile;
import dev.shareguard.core.ir.Stmt;
import dev.shareguard.core.ir.TypeRef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The one-call rewrite of a {@link NonAtomicMapUpdate} sequence, offered only in shapes where it
 * does exactly what the two calls meant to do, run atomically:
 *
 * <pre>
 * if (!m.containsKey(k)) { m.put(k, literal); }     →  m.putIfAbsent(k, literal);
 * if (!m.containsKey(k)) { m.put(k, new T(…)); }    →  m.computeIfAbsent(k, key -> new T(…));
 *   (the same with m.get(k) == null as the test)
 * m.put(k, m.get(k) + d);                           →  m.merge(k, d, Integer::sum);
 * m.put(k, m.getOrDefault(k, 0) + d);               →  m.merge(k, d, Integer::sum);
 * Integer v = m.get(k); m.put(k, v == null ? d : v + d);
 *                                                   →  m.merge(k, d, Integer::sum);
 * </pre>
 *
 * <p>Why each restriction: the map and key must be plain variables or literals, since the rewrite
 * evaluates them once where the original evaluated them twice. {@code putIfAbsent} and {@code
 * computeIfAbsent} treat a key mapped to {@code null} as absent, as {@code get(k) == null} does but
 * {@code containsKey} does not, so after {@code containsKey} the map must be one that holds no
 * nulls. {@code merge} with {@code Integer::sum} or {@code Long::sum} needs values of that type and
 * a delta of the same type. The allocation moves into a lambda, which runs only when the key is
 * absent, as before; its arguments must be captured unchanged (literals, fields, locals never
 * assigned) and the lambda's parameter must not clash with any name in the file.
 */
final class AtomicMapRewrite {
  private static final Set<String> NULL_HOSTILE =
      Set.of(
          "java.util.concurrent.ConcurrentHashMap",
          "java.util.concurrent.ConcurrentMap",
          "java.util.concurrent.ConcurrentSkipListMap",
          "java.util.concurrent.ConcurrentNavigableMap",
          "java.util.Hashtable");
  private static final List<String> PARAM_NAMES = List.of("k", "key", "absentKey");

  private final ProgramIndex index;
  private final ProgramIndex.Body body;
  private final AbsVal map;

  /** The file's names, collected on first need: most findings never ask. */
  private Names names;

  private AtomicMapRewrite(ProgramIndex index, ProgramIndex.Body body, AbsVal map) {
    this.index = index;
    this.body = body;
    this.map = map;
  }

  /**
   * The rewrite of check {@code check} then {@code act} (a {@code put}) on {@code map} in {@code
   * body}, or an empty list when the shape is not one where the rewrite is known to be safe.
   */
  static List<Fix> of(
      ProgramIndex index, ProgramIndex.Body body, AbsVal map, Expr.Call check, Expr.Call act) {
    if (!act.target().name().equals("put")
        || act.args().size() != 2
        || !isPlain(act.receiver())
        || !isPlain(act.args().get(0))) {
      return List.of();
    }
    List<Stmt> path = pathTo(body.block(), act);
    if (path == null) {
      return List.of();
    }
    AtomicMapRewrite r = new AtomicMapRewrite(index, body, map);
    Fix fix = r.ifAbsent(path, check, act);
    if (fix == null) {
      fix = r.mergeInPlace(path, check, act);
    }
    if (fix == null) {
      fix = r.mergeThroughLocal(path, check, act);
    }
    return fix == null ? List.of() : List.of(fix);
  }

  /** {@code if (!m.containsKey(k)) m.put(k, v);} or {@code if (m.get(k) == null) …}. */
  private Fix ifAbsent(List<Stmt> path, Expr.Call check, Expr.Call act) {
    // The put alone in the then branch, braced or not, of an if without else.
    int i = path.size() - 2;
    if (i >= 0 && path.get(i) instanceof Stmt.Block b && b.stmts().size() == 1) {
      i--;
    }
    if (i < 0
        || !(path.get(i) instanceof Stmt.If s)
        || s.orElse() != null
        || s.then() != path.get(i + 1)) {
      return null;
    }
    boolean testsAbsence =
        check.target().name().equals("containsKey")
            ? s.cond() instanceof Expr.Unary u
                && u.op().equals("!")
                && u.operand() == check
                && holdsNoNulls(act.receiver())
            : check.target().name().equals("get") && isNullTest(s.cond(), "==", e -> e == check);
    if (!testsAbsence) {
      return null;
    }
    Expr value = act.args().get(1);
    List<Part> parts = new ArrayList<>();
    parts.add(source(act.receiver()));
    String description;
    if (value instanceof Expr.Literal l && !l.text().equals("null")) {
      description = "putIfAbsent";
      parts.add(text(".putIfAbsent("));
      parts.add(source(act.args().get(0)));
      parts.add(text(", "));
      parts.add(source(value));
    } else if (value instanceof Expr.New n && isCapturable(n)) {
      String param = freshName();
      if (param == null) {
        return null;
      }
      description = "computeIfAbsent";
      parts.add(text(".computeIfAbsent("));
      parts.add(source(act.args().get(0)));
      parts.add(text(", " + param + " -> "));
      parts.add(new Part.SourceOf(new Node(Kind.NEW, n.pos())));
    } else {
      return null;
    }
    parts.add(text(");"));
    return new Fix(
        "Use one atomic " + description + " call instead of a check and a put",
        List.of(new Fix.Edit(new Node(Kind.STATEMENT, s.pos()), parts)));
  }

  /** {@code m.put(k, m.get(k) + d)} or {@code m.put(k, m.getOrDefault(k, 0) + d)}. */
  private Fix mergeInPlace(List<Stmt> path, Expr.Call check, Expr.Call act) {
    if (!(act.args().get(1) instanceof Expr.Binary sum) || !sum.op().equals("+")) {
      return null;
    }
    Expr delta = sum.left() == check ? sum.right() : sum.right() == check ? sum.left() : null;
    String name = check.target().name();
    boolean readsValue =
        name.equals("get")
            || name.equals("getOrDefault")
                && check.args().size() == 2
                && check.args().get(1) instanceof Expr.Literal zero
                && (zero.text().equals("0") || zero.text().equalsIgnoreCase("0L"));
    if (delta == null || !readsValue) {
      return null;
    }
    return merge(path.get(path.size() - 1), null, check.type(), delta, act);
  }

  /**
   * {@code Integer v = m.get(k); m.put(k, v == null ? d : v + d);}, {@code v} used nowhere else.
   */
  private Fix mergeThroughLocal(List<Stmt> path, Expr.Call check, Expr.Call act) {
    Stmt put = path.get(path.size() - 1);
    if (path.size() < 2 || !(path.get(path.size() - 2) instanceof Stmt.Block block)) {
      return null;
    }
    int at = block.stmts().indexOf(put);
    if (at < 1
        || !(block.stmts().get(at - 1) instanceof Stmt.LocalVar v)
        || v.init() != check
        || !check.target().name().equals("get")
        || !(act.args().get(1) instanceof Expr.Conditional c)) {
      return null;
    }
    Expr absent;
    Expr present;
    if (isNullTest(c.condition(), "==", e -> isLocal(e, v.name()))) {
      absent = c.whenTrue();
      present = c.whenFalse();
    } else if (isNullTest(c.condition(), "!=", e -> isLocal(e, v.name()))) {
      absent = c.whenFalse();
      present = c.whenTrue();
    } else {
      return null;
    }
    if (!(present instanceof Expr.Binary sum) || !sum.op().equals("+")) {
      return null;
    }
    Expr delta =
        isLocal(sum.left(), v.name())
            ? sum.right()
            : isLocal(sum.right(), v.name()) ? sum.left() : null;
    if (delta == null
        || !IrPrinter.expr(delta).equals(IrPrinter.expr(absent))
        || uses(body.block(), v.name()) != 2) {
      return null;
    }
    return merge(put, v, check.type(), delta, act);
  }

  /** {@code m.merge(k, d, T::sum);} in place of {@code put}, deleting {@code local} if given. */
  private Fix merge(Stmt put, Stmt.LocalVar local, TypeRef valueType, Expr delta, Expr.Call act) {
    String box = valueType == null ? "" : valueType.name();
    Part d;
    if (box.equals("java.lang.Integer") && isOfType(delta, "int", "java.lang.Integer")) {
      d = source(delta);
    } else if (box.equals("java.lang.Long") && isOfType(delta, "long", "java.lang.Long")) {
      d = source(delta);
    } else if (box.equals("java.lang.Long")
        && delta instanceof Expr.Literal l
        && isOfType(l, "int", "int")) {
      // An int literal widens in `v + 1` but would not box to Long as merge's argument.
      d = text(l.text() + "L");
    } else {
      return null;
    }
    String sum = box.equals("java.lang.Integer") ? "Integer::sum" : "Long::sum";
    List<Fix.Edit> edits = new ArrayList<>();
    if (local != null) {
      edits.add(new Fix.Edit(new Node(Kind.STATEMENT, local.pos()), List.of()));
    }
    edits.add(
        new Fix.Edit(
            new Node(Kind.STATEMENT, put.pos()),
            List.of(
                source(act.receiver()),
                text(".merge("),
                source(act.args().get(0)),
                text(", "),
                d,
                text(", " + sum + ");"))));
    return new Fix("Use one atomic merge call instead of a get and a put", edits);
  }

  /**
   * Whether the map never holds null values: declared as a null-hostile map type, or a final field
   * whose only value is a new instance of one.
   */
  private boolean holdsNoNulls(Expr receiver) {
    if (NULL_HOSTILE.contains(receiver.type().name())) {
      return true;
    }
    if (!(map instanceof AbsVal.Field f)) {
      return false;
    }
    FieldDecl decl = index.field(f.owner(), f.field());
    return decl != null
        && decl.isFinal()
        && decl.initializer() instanceof Expr.New n
        && n.anonymousClassId() == null
        && NULL_HOSTILE.contains(n.type().name());
  }

  /** {@code x op null} or {@code null op x}, with {@code x} an expression {@code isX} accepts. */
  private static boolean isNullTest(Expr cond, String op, Predicate<Expr> isX) {
    return cond instanceof Expr.Binary b
        && b.op().equals(op)
        && (isX.test(b.left()) && isNull(b.right()) || isX.test(b.right()) && isNull(b.left()));
  }

  private static boolean isNull(Expr e) {
    return e instanceof Expr.Literal l && l.text().equals("null");
  }

  private static boolean isLocal(Expr e, String name) {
    return e instanceof Expr.LocalRef l && l.name().equals(name);
  }

  /** A plain expression ({@link #isPlain}) of the given primitive type or its box. */
  private static boolean isOfType(Expr e, String primitive, String boxed) {
    String t = e.type().name();
    return isPlain(e) && (t.equals(primitive) || t.equals(boxed));
  }

  /** A local, a field of this object or a static field, or a literal: read twice, same value. */
  private static boolean isPlain(Expr e) {
    return e instanceof Expr.LocalRef
        || e instanceof Expr.Literal
        || e instanceof Expr.FieldAccess f
            && (f.receiver() == null || f.receiver() instanceof Expr.ThisRef t && !t.isSuper());
  }

  /**
   * An allocation whose arguments mean the same inside a lambda: literals, fields and locals that
   * are never assigned (so effectively final), or such allocations.
   */
  private boolean isCapturable(Expr.New n) {
    if (n.outer() != null || n.anonymousClassId() != null) {
      return false;
    }
    Set<String> assigned = names().assigned;
    for (Expr a : n.args()) {
      boolean ok =
          a instanceof Expr.New inner
              ? isCapturable(inner)
              : isPlain(a) && !(a instanceof Expr.LocalRef l && assigned.contains(l.name()));
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** A lambda parameter name used nowhere in the file, so it neither clashes nor shadows. */
  private String freshName() {
    Set<String> used = names().all;
    for (String n : PARAM_NAMES) {
      if (!used.contains(n)) {
        return n;
      }
    }
    for (int i = 1; i < 100; i++) {
      if (!used.contains("k" + i)) {
        return "k" + i;
      }
    }
    return null;
  }

  private Names names() {
    if (names == null) {
      names = new Names(body.file());
    }
    return names;
  }

  /** The user's source text of a plain expression ({@link #isPlain}). */
  private static Part source(Expr e) {
    Kind kind;
    if (e instanceof Expr.Literal) {
      kind = Kind.LITERAL;
    } else if (e instanceof Expr.LocalRef || e instanceof Expr.FieldAccess) {
      kind = Kind.VARIABLE;
    } else {
      throw new IllegalArgumentException("not a plain expression: " + IrPrinter.expr(e));
    }
    return new Part.SourceOf(new Node(kind, e.pos()));
  }

  private static Part text(String s) {
    return new Part.Text(s);
  }

  /** How often local {@code name} is read in {@code block}, lambdas included. */
  private static int uses(Stmt block, String name) {
    int[] n = {0};
    IrWalker.forEachExpr(block, e -> n[0] += isLocal(e, name) ? 1 : 0);
    return n[0];
  }

  /**
   * The statements from {@code s} down to the expression statement whose expression is {@code
   * call}, or null. Does not enter lambdas: they are bodies of their own.
   */
  private static List<Stmt> pathTo(Stmt s, Expr.Call call) {
    if (s instanceof Stmt.ExprStmt e && e.expr() == call) {
      return new ArrayList<>(List.of(s));
    }
    for (Stmt child : children(s)) {
      List<Stmt> p = pathTo(child, call);
      if (p != null) {
        p.add(0, s);
        return p;
      }
    }
    return null;
  }

  private static List<Stmt> children(Stmt s) {
    List<Stmt> out = new ArrayList<>();
    if (s instanceof Stmt.Block b) {
      out.addAll(b.stmts());
    } else if (s instanceof Stmt.If i) {
      out.add(i.then());
      out.add(i.orElse());
    } else if (s instanceof Stmt.While w) {
      out.add(w.body());
    } else if (s instanceof Stmt.DoWhile d) {
      out.add(d.body());
    } else if (s instanceof Stmt.For f) {
      out.addAll(f.init());
      out.add(f.body());
    } else if (s instanceof Stmt.ForEach f) {
      out.add(f.body());
    } else if (s instanceof Stmt.Try t) {
      out.addAll(t.resources());
      out.add(t.body());
      t.catches().forEach(c -> out.add(c.body()));
      out.add(t.finallyBlock());
    } else if (s instanceof Stmt.Synchronized y) {
      out.add(y.body());
    } else if (s instanceof Stmt.Labeled l) {
      out.add(l.body());
    } else if (s instanceof Stmt.Switch sw) {
      sw.cases().forEach(c -> out.addAll(c.body()));
    }
    out.removeIf(x -> x == null);
    return out;
  }

  /** Every name declared or read anywhere in a file, and the locals it assigns. */
  private static final class Names {
    final Set<String> all = new HashSet<>();
    final Set<String> assigned = new HashSet<>();

    Names(SourceFile file) {
      for (ClassDecl c : file.classes()) {
        for (FieldDecl f : c.fields()) {
          all.add(f.name());
          IrWalker.forEachExpr(f.initializer(), this::expr);
        }
        for (MethodDecl m : c.methods()) {
          m.params().forEach(p -> all.add(p.name()));
          if (m.body() != null) {
            declared(m.body());
            IrWalker.forEachExpr(m.body(), this::expr);
          }
        }
      }
    }

    private void expr(Expr e) {
      if (e instanceof Expr.LocalRef l) {
        all.add(l.name());
      } else if (e instanceof Expr.FieldAccess f) {
        all.add(f.name());
      } else if (e instanceof Expr.Lambda l) {
        l.params().stream().map(Param::name).forEach(all::add);
        declared(l.body());
      } else if (e instanceof Expr.InstanceOf i && i.binding() != null) {
        all.add(i.binding());
      } else if (e instanceof Expr.SwitchExpr s) {
        s.cases().forEach(c -> c.body().forEach(this::declared));
      } else if (e instanceof Expr.Assign a && a.target() instanceof Expr.LocalRef l) {
        assigned.add(l.name());
      } else if (e instanceof Expr.Unary u
          && u.writes()
          && u.operand() instanceof Expr.LocalRef l) {
        assigned.add(l.name());
      }
    }

    /** Names declared by statements (expressions are visited by {@link IrWalker}). */
    private void declared(Stmt s) {
      if (s instanceof Stmt.LocalVar v) {
        all.add(v.name());
      } else if (s instanceof Stmt.ForEach f) {
        all.add(f.var());
      } else if (s instanceof Stmt.Try t) {
        t.catches().forEach(c -> all.add(c.var()));
      }
      children(s).forEach(this::declared);
    }
  }
}
