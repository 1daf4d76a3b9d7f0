package dev.shareguard.core.engine;

import dev.shareguard.core.config.Config;
import dev.shareguard.core.ir.ClassDecl;
import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.FieldDecl;
import dev.shareguard.core.ir.MethodDecl;
import dev.shareguard.core.ir.MethodTarget;
import dev.shareguard.core.ir.Modifier;
import dev.shareguard.core.ir.Param;
import dev.shareguard.core.ir.Pos;
import dev.shareguard.core.ir.SourceFile;
import dev.shareguard.core.ir.Stmt;
import dev.shareguard.core.ir.TypeRef;
import dev.shareguard.core.model.LibraryModels;
import java.util.List;
import java.util.Set;

/** Builds IR by hand for engine tests that need no front end. Positions count up per node. */
final class Ir {
  static final String C = "t.Svc";
  static final TypeRef MAP = TypeRef.of("java.util.HashMap", TypeRef.of("java.lang.String"),
      TypeRef.of("java.lang.Integer"));
  static final TypeRef LOCK = TypeRef.of("java.util.concurrent.locks.ReentrantLock");
  static final TypeRef EXEC = TypeRef.of("java.util.concurrent.ExecutorService");
  static final TypeRef FUTURE = TypeRef.of("java.util.concurrent.Future");
  private static int line = 1;

  private Ir() {}

  static Pos pos() {
    return new Pos(line++, 5);
  }

  static Expr.ThisRef self() {
    return new Expr.ThisRef(pos(), TypeRef.of(C), C, false);
  }

  static Expr.FieldAccess field(String name, TypeRef type) {
    return new Expr.FieldAccess(pos(), type, self(), C, name, false);
  }

  static Expr.Call call(Expr recv, String name, TypeRef result, Expr... args) {
    String owner = recv == null ? null : recv.type().name();
    return new Expr.Call(pos(), result, recv,
        new MethodTarget(owner, name, List.of(), args.length, result, false, false, true),
        List.of(args));
  }

  static Expr lit(String text) {
    return new Expr.Literal(pos(), TypeRef.of("java.lang.String"), text);
  }

  static Stmt stmt(Expr e) {
    return new Stmt.ExprStmt(e.pos(), e);
  }

  static Stmt.Block block(Stmt... s) {
    return new Stmt.Block(pos(), List.of(s));
  }

  static Expr.Lambda lambda(String id, Stmt... body) {
    return new Expr.Lambda(pos(), TypeRef.of("java.lang.Runnable"), id, List.of(), block(body));
  }

  static MethodDecl method(String name, Stmt.Block body, Modifier... mods) {
    return new MethodDecl(pos(), name, List.<Param>of(), TypeRef.VOID, Set.of(mods), List.of(),
        false, body);
  }

  static FieldDecl fieldDecl(String name, TypeRef type, Expr init, Modifier... mods) {
    return new FieldDecl(pos(), name, type, Set.of(mods), List.of(), init);
  }

  static SourceFile file(List<FieldDecl> fields, MethodDecl... methods) {
    ClassDecl c = new ClassDecl(pos(), C, "Svc", ClassDecl.Kind.CLASS, Set.of(Modifier.PUBLIC),
        List.of(), null, List.of(), null, fields, List.of(methods));
    return new SourceFile("t/Svc.java", "t", List.of(c));
  }

  /** The dataflow result of method {@code m}'s body in file {@code f}, with default models. */
  static BodyResult analyze(SourceFile f, MethodDecl m) {
    ProgramIndex index = new ProgramIndex(List.of(f));
    LibraryModels models = new LibraryModels(index.hierarchy(), Config.defaults());
    return BodyAnalyzer.analyze(
        index, models, new FieldFacts(index, models), index.body(index.bodyIdOf(m)));
  }

  /** The first access of {@code r} described as {@code what}. */
  static BodyResult.RawAccess access(BodyResult r, String what) {
    return r.accesses().stream().filter(a -> a.what().equals(what)).findFirst().orElseThrow();
  }
}
