package com.acme;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Providers found the first time they are asked for, under the class's lock, and never again;
 * converters defined once from them by a private helper only a guarded call runs. Each getter
 * returns its container itself: every change happened before the first caller got it.
 */
public class OnceFilledProviders {
  private static final List<String> providers = new ArrayList<>();
  private static final Map<String, String> converters = new HashMap<>();
  private static boolean loaded;
  private static boolean defined;

  public static synchronized List<String> getProviders() {
    if (!loaded) {
      loaded = true;
      providers.addAll(List.of("cpu", "heap"));
    }
    return providers;
  }

  public static synchronized Map<String, String> getConverters() {
    if (!defined) {
      define();
    }
    return converters;
  }

  private static void define() {
    defined = true;
    for (String p : getProviders()) {
      converters.put(p, p.toUpperCase());
    }
  }
}
