package dev.shareguard.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shareguard.core.engine.BodyResult.Slot;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The abstract location of an access: shared fields by class and name, fresh objects by site. */
class LocationKeysTest {
  private static final AbsVal SELF = new AbsVal.This("t.Svc");
  private static final AllocSite SITE =
      AllocSite.of("t.Svc#m()", new dev.shareguard.core.ir.Pos(4, 5)).inActivation(3);
  private static final AbsVal FRESH = new AbsVal.Alloc(SITE, "t.Box", List.of(),
      false, false, false, false, false);

  @Test
  void fieldsOfSharedObjectsAreKeyedByClassAndName() {
    assertEquals(new Location.InstanceField(Slot.CONTENTS, "t.Svc", "map"),
        LocationKeys.locationKey(new AbsVal.Field(SELF, "t.Svc", "map"), Slot.CONTENTS));
    // Whatever object path leads to it: any two instances may be one object.
    assertEquals(new Location.InstanceField(Slot.CELL, "t.Box", "x"), LocationKeys.locationKey(
        new AbsVal.Field(new AbsVal.Field(SELF, "t.Svc", "box"), "t.Box", "x"), Slot.CELL));
    assertEquals(new Location.StaticField(Slot.CELL, "t.Svc", "count"), LocationKeys.locationKey(
        new AbsVal.Field(new AbsVal.Static("t.Svc"), "t.Svc", "count"), Slot.CELL));
  }

  @Test
  void freshObjectsAreKeyedByTheirAllocation() {
    assertEquals(new Location.LocalObject(Slot.CELL, SITE, List.of("x")),
        LocationKeys.locationKey(new AbsVal.Field(FRESH, "t.Box", "x"), Slot.CELL));
    assertEquals(new Location.LocalObject(Slot.CONTENTS, SITE, List.of()),
        LocationKeys.locationKey(FRESH, Slot.CONTENTS));
  }

  @Test
  void noLocationThroughAContainerElementOrOnAnUnknownObject() {
    AbsVal element = new AbsVal.Elem(new AbsVal.Field(SELF, "t.Svc", "queue"));
    assertNull(LocationKeys.locationKey(new AbsVal.Field(element, "t.Job", "state"), Slot.CELL));
    assertNull(LocationKeys.locationKey(
        new AbsVal.Field(AbsVal.UNKNOWN, "t.Svc", "map"), Slot.CONTENTS));
    assertNull(LocationKeys.locationKey(new AbsVal.Param("p"), Slot.CONTENTS));
  }

  @Test
  void aLocationKnowsTheSharedFieldItIsIn() {
    Location map = new Location.InstanceField(Slot.CONTENTS, "t.Svc", "byKey");
    Location value = new Location.MapValue(map, "count", Slot.CELL);
    assertEquals(map, value.sharedField());
    assertTrue(value.inFieldOf("t.Svc"));
    assertTrue(new Location.Snapshot(new Location.StaticField(Slot.CONTENTS, "t.Svc.Inner", "s"))
        .inFieldOf("t.Svc"), "a field of a nested class");
    assertFalse(value.inFieldOf("t.Sv"));
    assertTrue(new Location.Snapshot(new Location.StaticField(Slot.CONTENTS, "t.Svc", "s"))
        .isStatic());
    Location local = new Location.LocalObject(Slot.CELL, SITE, List.of("x"));
    assertTrue(new Location.MapValue(local, null, Slot.CONTENTS).onLocalObject());
    assertFalse(value.onLocalObject());
    assertNull(local.sharedField());
  }
}
