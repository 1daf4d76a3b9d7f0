package dev.shareguard.errorprone.rules;

import dev.shareguard.core.rules.values.MutationOfDefensiveCopy;
import dev.shareguard.testing.RuleTestHelper;
import org.junit.jupiter.api.Test;

/** {@link MutationOfDefensiveCopy}: changes to returned copies and unmodifiable collections. */
class MutationOfDefensiveCopyTest {
  private static final String ORDER =
      """
      class Order {
        private final java.util.List<String> lines = new java.util.ArrayList<>();
        private final java.util.List<String> notes = new java.util.ArrayList<>();
        public java.util.List<String> getLines() {
          return new java.util.ArrayList<>(lines);
        }
        public java.util.List<String> getNotes() {
          return java.util.Collections.unmodifiableList(notes);
        }
        public void addLine(String l) {
          lines.add(l);
        }
      }
      """;

  private static RuleTestHelper helper() {
    return RuleTestHelper.rule(MutationOfDefensiveCopy.ID);
  }

  @Test
  void positive_changeToAReturnedCopyIsLost() {
    helper()
        .source(
            "com/acme/Checkout.java",
            """
            package com.acme;
            public class Checkout {
              public void addGiftWrap(Order order) {
                // BUG: Diagnostic contains: MutationOfDefensiveCopy
                order.getLines().add("gift wrap");
              }
            }
            """
                + ORDER)
        .check();
  }

  @Test
  void positive_changeToAnUnmodifiableViewThrows() {
    helper()
        .source(
            "com/acme/Checkout.java",
            """
            package com.acme;
            import java.util.List;
            public class Checkout {
              public void note(Order order) {
                List<String> notes = order.getNotes();
                // BUG: Diagnostic contains: MutationOfDefensiveCopy
                notes.add("checked");
              }
            }
            """
                + ORDER)
        .check();
  }

  @Test
  void positive_streamToListAndListOfAreImmutable() {
    helper()
        .source(
            "com/acme/Names.java",
            """
            package com.acme;
            import java.util.Arrays;
            import java.util.List;
            public class Names {
              public List<String> upper(List<String> in) {
                List<String> out = in.stream().map(String::toUpperCase).toList();
                List<String> sorted = in.stream().sorted().toList();
                // BUG: Diagnostic contains: MutationOfDefensiveCopy
                sorted.add("END");
                List<String> fixed = Arrays.asList("a", "b");
                fixed.set(0, "z");
                // BUG: Diagnostic contains: MutationOfDefensiveCopy
                fixed.add("c");
                return out;
              }
            }
            """
                + ORDER)
        .check();
  }

  @Test
  void negative_returnedCopyKeptAndUsed() {
    helper()
        .source(
            "com/acme/Checkout.java",
            """
            package com.acme;
            import java.util.List;
            public class Checkout {
              public List<String> preview(Order order) {
                List<String> lines = order.getLines();
                lines.add("gift wrap");
                return lines;
              }
            }
            """
                + ORDER)
        .check();
  }

  @Test
  void negative_localReassignedToAModifiableList() {
    helper()
        .source(
            "com/acme/Names.java",
            """
            package com.acme;
            import java.util.ArrayList;
            import java.util.List;
            public class Names {
              public List<String> build(boolean more) {
                List<String> out = List.of();
                if (more) {
                  out = new ArrayList<>();
                }
                if (more) {
                  out.add("x");
                }
                return out;
              }
            }
            """
                + ORDER)
        .check();
  }

  /** Limitation: a copy returned through a field of another object is not followed. */
  @Test
  void limitation_copyStoredThenChangedElsewhereNotFollowed() {
    helper()
        .source(
            "com/acme/Holder.java",
            """
            package com.acme;
            import java.util.List;
            public class Holder {
              private List<String> lines;
              public void load(Order o) {
                lines = o.getNotes();
              }
              public void touch() {
                lines.add("x");
              }
            }
            """
                + ORDER)
        .check();
  }

  // Jumps: the copy analysis sends the state at a break to the loop's (or switch's) exit and the
  // state at a continue to the loop's head. It used to let both fall through to the next
  // statement, where the joined state forgot what the local holds, and missed these bugs.

  @Test
  void regression_breakLeavesTheLoopSoTheRestOfTheBodySeesTheView() {
    helper()
        .source(
            "com/acme/Checkout.java",
            """
            package com.acme;
            import java.util.ArrayList;
            import java.util.List;
            public class Checkout {
              public void note(Order order, List<String> extra) {
                List<String> notes = order.getNotes();
                for (String e : extra) {
                  if (e.isEmpty()) {
                    notes = new ArrayList<>();
                    break;
                  }
                  // BUG: Diagnostic contains: MutationOfDefensiveCopy
                  notes.add(e);
                }
              }
            }
            """
                + ORDER)
        .check();
  }

