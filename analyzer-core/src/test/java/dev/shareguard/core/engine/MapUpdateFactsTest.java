package dev.shareguard.core.engine;

import static dev.shareguard.core.engine.Ir.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shareguard.core.config.Config;
import dev.shareguard.core.facts.AnalysisFacts;
import dev.shareguard.core.facts.MapUpdateFacts;
import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.Modifier;
import dev.shareguard.core.ir.Stmt;
import dev.shareguard.core.ir.TypeRef;
import dev.shareguard.core.model.LibraryModels;
import dev.shareguard.core.model.ValueKinds;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Check-then-act facts on hand-built IR: which checks may decide an act, and the locks. */
class MapUpdateFactsTest {
  private static final TypeRef STRING = TypeRef.of("java.lang.String");
  private static final TypeRef CHM =
      TypeRef.of("java.util.concurrent.ConcurrentHashMap", STRING, STRING);

  private static Expr.Call containsKey() {
    return call(field("chm", CHM), "containsKey", TypeRef.of("boolean"), lit("k"));
  }

  private static Expr.Call put() {
    return call(field("chm", CHM), "put", STRING, lit("k"), lit("v"));
  }

  /** The facts of a class whose public method {@code update} runs {@code body}. */
  private static AnalysisFacts facts(Stmt.Block body) {
    var f = file(List.of(fieldDecl("chm", CHM, null, Modifier.FINAL)),
        method("update", body, Modifier.PUBLIC));
    ProgramIndex index = new ProgramIndex(List.of(f));
    LibraryModels models = new LibraryModels(index.hierarchy(), Config.defaults());
    ThreadWalker walker = new ThreadWalker(index, models, new FieldFacts(index, models));
    List<AccessInstance> all = walker.walkAll();
    ValueKinds values = new ValueKinds(models, Config.defaults(), index::classById);
    ConflictFinder finder = new ConflictFinder(
        new ConcurrencyIntent(index, models, walker.spawningClasses()), values::isValue);
    return new AnalysisFacts(index, all, walker.results(), finder, () -> null, () -> null, values);
  }

  private static AccessInstance theAct(AnalysisFacts facts) {
    return facts.accesses().threadSafeContainers().stream().filter(a -> a.op().equals("put"))
        .findFirst().orElseThrow();
  }

  @Test
  void aContainsKeyGuardingThePutIsItsCheck() {
    Expr.Call check = containsKey();
    Expr.Call act = put();
    AnalysisFacts facts = facts(block(new Stmt.If(pos(),
        new Expr.Unary(pos(), TypeRef.of("boolean"), "!", check), block(stmt(act)), null)));
    List<MapUpdateFacts.Check> checks = facts.mapUpdates().checksBefore(theAct(facts), act);
    assertEquals(1, checks.size());
    assertEquals("containsKey", checks.get(0).op());
    assertTrue(checks.get(0).call() == check);
    assertFalse(facts.mapUpdates().oneLockSpans(checks.get(0), theAct(facts)));
  }

  @Test
  void oneMonitorHeldOverBothSpansTheSequence() {
    // Positions count up as nodes are made: the check is made first, as it comes first.
    Expr.Call check = containsKey();
    Expr.Call act = put();
    AnalysisFacts facts = facts(block(new Stmt.Synchronized(pos(), self(),
        block(new Stmt.If(pos(), check, block(), block(stmt(act)))))));
    List<MapUpdateFacts.Check> checks = facts.mapUpdates().checksBefore(theAct(facts), act);
    assertEquals(1, checks.size());
    assertTrue(facts.mapUpdates().oneLockSpans(checks.get(0), theAct(facts)));
  }

  @Test
  void aCheckOnTheOtherBranchDoesNotDecideTheAct() {
    Expr.Call check = containsKey();
    Expr.Call act = put();
    AnalysisFacts facts = facts(block(new Stmt.If(pos(), lit("flag"), block(stmt(check)),
        block(stmt(act)))));
    assertEquals(List.of(), facts.mapUpdates().checksBefore(theAct(facts), act));
  }
}
