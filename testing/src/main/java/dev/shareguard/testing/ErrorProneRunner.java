package dev.shareguard.testing;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.tools.javac.api.JavacTaskImpl;
import com.sun.tools.javac.api.JavacTool;
import com.sun.tools.javac.main.JavaCompiler;
import dev.shareguard.core.RuleCatalog;
import dev.shareguard.core.ir.SourceFile;
import dev.shareguard.core.rules.RuleInfo;
import dev.shareguard.errorprone.JavacLowering;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;

/**
 * Compiles Java sources in-process with javac and Error Prone carrying the Shareguard checkers, as
 * a user's build would ({@code -Xplugin:ErrorProne}), and returns every diagnostic. Also runs
 * javac's parse and attribution alone to get the IR of a source ({@link #lower}), for IR tests and
 * front-end parity tests.
 *
 * <p>The test class path is both javac's class path (so samples can use libraries the tests have)
 * and the plugin path (so javac finds Error Prone and our checkers). Columns in diagnostics are
 * character columns like the IR's, not javac's tab-expanded ones.
 */
public final class ErrorProneRunner {
  private ErrorProneRunner() {}

  /** One diagnostic of a compilation; {@code link} is the page its "(see …)" line names, if any. */
  public record Diag(
      Diagnostic.Kind kind,
      String path,
      String file,
      long line,
      long column,
      String check,
      String message,
      String link) {

    /** A diagnostic without a link. */
    public Diag(
        Diagnostic.Kind kind,
        String path,
        String file,
        long line,
        long column,
        String check,
        String message) {
      this(kind, path, file, line, column, check, message, null);
    }

    /** True for Error Prone diagnostics of a Shareguard rule. */
    public boolean isShareguard() {
      return check != null && RuleCatalog.find(check).isPresent();
    }

    @Override
    public String toString() {
      return file
          + ":"
          + line
          + ":"
          + column
          + ": "
          + kind
          + (check == null ? "" : " [" + check + "]")
          + " "
          + message;
    }
  }

  /** The outcome of a compilation: whether javac succeeded, and all diagnostics in order. */
  public record Result(boolean success, List<Diag> diagnostics) {
    public Result {
      diagnostics = List.copyOf(diagnostics);
    }

    public List<Diag> errors() {
      return diagnostics.stream().filter(d -> d.kind() == Diagnostic.Kind.ERROR).toList();
    }

    /** Diagnostics of Shareguard rules, whatever severity they were reported at. */
    public List<Diag> shareguard() {
      return diagnostics.stream().filter(Diag::isShareguard).toList();
    }

    /** Diagnostics of check {@code name}. */
    public List<Diag> ofCheck(String name) {
      return diagnostics.stream().filter(d -> name.equals(d.check())).toList();
    }

    @Override
    public String toString() {
      return (success ? "compiled" : "FAILED")
          + diagnostics.stream().map(d -> "\n  " + d).collect(Collectors.joining());
    }
  }

  /**
   * Compiles {@code sources} (relative path like {@code a/B.java} to source text) written under a
   * fresh temporary source root; {@link Diag#file()} is then the relative path.
   *
   * @param extraArgs javac flags; the ones starting {@code -Xep} go to Error Prone after the
   *     defaults ({@link #errorProneFlags}), so {@code -Xep:UnguardedSharedWrite:ERROR} overrides
   */
  public static Result compile(Map<String, String> sources, List<String> extraArgs) {
    return compile(sources, Map.of(), extraArgs);
  }

  /**
   * Like {@link #compile(Map, List)}, with {@code library} sources compiled first by plain javac
   * (no plugin) and put on the class path, as a dependency's jar is: javac knows their types, the
   * plugin does not analyse them.
   */
  public static Result compile(
      Map<String, String> sources, Map<String, String> library, List<String> extraArgs) {
    Path root = null;
    Path libRoot = null;
    Path libClasses = null;
    try {
      root = Files.createTempDirectory("shareguard-src");
      List<Path> files = write(root, sources);
      String classPath = testClassPath();
      if (!library.isEmpty()) {
        libRoot = Files.createTempDirectory("shareguard-lib-src");
        libClasses = Files.createTempDirectory("shareguard-lib-classes");
        List<String> args =
            List.of("-classpath", classPath, "-d", libClasses.toString(), "-proc:none",
                "-encoding", "UTF-8");
        JavacTool tool = JavacTool.create();
        DiagnosticCollector<JavaFileObject> collector = new DiagnosticCollector<>();
        try (StandardJavaFileManager fm =
            tool.getStandardFileManager(collector, Locale.ROOT, StandardCharsets.UTF_8)) {
          boolean ok = tool.getTask(null, fm, collector, args, null,
              fm.getJavaFileObjectsFromPaths(write(libRoot, library))).call();
          if (!ok) {
            List<Diag> diags = new ArrayList<>();
            collector.getDiagnostics().forEach(d -> diags.add(toDiag(d, null)));
            return new Result(false, diags);
          }
        }
        classPath = libClasses + File.pathSeparator + classPath;
      }
      return compile(files, root, classPath, extraArgs);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      deleteQuietly(root);
      deleteQuietly(libRoot);
      deleteQuietly(libClasses);
    }
  }

