package dev.shareguard.errorprone;

import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.ErrorProneOptions;
import com.google.errorprone.InvalidCommandLineOptionException;
import dev.shareguard.core.RuleCatalog;
import dev.shareguard.core.config.Config;
import dev.shareguard.core.finding.Confidence;
import dev.shareguard.core.rules.RuleInfo;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads the {@code -XepOpt:Shareguard:<Name>=<value>} flags into the engine's one typed {@link
 * Config}, the same config the CLI fills from its options. Every value but a switch is a
 * comma-separated list:
 *
 * <ul>
 *   <li>{@value #THREAD_SAFE_TYPES}: qualified names of types to treat as thread-safe containers;
 *   <li>{@value #IMMUTABLE_TYPES}: qualified names of types to treat as immutable;
 *   <li>{@value #SPAWNERS}: methods that run an argument on another thread, as {@code
 *       pkg.Type#method} or {@code pkg.Type#method:N} (argument index, default 0);
 *   <li>{@value #SHARED_ENTRY_ANNOTATIONS}: qualified names of annotations marking a class whose
 *       public methods many threads call at once;
 *   <li>{@value #CACHE_SOURCES}: members ({@code pkg.Type#member}) that hand out objects shared
 *       through a Kubernetes informer cache: a cache wrapper's getter, or its storage field;
 *   <li>{@value #COPY_BARRIERS}: methods ({@code pkg.Type#method}) that return a deep copy;
 *   <li>{@value #INCLUDE_BUNDLED}: {@code true} to report findings in bundled (relocated) copies
 *       of other libraries too, as the CLI's {@code --include-bundled};
 *   <li>{@value #INCLUDE_TESTS}: {@code true} to report findings in test and example code too, as
 *       the CLI's {@code --include-tests}.
 * </ul>
 *
 * <p>Rules are switched on and off with Error Prone's own {@code -Xep:<Rule>:OFF|WARN|ERROR}, not
 * here. A flag under {@code Shareguard:} that is not one of these, or a value that does not parse,
 * fails the compilation with a message naming the flag: a mistyped option silently ignored would
 * leave the user believing the analysis is configured when it is not.
 */
final class ShareguardFlags {
  static final String PREFIX = "Shareguard:";
  static final String THREAD_SAFE_TYPES = "Shareguard:ThreadSafeTypes";
  static final String IMMUTABLE_TYPES = "Shareguard:ImmutableTypes";
  static final String SPAWNERS = "Shareguard:Spawners";
  static final String SHARED_ENTRY_ANNOTATIONS = "Shareguard:SharedEntryAnnotations";
  static final String MIN_CONFIDENCE = "Shareguard:MinConfidence";
  static final String INCLUDE_BUNDLED = "Shareguard:IncludeBundled";
  static final String INCLUDE_TESTS = "Shareguard:IncludeTests";
  static final String CACHE_SOURCES = "Shareguard:CacheSources";
  static final String COPY_BARRIERS = "Shareguard:CopyBarriers";

  /**
   * Where the Shareguard repository's files are published: a rule's diagnostic then links to its
   * page there ({@code <url>docs/rules/<Rule>.md}). There is no default, since no URL is known to
   * hold them for every user; without it diagnostics carry no link. The CLI's {@code --docs-url}.
   */
  static final String DOCS_URL = "Shareguard:DocsUrl";

  private static final Set<String> KNOWN =
      new TreeSet<>(
          List.of(
              THREAD_SAFE_TYPES, IMMUTABLE_TYPES, SPAWNERS, SHARED_ENTRY_ANNOTATIONS,
              MIN_CONFIDENCE, CACHE_SOURCES, COPY_BARRIERS, DOCS_URL, INCLUDE_BUNDLED,
              INCLUDE_TESTS));

  /**
   * A qualified name: dot-separated Java identifiers (nested types with {@code $} or {@code .}).
   */
  private static final Pattern QUALIFIED_NAME =
      Pattern.compile(
          "\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*"
              + "(\\.\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*)*");

  private ShareguardFlags() {}

  /**
   * The config {@code flags} describe, on top of {@link Config#defaults()}.
   *
   * @throws InvalidCommandLineOptionException naming the first bad flag
   */
  static Config toConfig(ErrorProneFlags flags) {
    Map<String, String> all = flags.getFlagsMap();
    for (String name : new TreeSet<>(all.keySet())) {
      if (name.startsWith(PREFIX) && !KNOWN.contains(name)) {
        throw invalid(
            name,
            "unknown option; the Shareguard options are "
                + String.join(", ", KNOWN.stream().map(k -> "-XepOpt:" + k).toList()));
      }
    }
    List<Config.Spawner> spawners = new ArrayList<>();
    for (String text : items(all, SPAWNERS)) {
      try {
        spawners.add(Config.Spawner.parse(text));
      } catch (IllegalArgumentException e) {
        throw invalid(SPAWNERS, e.getMessage());
      }
    }
    Confidence floor = Confidence.DEFAULT_FLOOR;
    String floorText = all.get(MIN_CONFIDENCE);
    if (floorText != null) {
      try {
        floor = Confidence.parse(floorText);
      } catch (IllegalArgumentException e) {
        throw invalid(MIN_CONFIDENCE, e.getMessage());
      }
    }
    String bundled = all.get(INCLUDE_BUNDLED);
    if (bundled != null && !bundled.equals("true") && !bundled.equals("false")) {
      throw invalid(INCLUDE_BUNDLED, "'" + bundled + "' is neither true nor false");
    }
    String tests = all.get(INCLUDE_TESTS);
    if (tests != null && !tests.equals("true") && !tests.equals("false")) {
      throw invalid(INCLUDE_TESTS, "'" + tests + "' is neither true nor false");
    }
    return Config.defaults()
        .withIncludeBundled("true".equals(bundled))
        .withIncludeTests("true".equals(tests))
        .withMinConfidence(floor)
        .withExtraThreadSafeTypes(names(all, THREAD_SAFE_TYPES))
        .withExtraImmutableTypes(names(all, IMMUTABLE_TYPES))
        .withExtraSpawners(spawners)
        .withExtraSharedEntryAnnotations(names(all, SHARED_ENTRY_ANNOTATIONS))
        .withExtraCacheSources(members(all, CACHE_SOURCES))
        .withExtraCopyBarriers(members(all, COPY_BARRIERS));
  }

  /**
   * The {@link #DOCS_URL} flag ending in '/', or null when it is not given.
   *
   * @throws InvalidCommandLineOptionException when it is not an absolute URL
   */
  static String docsUrl(ErrorProneFlags flags) {
    String url = flags.getFlagsMap().get(DOCS_URL);
    if (url == null || url.isBlank()) {
      return null;
    }
    try {
      if (!new java.net.URI(url.strip()).isAbsolute()) {
        throw invalid(DOCS_URL, "'" + url + "' is not an absolute URL");
      }
    } catch (java.net.URISyntaxException e) {
      throw invalid(DOCS_URL, "'" + url + "' is not a URL: " + e.getReason());
    }
    return url.strip().endsWith("/") ? url.strip() : url.strip() + "/";
  }

  /**
   * {@code config} with the rules Error Prone has switched off for this compilation disabled, so
   * that the engine does not compute what no checker will report (the copy facts, when every
   * copies and values rule is off). A rule is off when {@code -Xep:<Rule>:OFF} says so, or when
   * {@code -XepDisableAllChecks} or {@code -XepDisableAllWarnings} (every Shareguard check is a
   * warning) is given and no {@code -Xep:<Rule>:…} turns it back on: Error Prone's own order. Any
   * other way Error Prone leaves a checker out ({@code -XepPatchChecks}) only costs the work.
   */
  static Config withRulesSwitchedOff(Config config, ErrorProneOptions options) {
    if (options == null) {
      return config;
    }
    Map<String, ErrorProneOptions.Severity> set = options.getSeverityMap();
    boolean allOff = options.isDisableAllChecks() || options.isDisableAllWarnings();
    Set<String> off = new TreeSet<>(config.disabledRules());
    for (RuleInfo rule : RuleCatalog.all()) {
      ErrorProneOptions.Severity severity = set.get(rule.id());
      if (severity == null ? allOff : severity == ErrorProneOptions.Severity.OFF) {
        off.add(rule.id());
      }
    }
    return off.equals(config.disabledRules()) ? config : config.withDisabledRules(off);
  }

  private static Set<Config.Member> members(Map<String, String> all, String flag) {
    Set<Config.Member> out = new LinkedHashSet<>();
    for (String text : items(all, flag)) {
      try {
        out.add(Config.Member.parse(text));
      } catch (IllegalArgumentException e) {
        throw invalid(flag, e.getMessage());
      }
    }
    return out;
  }

  private static Set<String> names(Map<String, String> all, String flag) {
    Set<String> names = new LinkedHashSet<>();
    for (String text : items(all, flag)) {
      if (!QUALIFIED_NAME.matcher(text).matches()) {
        throw invalid(flag, "'" + text + "' is not a qualified name like com.acme.Registry");
      }
      names.add(text);
    }
    return names;
  }

  /** The comma-separated items of {@code flag}; an empty item (as in {@code a,,b}) is an error. */
  private static List<String> items(Map<String, String> all, String flag) {
    String value = all.get(flag);
    if (value == null || value.isBlank()) {
      return List.of();
    }
    List<String> items = new ArrayList<>();
    for (String item : value.split(",", -1)) {
      String text = item.trim();
      if (text.isEmpty()) {
        throw invalid(flag, "empty item in '" + value + "'");
      }
      items.add(text);
    }
    return items;
  }

  private static InvalidCommandLineOptionException invalid(String flag, String why) {
    return new InvalidCommandLineOptionException("-XepOpt:" + flag + ": " + why);
  }
}
