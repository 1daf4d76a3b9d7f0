package com.acme;

import java.util.*;
import java.util.concurrent.*;

@SuppressWarnings({"unchecked", "UnguardedSharedWrite"})
public class Outer<T> extends Base implements Runnable {
	private final Map<String, List<Integer>> map = new HashMap<>();
  static int COUNT, OTHER = 2;
  int f;
  @javax.annotation.concurrent.GuardedBy("this") int g;
  static { COUNT = 1; }
  { f = 2; }
  { g = 3; }
  Outer() { super(1); }
  Outer(int x) { this(); f = x; }
  public void run() {
    List<Integer> l = map.get("k");
    map.get("k").add(1);
    helper();
    staticHelper();
    Outer.staticHelper();
    System.out.println(COUNT);
    COUNT++;
    ++f;
    f += 3;
    this.f = Outer.COUNT;
    super.base();
    int[] a = new int[3], b = {1, 2};
    a[0]++;
    Runnable r = () -> helper();
    Runnable r2 = new Runnable() {
      int own;
      public void run() { own++; f++; helper(); Runnable r3 = () -> { own--; }; new Object() {}; }
    };
    class Loc { void m() { f--; } }
    Comparator<String> c = String::compareTo;
    java.util.function.Supplier<List<String>> s = ArrayList::new;
    for (Map.Entry<String, List<Integer>> e : map.entrySet()) { e.getValue(); }
    var v = new ArrayList<String>();
    synchronized (map) { map.clear(); }
    try (var in = new java.io.StringReader("x")) { in.read(); } catch (java.io.IOException | RuntimeException ex) { throw new IllegalStateException(ex); } finally { f = 0; }
    switch (f) { case 1: case 2: f = 3; break; case 3 -> f = 4; default: }
    int y = switch (f) { case 1 -> 10; case 2 -> { yield 20; } default -> throw new IllegalStateException(); };
    Object o = y > 0 ? (Object) "s" : null;
    if (o instanceof String str && !str.isEmpty()) { assert str.length() > 0 : "empty"; }
    label: while (true) { do { continue label; } while (false); }
  }
  void helper() {}
  static void staticHelper() {}
  class Inner extends Base { int h() { return f + base; } }
  enum Color { RED, GREEN(1) { int shade() { return 2; } }; Color() {} Color(int x) {} int shade() { return 0; } }
  record Point(int x, int y) { Point { if (x < 0) throw new IllegalArgumentException(); } static Point origin() { return new Point(0, 0); } public int x() { return x; } }
  interface Api { int LIMIT = 3; void call(); default void twice() { call(); call(); } class Impl {} }
}
class Base { protected int base; Base() {} Base(int b) { base = b; } void base() {} }
