package dev.shareguard.core.engine;

import static dev.shareguard.core.engine.Ir.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shareguard.core.ir.Annotation;
import dev.shareguard.core.ir.ClassDecl;
import dev.shareguard.core.ir.MethodDecl;
import dev.shareguard.core.ir.Modifier;
import dev.shareguard.core.ir.Param;
import dev.shareguard.core.ir.TypeRef;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which methods are entries, and the lifecycle phase each belongs to. */
class EntryPolicyTest {

  private static MethodDecl withParams(String name, List<Param> params, Modifier... mods) {
    return new MethodDecl(pos(), name, params, TypeRef.VOID, Set.of(mods), List.of(), false,
        block());
  }

  private static Param param(String name, TypeRef type) {
    return new Param(name, type, List.of());
  }

  /** A policy over an empty program: phases by name need no class. */
  private static final EntryPolicy POLICY = new EntryPolicy(
      new ProgramIndex(List.of()),
      new dev.shareguard.core.model.LibraryModels(
          new dev.shareguard.core.model.TypeHierarchy(List.of()),
          dev.shareguard.core.config.Config.defaults()));

  @Test
  void phasesByName() {
    assertEquals(Ctx.Phase.SET_UP, POLICY.phaseOf(method("init", block())));
    assertEquals(Ctx.Phase.PROPERTY, POLICY.phaseOf(
        withParams("setName", List.of(param("n", TypeRef.of("java.lang.String"))))));
    assertEquals(Ctx.Phase.TRANSITION, POLICY.phaseOf(method("stop", block())));
    assertEquals(Ctx.Phase.RUNNING, POLICY.phaseOf(method("get", block())));
    // A static method is no object's set-up, and "settle" no setter.
    assertEquals(Ctx.Phase.RUNNING, POLICY.phaseOf(method("init", block(), Modifier.STATIC)));
    assertEquals(Ctx.Phase.RUNNING, POLICY.phaseOf(
        withParams("settle", List.of(param("n", TypeRef.of("java.lang.String"))))));
  }

  @Test
  void aProgramMainHasTheJvmsShape() {
    TypeRef args = new TypeRef(TypeRef.Kind.CLASS, "java.lang.String", List.of(), 1);
    assertTrue(EntryPolicy.isProgramMain(
        withParams("main", List.of(param("a", args)), Modifier.PUBLIC, Modifier.STATIC)));
    assertFalse(EntryPolicy.isProgramMain(
        withParams("main", List.of(param("a", args)), Modifier.PUBLIC)));
  }

  @Test
  void testHooksAndPackageOnlyMethodsOfPublicClassesAreNoEntries() {
    MethodDecl hook = new MethodDecl(pos(), "reset", List.of(), TypeRef.VOID, Set.of(),
        List.of(Annotation.of("com.google.common.annotations.VisibleForTesting")), false,
        block());
    MethodDecl packageOnly = method("flush", block());
    MethodDecl published = method("drain", block(), Modifier.PUBLIC);
    MethodDecl named = method("resetForTesting", block(), Modifier.PUBLIC);
    WalkParts parts = new WalkParts(file(List.of(), packageOnly, published, named));
    assertTrue(parts.entryPolicy.isTestHook(hook));
    assertTrue(parts.entryPolicy.isTestHook(named));
    assertFalse(parts.entryPolicy.isTestHook(published));
    ClassDecl svc = parts.index.classById(C);
    assertTrue(parts.entryPolicy.onlyPackageCalls(svc, packageOnly));
    assertFalse(parts.entryPolicy.onlyPackageCalls(svc, published));
  }

  @Test
  void aTaskStarterRepeatsUnlessItRunsOnce() {
    Ctx.Entry request = new Ctx.Entry("t.Svc", "Svc", "handle", null, Ctx.Phase.RUNNING, false);
    Ctx.Entry start = new Ctx.Entry("t.Svc", "Svc", "start", null, Ctx.Phase.TRANSITION, false);
    Ctx ctor = new Ctx.Init("t.Svc", "Svc", "<init>", false);
    Ctx.Entry main = new Ctx.Entry("t.Tool", "Tool", "main", null, Ctx.Phase.RUNNING, true);
    assertTrue(main.programMain());
    assertFalse(request.programMain());
    assertFalse(EntryPolicy.repeatable(main), "a program's main runs once");
    assertTrue(EntryPolicy.repeatable(request));
    assertFalse(EntryPolicy.repeatable(start));
    assertFalse(EntryPolicy.repeatable(ctor));
  }
}
