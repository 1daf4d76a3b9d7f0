package dev.shareguard.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.shareguard.core.engine.BodyResult.Slot;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The abstract location of an access: shared fields by class and name, fresh objects by site. */
class LocationKeysTest {
  private static final AbsVal SELF = new AbsVal.This("t.Svc");
  private static final AbsVal FRESH = new AbsVal.Alloc("t.Svc.m()#3@4:5", "t.Box", List.of(),
      false, false, false, false, false);

  @Test
  void fieldsOfSharedObjectsAreKeyedByClassAndName() {
    assertEquals("contents t.Svc.map",
        LocationKeys.locationKey(new AbsVal.Field(SELF, "t.Svc", "map"), Slot.CONTENTS));
    assertEquals("cell static t.Svc.count", LocationKeys.locationKey(
        new AbsVal.Field(new AbsVal.Static("t.Svc"), "t.Svc", "count"), Slot.CELL));
  }

  @Test
  void freshObjectsAreKeyedByTheirAllocation() {
    assertEquals("cell L:t.Svc.m()#3@4:5.x",
        LocationKeys.locationKey(new AbsVal.Field(FRESH, "t.Box", "x"), Slot.CELL));
    assertEquals("contents L:t.Svc.m()#3@4:5", LocationKeys.locationKey(FRESH, Slot.CONTENTS));
  }

  @Test
  void noLocationThroughAContainerElementOrOnAnUnknownObject() {
    AbsVal element = new AbsVal.Elem(new AbsVal.Field(SELF, "t.Svc", "queue"));
    assertNull(LocationKeys.locationKey(new AbsVal.Field(element, "t.Job", "state"), Slot.CELL));
    assertNull(LocationKeys.locationKey(
        new AbsVal.Field(AbsVal.UNKNOWN, "t.Svc", "map"), Slot.CONTENTS));
    assertNull(LocationKeys.locationKey(new AbsVal.Param("p"), Slot.CONTENTS));
  }
}
