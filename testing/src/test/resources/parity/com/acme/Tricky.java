package com.acme;

import java.util.*;
import java.util.concurrent.*;
import java.util.function.*;

class Tricky {
	private final Map<String, List<Integer>> map = new HashMap<>();
	static int count;
	int f;
	enum Mode { ON, OFF { @Override boolean on() { return false; } }; boolean on() { return true; } }
	record Pair<A, B>(A a, B b) { Pair { Objects.requireNonNull(a); } }
	interface Api { int X = 1; void call(); default void twice() { call(); } }
	@SuppressWarnings("UnguardedSharedWrite") void m(Executor ex, Object o) {
		ex.execute(() -> map.computeIfAbsent("k", k -> new ArrayList<>()).add(1));
		new Thread(new Runnable() { public void run() { f++; count += 2; } }).start();
		String s = "a" + "b" + f + 'c' + "d"
				+ "e";
		int y = switch (f) { case 1 -> 10; default -> { yield 20; } };
		Mode md = Mode.ON;
		switch (md) { case ON: f = 1; break; case OFF: default: f = 2; }
		for (Map.Entry<String, List<Integer>> e : map.entrySet()) { e.getValue().clear(); }
		synchronized (this) { map.clear(); }
		int[] arr = {1, 2}; arr[0] += arr.length;
		Supplier<Pair<String, Integer>> p = () -> new Pair<>("x", 1);
		class Local { int g() { return f; } }
		Object anon = new Object() { int h = f; };
		if (o instanceof String str && !str.isEmpty()) { f = str.length(); }
		Callable<Integer> c = this::hashCode;
		try { ex.execute(null); } catch (IllegalStateException | NullPointerException ex2) { throw ex2; } finally { f = 0; }
	}
}
