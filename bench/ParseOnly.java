import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The benchmark's floor: JavaParser alone parsing every .java file under the given directories,
 * on all cores, at the language level Shareguard uses, keeping nothing. Run as a single-file
 * program: java -cp javaparser-core.jar bench/ParseOnly.java DIR...
 */
public class ParseOnly {
  public static void main(String[] args) throws Exception {
    List<Path> files = new ArrayList<>();
    for (String a : args) {
      try (Stream<Path> s = Files.walk(Path.of(a))) {
        s.filter(p -> p.toString().endsWith(".java") && Files.isRegularFile(p)).sorted().forEach(files::add);
      }
    }
    int jobs = Runtime.getRuntime().availableProcessors();
    ExecutorService pool = Executors.newFixedThreadPool(jobs);
    ThreadLocal<JavaParser> parsers =
        ThreadLocal.withInitial(
            () -> {
              ParserConfiguration c = new ParserConfiguration();
              c.setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_24);
              c.setAttributeComments(false);
              return new JavaParser(c);
            });
    AtomicLong lines = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    long start = System.nanoTime();
    List<Future<?>> futures = new ArrayList<>();
    for (Path f : files) {
      futures.add(
          pool.submit(
              () -> {
                String src = read(f);
                lines.addAndGet(src.lines().count());
                ParseResult<CompilationUnit> r = parsers.get().parse(src);
                if (!r.isSuccessful()) {
                  failed.incrementAndGet();
                }
                return null;
              }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    pool.shutdown();
    double s = (System.nanoTime() - start) / 1e9;
    System.err.printf("parse-only: %d files, %d lines, %d not parsed in %.2f s%n", files.size(), lines.get(), failed.get(), s);
  }

  private static String read(Path f) {
    try {
      return new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
