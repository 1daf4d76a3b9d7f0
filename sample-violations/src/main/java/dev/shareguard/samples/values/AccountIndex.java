package dev.shareguard.samples.values;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/** Accounts indexed by their login; a user may change the login. */
final class AccountIndex {
  private AccountIndex() {}

  /** A login, equal to another by its email. */
  static final class Login {
    private String email;

    Login(String email) {
      this.email = email;
    }

    void setEmail(String email) {
      this.email = email;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Login l && Objects.equals(email, l.email);
    }

    @Override
    public int hashCode() {
      return Objects.hashCode(email);
    }
  }

  /** Bug: the key's hash changes while it is in the map, so the account can no longer be found. */
  static final class Unsafe {
    private final Map<Login, String> accounts = new HashMap<>();

    void register(Login login, String account, String newEmail) {
      accounts.put(login, account);
      // BUG: Diagnostic contains: MutatedMapKey
      login.setEmail(newEmail);
    }
  }

  /** Fix: take the entry out, change the key, put it back. */
  static final class Safe {
    private final Map<Login, String> accounts = new HashMap<>();

    void register(Login login, String account, String newEmail) {
      accounts.put(login, account);
      String current = accounts.remove(login);
      login.setEmail(newEmail);
      accounts.put(login, current);
    }
  }
}
