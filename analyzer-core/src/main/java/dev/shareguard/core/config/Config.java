package dev.shareguard.core.config;

import dev.shareguard.core.finding.Confidence;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one immutable, typed configuration of an analysis. Front ends fill it from their own flags
 * (CLI options and config file, {@code -XepOpt:Shareguard:…}) and hand it to the engine; nothing
 * else configures the engine.
 *
 * @param enabledRules rule ids to run; empty means all
 * @param disabledRules rule ids never to run (wins over {@code enabledRules})
 * @param extraThreadSafeTypes qualified names of types to treat as thread-safe containers
 * @param extraImmutableTypes qualified names of types to treat as immutable
 * @param extraSpawners methods that run one of their arguments on another thread
 * @param extraSharedEntryAnnotations qualified names of annotations that mark a class whose public
 *     methods many threads call at once (like a Spring singleton)
 * @param extraCacheSources members ({@code pkg.Type#member}) that hand out objects shared through a
 *     Kubernetes informer cache: calls of the method, or reads of the field (the cache's storage),
 *     for the {@code operators} pack
 * @param extraCopyBarriers methods ({@code pkg.Type#method}) whose result is a deep copy of their
 *     argument or receiver, so it no longer shares anything with a cached object
 * @param minConfidence the floor: findings of lower {@link Confidence} are not reported
 * @param includeBundled report findings in bundled copies of other libraries too: classes
 *     under a relocated package ({@code com.acme.shaded.io.grpc…}, see {@code
 *     TypeHierarchy#isRelocated}), which are analysed either way
 * @param includeTests report findings in test and example code too ({@code
 *     model.TestSources#isTestOrExample}), which is analysed either way
 */
public record Config(
    Set<String> enabledRules,
    Set<String> disabledRules,
    Set<String> extraThreadSafeTypes,
    Set<String> extraImmutableTypes,
    List<Spawner> extraSpawners,
    Set<String> extraSharedEntryAnnotations,
    Set<Member> extraCacheSources,
    Set<Member> extraCopyBarriers,
    Confidence minConfidence,
    boolean includeBundled,
    boolean includeTests) {

  /** A member named in config as {@code pkg.Type#name}: a method or field of a type. */
  public record Member(String type, String name) {
    public Member {
      if (type == null || type.isBlank() || name == null || name.isBlank()) {
        throw new IllegalArgumentException("a member needs a type and a name");
      }
    }

    /**
     * Parses {@code com.acme.PodCache#get}.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static Member parse(String text) {
      String s = text.trim();
      int hash = s.indexOf('#');
      if (hash <= 0 || hash == s.length() - 1 || s.indexOf('#', hash + 1) >= 0) {
        throw new IllegalArgumentException("'" + text + "' is not of the form pkg.Type#member");
      }
      String type = s.substring(0, hash);
      String name = s.substring(hash + 1);
      for (String part : type.split("\\.", -1)) {
        if (part.isEmpty() || !isIdentifier(part)) {
          throw new IllegalArgumentException(
              "'" + text + "': '" + type + "' is not a qualified type name like com.acme.PodCache");
        }
      }
      if (!isIdentifier(name)) {
        throw new IllegalArgumentException("'" + text + "': '" + name + "' is not a member name");
      }
      return new Member(type, name);
    }

    private static boolean isIdentifier(String name) {
      if (!Character.isJavaIdentifierStart(name.charAt(0))) {
        return false;
      }
      return name.chars().allMatch(Character::isJavaIdentifierPart);
    }
  }

  /**
   * A user method that hands a task to another thread: calls of {@code method} on a receiver of
   * type {@code type} (or its subtypes; or statically, on {@code type}) run argument {@code
   * taskArgument} (0-based) elsewhere.
   */
  public record Spawner(String type, String method, int taskArgument) {
    public Spawner {
      if (type == null || type.isBlank() || method == null || method.isBlank()) {
        throw new IllegalArgumentException("a spawner needs a type and a method");
      }
      if (taskArgument < 0) {
        throw new IllegalArgumentException("a spawner's task argument index is 0 or more");
      }
    }

    /**
     * Parses {@code com.acme.Jobs#runLater} or {@code com.acme.Jobs#runLater:1} (argument index,
     * default 0).
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static Spawner parse(String text) {
      String s = text.trim();
      int hash = s.indexOf('#');
      if (hash <= 0 || hash == s.length() - 1) {
        throw new IllegalArgumentException(
            "spawner '" + text + "' is not of the form pkg.Type#method or pkg.Type#method:N");
      }
      String type = s.substring(0, hash);
      String rest = s.substring(hash + 1);
      int colon = rest.indexOf(':');
      int arg = 0;
      if (colon >= 0) {
        try {
          arg = Integer.parseInt(rest.substring(colon + 1));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              "spawner '" + text + "': the argument index after ':' is not a number");
        }
        rest = rest.substring(0, colon);
      }
      return new Spawner(type, rest, arg);
    }
  }

  public Config {
    enabledRules = Set.copyOf(new TreeSet<>(enabledRules));
    disabledRules = Set.copyOf(new TreeSet<>(disabledRules));
    extraThreadSafeTypes = Set.copyOf(extraThreadSafeTypes);
    extraImmutableTypes = Set.copyOf(extraImmutableTypes);
    extraSpawners = List.copyOf(extraSpawners);
    extraSharedEntryAnnotations = Set.copyOf(extraSharedEntryAnnotations);
    extraCacheSources = Set.copyOf(extraCacheSources);
    extraCopyBarriers = Set.copyOf(extraCopyBarriers);
    java.util.Objects.requireNonNull(minConfidence, "minConfidence");
  }

  public static Config defaults() {
    return new Config(
        Set.of(), Set.of(), Set.of(), Set.of(), List.of(), Set.of(), Set.of(), Set.of(),
        Confidence.DEFAULT_FLOOR, false, false);
  }

  /** Whether rule {@code id} runs under this configuration. */
  public boolean isEnabled(String id) {
    return !disabledRules.contains(id) && (enabledRules.isEmpty() || enabledRules.contains(id));
  }

  /** This config with findings below {@code floor} left out. */
  public Config withMinConfidence(Confidence floor) {
    return new Config(enabledRules, disabledRules, extraThreadSafeTypes, extraImmutableTypes,
        extraSpawners, extraSharedEntryAnnotations, extraCacheSources, extraCopyBarriers,
        floor, includeBundled, includeTests);
  }

  public Config withEnabledRules(Set<String> ids) {
    return new Config(ids, disabledRules, extraThreadSafeTypes, extraImmutableTypes,
        extraSpawners, extraSharedEntryAnnotations, extraCacheSources, extraCopyBarriers,
        minConfidence, includeBundled, includeTests);
  }

  public Config withDisabledRules(Set<String> ids) {
    return new Config(enabledRules, ids, extraThreadSafeTypes, extraImmutableTypes,
        extraSpawners, extraSharedEntryAnnotations, extraCacheSources, extraCopyBarriers,
        minConfidence, includeBundled, includeTests);
  }

  public Config withExtraThreadSafeTypes(Set<String> types) {
    return new Config(enabledRules, disabledRules, types, extraImmutableTypes, extraSpawners,
        extraSharedEntryAnnotations, extraCacheSources, extraCopyBarriers,
        minConfidence, includeBundled, includeTests);
  }

  public Config withExtraImmutableTypes(Set<String> types) {
    return new Config(enabledRules, disabledRules, extraThreadSafeTypes, types, extraSpawners,
        extraSharedEntryAnnotations, extraCacheSources, extraCopyBarriers,
        minConfidence, includeBundled, includeTests);
  }

  public Config withExtraSpawners(List<Spawner> spawners) {
    return new Config(enabledRules, disabledRules, extraThreadSafeTypes, extraImmutableTypes,
        spawners, extraSharedEntryAnnotations, extraCacheSources, extraCopyBarriers,
        minConfidence, includeBundled, includeTests);
  }

  public Config withExtraSharedEntryAnnotations(Set<String> annotations) {
    return new Config(enabledRules, disabledRules, extraThreadSafeTypes, extraImmutableTypes,
        extraSpawners, annotations, extraCacheSources, extraCopyBarriers,
        minConfidence, includeBundled, includeTests);
  }

  public Config withExtraCacheSources(Set<Member> sources) {
    return new Config(enabledRules, disabledRules, extraThreadSafeTypes, extraImmutableTypes,
        extraSpawners, extraSharedEntryAnnotations, sources, extraCopyBarriers,
        minConfidence, includeBundled, includeTests);
  }

  public Config withExtraCopyBarriers(Set<Member> barriers) {
    return new Config(enabledRules, disabledRules, extraThreadSafeTypes, extraImmutableTypes,
        extraSpawners, extraSharedEntryAnnotations, extraCacheSources, barriers,
        minConfidence, includeBundled, includeTests);
  }

  /** This config with findings in bundled copies of other libraries reported or not. */
  public Config withIncludeBundled(boolean include) {
    return new Config(enabledRules, disabledRules, extraThreadSafeTypes, extraImmutableTypes,
        extraSpawners, extraSharedEntryAnnotations, extraCacheSources, extraCopyBarriers,
        minConfidence, include, includeTests);
  }

  /** This config with findings in test and example code reported or not. */
  public Config withIncludeTests(boolean include) {
    return new Config(enabledRules, disabledRules, extraThreadSafeTypes, extraImmutableTypes,
        extraSpawners, extraSharedEntryAnnotations, extraCacheSources, extraCopyBarriers,
        minConfidence, includeBundled, include);
  }
}
