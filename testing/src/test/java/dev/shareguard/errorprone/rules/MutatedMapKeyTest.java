package dev.shareguard.errorprone.rules;

import dev.shareguard.core.rules.values.MutatedMapKey;
import dev.shareguard.testing.RuleTestHelper;
import org.junit.jupiter.api.Test;

/** {@link MutatedMapKey}: equals/hashCode fields changed while the object is a hash key. */
class MutatedMapKeyTest {
  private static final String USER =
      """
      class User {
        private String email;
        private int logins;
        public User(String email) { this.email = email; }
        public String getEmail() { return email; }
        public void setEmail(String e) { email = e; }
        public void recordLogin() { logins++; }
        @Override public boolean equals(Object o) {
          return o instanceof User u && java.util.Objects.equals(getEmail(), u.getEmail());
        }
        @Override public int hashCode() { return java.util.Objects.hashCode(email); }
      }
      """;

  private static RuleTestHelper helper() {
    return RuleTestHelper.rule(MutatedMapKey.ID);
  }

  @Test
  void positive_keyChangedAfterPut() {
    helper()
        .source(
            "com/acme/Directory.java",
            """
            package com.acme;
            import java.util.HashMap;
            import java.util.Map;
            public class Directory {
              private final Map<User, String> roles = new HashMap<>();
              public void rename(User u, String newEmail) {
                roles.put(u, "member");
                // BUG: Diagnostic contains: MutatedMapKey
                u.setEmail(newEmail);
              }
            }
            """
                + USER)
        .check();
  }

  @Test
  void positive_elementsOfAHashSetChangedWhileIterated() {
    helper()
        .source(
            "com/acme/Team.java",
            """
            package com.acme;
            import java.util.HashSet;
            import java.util.Set;
            public class Team {
              private final Set<User> members = new HashSet<>();
              public void normalize() {
                for (User u : members) {
                  // BUG: Diagnostic contains: MutatedMapKey
                  u.setEmail(u.getEmail().toLowerCase());
                }
              }
            }
            """
                + USER)
        .check();
  }

  @Test
  void negative_fieldOutsideEqualsAndHashCode() {
    helper()
        .source(
            "com/acme/Directory.java",
            """
            package com.acme;
            import java.util.HashSet;
            import java.util.Set;
            public class Directory {
              private final Set<User> online = new HashSet<>();
              public void login(User u) {
                online.add(u);
                u.recordLogin();
              }
            }
            """
                + USER)
        .check();
  }

  @Test
  void negative_removedBeforeTheChangeAndPutBack() {
    helper()
        .source(
            "com/acme/Directory.java",
            """
            package com.acme;
            import java.util.HashMap;
            import java.util.Map;
            public class Directory {
              private final Map<User, String> roles = new HashMap<>();
              public void rename(User u, String newEmail) {
                roles.put(u, "member");
                String role = roles.remove(u);
                u.setEmail(newEmail);
                roles.put(u, role);
              }
            }
            """
                + USER)
        .check();
  }

  @Test
  void negative_treeMapAndIdentityHashMapAreNotHashKeyed() {
    helper()
        .source(
            "com/acme/Directory.java",
            """
            package com.acme;
            import java.util.IdentityHashMap;
            import java.util.Map;
            public class Directory {
              private final Map<User, String> seen = new IdentityHashMap<>();
              public void rename(User u, String newEmail) {
                seen.put(u, "x");
                u.setEmail(newEmail);
              }
            }
            """
                + USER)
        .check();
  }

  /** Limitation: a key put in one method and changed in another is not followed. */
  @Test
  void limitation_keyChangedInAnotherMethodNotFollowed() {
    helper()
        .source(
            "com/acme/Directory.java",
            """
            package com.acme;
            import java.util.HashMap;
            import java.util.Map;
            public class Directory {
              private final Map<User, String> roles = new HashMap<>();
              private User last;
              public void add(User u) {
                roles.put(u, "member");
                last = u;
              }
              public void renameLast(String e) {
                last.setEmail(e);
              }
            }
            """
                + USER)
        .check();
  }
}
