package dev.shareguard.testing;

import static org.junit.jupiter.api.Assertions.fail;

import dev.shareguard.core.RuleCatalog;
import dev.shareguard.core.finding.Confidence;
import dev.shareguard.core.rules.RuleInfo;
import dev.shareguard.testing.ErrorProneRunner.Diag;
import dev.shareguard.testing.ErrorProneRunner.Result;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs rules over inline sources and checks their findings against markers, Error Prone style: a
 * line {@code // BUG: Diagnostic contains: <text>} expects a finding on the next line that is not
 * itself a marker, whose {@code [RuleId] message} contains {@code <text>}. Every finding without a
 * marker, and every marker without a finding, fails the test; all of them are listed at once.
 *
 * <p>Both front ends run over the same sources and must each match the markers: the Error Prone
 * plugin (javac front end, through a real compilation) and the CLI's JavaParser front end feeding
 * the same engine. So the two cannot drift.
 */
public final class RuleTestHelper {
  /** The marker comment, as in Error Prone's own tests. */
  public static final String MARKER = "// BUG: Diagnostic contains:";

  /**
   * The marker of a finding reported at {@code --min-confidence medium} and not at the default
   * floor (for samples that show a {@code medium} race: {@link #markers(Map, Confidence)}).
   */
  public static final String MEDIUM_MARKER = "// BUG at medium: Diagnostic contains:";

  /**
   * The floor rule tests check at unless they set one: {@code medium}, one level below the
   * product's default floor ({@link Confidence#DEFAULT_FLOOR}, {@code high}). A negative test then
   * proves that what it excludes is gone or {@code low}, not merely below the default floor, and a
   * positive test of a {@code medium} race still sees it. A test of what users see by default sets
   * {@code minConfidence(Confidence.DEFAULT_FLOOR)}.
   */
  public static final Confidence TEST_FLOOR = Confidence.MEDIUM;

  private final Set<String> rules;
  private final Map<String, String> sources = new LinkedHashMap<>();
  private final Map<String, String> library = new LinkedHashMap<>();
  private Confidence floor = TEST_FLOOR;
  private boolean includeBundled;
  private boolean includeTests;

  private RuleTestHelper(Set<String> rules) {
    this.rules = rules;
  }

  /** Checks the findings of rule {@code id} only, as Error Prone's helper checks one checker. */
  public static RuleTestHelper rule(String id) {
    if (RuleCatalog.find(id).isEmpty()) {
      throw new IllegalArgumentException("no rule " + id);
    }
    return new RuleTestHelper(Set.of(id));
  }

  /** Checks the findings of every rule (for samples that mark all their findings). */
  public static RuleTestHelper allRules() {
    Set<String> all = new LinkedHashSet<>();
    RuleCatalog.all().forEach(r -> all.add(r.id()));
    return new RuleTestHelper(all);
  }

  /**
   * Checks the findings at confidence {@code floor} and above instead of {@link #TEST_FLOOR}: lower
   * for tests of findings the engine is less sure of, the default floor for what users see by
   * default (through both front ends).
   */
  public RuleTestHelper minConfidence(Confidence floor) {
    this.floor = floor;
    return this;
  }

  /** Reports findings in bundled (relocated) copies of other libraries too, in both front ends. */
  public RuleTestHelper includeBundled() {
    this.includeBundled = true;
    return this;
  }

  /** Reports findings in test and example code too, in both front ends. */
  public RuleTestHelper includeTests() {
    this.includeTests = true;
    return this;
  }

  /** Adds a source file; {@code path} is relative, like {@code com/acme/Cache.java}. */
  public RuleTestHelper source(String path, String text) {
    sources.put(path, text);
    return this;
  }

  /**
   * Adds a source file of a library the sources depend on, as a jar on the class path: javac
   * compiles it first and knows its types; neither front end analyses it, and the CLI does not see
   * it at all (an audit of a project's tree holds none of its dependencies' sources).
   */
  public RuleTestHelper library(String path, String text) {
    library.put(path, text);
    return this;
  }

  /**
   * Runs both front ends over the sources and fails listing, for each, every unmatched marker and
   * unmarked finding, and every finding (rule, file, line) one front end reports and the other
   * does not. The plugin compiles the sources in one javac invocation and analyses them together;
   * the CLI's JavaParser front end lowers them and the engine analyses them together too.
   */
  public void check() {
    List<String> flags = new ArrayList<>();
    for (RuleInfo r : RuleCatalog.all()) {
      flags.add("-Xep:" + r.id() + (rules.contains(r.id()) ? ":WARN" : ":OFF"));
    }
    flags.add("-XepOpt:Shareguard:MinConfidence=" + floor.word());
    flags.add("-XepOpt:Shareguard:IncludeBundled=" + includeBundled);
    flags.add("-XepOpt:Shareguard:IncludeTests=" + includeTests);
    Result result = ErrorProneRunner.compile(sources, library, flags);
    if (!result.success()) {
      fail("the sources do not compile:" + result);
    }
    List<Diag> javac = result.shareguard();
    List<Diag> javaParser =
        CliAudit.diagnostics(sources, rules, floor, includeBundled, includeTests);
    List<String> report = new ArrayList<>();
    List<String> pluginProblems = problems(sources, javac, floor);
    if (!pluginProblems.isEmpty()) {
      report.add("Error Prone plugin (javac):\n  " + String.join("\n  ", pluginProblems));
    }
    List<String> cliProblems = problems(sources, javaParser, floor);
    if (!cliProblems.isEmpty()) {
      report.add("CLI front end (JavaParser):\n  " + String.join("\n  ", cliProblems));
    }
    List<String> drift = drift(javac, javaParser);
    if (!drift.isEmpty()) {
      report.add("the front ends disagree:\n  " + String.join("\n  ", drift));
    }
    if (!report.isEmpty()) {
      fail(String.join("\n", report) + "\nall javac diagnostics:" + result);
    }
  }

  /**
   * The findings, as {@code rule file:line}, that only one of the two front ends reports: empty
   * when they agree (messages may differ in wording; where they are is what must not).
   */
  static List<String> drift(List<Diag> javac, List<Diag> javaParser) {
    List<String> a = javac.stream().map(RuleTestHelper::where).sorted().toList();
    List<String> b = javaParser.stream().map(RuleTestHelper::where).sorted().toList();
    List<String> out = new ArrayList<>();
    List<String> onlyB = new ArrayList<>(b);
    for (String x : a) {
      if (!onlyB.remove(x)) {
        out.add("only javac: " + x);
      }
    }
    onlyB.forEach(x -> out.add("only JavaParser: " + x));
    return out;
  }

  private static String where(Diag d) {
    return d.check() + " " + d.file() + ":" + d.line();
  }

  /** An expected finding: the file, the line it is expected on, and text its message contains. */
  public record Expected(String file, long line, String text) {}

  /** The markers of {@code sources}, each tied to the line it marks. */
  public static List<Expected> markers(Map<String, String> sources) {
    return markers(sources, Confidence.HIGH);
  }

  /**
   * The markers of {@code sources} whose findings a floor of {@code floor} shows: {@link #MARKER}
   * always, {@link #MEDIUM_MARKER} too at {@code medium} and below.
   */
  public static List<Expected> markers(Map<String, String> sources, Confidence floor) {
    List<String> kinds = floor.compareTo(Confidence.MEDIUM) <= 0
        ? List.of(MARKER, MEDIUM_MARKER) : List.of(MARKER);
    List<Expected> out = new ArrayList<>();
    for (Map.Entry<String, String> e : sources.entrySet()) {
      List<String> lines = e.getValue().lines().toList();
      List<String> pending = new ArrayList<>();
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i).trim();
        String kind = kinds.stream().filter(line::contains).findFirst().orElse(null);
        if (kind != null) {
          pending.add(line.substring(line.indexOf(kind) + kind.length()).trim());
        } else if (line.contains(MEDIUM_MARKER)) {
          continue;
        } else if (!pending.isEmpty()) {
          for (String text : pending) {
            out.add(new Expected(e.getKey(), i + 1, text));
          }
          pending.clear();
        }
      }
    }
    return out;
  }

  /**
   * What does not match between the markers of {@code sources} and {@code findings} (diagnostics
   * whose {@link Diag#file()} is the source's key): empty when every marker has its finding and
   * every finding its marker.
   */
  public static List<String> problems(Map<String, String> sources, List<Diag> findings) {
    return problems(sources, findings, Confidence.HIGH);
  }

  /** Like {@link #problems(Map, List)} for findings at {@code floor} and above. */
  public static List<String> problems(
      Map<String, String> sources, List<Diag> findings, Confidence floor) {
    List<Diag> unmatched = new ArrayList<>(findings);
    List<String> problems = new ArrayList<>();
    for (Expected m : markers(sources, floor)) {
      Diag hit =
          unmatched.stream()
              .filter(d -> m.file().equals(d.file()) && d.line() == m.line())
              .filter(d -> ("[" + d.check() + "] " + d.message()).contains(m.text()))
              .findFirst()
              .orElse(null);
      if (hit == null) {
        problems.add(
            "missing: " + m.file() + ":" + m.line() + " expected a finding containing " + m.text());
      } else {
        unmatched.remove(hit);
      }
    }
    for (Diag d : unmatched) {
      problems.add("unexpected: " + d);
    }
    return problems;
  }
}
