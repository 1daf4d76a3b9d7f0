package dev.shareguard.cli;

import dev.shareguard.cli.frontend.SourceParseException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes source files strictly: UTF-8 only, no NUL bytes (a binary file), a byte-order mark
 * dropped. A file that fails gets a one-line reason naming the line, instead of being parsed as
 * garbage.
 */
final class SourceText {
  /** Files larger than this are skipped: generated tables, not code anyone reviews for races. */
  static final long MAX_BYTES = 16L << 20;

  private SourceText() {}

  static String decode(String path, byte[] bytes) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        throw new SourceParseException(path, lineAt(bytes, i), "binary file (NUL byte), skipped");
      }
    }
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    CoderResult r = decoder.decode(in, out, true);
    if (!r.isError()) {
      r = decoder.flush(out);
    }
    if (r.isError()) {
      throw new SourceParseException(
          path, lineAt(bytes, in.position()), "not valid UTF-8 (re-encode the file as UTF-8)");
    }
    out.flip();
    String s = out.toString();
    return s.startsWith("\uFEFF") ? s.substring(1) : s;
  }

  /** The 1-based line of byte {@code offset}. */
  private static int lineAt(byte[] bytes, int offset) {
    int line = 1;
    for (int i = 0; i < offset && i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        line++;
      }
    }
    return line;
  }

  /** Number of lines, counting a last line without a line break. */
  static int lines(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == '\n') {
        n++;
      }
    }
    return s.isEmpty() || s.charAt(s.length() - 1) == '\n' ? n : n + 1;
  }
}
