package dev.shareguard.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.shareguard.core.ir.Pos;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Ordering marks and task roots: equal by what they name, one deterministic order. */
class MarkTest {

  @Test
  void marksAreEqualByKindAndName() {
    assertEquals(new Mark.Joined("t.W"), new Mark.Joined("t.W"));
    assertNotEquals(new Mark.Joined("t.W"), new Mark.Started("t.W"));
    assertNotEquals(new TaskRoot.ThreadClass("t.W"), new Mark.SetUp("t.W"));
    assertEquals(new TaskRoot.Spawn("b", 0, new Pos(3, 5)),
        new TaskRoot.Spawn("b", 0, new Pos(3, 5)));
    assertNotEquals(new TaskRoot.Spawn("b", 0, new Pos(3, 5)),
        new TaskRoot.Spawn("b", 1, new Pos(3, 5)));
  }

  @Test
  void setsOfMarksIterateInOneOrder() {
    List<Mark> marks = List.of(new Mark.SetUp("t.A"), new Mark.Started("t.B"),
        new Mark.Joined("t.C"), new TaskRoot.ThreadClass("t.D"),
        new TaskRoot.Spawn("b", 1, new Pos(9, 5)), new TaskRoot.Spawn("b", 0, new Pos(3, 5)));
    assertEquals(List.of(new TaskRoot.Spawn("b", 0, new Pos(3, 5)),
            new TaskRoot.Spawn("b", 1, new Pos(9, 5)), new TaskRoot.ThreadClass("t.D"),
            new Mark.Joined("t.C"), new Mark.Started("t.B"), new Mark.SetUp("t.A")),
        List.copyOf(new TreeSet<>(marks)));
  }
}
