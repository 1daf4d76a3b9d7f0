package com.acme;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Records, sealed types, switch expressions, try-with-resources and inner classes (JDK 17: virtual
 * threads and pattern switches are covered by the CLI's own tests).
 */
public class ModernSyntax {
  record Point(int x, int y) {
    Point {
      if (x < 0) {
        throw new IllegalArgumentException();
      }
    }
  }

  sealed interface Shape permits Circle, Square {}

  record Circle(double r) implements Shape {}

  record Square(double side) implements Shape {}

  private final List<String> lines = new ArrayList<>();

  class Inner {
    int count() {
      synchronized (ModernSyntax.this) {
        return lines.size();
      }
    }
  }

  static double area(Shape s) {
    if (s instanceof Circle c) {
      return Math.PI * c.r() * c.r();
    }
    return s instanceof Square q ? q.side() * q.side() : 0;
  }

  static String kind(int code) {
    String k = switch (code) {
      case 1, 2 -> "low";
      case 3 -> {
        String t = "mid";
        yield t;
      }
      default -> "high";
    };
    return k;
  }

  public synchronized void load(String text) throws IOException {
    try (BufferedReader r = new BufferedReader(new StringReader(text))) {
      String line;
      while ((line = r.readLine()) != null) {
        lines.add(line);
      }
    }
  }

  public int inParallel() throws InterruptedException {
    List<Integer> sizes = new ArrayList<>();
    ExecutorService ex = Executors.newCachedThreadPool();
    ex.submit(() -> new Point(1, 2).x());
    ex.shutdown();
    ex.awaitTermination(1, java.util.concurrent.TimeUnit.SECONDS);
    Thread t = new Thread(() -> System.out.println(kind(3)));
    t.start();
    t.join();
    sizes.add(new Inner().count());
    return sizes.size();
  }
}
