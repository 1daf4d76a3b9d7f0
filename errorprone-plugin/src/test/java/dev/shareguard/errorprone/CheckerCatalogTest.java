package dev.shareguard.errorprone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.errorprone.BugPattern;
import com.google.errorprone.bugpatterns.BugChecker;
import dev.shareguard.core.RuleCatalog;
import dev.shareguard.core.rules.RuleInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every rule of the catalog has a checker named after it whose check name is the rule id (so {@code
 * -Xep:<RuleId>:…} and {@code @SuppressWarnings("<RuleId>")} mean the same rule everywhere),
 * registered for Error Prone's service loader, and declaring no link (a rule's page is linked only
 * under {@code -XepOpt:Shareguard:DocsUrl}; see {@link ShareguardFlagsTest}). Lists every rule that
 * breaks this, not just the first.
 */
class CheckerCatalogTest {
  @Test
  void everyRuleHasARegisteredCheckerNamedAfterIt() throws IOException {
    String services;
    try (InputStream in =
        getClass()
            .getResourceAsStream(
                "/META-INF/services/com.google.errorprone.bugpatterns.BugChecker")) {
      services = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    List<String> problems = new ArrayList<>();
    for (RuleInfo rule : RuleCatalog.all()) {
      String className = "dev.shareguard.errorprone." + rule.id() + "Checker";
      Class<?> checker;
      try {
        checker = Class.forName(className);
      } catch (ClassNotFoundException e) {
        problems.add(rule.id() + ": no class " + className);
        continue;
      }
      if (!ShareguardChecker.class.isAssignableFrom(checker)) {
        problems.add(rule.id() + ": " + className + " is not a ShareguardChecker");
      }
      BugPattern p = checker.getAnnotation(BugPattern.class);
      if (p == null
          || !p.name().equals(rule.id())
          || !p.summary().equals(rule.summary())
          || p.linkType() != BugPattern.LinkType.NONE
          || !p.link().isEmpty()) {
        problems.add(rule.id() + ": @BugPattern does not match the rule's metadata");
      }
      if (!services.lines().map(String::trim).toList().contains(className)) {
        problems.add(rule.id() + ": " + className + " is not in META-INF/services");
      }
    }
    assertEquals(List.of(), problems);
  }

  @Test
  void registeredCheckersAreAllCatalogRules() throws IOException {
    String services;
    try (InputStream in =
        getClass()
            .getResourceAsStream(
                "/META-INF/services/com.google.errorprone.bugpatterns.BugChecker")) {
      services = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    for (String line : services.lines().map(String::trim).filter(l -> !l.isEmpty()).toList()) {
      try {
        Class<?> c = Class.forName(line);
        assertTrue(BugChecker.class.isAssignableFrom(c), line);
        String id = c.getAnnotation(BugPattern.class).name();
        assertTrue(RuleCatalog.find(id).isPresent(), line + " names no rule");
      } catch (ClassNotFoundException e) {
        throw new AssertionError("registered but missing: " + line, e);
      }
    }
  }
}
