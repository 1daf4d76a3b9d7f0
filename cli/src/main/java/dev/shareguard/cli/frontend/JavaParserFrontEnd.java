package dev.shareguard.cli.frontend;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.Problem;
import com.github.javaparser.Range;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CompactConstructorDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.InitializerDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.ClassExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.VarType;
import dev.shareguard.core.ir.SourceFile;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The CLI's front end: lowers JavaParser compilation units into the IR, resolving names and types
 * itself (no symbol solver) with an index of every class being audited and the JDK's own classes.
 *
 * <p>Lowering a set of files runs in phases so that parallel work only reads shared state:
 *
 * <ol>
 *   <li>per file, in parallel: class ids and class skeletons;
 *   <li>on one thread, in path order: register named classes in the project index, then link them
 *       (type parameters, supertypes);
 *   <li>per file, in parallel: resolve field and method signatures of the file's named classes;
 *   <li>per file, in parallel: lower bodies, creating local and anonymous classes as met (for a
 *       file held as its skeleton, after parsing its bodies again), then free the file's bodies.
 * </ol>
 *
 * <p>Memory: phases 1 to 3 need every file's declarations at once, phase 4 one file's bodies at a
 * time. Trees take about four times the memory of the IR made from them, so a large tree is held
 * mostly as skeletons ({@link #deferBodies}) and each file shrinks to its skeleton once lowered.
 */
public final class JavaParserFrontEnd {
  /** The JDK's classes, read by reflection on demand and shared by every run of the process. */
  private static final JdkClass.Registry JDK = new JdkClass.Registry();

  /** Where classes outside the project are looked up: the JDK, and the --classpath if given. */
  private final JdkClass.Registry classes;

  /** A front end that knows the JDK's classes besides the project's. */
  public JavaParserFrontEnd() {
    this.classes = JDK;
  }

  /**
   * A front end that also reads the classes of {@code classpath} (jars and class directories) to
   * resolve library types, their supertypes and members. Missing entries are ignored.
   */
  public JavaParserFrontEnd(List<java.nio.file.Path> classpath) {
    if (classpath.isEmpty()) {
      this.classes = JDK;
    } else {
      java.net.URL[] urls = new java.net.URL[classpath.size()];
      for (int i = 0; i < urls.length; i++) {
        try {
          urls[i] = classpath.get(i).toUri().toURL();
        } catch (java.net.MalformedURLException e) {
          throw new IllegalArgumentException("not a class path entry: " + classpath.get(i), e);
        }
      }
      this.classes =
          new JdkClass.Registry(new java.net.URLClassLoader(urls, JdkClass.Registry.PLATFORM));
    }
  }

  /**
   * The language level: Java 24, the newest that JavaParser 3.28 parses correctly, so current code
   * with unnamed variables ({@code _}) parses and older code parses the same. (Its JAVA_25 level
   * rejects {@code yield} statements in switch expressions; JAVA_21 rejects {@code _}.) Its
   * post-processing is done by {@link #finish}: check it when the level changes.
   */
  public static final ParserConfiguration.LanguageLevel LANGUAGE_LEVEL =
      ParserConfiguration.LanguageLevel.JAVA_24;

  /** Where JavaParser's lexical errors say they are. */
  private static final java.util.regex.Pattern LEXICAL_POSITION =
      java.util.regex.Pattern.compile("^Lexical error at line (\\d+), column (\\d+)\\.");

  /**
   * A parser configured for the front end. Parsers are not thread-safe: one per thread.
   *
   * <p>JavaParser's processing after the grammar is left out. Its language-level validation walks
   * each tree again once per check, about a fifth of the parse time, and only rejects code that
   * javac rejects too, which is not what an audit is for. The language level's post-processing
   * ({@code var} as a type) is done by {@link #finish}, in the pass that drops the tokens. The
   * other processors (comment attribution, line-separator detection, symbol resolution, lexical
   * preservation) produce nothing the lowering reads.
   */
  public static JavaParser newParser() {
    ParserConfiguration c = new ParserConfiguration();
    c.setLanguageLevel(LANGUAGE_LEVEL);
    // Tokens carry the positions; comments are not needed and cost time and memory.
    c.setStoreTokens(true);
    c.setAttributeComments(false);
    c.setTabSize(1);
    c.getProcessors().clear();
    return new JavaParser(c);
  }

  /**
   * Parses {@code source}; throws {@link SourceParseException} naming the first problem's line. The
   * tree keeps node ranges but not JavaParser's token list, which would take most of its memory;
   * what lowering reads from the text it takes from {@code source}.
   */
  public static ParsedFile parse(JavaParser parser, String path, String source) {
    source = singleUUnicodeEscapes(source);
    ParseResult<CompilationUnit> r;
    try {
      r = parser.parse(source);
    } catch (StackOverflowError e) {
      throw new SourceParseException(path, 1, "too deeply nested to parse");
    } catch (RuntimeException e) {
      throw new SourceParseException(path, 1, "parser failed: " + oneLine(String.valueOf(e)));
    }
    if (!r.isSuccessful() || r.getResult().isEmpty()) {
      List<Problem> problems = r.getProblems();
      if (problems.isEmpty()) {
        throw new SourceParseException(path, 1, "cannot parse");
      }
      Problem p = problems.get(0);
      int line =
          p.getLocation()
              .flatMap(l -> l.getBegin().getRange())
              .map(range -> range.begin.line)
              .orElse(0);
      String message = oneLine(p.getMessage());
      // Lexical errors carry no location, only "Lexical error at line N, column M." in the text.
      java.util.regex.Matcher at = LEXICAL_POSITION.matcher(message);
      if (line == 0 && at.find()) {
        line = Integer.parseInt(at.group(1));
        message =
            "lexical error at column " + at.group(2) + ": " + message.substring(at.end()).strip();
      }
      throw new SourceParseException(path, Math.max(1, line), message);
    }
    CompilationUnit cu = r.getResult().get();
    finish(cu);
    return new ParsedFile(path, cu, source);
  }

  /**
   * {@code source} with every Unicode escape written with several {@code u}s ({@code \\uu001A},
   * which JLS §3.3 allows and tools that re-escape text produce) written with one: JavaParser's
   * lexer rejects the longer form, and the file would be skipped. A backslash begins an escape
   * only after an even number of backslashes ({@code \\\\uu} is a backslash, then text). The
   * columns after such an escape on its line move left by the {@code u}s taken out; lines stay.
   * Returns {@code source} itself when it has no such escape.
   */
  static String singleUUnicodeEscapes(String source) {
    if (!source.contains("\\uu")) {
      return source;
    }
    StringBuilder out = new StringBuilder(source.length());
    int n = source.length();
    int backslashes = 0;
    for (int i = 0; i < n; i++) {
      char c = source.charAt(i);
      if (c == '\\' && backslashes % 2 == 0 && i + 2 < n && source.charAt(i + 1) == 'u'
          && source.charAt(i + 2) == 'u') {
        out.append("\\u");
        i++;
        while (i + 1 < n && source.charAt(i + 1) == 'u') {
          i++;
        }
        backslashes = 0;
        continue;
      }
      out.append(c);
      backslashes = c == '\\' ? backslashes + 1 : 0;
    }
    return out.toString();
  }

  /** A parser per worker thread, for the bodies of files parsed with {@link #deferBodies}. */
  private static final ThreadLocal<JavaParser> PARSERS =
      ThreadLocal.withInitial(JavaParserFrontEnd::newParser);

  /**
   * {@code whole} as a tree of its {@link Skeleton#blanked blanked skeleton}, its bodies to be
   * parsed again when it is lowered: about half the memory until then, for a second parse of the
   * bodies. Returns {@code whole} itself when the skeleton's declarations do not stand exactly
   * where the file's do (a layout the blanking cannot keep), so the result is always the same as
   * lowering {@code whole}.
   */
  public static ParsedFile deferBodies(JavaParser parser, ParsedFile whole) {
    ParsedFile skeleton;
    try {
      skeleton = parse(parser, whole.path(), Skeleton.blanked(whole));
    } catch (SourceParseException e) {
      return whole;
    }
    if (!sameDeclarations(skeleton.unit(), whole.unit())) {
      return whole;
    }
    return new ParsedFile(whole.path(), skeleton.unit(), whole.source(), true);
  }

  /** Whether the declarations with bodies of {@code a} and {@code b} are of one kind and place. */
  private static boolean sameDeclarations(CompilationUnit a, CompilationUnit b) {
    List<Node> x = Skeleton.declarationsWithBodies(a);
    List<Node> y = Skeleton.declarationsWithBodies(b);
    if (x.size() != y.size() || !a.getRange().equals(b.getRange())) {
      return false;
    }
    for (int i = 0; i < x.size(); i++) {
      if (x.get(i).getClass() != y.get(i).getClass()
          || !x.get(i).getRange().equals(y.get(i).getRange())
          || !Skeleton.body(x.get(i)).getRange().equals(Skeleton.body(y.get(i)).getRange())) {
        return false;
      }
    }
    return true;
  }

  /**
   * One pass over a parsed tree: what the language level's post-processing does (a type named
   * {@code var}, except in {@code var.class}, is the inferred type of Java 10), and each node's
   * token range replaced by the plain range it spans, freeing the tokens. An explicit stack, as
   * generated code nests deeper than a thread's stack allows.
   */
  private static void finish(CompilationUnit cu) {
    Deque<Node> work = new ArrayDeque<>();
    work.push(cu);
    while (!work.isEmpty()) {
      Node n = work.pop();
      if (n instanceof ClassOrInterfaceType t
          && t.getName().getIdentifier().equals("var")
          && !(t.getParentNode().orElse(null) instanceof ClassExpr)) {
        VarType inferred = new VarType(t.getTokenRange().orElse(null));
        t.replace(inferred);
        n = inferred;
      }
      Range range = n.getRange().orElse(null);
      n.setTokenRange(null);
      if (range != null) {
        n.setRange(range);
      }
      List<Node> children = n.getChildNodes();
      for (int i = children.size() - 1; i >= 0; i--) {
        work.push(children.get(i));
      }
    }
  }

  /** The first line of a message, without JavaParser's position prefix, at most 200 chars. */
  static String oneLine(String message) {
    String m = message == null ? "" : message.strip();
    int nl = m.indexOf('\n');
    if (nl >= 0) {
      m = m.substring(0, nl).strip();
    }
    if (m.startsWith("(line ")) {
      int close = m.indexOf(')');
      if (close > 0) {
        m = m.substring(close + 1).strip();
      }
    }
    return m.length() > 200 ? m.substring(0, 197) + "..." : m;
  }

  /** Parses and lowers one file on its own (its project index holds only its own classes). */
  public SourceFile lowerSource(String path, String source) {
    return lowerSources(Map.of(path, source)).get(0);
  }

  /**
   * Parses and lowers several files as one project (types resolve across them), in path order.
   * Throws {@link SourceParseException} for the first file that does not parse.
   */
  public List<SourceFile> lowerSources(Map<String, String> sources) {
    JavaParser parser = newParser();
    List<ParsedFile> parsed = new ArrayList<>();
    sources.keySet().stream().sorted().forEach(p -> parsed.add(parse(parser, p, sources.get(p))));
    List<SourceFile> out = new ArrayList<>();
    for (Lowered l : lower(parsed, null)) {
      if (l.error() != null) {
        throw new IllegalStateException(l.error(), l.cause());
      }
      out.add(l.file());
    }
    return out;
  }

  /** The result of lowering one file: the IR, or the error that stopped it. */
  public record Lowered(String path, SourceFile file, String error, Throwable cause) {}

  /**
   * Lowers {@code files} as one project, in their order. Work runs on {@code pool} when given, else
   * on the calling thread. A file whose lowering fails (a front-end bug) gets an error and the
   * others are still lowered.
   */
  public List<Lowered> lower(List<ParsedFile> files, ExecutorService pool) {
    return lower(files, pool, path -> true);
  }

  /**
   * Lowers {@code files} as one project, but the bodies only of the files {@code lowerBodies}
   * accepts; the others only contribute their declarations to the project index (their result is
   * null). Files that only contribute declarations may be given as a {@link Skeleton}: the
   * declarations a file's lowering reads from other files are exactly what a skeleton keeps.
   */
  public List<Lowered> lower(
      List<ParsedFile> files,
      ExecutorService pool,
      java.util.function.Predicate<String> lowerBodies) {
    ProjectIndex index = new ProjectIndex();
    TypeSystem global = new TypeSystem(index, classes);
    TypeResolver resolver = new TypeResolver(global);

    List<Prepared> prepared = run(pool, files, file -> Prepared.of(file, resolver));
    for (Prepared p : prepared) {
      for (ProjectClass c : p.unit().topLevel.values()) {
        index.add(p.unit().packageName, c);
      }
    }
    for (Prepared p : prepared) {
      p.guard(() -> p.unit().topLevel.values().forEach(JavaParserFrontEnd::linkAll));
    }
    run(
        pool,
        prepared,
        p -> {
          p.guard(() -> p.unit().topLevel.values().forEach(JavaParserFrontEnd::resolveAll));
          return p;
        });
    return run(pool, prepared, p -> lowerBodies.test(p.file.path()) ? p.lower(global) : null);
  }

  private static void linkAll(ProjectClass c) {
    c.link();
    c.memberTypes().values().forEach(JavaParserFrontEnd::linkAll);
  }

  private static void resolveAll(ProjectClass c) {
    c.resolveMembers();
    c.memberTypes().values().forEach(JavaParserFrontEnd::resolveAll);
  }

  /**
   * A file after the first phase: its context (imports, top-level classes) and class ids, and the
   * first failure of any phase on it (a front-end bug), which skips the file, not the audit.
   */
  private static final class Prepared {
    final ParsedFile file;
    final UnitContext unit;
    final Map<Node, String> ids;
    private Lowered failure;
    private Lowered lowered;

    private Prepared(ParsedFile file, UnitContext unit, Map<Node, String> ids) {
      this.file = file;
      this.unit = unit;
      this.ids = ids;
    }

    UnitContext unit() {
      return unit;
    }

    static Prepared of(ParsedFile file, TypeResolver resolver) {
      CompilationUnit cu = file.unit();
      SourceMap source = new SourceMap(file.source());
      UnitContext unit = new UnitContext(file.path(), cu, source);
      Prepared p = new Prepared(file, unit, new IdentityHashMap<>());
      p.guard(
          () -> {
            p.ids.putAll(ClassIds.assign(cu, unit.packageName, source));
            Scope fileScope = Scope.unit(unit);
            for (TypeDeclaration<?> td : cu.getTypes()) {
              ProjectClass c =
                  ProjectClass.declared(td, p.ids.get(td), null, unit, resolver, p.ids);
              c.declaredIn(fileScope);
              unit.topLevel.putIfAbsent(td.getNameAsString(), c);
            }
          });
      return p;
    }

    /** Runs one phase's work on this file, recording the first failure. */
    void guard(Runnable work) {
      if (failure != null) {
        return;
      }
      try {
        work.run();
      } catch (RuntimeException | StackOverflowError e) {
        String what = e instanceof StackOverflowError ? "too deeply nested" : e.toString();
        failure =
            new Lowered(file.path(), null, "internal error while lowering: " + oneLine(what), e);
      }
    }

    Lowered lower(TypeSystem global) {
      guard(
          () -> {
            if (file.bodiesDeferred()) {
              restoreBodies();
            }
            FileLowering fl = new FileLowering(global.forFile(), unit, ids);
            lowered =
                new Lowered(file.path(), fl.lower(file.path(), file.unit().getTypes()), null, null);
          });
      releaseBodies();
      return failure != null ? failure : lowered;
    }

    /**
     * Parses a {@link ParsedFile#bodiesDeferred deferred} file again and moves each body into the
     * declaration of the skeleton tree that stands where it does (the project index holds that
     * tree's declarations); then assigns the class and lambda ids again, as the bodies hold
     * anonymous and local classes and lambdas that number among those of the declarations.
     */
    private void restoreBodies() {
      CompilationUnit whole = parse(PARSERS.get(), file.path(), file.source()).unit();
      List<Node> into = Skeleton.declarationsWithBodies(file.unit());
      List<Node> from = Skeleton.declarationsWithBodies(whole);
      if (into.size() != from.size()) {
        throw new IllegalStateException("the file's bodies do not match its skeleton");
      }
      for (int i = 0; i < into.size(); i++) {
        replaceBody(into.get(i), Skeleton.body(from.get(i)));
      }
      ids.clear();
      ids.putAll(ClassIds.assign(file.unit(), unit.packageName, unit.source));
    }

    /**
     * Frees this file's statements once its IR exists, so that the trees of the files already
     * lowered do not stay alive beside their IR until the last file is lowered: what remains is the
     * file's {@link Skeleton}, all that the lowering of another file may read from it (which is why
     * the incremental cache may give the other files as skeletons). Each body is replaced by an
     * empty block at the same place; the ids of the classes and lambdas inside bodies, which only
     * this file's lowering reads, are dropped with them.
     */
    private void releaseBodies() {
      ids.clear();
      Deque<Node> work = new ArrayDeque<>();
      work.push(file.unit());
      while (!work.isEmpty()) {
        Node n = work.pop();
        if (Skeleton.body(n) != null) {
          BlockStmt empty = new BlockStmt();
          Skeleton.body(n).getRange().ifPresent(empty::setRange);
          replaceBody(n, empty);
          continue;
        }
        for (Node child : n.getChildNodes()) {
          work.push(child);
        }
      }
    }

    private static void replaceBody(Node declaration, BlockStmt empty) {
      if (declaration instanceof MethodDeclaration m) {
        m.setBody(empty);
      } else if (declaration instanceof ConstructorDeclaration c) {
        c.setBody(empty);
      } else if (declaration instanceof CompactConstructorDeclaration c) {
        c.setBody(empty);
      } else if (declaration instanceof InitializerDeclaration i) {
        i.setBody(empty);
      }
    }
  }

  /** A task over one item. */
  private interface Task<T, R> {
    R apply(T item);
  }

  /**
   * Runs {@code task} over {@code items}, in parallel on {@code pool} if given, results in order.
   */
  private static <T, R> List<R> run(ExecutorService pool, List<T> items, Task<T, R> task) {
    List<R> out = new ArrayList<>(items.size());
    if (pool == null) {
      for (T item : items) {
        out.add(task.apply(item));
      }
      return out;
    }
    List<Future<R>> futures = new ArrayList<>(items.size());
    for (T item : items) {
      Callable<R> c = () -> task.apply(item);
      futures.add(pool.submit(c));
    }
    for (Future<R> f : futures) {
      try {
        out.add(f.get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException re) {
          throw re;
        }
        if (cause instanceof Error err) {
          throw err;
        }
        throw new IllegalStateException(cause);
      }
    }
    return out;
  }
}
