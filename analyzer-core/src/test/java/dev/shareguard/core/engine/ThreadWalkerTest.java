package dev.shareguard.core.engine;

import static dev.shareguard.core.engine.Ir.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shareguard.core.config.Config;
import dev.shareguard.core.engine.BodyResult.Slot;
import dev.shareguard.core.ir.MethodDecl;
import dev.shareguard.core.ir.Modifier;
import dev.shareguard.core.ir.SourceFile;
import dev.shareguard.core.ir.TypeRef;
import dev.shareguard.core.ir.UserText;
import dev.shareguard.core.model.LibraryModels;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The walk driver with the access recorder: entries, their contexts, and where accesses go. */
class ThreadWalkerTest {
  private static final TypeRef CONCURRENT_MAP = TypeRef.of(
      "java.util.concurrent.ConcurrentHashMap", TypeRef.of("java.lang.String"),
      TypeRef.of("java.lang.Integer"));

  private static ThreadWalker walker(SourceFile f) {
    ProgramIndex index = new ProgramIndex(List.of(f));
    LibraryModels models = new LibraryModels(index.hierarchy(), Config.defaults());
    return new ThreadWalker(index, models, new FieldFacts(index, models));
  }

  @Test
  void aPublicMethodIsACallerEntryAndItsMapAccessALocation() {
    MethodDecl m = method("update", block(
        stmt(call(field("map", MAP), "put", TypeRef.VOID, lit("k"), lit("v")))), Modifier.PUBLIC);
    ThreadWalker w = walker(file(List.of(fieldDecl("map", MAP, null)), m));
    List<AccessInstance> all = w.walkAll();
    // The read of the field's cell, and the write of the map it holds.
    Location cell = new Location.InstanceField(Slot.CELL, C, "map");
    Location contents = new Location.InstanceField(Slot.CONTENTS, C, "map");
    assertTrue(all.stream().allMatch(x -> x.sharing() == AccessInstance.Sharing.PLAIN));
    assertEquals(java.util.Set.of(cell, contents),
        all.stream().map(AccessInstance::key).collect(java.util.stream.Collectors.toSet()));
    assertEquals(2, all.size());
    AccessInstance a = all.stream().filter(x -> x.key().equals(contents)).findFirst()
        .orElseThrow();
    assertTrue(a.isWrite());
    Ctx.Entry entry = (Ctx.Entry) a.ctx();
    assertEquals("update", entry.method());
    assertEquals(C, entry.classId());
    assertEquals("`" + UserText.simpleName(C) + ".update()`", Describe.thread(entry));
    assertTrue(a.locks().isEmpty());
  }

  @Test
  void threadSafeContainersAreKeptApart() {
    MethodDecl m = method("update", block(
        stmt(call(field("map", CONCURRENT_MAP), "put", TypeRef.VOID, lit("k"), lit("v")))),
        Modifier.PUBLIC);
    ThreadWalker w = walker(file(List.of(fieldDecl("map", CONCURRENT_MAP, null)), m));
    Location contents = new Location.InstanceField(Slot.CONTENTS, C, "map");
    List<AccessInstance> onContents =
        w.walkAll().stream().filter(a -> a.key().equals(contents)).toList();
    assertEquals(1, onContents.size());
    assertEquals(AccessInstance.Sharing.THREAD_SAFE, onContents.get(0).sharing());
  }

  @Test
  void aFinalFieldsCellIsNoLocation() {
    MethodDecl m = method("read", block(stmt(field("map", MAP))), Modifier.PUBLIC);
    ThreadWalker w = walker(file(List.of(fieldDecl("map", MAP, null, Modifier.FINAL)), m));
    assertTrue(w.walkAll().stream().noneMatch(a -> a.key().equals(
        new Location.InstanceField(Slot.CELL, C, "map"))));
  }
}
