package dev.shareguard.core.fix;

import static dev.shareguard.core.fix.FixBuilder.source;
import static dev.shareguard.core.fix.FixBuilder.text;

import dev.shareguard.core.engine.AbsVal;
import dev.shareguard.core.engine.ProgramIndex;
import dev.shareguard.core.finding.Fix;
import dev.shareguard.core.finding.Fix.Part;
import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.FieldDecl;
import dev.shareguard.core.ir.Stmt;
import dev.shareguard.core.model.ContainerContracts;
import java.util.ArrayList;
import java.util.List;

/**
 * The one-call rewrite of a check-then-act on a map, offered only in shapes where it does exactly
 * what the two calls meant to do, run atomically:
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
 * a delta of the same type ({@link MergeFix}). The allocation moves into a lambda, which runs only
 * when the key is absent, as before; its arguments must be captured unchanged (literals, fields,
 * locals never assigned) and the lambda's parameter must not clash with any name in the file.
 */
public final class MapUpdateFix {
  private final ProgramIndex index;
  private final ProgramIndex.Body body;
  private final AbsVal map;

  /** The file's names, collected on first need: most findings never ask. */
  private FileNames names;

  private MapUpdateFix(ProgramIndex index, ProgramIndex.Body body, AbsVal map) {
    this.index = index;
    this.body = body;
    this.map = map;
  }

  /**
   * The rewrite of check {@code check} then {@code act} (a {@code put}) on {@code map} in {@code
   * body}, or an empty list when the shape is not one where the rewrite is known to be safe.
   */
  public static List<Fix> of(
      ProgramIndex index, ProgramIndex.Body body, AbsVal map, Expr.Call check, Expr.Call act) {
    if (!act.target().name().equals("put")
        || act.args().size() != 2
        || !IrShapes.isPlain(act.receiver())
        || !IrShapes.isPlain(act.args().get(0))) {
      return List.of();
    }
    List<Stmt> path = IrShapes.pathTo(body.block(), act);
    if (path == null) {
      return List.of();
    }
    Fix fix = new MapUpdateFix(index, body, map).ifAbsent(path, check, act);
    if (fix == null) {
      fix = MergeFix.inPlace(path, check, act);
    }
    if (fix == null) {
      fix = MergeFix.throughLocal(body.block(), path, check, act);
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
            : check.target().name().equals("get")
                && IrShapes.isNullTest(s.cond(), "==", e -> e == check);
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
      String param = names().freshParameter();
      if (param == null) {
        return null;
      }
      description = "computeIfAbsent";
      parts.add(text(".computeIfAbsent("));
      parts.add(source(act.args().get(0)));
      parts.add(text(", " + param + " -> "));
      parts.add(source(n));
    } else {
      return null;
    }
    parts.add(text(");"));
    return FixBuilder.fix("Use one atomic " + description + " call instead of a check and a put")
        .replace(s, parts)
        .build();
  }

  /**
   * Whether the map never holds null values: declared as a map type that rejects them, or a final
   * field whose only value is a new instance of one.
   */
  private boolean holdsNoNulls(Expr receiver) {
    if (ContainerContracts.rejectsNullValues(receiver.type().name())) {
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
        && ContainerContracts.rejectsNullValues(n.type().name());
  }

  /**
   * An allocation whose arguments mean the same inside a lambda: literals, fields and locals that
   * are never assigned (so effectively final), or such allocations.
   */
  private boolean isCapturable(Expr.New n) {
    if (n.outer() != null || n.anonymousClassId() != null) {
      return false;
    }
    for (Expr a : n.args()) {
      boolean ok =
          a instanceof Expr.New inner
              ? isCapturable(inner)
              : IrShapes.isPlain(a)
                  && !(a instanceof Expr.LocalRef l && names().isAssigned(l.name()));
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private FileNames names() {
    if (names == null) {
      names = new FileNames(body.file());
    }
    return names;
  }
}
