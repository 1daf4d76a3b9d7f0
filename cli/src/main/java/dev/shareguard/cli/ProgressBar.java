package dev.shareguard.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A one-line progress bar on standard error, redrawn a few times a second by its own thread: files
 * read of all, lines per second, time left, then the phase after parsing. Only used on a terminal;
 * {@link #close} erases it so the summary line stands alone.
 */
final class ProgressBar implements Audit.Progress, AutoCloseable {
  private static final int WIDTH = 24;
  private static final long REDRAW_MILLIS = 200;

  private final PrintStream err;
  private final long start = System.nanoTime();
  private final AtomicInteger total = new AtomicInteger();
  private final AtomicInteger done = new AtomicInteger();
  private final AtomicLong lines = new AtomicLong();
  private final AtomicReference<String> phase = new AtomicReference<>("reading");
  private final Thread drawer;
  private volatile boolean closed;
  private int lastLength;

  ProgressBar(PrintStream err) {
    this.err = err;
    this.drawer = new Thread(this::loop, "shareguard-progress");
    drawer.setDaemon(true);
    drawer.start();
  }

  @Override
  public void start(int files) {
    total.set(files);
  }

  @Override
  public void parsed(long fileLines) {
    done.incrementAndGet();
    lines.addAndGet(fileLines);
  }

  @Override
  public void phase(String name) {
    phase.set(name);
  }

  private void loop() {
    while (!closed) {
      try {
        Thread.sleep(REDRAW_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
      synchronized (this) {
        if (!closed) {
          draw(line());
        }
      }
    }
  }

  /** The bar's text now. */
  String line() {
    int all = Math.max(1, total.get());
    int n = Math.min(done.get(), all);
    double seconds = Math.max(1e-3, (System.nanoTime() - start) / 1e9);
    int filled = (int) ((long) WIDTH * n / all);
    StringBuilder s = new StringBuilder("shareguard [");
    s.append("#".repeat(filled)).append(" ".repeat(WIDTH - filled)).append("] ");
    s.append(n).append('/').append(all).append(" files");
    long rate = (long) (lines.get() / seconds);
    s.append(String.format(Locale.ROOT, ", %,d lines/s", rate));
    String p = phase.get();
    if ("reading".equals(p)) {
      if (n > 0 && n < all) {
        long eta = Math.round(seconds * (all - n) / n);
        s.append(", eta ").append(eta).append(" s");
      }
    } else {
      s.append(", ").append(p).append('…');
    }
    return s.toString();
  }

  private void draw(String text) {
    int pad = Math.max(0, lastLength - text.length());
    err.print("\r" + text + " ".repeat(pad));
    err.flush();
    lastLength = text.length();
  }

  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      if (lastLength > 0) {
        err.print("\r" + " ".repeat(lastLength) + "\r");
        err.flush();
      }
    }
    drawer.interrupt();
  }
}
