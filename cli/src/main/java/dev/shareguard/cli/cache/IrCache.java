package dev.shareguard.cli.cache;

import dev.shareguard.core.finding.Finding;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * {@code --cache DIR}: what parsing, lowering and analysis produced, so a re-audit parses, lowers
 * and analyses only what changed. Each entry is a file named by the hash of its key:
 *
 * <ul>
 *   <li>a <em>skeleton</em> ({@link dev.shareguard.cli.frontend.Skeleton}), keyed by the file's
 *       path, bytes and encoding: the declarations other files' lowering may read, and its digest;
 *       and the skeletons of all files of an audit of the same paths, as one entry;
 *   <li>a <em>lowered file</em> (its IR), keyed by the same and by the digest of every file's
 *       skeleton, the class path and the settings: a file lowers the same when none of these
 *       changed; and the {@link FileLinks} of every file of a project of the same declarations, as
 *       one entry;
 *   <li>the <em>findings</em> of a part of the program ({@link Components}), keyed by the digest of
 *       its files' IR and everything else they depend on ({@link Components.Part#key}).
 * </ul>
 *
 * Every key also holds the tool's version and build, the Java version and the IR's shape, so
 * entries of another release are simply never found. An entry that cannot be read (truncated,
 * corrupt, written by something else) counts as absent; the first such problem is reported once,
 * and the audit goes on. Entries are written to a temporary file and moved into place, so a crash
 * or a concurrent audit never leaves a half-written entry under its final name.
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
    this.salt =
        salt + '\0' + System.getProperty("java.version") + '\0' + IrCodec.SHAPE + '\0' + BUILD;
    this.warn = warn;
    Files.createDirectories(dir);
  }

  /**
   * Which build of the tool this is, beyond its version: a snapshot version names many builds, and
   * a cached finding of another build's engine must not be taken for this one's. The size and time
   * of the jar (or, run from class directories, of every class file) of the engine and of the CLI.
   */
  private static final String BUILD =
      stamp(dev.shareguard.core.Analyzer.class) + stamp(IrCache.class);

  private static String stamp(Class<?> c) {
    StringBuilder sb = new StringBuilder();
    try {
      java.security.CodeSource source = c.getProtectionDomain().getCodeSource();
      Path where = Path.of(source.getLocation().toURI());
      if (Files.isDirectory(where)) {
        try (java.util.stream.Stream<Path> s = Files.walk(where)) {
          for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
            sb.append(where.relativize(p)).append(' ').append(Files.size(p)).append(' ');
            sb.append(Files.getLastModifiedTime(p).toMillis()).append('\n');
          }
        }
      } else {
        sb.append(where).append(' ').append(Files.size(where)).append(' ');
        sb.append(Files.getLastModifiedTime(where).toMillis());
      }
    } catch (IOException | RuntimeException | java.net.URISyntaxException e) {
      // Unknown: a fresh stamp each run, so that nothing is taken from the cache.
      sb.append(System.nanoTime());
    }
    return hash(sb.toString());
  }

  /** What every key holds besides its own inputs: the tool, its build, the Java version. */
  public String salt() {
    return salt;
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
    return read(entry("s", fileKey), IrCache::readSkeleton);
  }

  public void putSkeleton(String fileKey, Skeleton s) {
    write(entry("s", fileKey), out -> writeSkeleton(s, out));
  }

  private static Skeleton readSkeleton(DataInputStream in) throws IOException {
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
  }

  private static void writeSkeleton(Skeleton s, DataOutputStream out) throws IOException {
    out.writeUTF(s.digest());
    byte[] b = s.text().getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  /** The lowered file stored under {@code loweredKey}, or null. */
  public SourceFile lowered(String loweredKey) {
    return read(entry("l", loweredKey), IrCodec::read);
  }

  /**
   * A lowered file as the cache stores it: its encoded IR, the digest of that (equal IR, equal
   * digest, paths included), and the distinct strings the IR holds.
   */
  public record Encoded(byte[] bytes, String digest, Set<String> strings) {}

  /** {@code file} encoded. */
  public static Encoded encode(SourceFile file) {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    Set<String> strings;
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      strings = IrCodec.write(file, out);
    } catch (IOException e) {
      throw new IllegalStateException("the codec writes every IR record", e);
    }
    byte[] b = bytes.toByteArray();
    return new Encoded(b, HexFormat.of().formatHex(sha256().digest(b)), strings);
  }

  public void putLowered(String loweredKey, SourceFile file) {
    putLowered(loweredKey, encode(file));
  }

  /** Stores the encoded file under {@code loweredKey}. */
  public void putLowered(String loweredKey, Encoded file) {
    write(entry("l", loweredKey), out -> out.write(file.bytes()));
  }

  /**
   * The skeletons of many files, by file key, stored as one entry under {@code key}, or null: a
   * warm run reads one entry instead of one per file.
   */
  public Map<String, Skeleton> skeletonBundle(String key) {
    return readBundle(entry("k", key), IrCache::readSkeleton);
  }

  public void putSkeletonBundle(String key, Map<String, Skeleton> skeletons) {
    writeBundle(entry("k", key), skeletons, IrCache::writeSkeleton);
  }

  /**
   * The links of many lowered files, by lowered key, stored as one entry under {@code key}, or
   * null: a warm run reads one entry instead of one per file.
   */
  public Map<String, FileLinks> linkBundle(String key) {
    return readBundle(entry("b", key), IrCache::readLinks);
  }

  public void putLinkBundle(String key, Map<String, FileLinks> links) {
    writeBundle(entry("b", key), links, IrCache::writeLinks);
  }

  /** A bundle entry: its count, then each key followed by its value. */
  private <T> Map<String, T> readBundle(Path file, Decoder<T> value) {
    return read(
        file,
        in -> {
          int n = count(in);
          Map<String, T> out = new HashMap<>(n * 2);
          for (int i = 0; i < n; i++) {
            String key = in.readUTF();
            out.put(key, value.read(in));
          }
          return out;
        });
  }

  private <T> void writeBundle(Path file, Map<String, T> values, ValueEncoder<T> value) {
    write(
        file,
        out -> {
          out.writeInt(values.size());
          for (Map.Entry<String, T> e : values.entrySet()) {
            out.writeUTF(e.getKey());
            value.write(e.getValue(), out);
          }
        });
  }

  /** The engine's findings for a part of the program ({@link Components}), or null. */
  public List<Finding> findings(String partKey) {
    return read(entry("f", partKey), IrCodec::readFindings);
  }

  public void putFindings(String partKey, List<Finding> findings) {
    write(entry("f", partKey), out -> IrCodec.writeFindings(findings, out));
  }

  private static void writeLinks(FileLinks l, DataOutputStream out) throws IOException {
    out.writeUTF(l.path());
    out.writeUTF(l.packageName());
    out.writeUTF(l.irDigest());
    writeStrings(l.classIds(), out);
    for (List<String> e : l.effects()) {
      writeStrings(e, out);
    }
    writeStrings(l.fieldWrites(), out);
    out.writeInt(l.names().length);
    for (long h : l.names()) {
      out.writeLong(h);
    }
  }

  private static FileLinks readLinks(DataInputStream in) throws IOException {
    String path = in.readUTF();
    String pkg = in.readUTF();
    String digest = in.readUTF();
    List<String> ids = readStrings(in);
    List<List<String>> effects = new ArrayList<>(ids.size());
    for (int i = 0; i < ids.size(); i++) {
      effects.add(readStrings(in));
    }
    List<String> writes = readStrings(in);
    long[] names = new long[count(in)];
    for (int i = 0; i < names.length; i++) {
      names[i] = in.readLong();
    }
    return new FileLinks(path, pkg, digest, ids, effects, writes, names);
  }

  private static void writeStrings(List<String> l, DataOutputStream out) throws IOException {
    out.writeInt(l.size());
    for (String s : l) {
      out.writeUTF(s);
    }
  }

  private static List<String> readStrings(DataInputStream in) throws IOException {
    int n = count(in);
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(in.readUTF());
    }
    return out;
  }

  private static int count(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > 1 << 24) {
      throw new IOException("bad count " + n);
    }
    return n;
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

  private interface ValueEncoder<T> {
    void write(T value, DataOutputStream out) throws IOException;
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
              new DataOutputStream(new BufferedOutputStream(new FastGzip(raw)))) {
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

  /**
   * Gzip at the fastest level: entries are written on the audit's critical path (a warm run writes
   * the entries of what changed before it reports), and the fastest level compresses the IR about
   * as well at a fraction of the time.
   */
  private static final class FastGzip extends GZIPOutputStream {
    FastGzip(OutputStream out) throws IOException {
      super(out, 1 << 16);
      def.setLevel(java.util.zip.Deflater.BEST_SPEED);
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
