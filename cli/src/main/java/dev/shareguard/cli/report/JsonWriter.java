package dev.shareguard.cli.report;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A small hand-written JSON writer: objects and arrays, pretty-printed with two spaces, keys in the
 * order written, strings escaped per RFC 8259. Output is a pure function of the calls made, so
 * reports are byte-identical across runs.
 */
public final class JsonWriter {
  private final StringBuilder out = new StringBuilder();

  /** Per open container: whether it has an element yet. */
  private final Deque<boolean[]> open = new ArrayDeque<>();

  private boolean afterKey;

  public JsonWriter beginObject() {
    value();
    out.append('{');
    open.push(new boolean[] {false});
    return this;
  }

  public JsonWriter endObject() {
    return close('}');
  }

  public JsonWriter beginArray() {
    value();
    out.append('[');
    open.push(new boolean[] {false});
    return this;
  }

  public JsonWriter endArray() {
    return close(']');
  }

  private JsonWriter close(char c) {
    boolean any = open.pop()[0];
    if (any) {
      newline();
    }
    out.append(c);
    return this;
  }

  /** Starts member {@code key} of the current object; the next call writes its value. */
  public JsonWriter name(String key) {
    element();
    string(key);
    out.append(": ");
    afterKey = true;
    return this;
  }

  public JsonWriter value(String s) {
    value();
    if (s == null) {
      out.append("null");
    } else {
      string(s);
    }
    return this;
  }

  public JsonWriter value(long n) {
    value();
    out.append(n);
    return this;
  }

  public JsonWriter value(boolean b) {
    value();
    out.append(b);
    return this;
  }

  /** Shorthand for {@code name(key).value(s)}. */
  public JsonWriter field(String key, String s) {
    return name(key).value(s);
  }

  public JsonWriter field(String key, long n) {
    return name(key).value(n);
  }

  private void value() {
    if (afterKey) {
      afterKey = false;
    } else if (!open.isEmpty()) {
      element();
    }
  }

  private void element() {
    boolean[] any = open.peek();
    if (any != null) {
      if (any[0]) {
        out.append(',');
      }
      any[0] = true;
      newline();
    }
  }

  private void newline() {
    out.append('\n');
    out.append("  ".repeat(open.size()));
  }

  private void string(String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20
              || c == '\u2028'
              || c == '\u2029'
              || Character.isSurrogate(c) && !validSurrogate(s, i)) {
            out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  /** Whether the surrogate at {@code i} is half of a well-formed pair (else it is escaped). */
  private static boolean validSurrogate(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
  }

  /** The document, ending with a line break. */
  @Override
  public String toString() {
    return out + "\n";
  }
}
