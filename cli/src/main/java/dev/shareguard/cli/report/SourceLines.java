package dev.shareguard.cli.report;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The lines of audited files, read on demand (only files with findings are read again) and kept for
 * the life of one report. A file that cannot be read has no lines: callers then show less, they
 * never fail.
 */
public final class SourceLines {
  private final Path root;
  private final Charset encoding;
  private final Map<String, List<String>> files = new HashMap<>();

  /**
   * @param root the directory finding paths are relative to
   * @param encoding the encoding the files were audited in
   */
  public SourceLines(Path root, Charset encoding) {
    this.root = root;
    this.encoding = encoding;
  }

  /** Lines of UTF-8 files. */
  public SourceLines(Path root) {
    this(root, StandardCharsets.UTF_8);
  }

  /** All lines of {@code path}, or an empty list if it cannot be read. */
  public List<String> all(String path) {
    return files.computeIfAbsent(
        path,
        p -> {
          try {
            return text(Files.readAllBytes(root.resolve(p)), encoding).lines().toList();
          } catch (IOException | RuntimeException e) {
            return List.of();
          }
        });
  }

  /**
   * {@code bytes} decoded in {@code encoding}, or in ISO-8859-1 where they are not valid there: as
   * the audit read the file (a file not valid in the audit's encoding is audited as ISO-8859-1).
   */
  public static String text(byte[] bytes, Charset encoding) {
    try {
      return encoding
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return new String(bytes, StandardCharsets.ISO_8859_1);
    }
  }

  /** Line {@code line} (1-based) of {@code path} as written, or null if there is no such line. */
  public String line(String path, int line) {
    List<String> lines = all(path);
    return line < 1 || line > lines.size() ? null : lines.get(line - 1);
  }
}
