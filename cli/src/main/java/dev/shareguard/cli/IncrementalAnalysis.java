package dev.shareguard.cli;

import dev.shareguard.cli.cache.Components;
import dev.shareguard.cli.cache.FileLinks;
import dev.shareguard.cli.cache.IrCache;
import dev.shareguard.cli.frontend.JavaParserFrontEnd;
import dev.shareguard.core.config.Config;
import dev.shareguard.core.finding.Finding;
import dev.shareguard.core.ir.SourceFile;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * The analysis with {@code --cache}: the program is cut into parts that cannot change each other's
 * findings ({@link Components}); a part whose key is in the cache gives its stored findings, and
 * the engine runs once over the other parts together (with the few files of the rest that carry a
 * program-wide effect into them, whose findings are dropped). The engine's findings of one part
 * never depend on another, so the merged findings, in the engine's order, are those of a run over
 * the whole program; a cold run, with every part to analyse, is exactly that run.
 */
final class IncrementalAnalysis {
  private final IncrementalLowering lowering;
  private final Config config;

  IncrementalAnalysis(IncrementalLowering lowering, Config config) {
    this.lowering = lowering;
    this.config = config;
  }

  /**
   * The engine's findings over the lowered files of {@code files} (those with links), sorted as the
   * engine sorts them.
   *
   * @param engine the engine run over some of the files, given in the program's order
   * @param progress told, as a phase, how much of the program is analysed again
   */
  List<Finding> analyse(
      List<IncrementalLowering.Prepared> files,
      Set<String> closedPackages,
      Function<List<SourceFile>, List<Finding>> engine,
      JavaParserFrontEnd frontEnd,
      ExecutorService pool,
      Audit.Progress progress) {
    List<Integer> at = new ArrayList<>();
    List<FileLinks> links = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      if (files.get(i).links() != null) {
        at.add(i);
        links.add(files.get(i).links());
      }
    }
    Components program =
        new Components(links, closedPackages, lowering.salt() + '\0' + digest(config));
    IrCache cache = lowering.cache();
    List<Components.Part> parts = program.parts();
    List<Future<List<Finding>>> reads = new ArrayList<>(parts.size());
    for (Components.Part p : parts) {
      reads.add(pool.submit(() -> cache.findings(p.key())));
    }
    List<List<Finding>> found = new ArrayList<>(parts.size());
    Set<Integer> stale = new TreeSet<>();
    for (int p = 0; p < parts.size(); p++) {
      List<Finding> f = IncrementalLowering.get(reads.get(p));
      found.add(f);
      if (f == null) {
        stale.add(p);
      }
    }
    if (!stale.isEmpty()) {
      Set<Integer> run = new TreeSet<>(program.providers(stale));
      for (int p : stale) {
        run.addAll(parts.get(p).files());
      }
      progress.phase(
          "analysing "
              + stale.size()
              + " of "
              + parts.size()
              + " parts ("
              + run.size()
              + " of "
              + links.size()
              + " files)");
      List<Integer> indexes = new ArrayList<>(run.size());
      run.forEach(i -> indexes.add(at.get(i)));
      List<SourceFile> ir = lowering.load(indexes, files, frontEnd, pool);
      Map<String, Integer> partOfPath = new HashMap<>();
      for (int i = 0; i < links.size(); i++) {
        partOfPath.put(links.get(i).path(), program.partOf(i));
      }
      Map<Integer, List<Finding>> fresh = new HashMap<>();
      stale.forEach(p -> fresh.put(p, new ArrayList<>()));
      boolean attributed = true;
      for (Finding f : engine.apply(ir)) {
        Integer p = partOfPath.get(f.location().path());
        if (p == null) {
          // Not a file of the program (not expected): kept, and nothing is stored this run.
          attributed = false;
          found.add(List.of(f));
        } else if (stale.contains(p)) {
          fresh.get(p).add(f);
        }
      }
      List<Future<?>> writes = new ArrayList<>();
      for (int p : stale) {
        List<Finding> f = List.copyOf(fresh.get(p));
        found.set(p, f);
        if (attributed) {
          String key = parts.get(p).key();
          writes.add(pool.submit(() -> cache.putFindings(key, f)));
        }
      }
      writes.forEach(IncrementalLowering::get);
    }
    List<Finding> out = new ArrayList<>();
    found.forEach(out::addAll);
    // Stable: within a part, the engine's own order of equal findings is kept.
    out.sort(Finding.ORDER);
    return List.copyOf(out);
  }

  /**
   * The settings as text that is the same in every run for the same settings (a set's own order is
   * not: it may differ from one JVM to the next).
   */
  static String digest(Config config) {
    StringBuilder sb = new StringBuilder();
    for (RecordComponent rc : Config.class.getRecordComponents()) {
      Object v;
      try {
        v = rc.getAccessor().invoke(config);
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new IllegalStateException("a record's accessor is public", e);
      }
      sb.append(rc.getName()).append('=');
      if (v instanceof Set<?> set) {
        List<String> sorted = new ArrayList<>();
        set.forEach(x -> sorted.add(String.valueOf(x)));
        sorted.sort(null);
        sb.append(sorted);
      } else if (v instanceof Collection<?> c) {
        sb.append(new ArrayList<>(c));
      } else {
        sb.append(v);
      }
      sb.append('\n');
    }
    return IrCache.hash(sb.toString());
  }
}
