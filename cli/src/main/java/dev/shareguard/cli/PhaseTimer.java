package dev.shareguard.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code --timings}: the wall time of each phase of an audit (reading and parsing, lowering,
 * analysing), for someone deciding where to make Shareguard faster. Passes progress on to {@code
 * next}.
 */
final class PhaseTimer implements Audit.Progress {
  private final Audit.Progress next;
  private final List<String> names = new ArrayList<>();
  private final List<Long> starts = new ArrayList<>();

  PhaseTimer(Audit.Progress next) {
    this.next = next;
  }

  @Override
  public synchronized void start(int files) {
    names.add("reading and parsing");
    starts.add(System.nanoTime());
    next.start(files);
  }

  @Override
  public void parsed(long lines) {
    next.parsed(lines);
  }

  @Override
  public synchronized void phase(String name) {
    names.add(name);
    starts.add(System.nanoTime());
    next.phase(name);
  }

  /** One line: each phase that ended, with its seconds. */
  synchronized String summary() {
    StringBuilder s = new StringBuilder("shareguard: phases:");
    for (int i = 0; i + 1 < names.size(); i++) {
      double seconds = (starts.get(i + 1) - starts.get(i)) / 1e9;
      s.append(i == 0 ? " " : ", ")
          .append(names.get(i))
          .append(String.format(Locale.ROOT, " %.2f s", seconds));
    }
    return s.toString();
  }
}
