package dev.shareguard.core.copies;

import dev.shareguard.core.copies.CopyEvent.EscapeKind;
import dev.shareguard.core.engine.ProgramIndex;
import dev.shareguard.core.engine.ReadOnlyUses;
import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.MethodDecl;
import dev.shareguard.core.ir.TypeRef;
import dev.shareguard.core.model.LibraryModels;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The expressions of the copy analysis of one body: the transfer of one expression node of the
 * control-flow graph ({@link #evalNode}) gives the {@link Prov} of its value, reporting {@link
 * CopyEvent}s through the {@link CopyRecorder}. A sub-expression that is a node of its own (a
 * call, an allocation, a field read, an assignment…) ran earlier on the same path: its value is
 * taken from {@link CopyState#tempOf}; the others (locals, literals, casts, operators) are
 * evaluated here, in Java's order. What calls return is {@link CallResults}; what they change is
 * {@link CallEffects}. A switch expression's cases are nodes of the graph.
 */
final class CopyExprs {
  private final ClassFacts facts;
  private final ProgramIndex index;
  private final LibraryModels models;
  private final ProgramIndex.Body body;
  private final CopyRecorder rec;
  private final CallEffects effects;
  private final CallResults results;
  /** The expressions that are nodes of the graph, by identity. */
  private final Set<Expr> nodeExprs;

  /** The expression of the node being transferred. */
  private Expr current;

  /** The node sub-expressions whose values the current node took from the temps. */
  private final List<Expr> taken = new ArrayList<>();

  CopyExprs(ClassFacts facts, CopyRecorder rec, Set<Expr> nodeExprs) {
    this.facts = facts;
    this.index = facts.index();
    this.models = facts.models();
    this.body = rec.body();
    this.rec = rec;
    this.effects = new CallEffects(facts, rec);
    this.results = new CallResults(facts, rec, effects);
    this.nodeExprs = nodeExprs;
  }

  /**
   * The value of the expression node {@code e} in {@code s}, which it changes: the node's own
   * effect, with its node sub-expressions' values taken (and removed) from the temps.
   */
  Prov evalNode(Expr e, CopyState s) {
    return evalAt(e, e, s);
  }

  /**
   * The value of {@code e}, an expression a statement-level node reads (a declaration's
   * initializer, a condition, a returned value…), in {@code s}.
   */
  Prov evalTop(Expr e, CopyState s) {
    return evalAt(e, null, s);
  }

  private Prov evalAt(Expr e, Expr node, CopyState s) {
    Expr outer = current;
    current = node;
    try {
      return eval(e, s);
    } finally {
      current = outer;
      dropTaken(s);
    }
  }

  private void dropTaken(CopyState s) {
    for (Expr x : taken) {
      s.removeTemp(x);
    }
    taken.clear();
  }

  Prov eval(Expr e, CopyState s) {
    Prov p = evalNoRead(e, s);
    if (e instanceof Expr.LocalRef l) {
      rec.markRead(p);
      rec.readLocal(s, l.name());
    }
    return p;
  }

  Prov evalNoRead(Expr e, CopyState s) {
    if (e == null) {
      return Prov.UNKNOWN;
    }
    if (e != current && nodeExprs.contains(e)) {
      taken.add(e);
      Prov p = s.tempOf(e);
      return p == null ? Prov.UNKNOWN : p;
    }
    if (e instanceof Expr.LocalRef l) {
      Prov p = s.env.get(l.name());
      return p == null ? Prov.UNKNOWN : p;
    }
    if (e instanceof Expr.FieldAccess f) {
      if (f.receiver() != null) {
        eval(f.receiver(), s);
      }
      String own = ownFieldKey(f);
      Prov given = own == null ? null : s.env.get(own);
      return given != null ? given : new Prov.Origin(srcOf(f));
    }
    if (e instanceof Expr.ArrayAccess a) {
      Prov arr = eval(a.array(), s);
      eval(a.index(), s);
      return new Prov.Held(e, arr, a.index());
    }
    if (e instanceof Expr.Call || e instanceof Expr.New) {
      Prov p = e instanceof Expr.Call c ? call(c, s) : newObject((Expr.New) e, s);
      if (p instanceof Prov.ValueCopy v && v.site() == e) {
        rec.report(new CopyEvent.ValueCopied(body, e, v));
      }
      return p;
    }
    if (e instanceof Expr.NewArray n) {
      n.dimensions().forEach(d -> eval(d, s));
      for (Expr i : n.initializers()) {
        rec.escape(s, eval(i, s), i, EscapeKind.ARGUMENT, "array initializer");
      }
      return new Prov.Fresh(e, e.type());
    }
    if (e instanceof Expr.Lambda l) {
      for (String name : CallEffects.capturedLocals(l)) {
        Prov p = s.env.get(name);
        if (p != null) {
          rec.escape(s, p, e, EscapeKind.CAPTURE, "lambda");
        }
        rec.captured(s, name);
      }
      return Prov.UNKNOWN;
    }
    if (e instanceof Expr.MethodRef m) {
      if (m.receiver() != null) {
        rec.escape(s, eval(m.receiver(), s), e, EscapeKind.CAPTURE, "method reference");
      }
      return Prov.UNKNOWN;
    }
    if (e instanceof Expr.Assign a) {
      return assign(a, s);
    }
    if (e instanceof Expr.Unary u) {
      eval(u.operand(), s);
      if (u.writes() && u.operand() instanceof Expr.FieldAccess f && f.receiver() != null
          && !(f.receiver() instanceof Expr.ThisRef)) {
        effects.mutation(u, f.receiver(), evalNoRead(f.receiver(), s), CopyEvent.Change.FIELD_STORE,
            null, false, Set.of(f.name()), s);
      }
      return Prov.UNKNOWN;
    }
    if (e instanceof Expr.Binary b) {
      eval(b.left(), s);
      eval(b.right(), s);
      return Prov.UNKNOWN;
    }
    if (e instanceof Expr.Conditional c) {
      eval(c.condition(), s);
      return Prov.join(eval(c.whenTrue(), s), eval(c.whenFalse(), s));
    }
    if (e instanceof Expr.Cast c) {
      return evalNoRead(c.expr(), s);
    }
    if (e instanceof Expr.InstanceOf i) {
      eval(i.expr(), s);
      if (i.binding() != null) {
        rec.assignLocal(s, i.binding(), Prov.UNKNOWN);
      }
      return Prov.UNKNOWN;
    }
    if (e instanceof Expr.SwitchExpr sw) {
      eval(sw.selector(), s);
      return Prov.UNKNOWN;
    }
    if (e instanceof Expr.Opaque o) {
      for (Expr x : o.parts()) {
        rec.escape(s, eval(x, s), x, EscapeKind.ARGUMENT, o.what());
      }
      return Prov.UNKNOWN;
    }
    return Prov.UNKNOWN;
  }

  /**
   * The state's name for the value this body last stored in {@code f}, a field of its own object
   * ({@code this.keys}, no local can be so named), or null for any other field.
   */
  private static String ownFieldKey(Expr.FieldAccess f) {
    return !f.isStatic() && (f.receiver() == null || f.receiver() instanceof Expr.ThisRef)
        ? CopyState.OWN_FIELD + f.name() : null;
  }

  private Prov.Src srcOf(Expr.FieldAccess f) {
    if (f.isStatic() || f.receiver() == null && f.ownerClass() != null
        && index.field(f.ownerClass(), f.name()) != null
        && index.field(f.ownerClass(), f.name()).isStatic()) {
      String owner = f.ownerClass() == null ? "?" : f.ownerClass();
      return new Prov.Src(Prov.Src.Kind.STATIC_FIELD,
          owner.substring(owner.lastIndexOf('.') + 1), f.ownerClass(), f.name(), f.type());
    }
    if (f.receiver() == null || f.receiver() instanceof Expr.ThisRef) {
      String cls = f.ownerClass() != null ? f.ownerClass()
          : f.receiver() instanceof Expr.ThisRef t ? t.classId() : body.owner().id();
      return new Prov.Src(Prov.Src.Kind.THIS_FIELD, "this", cls, f.name(), f.type());
    }
    return new Prov.Src(Prov.Src.Kind.OTHER_FIELD,
        dev.shareguard.core.engine.Describe.expr(f.receiver()), f.ownerClass(), f.name(),
        f.type());
  }

  private Prov assign(Expr.Assign a, CopyState s) {
    Prov value = a.op().equals("=") ? eval(a.value(), s) : Prov.UNKNOWN;
    if (!a.op().equals("=")) {
      eval(a.value(), s);
    }
    Expr target = a.target();
    if (target instanceof Expr.LocalRef l) {
      if (a.op().equals("=")) {
        rec.assignLocal(s, l.name(), value);
      }
      return value;
    }
    if (target instanceof Expr.FieldAccess f) {
      boolean other = f.receiver() != null && !(f.receiver() instanceof Expr.ThisRef)
          && !f.isStatic();
      Prov recv = f.receiver() == null ? Prov.UNKNOWN : evalNoRead(f.receiver(), s);
      rec.report(new CopyEvent.FieldStore(body, a, srcOf(f), value));
      String own = ownFieldKey(f);
      if (own != null && a.op().equals("=")) {
        // From here on this body's object holds the value stored, not what the field held.
        s.bind(own, value);
      }
      rec.escape(s, value, a, other ? EscapeKind.OTHER_OBJECT_FIELD_STORE : EscapeKind.FIELD_STORE,
          f.name());
      if (other) {
        effects.mutation(a, f.receiver(), recv, CopyEvent.Change.FIELD_STORE, null, false,
            Set.of(f.name()), s);
      }
      return value;
    }
    if (target instanceof Expr.ArrayAccess arr) {
      Prov array = evalNoRead(arr.array(), s);
      eval(arr.index(), s);
      rec.escape(s, value, a, EscapeKind.FIELD_STORE, "array element");
      effects.mutation(a, arr.array(), array, CopyEvent.Change.ARRAY_STORE, null, false, Set.of(),
          s);
    }
    return value;
  }

  private Prov newObject(Expr.New n, CopyState s) {
    if (n.outer() != null) {
      eval(n.outer(), s);
    }
    List<Prov> args = new ArrayList<>();
    for (Expr a : n.args()) {
      args.add(eval(a, s));
    }
    if (n.anonymousClassId() != null) {
      rec.escapeAll(s, n);
    }
    TypeRef type = n.type();
    if (args.size() == 1 && type.kind() == TypeRef.Kind.CLASS && models.isContainer(type.name())
        && isContainerType(models, n.args().get(0).type())) {
      return new Prov.Copy(n, args.get(0),
          new Prov.Made(Prov.Made.How.CONTAINER_CONSTRUCTOR, type.name(), null), false, type);
    }
    if (args.size() == 1 && args.get(0) instanceof Prov.Held h
        && type.erasure().equals(n.args().get(0).type().erasure())
        && type.kind() == TypeRef.Kind.CLASS) {
      return new Prov.ValueCopy(n, h, new Prov.Made(Prov.Made.How.CONSTRUCTOR, type.name(), null),
          false);
    }
    MethodDecl ctor = n.anonymousClassId() != null || n.constructor() == null ? null
        : index.findMethod(type.name(), MethodDecl.CONSTRUCTOR, n.args().size(),
            n.constructor().paramTypes());
    for (int i = 0; i < args.size(); i++) {
      if (keptByCallee(args.get(i), ctor, i)) {
        rec.escape(s, args.get(i), n.args().get(i), EscapeKind.CONSTRUCTOR_ARGUMENT,
            "new " + CopyText.simple(type.name()));
      }
    }
    return new Prov.Fresh(n, type);
  }

  /**
   * Whether a view handed to analysed method {@code callee} as argument {@code i} may be kept
   * there: not when the callee only reads that parameter in place ({@link
   * ReadOnlyUses#onlyReadsParameter}: a constructor or setter copying the collection it is
   * given). Other values, and calls whose code is not known, always may.
   */
  private boolean keptByCallee(Prov arg, MethodDecl callee, int i) {
    return !(arg instanceof Prov.View) || callee == null
        || !ReadOnlyUses.onlyReadsParameter(index.ownerOf(callee), callee, i, models);
  }

  static boolean isContainerType(LibraryModels models, TypeRef t) {
    return t != null && t.kind() == TypeRef.Kind.CLASS && !t.isArray()
        && models.isContainer(t.name());
  }

  private Prov call(Expr.Call c, CopyState s) {
    String owner = c.target().owner();
    String name = c.target().name();
    if (c.receiver() == null || c.receiver() instanceof Expr.ThisRef) {
      // A method of this object may give its fields other values: those it assigns (through its
      // own calls on this), or any when it is not one the analysis sees.
      MethodDecl own = effects.resolve(c);
      if (own == null || !own.isStatic()) {
        s.forgetOwnFields(own == null ? null : facts.fieldWrites(own));
      }
    }
    Expr recvExpr = c.receiver() instanceof Expr.ThisRef ? null : c.receiver();
    Prov recv = c.receiver() == null ? null : evalNoRead(c.receiver(), s);
    List<Prov> args = new ArrayList<>();
    for (Expr a : c.args()) {
      args.add(eval(a, s));
    }
    MethodDecl callee = effects.resolve(c);
    boolean mutates = false;
    if (recvExpr != null) {
      mutates = effects.receiverMutation(c, recvExpr, recv, callee, s);
      if (!mutates) {
        rec.markRead(recv);
      }
    } else if (c.receiver() == null && owner != null && models.writesFirstArgument(owner, name)
        && !args.isEmpty()) {
      effects.mutation(c, c.args().get(0), args.get(0), CopyEvent.Change.CALL, name, false,
          Set.of(), s);
    }
    effects.keyFacts(c, recvExpr, recv, s);
    effects.handToThread(c, recvExpr, s);
    Prov result = results.resultOf(c, owner, name, recvExpr, recv, args, callee, s);
    // Arguments leave the body's hands, unless the call copies them (then the copy is the value).
    for (int i = 0; i < args.size(); i++) {
      if (!(result instanceof Prov.Copy cp && cp.of() == args.get(i))
          && !(result instanceof Prov.View v && v.of() == args.get(i))
          && !(result instanceof Prov.Serialized z && z.of() == args.get(i))
          && keptByCallee(args.get(i),
              callee != null && (callee.isStatic() || index.overrides(callee).isEmpty())
                  ? callee : null, i)) {
        rec.escape(s, args.get(i), c.args().get(i), EscapeKind.ARGUMENT, name);
      }
    }
    return result;
  }
}
