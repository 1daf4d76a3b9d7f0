package dev.shareguard.core.config;

import java.util.Set;
import java.util.TreeSet;

/**
 * The one immutable, typed configuration of an analysis. Front ends fill it from their own flags
 * (CLI options, {@code -XepOpt:Shareguard:…}) and hand it to the engine; nothing else configures
 * the engine.
 *
 * @param enabledRules rule ids to run; empty means all
 * @param disabledRules rule ids never to run (wins over {@code enabledRules})
 * @param extraThreadSafeTypes qualified names of user types to treat as thread-safe containers
 * @param extraImmutableTypes qualified names of user types to treat as immutable
 */
public record Config(
    Set<String> enabledRules,
    Set<String> disabledRules,
    Set<String> extraThreadSafeTypes,
    Set<String> extraImmutableTypes) {

  public Config {
    enabledRules = Set.copyOf(new TreeSet<>(enabledRules));
    disabledRules = Set.copyOf(new TreeSet<>(disabledRules));
    extraThreadSafeTypes = Set.copyOf(extraThreadSafeTypes);
    extraImmutableTypes = Set.copyOf(extraImmutableTypes);
  }

  public static Config defaults() {
    return new Config(Set.of(), Set.of(), Set.of(), Set.of());
  }

  /** Whether rule {@code id} runs under this configuration. */
  public boolean isEnabled(String id) {
    return !disabledRules.contains(id) && (enabledRules.isEmpty() || enabledRules.contains(id));
  }

  public Config withEnabledRules(Set<String> ids) {
    return new Config(ids, disabledRules, extraThreadSafeTypes, extraImmutableTypes);
  }

  public Config withDisabledRules(Set<String> ids) {
    return new Config(enabledRules, ids, extraThreadSafeTypes, extraImmutableTypes);
  }
}
