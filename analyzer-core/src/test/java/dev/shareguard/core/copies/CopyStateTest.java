package dev.shareguard.core.copies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.shareguard.core.ir.Expr;
import dev.shareguard.core.ir.Pos;
import dev.shareguard.core.ir.TypeRef;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The lattice of the copy analysis: {@link CopyState#join} part by part. */
class CopyStateTest {
  private static final TypeRef LIST = TypeRef.of("java.util.ArrayList");

  /** A value made at a place of its own (equal-looking sites at two places are two sites). */
  private static Expr site(int line) {
    return new Expr.Literal(new Pos(line, 1), LIST, "new");
  }

  private static Prov fresh(Expr site) {
    return new Prov.Fresh(site, LIST);
  }

  @Test
  void unreachedIsBottom() {
    CopyState a = CopyState.empty();
    a.env.put("x", fresh(site(1)));
    assertNull(CopyState.join(null, null));
    assertEquals(a, CopyState.join(a, null));
    assertEquals(a, CopyState.join(null, a));
  }

  @Test
  void envIsAMustFactDifferentValuesBecomeUnknown() {
    Expr one = site(1);
    CopyState a = CopyState.empty();
    CopyState b = CopyState.empty();
    a.env.put("x", fresh(one));
    b.env.put("x", fresh(one));
    a.env.put("y", fresh(one));
    b.env.put("y", fresh(site(2)));
    a.env.put("z", fresh(one));
    CopyState j = CopyState.join(a, b);
    assertEquals(fresh(one), j.env.get("x"));
    assertSame(Prov.UNKNOWN, j.env.get("y"));
    // Declared on one path only: the other path has not reached its declaration.
    assertEquals(fresh(one), j.env.get("z"));
  }

  @Test
  void keysAreMustFactsKeptOnlyWhenBothPathsHoldThem() {
    Expr at = site(3);
    Expr map = site(4);
    CopyState a = CopyState.empty();
    CopyState b = CopyState.empty();
    a.keys.put("k", new CopyState.KeyFact(at, map, "com.acme.Key"));
    b.keys.put("k", new CopyState.KeyFact(at, map, "com.acme.Key"));
    a.keys.put("only", new CopyState.KeyFact(at, map, "com.acme.Key"));
    CopyState j = CopyState.join(a, b);
    assertEquals(Set.of("k"), j.keys.keySet());
  }

  @Test
  void sitesAreMayFactsUnitedByIdentity() {
    Expr one = site(1);
    Expr two = site(2);
    Expr twoAgain = site(2);
    CopyState a = CopyState.empty();
    CopyState b = CopyState.empty();
    a.rememberSite("x", one);
    b.rememberSite("x", two);
    b.rememberSite("x", one);
    b.rememberSite("x", twoAgain);
    CopyState j = CopyState.join(a, b);
    assertEquals(3, j.sites.get("x").size());
    assertSame(one, j.sites.get("x").get(0));
    // Joining again adds nothing: the join is idempotent, so the analysis reaches a fixpoint.
    assertEquals(j, CopyState.join(j, b));
  }

  @Test
  void pendingValuesJoinLikeLocalsByTheExpressionsIdentity() {
    Expr call = site(5);
    Expr lookalike = site(5);
    CopyState a = CopyState.empty();
    CopyState b = CopyState.empty();
    a.putTemp(call, fresh(site(6)));
    b.putTemp(call, fresh(site(7)));
    b.putTemp(lookalike, fresh(site(8)));
    CopyState j = CopyState.join(a, b);
    assertSame(Prov.UNKNOWN, j.tempOf(call));
    assertEquals(fresh(site(8)), j.tempOf(lookalike));
    j.removeTemp(call);
    j.removeTemp(lookalike);
    assertFalse(j.hasTemps());
  }

  @Test
  void aCopysPendingValuesChangeWithoutTouchingTheStateItWasCopiedFrom() {
    Expr call = site(5);
    Expr other = site(9);
    CopyState held = CopyState.empty();
    held.putTemp(call, fresh(site(6)));
    CopyState taken = held.copy();
    taken.removeTemp(call);
    CopyState added = held.copy();
    added.putTemp(other, fresh(site(7)));
    CopyState cleared = held.copy();
    cleared.clearTemps();
    assertEquals(fresh(site(6)), held.tempOf(call));
    assertNull(held.tempOf(other));
    assertNull(taken.tempOf(call));
    assertEquals(fresh(site(6)), added.tempOf(call));
    assertEquals(fresh(site(7)), added.tempOf(other));
    assertFalse(cleared.hasTemps());
    assertEquals(fresh(site(6)), held.copy().tempOf(call));
  }

  @Test
  void forgettingALoopsLocalsKeepsTheSitesTheyHeld() {
    Expr one = site(1);
    CopyState a = CopyState.empty();
    a.env.put("inner", fresh(one));
    a.rememberSite("inner", one);
    a.forget(Set.of("inner"));
    assertNull(a.env.get("inner"));
    assertEquals(List.of(one), a.sites.get("inner"));
  }
}
