package dev.shareguard.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict little JSON parser for tests, so reports are checked as JSON (well-formed, with the
 * fields a consumer reads) rather than as text. Objects become maps, arrays lists, numbers longs.
 */
final class Json {
  private final String s;
  private int i;

  private Json(String s) {
    this.s = s;
  }

  static Object parse(String text) {
    Json j = new Json(text);
    Object v = j.value();
    j.ws();
    if (j.i != text.length()) {
      throw new IllegalArgumentException("trailing text at " + j.i);
    }
    return v;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> obj(Object o, String key) {
    return (Map<String, Object>) ((Map<String, Object>) o).get(key);
  }

  @SuppressWarnings("unchecked")
  static List<Object> arr(Object o, String key) {
    return (List<Object>) ((Map<String, Object>) o).get(key);
  }

  private Object value() {
    ws();
    char c = s.charAt(i);
    switch (c) {
      case '{':
        return object();
      case '[':
        return array();
      case '"':
        return string();
      case 't':
        expect("true");
        return true;
      case 'f':
        expect("false");
        return false;
      case 'n':
        expect("null");
        return null;
      default:
        int start = i;
        while (i < s.length() && "-0123456789".indexOf(s.charAt(i)) >= 0) {
          i++;
        }
        return Long.parseLong(s.substring(start, i));
    }
  }

  private Map<String, Object> object() {
    Map<String, Object> m = new LinkedHashMap<>();
    i++;
    ws();
    if (s.charAt(i) == '}') {
      i++;
      return m;
    }
    while (true) {
      ws();
      String k = string();
      ws();
      expect(":");
      if (m.put(k, value()) != null) {
        throw new IllegalArgumentException("duplicate key " + k);
      }
      ws();
      if (s.charAt(i) == ',') {
        i++;
      } else {
        expect("}");
        return m;
      }
    }
  }

  private List<Object> array() {
    List<Object> l = new ArrayList<>();
    i++;
    ws();
    if (s.charAt(i) == ']') {
      i++;
      return l;
    }
    while (true) {
      l.add(value());
      ws();
      if (s.charAt(i) == ',') {
        i++;
      } else {
        expect("]");
        return l;
      }
    }
  }

  private String string() {
    expect("\"");
    StringBuilder sb = new StringBuilder();
    while (true) {
      char c = s.charAt(i++);
      if (c == '"') {
        return sb.toString();
      }
      if (c < 0x20) {
        throw new IllegalArgumentException("raw control character at " + (i - 1));
      }
      if (c == '\\') {
        char e = s.charAt(i++);
        switch (e) {
          case 'n' -> sb.append('\n');
          case 't' -> sb.append('\t');
          case 'r' -> sb.append('\r');
          case 'b' -> sb.append('\b');
          case 'f' -> sb.append('\f');
          case 'u' -> {
            sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
            i += 4;
          }
          default -> sb.append(e);
        }
      } else {
        sb.append(c);
      }
    }
  }

  private void expect(String t) {
    if (!s.startsWith(t, i)) {
      throw new IllegalArgumentException("expected " + t + " at " + i);
    }
    i += t.length();
  }

  private void ws() {
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
  }
}
