package dev.shareguard.core.copies;

import dev.shareguard.core.copies.CopyEvent.EscapeKind;
import dev.shareguard.core.engine.IrWalker;
import dev.shareguard.core.engine.ProgramIndex;
import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.MethodDecl;
import dev.shareguard.core.ir.TypeRef;
import dev.shareguard.core.model.CopyModels;
import dev.shareguard.core.model.LibraryModels;
import java.util.Set;

/**
 * What a call or store does to the objects it touches, for the copy analysis of one body: changes
 * to its receiver (a container write, an entry's {@code setValue}, an analysed method that assigns
 * fields, a setter), changes to a local that is a hash key, locals becoming or ceasing to be keys,
 * and values handed to another thread by a task lambda. Library knowledge comes from {@link
 * LibraryModels} and {@link CopyModels}.
 */
final class CallEffects {
  private final ClassFacts facts;
  private final CopyModels copyModels;
  private final LibraryModels models;
  private final ProgramIndex index;
  private final ProgramIndex.Body body;
  private final CopyRecorder rec;

  CallEffects(ClassFacts facts, CopyRecorder rec) {
    this.facts = facts;
    this.copyModels = facts.copyModels();
    this.models = facts.models();
    this.index = facts.index();
    this.body = rec.body();
    this.rec = rec;
  }

  /**
   * A lambda handed to another thread ({@code executor.submit(() -> use(view))}): the values it
   * captures are used there, so they escape to that thread.
   */
  void handToThread(Expr.Call c, Expr recvExpr, CopyState s) {
    LibraryModels.SpawnModel spawn = models.spawnModel(
        recvExpr == null ? null : CopyText.typeName(recvExpr.type()), c.target().owner(),
        c.target().name(), c.target().isStatic());
    if (spawn == null || spawn.taskArg() < 0 || spawn.taskArg() >= c.args().size()
        || !(c.args().get(spawn.taskArg()) instanceof Expr.Lambda l)) {
      return;
    }
    for (String name : capturedLocals(l)) {
      Prov p = s.env.get(name);
      if (p != null) {
        rec.escape(s, p, l, EscapeKind.THREAD, spawn.what());
      }
    }
  }

  /** The names of the locals a lambda reads (its own parameters and locals included). */
  static Set<String> capturedLocals(Expr.Lambda l) {
    Set<String> used = new java.util.TreeSet<>();
    IrWalker.forEachExpr(l.body(), x -> {
      if (x instanceof Expr.LocalRef r) {
        used.add(r.name());
      }
    });
    return used;
  }

  MethodDecl resolve(Expr.Call c) {
    String owner = c.target().owner();
    if (c.receiver() instanceof Expr.ThisRef t && !index.isProjectClass(owner)) {
      owner = t.classId();
    }
    if (owner == null || !index.isProjectClass(owner)) {
      return null;
    }
    return index.findMethod(owner, c.target().name(), c.target().arity(),
        c.target().paramTypes());
  }

  /** Reports the call's change to its receiver, if it makes one; returns whether it does. */
  boolean receiverMutation(
      Expr.Call c, Expr recvExpr, Prov recv, MethodDecl callee, CopyState s) {
    String name = c.target().name();
    String type = CopyText.typeName(recvExpr.type());
    if (type != null && (models.isContainer(type)
        || models.types().isSubtype(type, "java.util.Iterator"))) {
      if (models.containerEffect(type, name) == LibraryModels.Effect.WRITE) {
        mutation(c, recvExpr, recv, CopyEvent.Change.CALL, name, copyModels.isStructuralWrite(name),
            Set.of(), s);
        return true;
      }
      return false;
    }
    if (type != null && models.types().isSubtype(type, "java.util.Map.Entry")
        || "java.util.Map.Entry".equals(c.target().owner())) {
      if (name.equals("setValue")) {
        mutation(c, recvExpr, recv, CopyEvent.Change.CALL, name, false, Set.of(), s);
        return true;
      }
      return false;
    }
    if (callee != null) {
      Set<String> w = facts.fieldWrites(callee);
      if (!w.isEmpty() && !callee.isStatic()) {
        mutation(c, recvExpr, recv, CopyEvent.Change.CALL, name, false, w, s);
        return true;
      }
      return false;
    }
    if (CopyModels.isSetterName(name) && c.args().size() == 1
        && (c.type() == null || c.type().equals(TypeRef.VOID)
            || c.type().erasure().equals(recvExpr.type().erasure()))) {
      mutation(c, recvExpr, recv, CopyEvent.Change.CALL, name, false, Set.of(), s);
      return true;
    }
    return false;
  }

  void mutation(
      Expr at, Expr recvExpr, Prov target, CopyEvent.Change change, String method,
      boolean structural, Set<String> fields, CopyState s) {
    rec.report(new CopyEvent.Mutation(body, at, recvExpr, target, change, method, structural,
        fields));
    if (recvExpr instanceof Expr.LocalRef l) {
      Prov cur = s.env.get(l.name());
      if (cur instanceof Prov.Builder b && !b.changed()) {
        s.bind(l.name(), new Prov.Builder(b.site(), b.of(), true));
      }
      CopyState.KeyFact k = s.keys.get(l.name());
      if (k != null) {
        Set<String> eq = facts.equalityFields(k.classId());
        for (String f : fields) {
          if (eq.contains(f)) {
            rec.report(new CopyEvent.MutatedKey(body, at, l.name(), f, k.classId(), k.at(),
                k.container()));
            break;
          }
        }
      }
    }
  }

  /** Keeps track of locals that become keys of hash-based containers, or stop being keys. */
  void keyFacts(Expr.Call c, Expr recvExpr, Prov recv, CopyState s) {
    if (recvExpr == null || c.args().isEmpty()
        || !(c.args().get(0) instanceof Expr.LocalRef k)) {
      return;
    }
    String name = c.target().name();
    if (name.equals("remove")) {
      s.dropKey(k.name());
      return;
    }
    String recvType = CopyText.typeName(recvExpr.type());
    if (recvType == null) {
      return;
    }
    boolean keying = models.isMap(recvType) ? copyModels.isKeyingMapCall(name)
        : models.types().isSubtype(recvType, "java.util.Set") && name.equals("add");
    if (!keying || !isHashBased(recvType, recv)) {
      return;
    }
    String keyClass = CopyText.typeName(k.type());
    if (keyClass == null || facts.equalityFields(keyClass).isEmpty()) {
      return;
    }
    s.putKey(k.name(), new CopyState.KeyFact(c, recvExpr,
        keyClass));
  }

  private boolean isHashBased(String staticType, Prov recv) {
    if (copyModels.isHashBased(staticType)) {
      return true;
    }
    if (recv instanceof Prov.Fresh f && f.type() != null) {
      return copyModels.isHashBased(f.type().name());
    }
    if (recv instanceof Prov.Origin o && o.src().field() != null) {
      return copyModels.isHashBased(facts.implType(o.src()));
    }
    return false;
  }
}