  /** Writes {@code sources} under {@code root}, in path order; the files written. */
  private static List<Path> write(Path root, Map<String, String> sources) throws IOException {
    List<Path> files = new ArrayList<>();
    for (Map.Entry<String, String> e : new TreeMap<>(sources).entrySet()) {
      Path file = root.resolve(e.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, e.getValue(), StandardCharsets.UTF_8);
      files.add(file);
    }
    return files;
  }

  /** Compiles real files; {@link Diag#file()} is the path as javac names it. */
  public static Result compile(Collection<Path> files, List<String> extraArgs) {
    return compile(files, null, extraArgs);
  }

  /**
   * Compiles real files; {@link Diag#file()} is relative to {@code root} (with {@code /}) for files
   * under it, as the CLI names files relative to the audited root.
   */
  public static Result compile(Collection<Path> files, Path root, List<String> extraArgs) {
    return compile(files, root, testClassPath(), extraArgs);
  }

  private static Result compile(
      Collection<Path> files, Path root, String classPath, List<String> extraArgs) {
    Path classes = null;
    try {
      classes = Files.createTempDirectory("shareguard-classes");
      List<String> javacArgs = new ArrayList<>();
      List<String> epArgs = new ArrayList<>(errorProneFlags());
      for (String a : extraArgs) {
        (a.startsWith("-Xep") ? epArgs : javacArgs).add(a);
      }
      List<String> args = new ArrayList<>();
      args.add("-XDcompilePolicy=simple");
      args.add("--should-stop=ifError=FLOW");
      args.add("-XDaddTypeAnnotationsToSymbol=true");
      args.addAll(List.of("-classpath", classPath));
      args.addAll(List.of("-d", classes.toString()));
      args.addAll(List.of("-encoding", "UTF-8"));
      args.add("-proc:none");
      args.addAll(javacArgs);
      args.add("-Xplugin:ErrorProne " + String.join(" ", epArgs));

      JavacTool tool = JavacTool.create();
      DiagnosticCollector<JavaFileObject> collector = new DiagnosticCollector<>();
      try (StandardJavaFileManager standard =
          tool.getStandardFileManager(collector, Locale.ROOT, StandardCharsets.UTF_8)) {
        JavaFileManager fm = new PluginLoaderFileManager(standard);
        Iterable<? extends JavaFileObject> units =
            standard.getJavaFileObjectsFromPaths(List.copyOf(files));
        boolean ok = tool.getTask(null, fm, collector, args, null, units).call();
        List<Diag> diags = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : collector.getDiagnostics()) {
          diags.add(toDiag(d, root));
        }
        return new Result(ok, diags);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      deleteQuietly(classes);
    }
  }

  /**
   * The Error Prone flags every compilation starts with: all built-in checks off, every Shareguard
   * rule on as a warning.
   */
  public static List<String> errorProneFlags() {
    List<String> flags = new ArrayList<>();
    flags.add("-XepDisableAllChecks");
    for (RuleInfo rule : RuleCatalog.all()) {
      flags.add("-Xep:" + rule.id() + ":WARN");
    }
    return flags;
  }

  /**
   * Runs javac's parse and attribution on one source and lowers it. {@code path} (like {@code
   * com/acme/Foo.java}) names the file, in the IR as well. Compile errors do not stop it: whatever
   * javac could not resolve is lowered as unresolved.
   */
  public static SourceFile lower(String path, String source) {
    return lowerAll(Map.of(path, source)).get(0);
  }

  /**
   * Like {@link #lower(String, String)} for several sources attributed together (so they see each
   * other), in the order of their paths.
   */
  public static List<SourceFile> lowerAll(Map<String, String> sources) {
    Map<String, String> sorted = new TreeMap<>(sources);
    // javac wraps the file objects it is given, so units are matched back by URI.
    Map<URI, String> paths = new LinkedHashMap<>();
    List<JavaFileObject> files = new ArrayList<>();
    for (Map.Entry<String, String> e : sorted.entrySet()) {
      StringSource file = new StringSource(e.getKey(), e.getValue());
      files.add(file);
      paths.put(file.toUri(), e.getKey());
    }
    JavacTool tool = JavacTool.create();
    DiagnosticCollector<JavaFileObject> ignored = new DiagnosticCollector<>();
    List<String> args =
        List.of(
            "-proc:none",
            "--should-stop=ifError=FLOW",
            "-XDaddTypeAnnotationsToSymbol=true",
            "-classpath",
            testClassPath());
    JavacTaskImpl task = (JavacTaskImpl) tool.getTask(null, null, ignored, args, null, files);
    // Error Prone turns end positions on; do the same so literal and type texts come from source.
    JavaCompiler.instance(task.getContext()).genEndPos = true;
    List<CompilationUnitTree> units = new ArrayList<>();
    task.parse().forEach(units::add);
    task.analyze();
    List<SourceFile> out = new ArrayList<>();
    for (CompilationUnitTree unit : units) {
      out.add(
          JavacLowering.lower(unit, task.getContext(), paths.get(unit.getSourceFile().toUri())));
    }
    out.sort(Comparator.comparing(SourceFile::path));
    return out;
  }

