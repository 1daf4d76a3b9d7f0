package dev.shareguard.errorprone.rules;

import static dev.shareguard.testing.WholeInvocationAudit.audit;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shareguard.testing.WholeInvocationAudit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Copy and value findings that need method bodies from another file (return summaries, equality
 * fields). The CLI sees them over the tree, the plugin over the {@code javac} invocation that
 * compiles all the files; both must report the same findings ({@link WholeInvocationAudit}).
 */
class CrossFileCopyTest {
  private static final String ORDER =
      """
      package com.acme;
      import java.util.ArrayList;
      import java.util.Collections;
      import java.util.List;
      public class Order {
        private final List<String> lines = new ArrayList<>();
        public List<String> getLines() {
          return Collections.unmodifiableList(lines);
        }
        public List<String> linesCopy() {
          return new ArrayList<>(lines);
        }
      }
      """;

  private static final String USER =
      """
      package com.acme;
      import java.util.Objects;
      public class User {
        private String email;
        public void setEmail(String e) { email = e; }
        @Override public boolean equals(Object o) {
          return o instanceof User u && Objects.equals(email, u.email);
        }
        @Override public int hashCode() { return Objects.hashCode(email); }
      }
      """;

  @Test
  void positive_callerInAnotherFileChangesUnmodifiableAndCopiedResults() {
    Map<String, String> sources = new LinkedHashMap<>();
    sources.put("com/acme/Order.java", ORDER);
    sources.put(
        "com/acme/Checkout.java",
        """
        package com.acme;
        public class Checkout {
          public void wrap(Order order) {
            order.getLines().add("gift wrap");
            order.linesCopy().add("gift wrap");
          }
        }
        """);
    assertEquals(
        List.of(
            "MutationOfDefensiveCopy com/acme/Checkout.java:4",
            "MutationOfDefensiveCopy com/acme/Checkout.java:5"),
        audit(sources));
  }

  @Test
  void positive_keyClassInAnotherFile() {
    Map<String, String> sources = new LinkedHashMap<>();
    sources.put("com/acme/User.java", USER);
    sources.put(
        "com/acme/Directory.java",
        """
        package com.acme;
        import java.util.HashSet;
        import java.util.Set;
        public class Directory {
          public void rename(User u) {
            Set<User> seen = new HashSet<>();
            seen.add(u);
            u.setEmail("x");
          }
        }
        """);
    assertEquals(List.of("MutatedMapKey com/acme/Directory.java:8"), audit(sources));
  }

  @Test
  void negative_summaryNeedsEveryOverrideToAgree() {
    Map<String, String> sources = new LinkedHashMap<>();
    sources.put("com/acme/Order.java", ORDER);
    sources.put(
        "com/acme/MutableOrder.java",
        """
        package com.acme;
        import java.util.ArrayList;
        import java.util.List;
        public class MutableOrder extends Order {
          private final List<String> mine = new ArrayList<>();
          @Override public List<String> getLines() {
            return mine;
          }
        }
        """);
    sources.put(
        "com/acme/Checkout.java",
        """
        package com.acme;
        public class Checkout {
          public void wrap(Order order) {
            order.getLines().add("gift wrap");
          }
        }
        """);
    assertEquals(List.of(), audit(sources));
  }
}
