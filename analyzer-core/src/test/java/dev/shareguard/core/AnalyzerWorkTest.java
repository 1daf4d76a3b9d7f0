package dev.shareguard.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shareguard.core.config.Config;
import dev.shareguard.core.facts.AnalysisFacts;
import dev.shareguard.core.ir.SourceFile;
import dev.shareguard.core.rules.RuleInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The engine does no work whose findings could not be reported: a pack's facts are computed only
 * when a rule that reads them is enabled, and nothing is analysed when nothing could be reported.
 * Findings are unchanged either way; the rule tests say so for every rule.
 */
class AnalyzerWorkTest {
  /** An empty file of main code: every enabled rule runs over it. */
  private static final SourceFile MAIN = new SourceFile("src/main/java/t/Svc.java", "t", List.of());

  private static final SourceFile TEST =
      new SourceFile("src/test/java/t/SvcTest.java", "t", List.of());

  /** The rules of the packs that read the copy facts. */
  private static Set<String> copyRules() {
    return RuleCatalog.all().stream()
        .filter(r -> r.pack().equals("copies") || r.pack().equals("values"))
        .map(RuleInfo::id)
        .collect(Collectors.toSet());
  }

  /** The facts the rules were given, or none if nothing was analysed. */
  private static List<AnalysisFacts> factsOf(Config config, SourceFile file) {
    List<AnalysisFacts> seen = new ArrayList<>();
    new Analyzer(config).analyze(List.of(file), Set.of(), seen::add);
    return seen;
  }

  @Test
  void copyFactsAreComputedWhenACopiesOrValuesRuleIsOn() {
    List<AnalysisFacts> seen = factsOf(Config.defaults(), MAIN);
    assertEquals(1, seen.size());
    assertTrue(seen.get(0).copiesComputed());
  }

  @Test
  void copyFactsAreNotComputedWhenEveryRuleReadingThemIsOff() {
    assertEquals(7, copyRules().size(), "the copies and values packs' rules: " + copyRules());
    List<AnalysisFacts> seen =
        factsOf(Config.defaults().withDisabledRules(copyRules()), MAIN);
    assertEquals(1, seen.size());
    assertFalse(seen.get(0).copiesComputed());
  }

  @Test
  void nothingIsAnalysedWhenNoRuleIsOn() {
    Set<String> all = RuleCatalog.all().stream().map(RuleInfo::id).collect(Collectors.toSet());
    assertEquals(List.of(), factsOf(Config.defaults().withDisabledRules(all), MAIN));
    assertFalse(Analyzer.mayReport(Config.defaults().withDisabledRules(all), List.of(MAIN.path())));
  }

  @Test
  void nothingIsAnalysedWhenEveryFileIsTestCodeThatIsNotReported() {
    assertEquals(List.of(), factsOf(Config.defaults(), TEST));
    assertFalse(Analyzer.mayReport(Config.defaults(), List.of(TEST.path())));
    assertTrue(Analyzer.mayReport(Config.defaults(), List.of(TEST.path(), MAIN.path())));
  }

  @Test
  void testCodeIsAnalysedWhenItIsReported() {
    assertEquals(1, factsOf(Config.defaults().withIncludeTests(true), TEST).size());
  }
}