  @Test
  void regression_continueGoesBackToTheHeadSoTheRestOfTheBodySeesTheView() {
    helper()
        .source(
            "com/acme/Checkout.java",
            """
            package com.acme;
            import java.util.ArrayList;
            import java.util.List;
            public class Checkout {
              public void note(Order order, List<String> extra) {
                for (String e : extra) {
                  List<String> target = order.getNotes();
                  if (e.isEmpty()) {
                    target = new ArrayList<>();
                    continue;
                  }
                  // BUG: Diagnostic contains: MutationOfDefensiveCopy
                  target.add(e);
                }
              }
            }
            """
                + ORDER)
        .check();
  }

  @Test
  void regression_labelledBreakLeavesBothLoops() {
    helper()
        .source(
            "com/acme/Checkout.java",
            """
            package com.acme;
            import java.util.ArrayList;
            import java.util.List;
            public class Checkout {
              public void note(Order order, List<String> extra, List<String> more) {
                outer:
                for (String e : extra) {
                  List<String> target = order.getNotes();
                  for (String f : more) {
                    if (f.equals(e)) {
                      target = new ArrayList<>();
                      break outer;
                    }
                  }
                  // BUG: Diagnostic contains: MutationOfDefensiveCopy
                  target.add(e);
                }
              }
            }
            """
                + ORDER)
        .check();
  }

  @Test
  void regression_breakEndsASwitchCaseInsteadOfFallingIntoTheNext() {
    helper()
        .source(
            "com/acme/Checkout.java",
            """
            package com.acme;
            import java.util.ArrayList;
            import java.util.List;
            public class Checkout {
              public void note(Order order, int mode) {
                List<String> target = order.getNotes();
                switch (mode) {
                  case 1:
                    target = new ArrayList<>();
                    break;
                  default:
                    // BUG: Diagnostic contains: MutationOfDefensiveCopy
                    target.add("checked");
                }
              }
            }
            """
                + ORDER)
        .check();
  }

  @Test
  void negative_aLocalThatMayHoldTheViewOrACopyAfterTheLoopIsNeither() {
    helper()
        .source(
            "com/acme/Checkout.java",
            """
            package com.acme;
            import java.util.ArrayList;
            import java.util.List;
            public class Checkout {
              public void note(Order order, List<String> extra) {
                List<String> notes = order.getNotes();
                for (String e : extra) {
                  if (e.isEmpty()) {
                    notes = new ArrayList<>(notes);
                    break;
                  }
                }
                notes.add("checked");
              }
            }
            """
                + ORDER)
        .check();
  }

  /**
   * A cache provider whose {@code regions()} returns {@code Collections.emptyList()}, and whose
   * {@code stop()} clears what it returns ({@code CALL}). The JDK's empty collections take every
   * removing call as a no-op ({@code clear()} removes nothing from an empty list) and refuse only
   * additions; {@code List.of()} refuses both. (Blind round 14: a finding said {@code clear()} on
   * an empty list throws; on JDK 17 it does not.)
   */
  private static String provider(String made, String call, String marker) {
    return """
        package com.acme;
        import java.util.Collection;
        import java.util.Collections;
        import java.util.List;
        public class Provider {
          public Collection<String> regions() {
            return MADE;
          }
          public void stop() {
            MARKERregions().CALL;
          }
        }
        """.replace("MADE", made).replace("CALL", call).replace("MARKER", marker);
  }

  @Test
  void negative_removingFromAnEmptyCollectionOfTheJdk() {
    for (String call : new String[] {"clear()", "remove(\"a\")", "removeIf(x -> true)",
        "removeAll(List.of(\"a\"))", "retainAll(List.of(\"a\"))"}) {
      helper().source("com/acme/Provider.java",
          provider("Collections.emptyList()", call, "")).check();
    }
  }

  @Test
  void positive_addingToAnEmptyCollectionOrClearingAListOf() {
    String marker = "// BUG: Diagnostic contains: UnsupportedOperationException\n    ";
    helper().source("com/acme/Provider.java",
        provider("Collections.emptyList()", "add(\"a\")", marker)).check();
    helper().source("com/acme/Provider.java", provider("List.of()", "clear()", marker)).check();
  }
}
