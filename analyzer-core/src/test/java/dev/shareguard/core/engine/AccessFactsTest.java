package dev.shareguard.core.engine;

import static dev.shareguard.core.engine.Ir.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shareguard.core.config.Config;
import dev.shareguard.core.engine.AccessInstance.Sharing;
import dev.shareguard.core.engine.BodyResult.Slot;
import dev.shareguard.core.facts.AccessFacts;
import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.MethodDecl;
import dev.shareguard.core.ir.MethodTarget;
import dev.shareguard.core.ir.Modifier;
import dev.shareguard.core.ir.SourceFile;
import dev.shareguard.core.ir.TypeRef;
import dev.shareguard.core.model.LibraryModels;
import dev.shareguard.core.model.ValueKinds;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The facts rules read: one list of access facts, selected by sharing, in the walk's order. */
class AccessFactsTest {
  private static final TypeRef STRING = TypeRef.of("java.lang.String");
  private static final TypeRef CONCURRENT_MAP =
      TypeRef.of("java.util.concurrent.ConcurrentHashMap", STRING, STRING);
  private static final TypeRef PLAIN_MAP = TypeRef.of("java.util.Map", STRING, STRING);

  /** {@code Collections.synchronizedMap(new HashMap<>())}. */
  private static Expr synchronizedMap() {
    Expr fresh = new Expr.New(pos(), MAP, null, List.of(), null,
        new MethodTarget("java.util.HashMap", "<init>", List.of(), 0, TypeRef.VOID, false, false,
            true));
    return new Expr.Call(pos(), PLAIN_MAP, null,
        new MethodTarget("java.util.Collections", "synchronizedMap", List.of(PLAIN_MAP), 1,
            PLAIN_MAP, true, false, true),
        List.of(fresh));
  }

  private static MethodDecl puts(String name) {
    return method(name, block(
        stmt(call(field("plain", MAP), "put", TypeRef.VOID, lit("k"), lit("v"))),
        stmt(call(field("chm", CONCURRENT_MAP), "put", TypeRef.VOID, lit("k"), lit("v"))),
        stmt(call(field("sync", PLAIN_MAP), "put", TypeRef.VOID, lit("k"), lit("v")))),
        Modifier.PUBLIC);
  }

  private record Walked(List<AccessInstance> all, AccessFacts facts) {}

  private static Walked walk(SourceFile f) {
    ProgramIndex index = new ProgramIndex(List.of(f));
    LibraryModels models = new LibraryModels(index.hierarchy(), Config.defaults());
    ThreadWalker walker = new ThreadWalker(index, models, new FieldFacts(index, models));
    List<AccessInstance> all = walker.walkAll();
    ConcurrencyIntent intent = new ConcurrencyIntent(index, models, walker.spawningClasses());
    ValueKinds values = new ValueKinds(models, Config.defaults(), index::classById);
    return new Walked(all, new AccessFacts(all, new ConflictFinder(intent, values::isValue)));
  }

  private static SourceFile program() {
    return file(List.of(
        fieldDecl("plain", MAP, null, Modifier.FINAL),
        fieldDecl("chm", CONCURRENT_MAP, null, Modifier.FINAL),
        fieldDecl("sync", PLAIN_MAP, synchronizedMap(), Modifier.FINAL)),
        puts("update"), puts("refresh"));
  }

  private static Location contents(String field) {
    return new Location.InstanceField(Slot.CONTENTS, C, field);
  }

  @Test
  void eachSelectionKeepsTheWalksOrder() {
    Walked w = walk(program());
    for (Sharing s : Sharing.values()) {
      List<AccessInstance> expected =
          w.all().stream().filter(a -> a.sharing() == s).toList();
      List<AccessInstance> selected = switch (s) {
        case PLAIN -> w.facts().plain();
        case SYNCHRONIZED_WRAPPER -> w.facts().synchronizedWrappers();
        case THREAD_SAFE -> w.facts().threadSafeContainers().stream()
            .filter(a -> a.sharing() == Sharing.THREAD_SAFE).toList();
        case MAP_VALUE -> w.facts().mapValues();
        case SNAPSHOT -> w.facts().snapshots();
      };
      assertEquals(expected, selected, s.toString());
    }
  }

  @Test
  void aSynchronizedWrapperIsAlsoAThreadSafeContainer() {
    Walked w = walk(program());
    assertEquals(List.of(contents("sync"), contents("sync")),
        w.facts().synchronizedWrappers().stream().map(AccessInstance::key).toList());
    // Both kinds of thread-safe container, interleaved as the walk met them.
    assertEquals(List.of(contents("chm"), contents("sync"), contents("chm"), contents("sync")),
        w.facts().threadSafeContainers().stream().map(AccessInstance::key).toList());
    assertTrue(w.facts().plain().stream().noneMatch(a -> a.key().equals(contents("chm"))
        || a.key().equals(contents("sync"))));
  }

  @Test
  void partnersAreOnTheSameLocationInTheSameSelection() {
    Walked w = walk(program());
    AccessInstance first = w.facts().threadSafeContainers().get(0);
    List<AccessInstance> partners = w.facts().parallelThreadSafePartners(first);
    assertTrue(partners.size() >= 2, partners.toString());
    assertTrue(partners.stream().allMatch(b -> b.key().equals(contents("chm"))));
    assertTrue(partners.stream().anyMatch(b -> b != first));
  }
}
