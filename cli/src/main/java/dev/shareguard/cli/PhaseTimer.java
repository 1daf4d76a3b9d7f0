package dev.shareguard.cli;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code --timings}: the wall time of each phase of an audit (reading and parsing, lowering,
 * analysing), and the CPU time the whole process spent in it (all threads: workers, garbage
 * collector, JIT compiler), for someone deciding where to make Shareguard faster. CPU time shows
 * the cost of a phase even when other processes slow the wall clock down. Passes progress on to
 * {@code next}.
 */
final class PhaseTimer implements Audit.Progress {
  private final Audit.Progress next;
  private final List<String> names = new ArrayList<>();
  private final List<Long> starts = new ArrayList<>();
  private final List<Long> cpuStarts = new ArrayList<>();

  PhaseTimer(Audit.Progress next) {
    this.next = next;
  }

  @Override
  public synchronized void start(int files) {
    mark("reading and parsing");
    next.start(files);
  }

  @Override
  public void parsed(long lines) {
    next.parsed(lines);
  }

  @Override
  public synchronized void phase(String name) {
    mark(name);
    next.phase(name);
  }

  private void mark(String name) {
    names.add(name);
    starts.add(System.nanoTime());
    cpuStarts.add(processCpuNanos());
  }

  /** CPU time of this process so far, all threads; negative where the JVM cannot tell. */
  private static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }

  /** One line: each phase that ended, with its seconds (and CPU seconds where known). */
  synchronized String summary() {
    StringBuilder s = new StringBuilder("shareguard: phases:");
    for (int i = 0; i + 1 < names.size(); i++) {
      double seconds = (starts.get(i + 1) - starts.get(i)) / 1e9;
      s.append(i == 0 ? " " : ", ")
          .append(names.get(i))
          .append(String.format(Locale.ROOT, " %.2f s", seconds));
      if (cpuStarts.get(i) >= 0 && cpuStarts.get(i + 1) >= 0) {
        double cpu = (cpuStarts.get(i + 1) - cpuStarts.get(i)) / 1e9;
        s.append(String.format(Locale.ROOT, " (CPU %.2f s)", cpu));
      }
    }
    return s.toString();
  }
}
