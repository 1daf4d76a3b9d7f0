package dev.shareguard.core.model;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The one ordered list of {@link FrameworkModel}s, and the unions of their tables that {@link
 * LibraryModels} answers from. A new framework is one class added here.
 */
public final class FrameworkModels {
  /** Every framework model, in a stable order. */
  public static final List<FrameworkModel> ALL =
      List.of(
          new JakartaEeModel(),
          new SpringModel(),
          new NettyModel(),
          new ReactiveStreamsModel(),
          new GrpcModel(),
          new GuavaModel(),
          new JdbcModel());

  private FrameworkModels() {}

  /** The union of one set-valued table over {@link #ALL}. */
  static Set<String> union(Function<FrameworkModel, Set<String>> table) {
    Set<String> out = new HashSet<>();
    for (FrameworkModel m : ALL) {
      out.addAll(table.apply(m));
    }
    return Set.copyOf(out);
  }

  /** Every shared-entry annotation of {@link #ALL}, with its reason. */
  static Map<String, String> sharedEntryAnnotations() {
    Map<String, String> out = new HashMap<>();
    for (FrameworkModel m : ALL) {
      out.putAll(m.sharedEntryAnnotations());
    }
    return Map.copyOf(out);
  }

  /** Every serial callback of {@link #ALL}, by the supertype that declares it. */
  static Map<String, Set<String>> serialCallbacks() {
    return byType(FrameworkModel::serialCallbacks);
  }

  /** The union of one table of method names by declaring type over {@link #ALL}. */
  static Map<String, Set<String>> byType(Function<FrameworkModel, Map<String, Set<String>>> table) {
    Map<String, Set<String>> out = new HashMap<>();
    for (FrameworkModel m : ALL) {
      table.apply(m).forEach((type, names) -> out.merge(type, names, FrameworkModels::both));
    }
    return Map.copyOf(out);
  }

  private static Set<String> both(Set<String> a, Set<String> b) {
    Set<String> out = new HashSet<>(a);
    out.addAll(b);
    return Set.copyOf(out);
  }

  /** Every model's {@link FrameworkModel#libraryReturnTypes()}, one table. */
  static Map<String, String> libraryReturnTypes() {
    Map<String, String> out = new HashMap<>();
    for (FrameworkModel m : ALL) {
      out.putAll(m.libraryReturnTypes());
    }
    return Map.copyOf(out);
  }

  /** Every model's {@link FrameworkModel#librarySupertypes()}, one table. */
  static Map<String, List<String>> librarySupertypes() {
    Map<String, List<String>> out = new HashMap<>();
    for (FrameworkModel m : ALL) {
      m.librarySupertypes().forEach((type, supers) -> out.merge(type, supers, (x, y) -> {
        List<String> joined = new java.util.ArrayList<>(x);
        y.stream().filter(t -> !joined.contains(t)).forEach(joined::add);
        return List.copyOf(joined);
      }));
    }
    return Map.copyOf(out);
  }
}
