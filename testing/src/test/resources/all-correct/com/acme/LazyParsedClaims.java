package com.acme;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;

/**
 * Claims parsed lazily without a lock, in the early-return form. The claims object fills its
 * final map in its constructor and only reads it afterwards (look-ups, a walk, a read-only view,
 * equals and hash), so every object stored is an equal immutable one: at worst two threads parse
 * twice. A constructor may hand a parsed one in before anyone has the token.
 */
public class LazyParsedClaims {
  private final String payload;
  private Claims claims;

  public LazyParsedClaims(String payload) {
    this.payload = payload;
  }

  public LazyParsedClaims(String payload, Claims parsed) {
    this.payload = payload;
    this.claims = parsed;
  }

  public Claims claims() {
    if (claims != null) {
      return claims;
    }
    claims = Claims.parse(payload);
    return claims;
  }

  public void start(ExecutorService pool) {
    pool.execute(() -> System.out.println(claims().get("sub")));
    pool.execute(() -> System.out.println(claims().all()));
  }

  public static final class Claims {
    private final Map<String, Object> values = new LinkedHashMap<>();

    private Claims(Map<String, Object> v) {
      values.putAll(v);
    }

    static Claims parse(String s) {
      Map<String, Object> m = new HashMap<>();
      m.put("sub", s);
      return new Claims(m);
    }

    public Object get(String n) {
      return values.get(n);
    }

    public Map<String, Object> all() {
      return Collections.unmodifiableMap(values);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Claims c && Objects.equals(values, c.values);
    }

    @Override
    public int hashCode() {
      return Objects.hash(values);
    }
  }
}