  /**
   * The class path of the running tests. Surefire may start the JVM with a manifest-only jar; its
   * {@code Class-Path} is then the real class path.
   */
  public static String testClassPath() {
    String cp = System.getProperty("surefire.test.class.path");
    if (cp == null || cp.isBlank()) {
      cp = System.getProperty("java.class.path");
    }
    String[] entries = cp.split(File.pathSeparator);
    if (entries.length == 1 && entries[0].endsWith(".jar")) {
      try (JarFile jar = new JarFile(entries[0])) {
        Manifest m = jar.getManifest();
        String classPath = m == null ? null : m.getMainAttributes().getValue("Class-Path");
        if (classPath != null) {
          List<String> expanded = new ArrayList<>();
          for (String url : classPath.trim().split("\\s+")) {
            expanded.add(Path.of(URI.create(url)).toString());
          }
          return String.join(File.pathSeparator, expanded);
        }
      } catch (IOException | IllegalArgumentException e) {
        return cp;
      }
    }
    return cp;
  }

  private static Diag toDiag(Diagnostic<? extends JavaFileObject> d, Path root) {
    String path = null;
    String file = null;
    long column = d.getColumnNumber();
    if (d.getSource() != null) {
      URI uri = d.getSource().toUri();
      path = "file".equals(uri.getScheme()) ? Path.of(uri).toString() : uri.getPath();
      file = path;
      if (root != null && "file".equals(uri.getScheme())) {
        Path p = Path.of(uri);
        if (p.startsWith(root.toAbsolutePath())) {
          file = root.toAbsolutePath().relativize(p).toString().replace(File.separatorChar, '/');
        }
      }
      column = characterColumn(d);
    }
    String raw = d.getMessage(Locale.ROOT);
    String check = null;
    String message = raw;
    String link = null;
    if (raw.startsWith("[")) {
      int close = raw.indexOf(']');
      if (close > 1) {
        check = raw.substring(1, close);
        message = raw.substring(close + 1).trim();
        int see = message.lastIndexOf("\n    (see ");
        if (see >= 0) {
          link = message.substring(see + "\n    (see ".length()).trim();
          link = link.endsWith(")") ? link.substring(0, link.length() - 1) : link;
          message = message.substring(0, see).trim();
        }
      }
    }
    return new Diag(d.getKind(), path, file, d.getLineNumber(), column, check, message, link);
  }

  /** The diagnostic's column counting a tab as one character, as the IR does. */
  private static long characterColumn(Diagnostic<? extends JavaFileObject> d) {
    long offset = d.getPosition();
    if (offset == Diagnostic.NOPOS) {
      return d.getColumnNumber();
    }
    try {
      CharSequence text = d.getSource().getCharContent(true);
      long lineStart = offset;
      while (lineStart > 0
          && text.charAt((int) lineStart - 1) != '\n'
          && text.charAt((int) lineStart - 1) != '\r') {
        lineStart--;
      }
      return offset - lineStart + 1;
    } catch (IOException | IndexOutOfBoundsException e) {
      return d.getColumnNumber();
    }
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // A leftover temporary directory is harmless.
    }
  }

  /** An in-memory source whose URI path is its relative path. */
  private static final class StringSource extends SimpleJavaFileObject {
    private final String text;

    StringSource(String path, String text) {
      super(URI.create("string:///" + path), Kind.SOURCE);
      this.text = text;
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
      return text;
    }
  }

  /**
   * Lets javac load plugins (Error Prone, and through it our checkers) from the tests' own class
   * loader, so they share classes with the tests instead of loading a second copy. The loader is
   * wrapped so javac cannot close it at the end of the compilation.
   */
  private static final class PluginLoaderFileManager
      extends ForwardingJavaFileManager<JavaFileManager> {
    private final ClassLoader loader = new ClassLoader(ErrorProneRunner.class.getClassLoader()) {};

    PluginLoaderFileManager(JavaFileManager delegate) {
      super(delegate);
    }

    @Override
    public boolean hasLocation(Location location) {
      return location == StandardLocation.ANNOTATION_PROCESSOR_PATH || super.hasLocation(location);
    }

    @Override
    public ClassLoader getClassLoader(Location location) {
      return location == StandardLocation.ANNOTATION_PROCESSOR_PATH
          ? loader
          : super.getClassLoader(location);
    }
  }
}
