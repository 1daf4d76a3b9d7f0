package dev.shareguard.cli.cache;

import dev.shareguard.core.ir.SourceFile;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * {@code --cache DIR}: what parsing and lowering produced for each file, so a re-audit parses and
 * lowers only what changed. Two kinds of entry, each a file named by the hash of its key:
 *
 * <ul>
 *   <li>a <em>skeleton</em> ({@link dev.shareguard.cli.frontend.Skeleton}), keyed by the file's
 *       path, bytes and encoding: the declarations other files' lowering may read, and its digest;
 *   <li>a <em>lowered file</em> (its IR), keyed by the same and by the digest of every file's
 *       skeleton, the class path and the settings: a file lowers the same when none of these
 *       changed.
 * </ul>
 *
 * Every key also holds the tool's version, the Java version and the IR's shape, so entries of
 * another release are simply never found. An entry that cannot be read (truncated, corrupt, written
 * by something else) counts as absent; the first such problem is reported once, and the audit goes
 * on. Entries are written to a temporary file and moved into place, so a crash or a concurrent
 * audit never leaves a half-written entry under its final name.
 */
public final class IrCache {
  /** The first bytes of every entry: a name and the entry format's version. */
  private static final byte[] MAGIC = "shareguard-cache-1\n".getBytes(StandardCharsets.US_ASCII);

  private final Path dir;
  private final String salt;
  private final Consumer<String> warn;
  private final AtomicBoolean warned = new AtomicBoolean();

  /**
   * @param dir the cache directory (created when missing)
   * @param salt what every key includes besides the file: the tool version and settings
   * @param warn told, once, when an entry is ignored as unreadable
   */
  public IrCache(Path dir, String salt, Consumer<String> warn) throws IOException {
    this.dir = dir;
    this.salt = salt + '\0' + System.getProperty("java.version") + '\0' + IrCodec.SHAPE;
    this.warn = warn;
    Files.createDirectories(dir);
  }

  /** A skeleton and its digest. */
  public record Skeleton(String text, String digest) {}

  /** The key of a file's own entries: its path, bytes and encoding, with the salt. */
  public String fileKey(String path, byte[] bytes, String encoding) {
    MessageDigest d = sha256();
    d.update(salt.getBytes(StandardCharsets.UTF_8));
    d.update((byte) 0);
    d.update(path.getBytes(StandardCharsets.UTF_8));
    d.update((byte) 0);
    d.update(encoding.getBytes(StandardCharsets.UTF_8));
    d.update((byte) 0);
    d.update(bytes);
    return HexFormat.of().formatHex(d.digest());
  }

  /** The key of a lowered file: its file key within a project of the given digest. */
  public static String loweredKey(String fileKey, String projectDigest) {
    return hash(fileKey + '\0' + projectDigest);
  }

  /** The SHA-256 of {@code s}, in hex. */
  public static String hash(String s) {
    return HexFormat.of().formatHex(sha256().digest(s.getBytes(StandardCharsets.UTF_8)));
  }

  /** The skeleton stored under {@code fileKey}, or null. */
  public Skeleton skeleton(String fileKey) {
    return read(
        entry("s", fileKey),
        in -> {
          String digest = in.readUTF();
          int n = in.readInt();
          if (n < 0 || n > 64 << 20) {
            throw new IOException("bad length");
          }
          byte[] b = in.readNBytes(n);
          if (b.length != n) {
            throw new IOException("truncated");
          }
          return new Skeleton(new String(b, StandardCharsets.UTF_8), digest);
        });
  }

  public void putSkeleton(String fileKey, Skeleton s) {
    write(
        entry("s", fileKey),
        out -> {
          out.writeUTF(s.digest());
          byte[] b = s.text().getBytes(StandardCharsets.UTF_8);
          out.writeInt(b.length);
          out.write(b);
        });
  }

  /** The lowered file stored under {@code loweredKey}, or null. */
  public SourceFile lowered(String loweredKey) {
    return read(entry("l", loweredKey), IrCodec::read);
  }

  public void putLowered(String loweredKey, SourceFile file) {
    write(entry("l", loweredKey), out -> IrCodec.write(file, out));
  }

  /** Entries spread over 256 folders, so that no folder holds a whole monorepo's files. */
  private Path entry(String kind, String key) {
    return dir.resolve(key.substring(0, 2)).resolve(key.substring(2) + "." + kind);
  }

  private interface Decoder<T> {
    T read(DataInputStream in) throws IOException;
  }

  private interface Encoder {
    void write(DataOutputStream out) throws IOException;
  }

  private <T> T read(Path file, Decoder<T> decoder) {
    try (InputStream raw = Files.newInputStream(file);
        DataInputStream in =
            new DataInputStream(new BufferedInputStream(new GZIPInputStream(raw, 1 << 16)))) {
      byte[] magic = in.readNBytes(MAGIC.length);
      if (!java.util.Arrays.equals(magic, MAGIC)) {
        throw new IOException("not a Shareguard cache entry");
      }
      T value = decoder.read(in);
      if (in.read() != -1) {
        throw new IOException("trailing bytes");
      }
      return value;
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException | RuntimeException e) {
      if (warned.compareAndSet(false, true)) {
        warn.accept(
            "shareguard: ignoring unreadable cache entries in "
                + dir
                + " ("
                + file.getFileName()
                + ": "
                + e.getMessage()
                + "); they are rebuilt");
      }
      return null;
    }
  }

  private void write(Path file, Encoder encoder) {
    Path tmp = null;
    try {
      Files.createDirectories(file.getParent());
      tmp = Files.createTempFile(file.getParent(), "tmp", ".part");
      try (OutputStream raw = Files.newOutputStream(tmp);
          DataOutputStream out =
              new DataOutputStream(new BufferedOutputStream(new GZIPOutputStream(raw, 1 << 16)))) {
        out.write(MAGIC);
        encoder.write(out);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      tmp = null;
    } catch (IOException | RuntimeException e) {
      if (warned.compareAndSet(false, true)) {
        warn.accept("shareguard: cannot write the cache in " + dir + ": " + e.getMessage());
      }
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException e) {
          // Left behind; the next write of this entry replaces the entry, not the part file.
        }
      }
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
