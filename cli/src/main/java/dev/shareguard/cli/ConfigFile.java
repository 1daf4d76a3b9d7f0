package dev.shareguard.cli;

import dev.shareguard.core.RuleCatalog;
import dev.shareguard.core.config.Config;
import dev.shareguard.core.finding.Confidence;
import dev.shareguard.core.finding.Severity;
import dev.shareguard.core.rules.RuleInfo;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The {@code --config FILE} format: {@code key = value} lines, {@code #} comments, list values
 * separated by commas; a list key given twice adds to the list. Every mistake fails the run with
 * {@code FILE:LINE:} and the key it is about.
 *
 * <pre>
 * rules = UnguardedSharedWrite, UnguardedSharedRead
 * disable = UnguardedSharedRead
 * thread-safe-types = com.acme.cache.StripedMap
 * immutable-types = com.acme.Money
 * spawners = com.acme.Jobs#runLater, com.acme.Pool#submit:1
 * shared-entry-annotations = com.acme.web.Endpoint
 * cache-sources = com.acme.k8s.PodCache#get, com.acme.k8s.PodCache#byName
 * copy-barriers = com.acme.k8s.Copies#deepCopy
 * severity.UnguardedSharedRead = error
 * min-confidence = high
 * </pre>
 *
 * @param config the engine configuration the file describes, on top of the defaults
 * @param severities per rule, the severity findings are reported at instead of the rule's own
 */
record ConfigFile(Config config, Map<String, Severity> severities) {
  private static final Pattern QUALIFIED =
      Pattern.compile(
          "\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*"
              + "(\\.\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*)*");

  /** The keys, listed in the error for an unknown one; docs/cli.md says what each takes. */
  private static final List<String> KEYS =
      List.of(
          "cache-sources",
          "copy-barriers",
          "disable",
          "immutable-types",
          "min-confidence",
          "rules",
          "severity.RULE",
          "shared-entry-annotations",
          "spawners",
          "thread-safe-types");

  static ConfigFile defaults() {
    return new ConfigFile(Config.defaults(), Map.of());
  }

  /**
   * Reads {@code file}; {@code shown} is how the user named it.
   *
   * @throws UsageException naming the file, line and key of the first mistake
   */
  static ConfigFile read(Path file, String shown) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new UsageException("--config " + shown + ": no such file");
    } catch (CharacterCodingException e) {
      throw new UsageException("--config " + shown + ": not UTF-8 text");
    } catch (IOException e) {
      throw new UsageException("--config " + shown + ": cannot read: " + e.getMessage());
    }
    return parse(lines, shown);
  }

  static ConfigFile parse(List<String> lines, String shown) {
    Set<String> rules = new LinkedHashSet<>();
    Set<String> disable = new LinkedHashSet<>();
    Set<String> threadSafe = new LinkedHashSet<>();
    Set<String> immutable = new LinkedHashSet<>();
    List<Config.Spawner> spawners = new ArrayList<>();
    Confidence floor = Confidence.DEFAULT_FLOOR;
    Set<String> annotations = new LinkedHashSet<>();
    Set<Config.Member> cacheSources = new LinkedHashSet<>();
    Set<Config.Member> copyBarriers = new LinkedHashSet<>();
    Map<String, Severity> severities = new TreeMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String where = shown + ":" + (i + 1) + ": ";
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int eq = line.indexOf('=');
      if (eq < 0) {
        throw new UsageException(where + "expected 'key = value', got '" + line + "'");
      }
      String key = line.substring(0, eq).strip();
      String value = line.substring(eq + 1).strip();
      String at = where + key + ": ";
      List<String> items = items(value, at);
      switch (key) {
        case "rules" -> rules.addAll(ruleIds(items, at));
        case "disable" -> disable.addAll(ruleIds(items, at));
        case "thread-safe-types" -> threadSafe.addAll(names(items, at));
        case "immutable-types" -> immutable.addAll(names(items, at));
        case "shared-entry-annotations" -> annotations.addAll(names(items, at));
        case "min-confidence" -> {
          try {
            floor = Confidence.parse(value);
          } catch (IllegalArgumentException e) {
            throw new UsageException(at + e.getMessage());
          }
        }
        case "cache-sources" -> cacheSources.addAll(members(items, at));
        case "copy-barriers" -> copyBarriers.addAll(members(items, at));
        case "spawners" -> {
          for (String item : items) {
            try {
              spawners.add(Config.Spawner.parse(item));
            } catch (IllegalArgumentException e) {
              throw new UsageException(at + e.getMessage());
            }
          }
        }
        default -> {
          if (!key.startsWith("severity.")) {
            throw new UsageException(
                where + "unknown key '" + key + "'; known keys: " + String.join(", ", KEYS));
          }
          String rule = key.substring("severity.".length());
          ruleIds(List.of(rule), where + key + ": ");
          if (severities.containsKey(rule) || disable.contains(rule) && !"off".equals(value)) {
            throw new UsageException(at + "given twice");
          }
          if (value.equalsIgnoreCase("off")) {
            disable.add(rule);
          } else {
            severities.put(rule, severity(value, at));
          }
        }
      }
    }
    Config config =
        Config.defaults()
            .withEnabledRules(rules)
            .withDisabledRules(disable)
            .withExtraThreadSafeTypes(threadSafe)
            .withExtraImmutableTypes(immutable)
            .withExtraSpawners(spawners)
            .withExtraSharedEntryAnnotations(annotations)
            .withExtraCacheSources(cacheSources)
            .withExtraCopyBarriers(copyBarriers)
            .withMinConfidence(floor);
    return new ConfigFile(config, severities);
  }

  private static List<Config.Member> members(List<String> items, String at) {
    if (items.isEmpty()) {
      throw new UsageException(at + "no value (expected members like com.acme.PodCache#get)");
    }
    List<Config.Member> out = new ArrayList<>();
    for (String item : items) {
      try {
        out.add(Config.Member.parse(item));
      } catch (IllegalArgumentException e) {
        throw new UsageException(at + e.getMessage());
      }
    }
    return out;
  }

  /**
   * The comma-separated items of {@code value}. An empty item ({@code a,,b} or a trailing comma) is
   * an error, with the same words as the Error Prone plugin's {@code -XepOpt:Shareguard:…} flags,
   * so one list means the same in both places.
   */
  private static List<String> items(String value, String at) {
    List<String> items = new ArrayList<>();
    if (value.isEmpty()) {
      return items;
    }
    for (String item : value.split(",", -1)) {
      String text = item.strip();
      if (text.isEmpty()) {
        throw new UsageException(at + "empty item in '" + value + "'");
      }
      items.add(text);
    }
    return items;
  }

  private static Severity severity(String value, String at) {
    for (Severity s : Severity.values()) {
      if (s.name().equalsIgnoreCase(value)) {
        return s;
      }
    }
    throw new UsageException(at + "'" + value + "' is not error, warning, note or off");
  }

  private static List<String> names(List<String> items, String at) {
    if (items.isEmpty()) {
      throw new UsageException(at + "no value (expected qualified names, comma-separated)");
    }
    for (String item : items) {
      if (!QUALIFIED.matcher(item).matches()) {
        throw new UsageException(at + "'" + item + "' is not a qualified name like com.acme.Type");
      }
    }
    return items;
  }

  /**
   * Checks rule ids against the catalog.
   *
   * @throws UsageException with {@code at} and the known ids for an unknown one
   */
  static List<String> ruleIds(List<String> items, String at) {
    for (String id : items) {
      Optional<RuleInfo> rule = RuleCatalog.find(id);
      if (rule.isEmpty()) {
        throw new UsageException(at + unknownRule(id));
      }
    }
    return items;
  }

  /** The message for an unknown rule id, listing the known ones. */
  static String unknownRule(String id) {
    List<String> known = RuleCatalog.all().stream().map(RuleInfo::id).toList();
    return "unknown rule '" + id + "' (known rules: " + String.join(", ", known) + ")";
  }

  /** The severity findings of {@code rule} are reported at. */
  Severity severityOf(RuleInfo rule) {
    return severities.getOrDefault(rule.id(), rule.severity());
  }
}
