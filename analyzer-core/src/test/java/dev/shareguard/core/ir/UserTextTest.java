package dev.shareguard.core.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Expressions in the user's own names, as messages quote them. */
class UserTextTest {
  private static final Pos P = new Pos(1, 1);
  private static final TypeRef MAP = TypeRef.of("java.util.HashMap");

  private static Expr.Call call(Expr receiver, String owner, String name, Expr... args) {
    return new Expr.Call(P, TypeRef.VOID, receiver,
        new MethodTarget(owner, name, List.of(), args.length, TypeRef.VOID, receiver == null,
            false, true),
        List.of(args));
  }

  @Test
  void anImplicitOrExplicitThisIsLeftOutAndArgumentsAreElided() {
    Expr self = new Expr.ThisRef(P, TypeRef.of("t.Svc"), "t.Svc", false);
    Expr cache = new Expr.FieldAccess(P, MAP, self, "t.Svc", "cache", false);
    assertEquals("cache", UserText.expr(cache));
    assertEquals("cache.put(…)", UserText.expr(
        call(cache, "java.util.HashMap", "put", new Expr.Literal(P, TypeRef.VOID, "1"))));
    assertEquals("cache.clear()", UserText.expr(call(cache, "java.util.HashMap", "clear")));
  }

  @Test
  void aStaticCallNamesItsClassByItsSimpleName() {
    assertEquals("Collections.sort(…)", UserText.expr(call(null, "java.util.Collections", "sort",
        new Expr.LocalRef(P, MAP, "list"))));
    assertEquals("Map", UserText.simpleName("java.util.Map"));
    assertEquals("?", UserText.simpleName(null));
  }

  /** "a HashMap", "an ArrayList": the article follows the name's first sound. */
  @Test
  void aTypeTakesTheArticleItsNameSoundsFor() {
    assertEquals("a HashMap", UserText.aType("java.util.HashMap"));
    assertEquals("an ArrayList", UserText.aType("java.util.ArrayList"));
    assertEquals("an Iterator", UserText.aType("java.util.Iterator"));
    assertEquals("an EnumMap", UserText.aType("java.util.EnumMap"));
    assertEquals("an UnmodifiableMap", UserText.aType("t.UnmodifiableMap"));
    assertEquals("a UUID", UserText.aType("java.util.UUID"));
    assertEquals("a Set", UserText.aType("java.util.Set"));
  }
}
