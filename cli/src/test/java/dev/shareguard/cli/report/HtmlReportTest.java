package dev.shareguard.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shareguard.cli.Audit;
import dev.shareguard.core.RuleCatalog;
import dev.shareguard.core.finding.Finding;
import dev.shareguard.core.finding.Location;
import dev.shareguard.core.finding.RelatedLocation;
import dev.shareguard.core.finding.Severity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTML report: self-contained, escaped, with summaries and the code of both accesses. */
class HtmlReportTest {
  @TempDir Path dir;

  private static final String SOURCE =
      """
      package com.acme;

      class Cache<K> {
        java.util.Map<K, String> map = new java.util.HashMap<>();

        void put(K k) {
          map.put(k, "<b>&</b>"); // write
        }

        String get(K k) {
          return map.get(k);
        }
      }
      """;

  private Audit.Result result() throws IOException {
    Path p = dir.resolve("src/main/java/com/acme/Cache.java");
    Files.createDirectories(p.getParent());
    Files.writeString(p, SOURCE, StandardCharsets.UTF_8);
    String path = "src/main/java/com/acme/Cache.java";
    Finding write =
        new Finding(
            "UnguardedSharedWrite",
            Severity.WARNING,
            new Location(path, 7, 5),
            "k",
            "`map.put(…)` writes `map` <unsafe> & more",
            List.of(new RelatedLocation(new Location(path, 11, 12), "the other access (reads)")));
    Finding read =
        new Finding(
            "UnguardedSharedRead",
            Severity.ERROR,
            new Location("Other.java", 1, 1),
            "k",
            "read",
            List.of());
    return new Audit.Result(
        dir,
        List.of(read, write),
        List.of("00000000000000aa", "00000000000000bb"),
        List.of(new dev.shareguard.cli.FileProblem("Bad.java", 3, "cannot parse <x>")),
        3,
        40,
        0.1,
        2);
  }

  private String html() throws IOException {
    return Report.Format.HTML.create().render(result(), RuleCatalog.all());
  }

  @Test
  void isOneSelfContainedPage() throws IOException {
    String h = html();
    assertTrue(h.startsWith("<!DOCTYPE html>\n"));
    assertTrue(h.endsWith("</html>\n"));
    assertFalse(h.contains("<script"), "no script");
    assertFalse(h.contains("<link"), "no external style sheet");
    assertFalse(h.contains("src="), "nothing fetched");
    assertFalse(h.contains("href="), "no link without --docs-url: " + h);
    String linked =
        Report.Format.HTML
            .create(new Report.Settings(false, "https://git.acme.test/tools/shareguard/"))
            .render(result(), RuleCatalog.all());
    Matcher links = Pattern.compile("href=\"([^\"]*)\"").matcher(linked);
    int n = 0;
    while (links.find()) {
      assertTrue(
          links.group(1).startsWith("https://git.acme.test/tools/shareguard/docs/rules/"),
          links.group(1));
      n++;
    }
    assertTrue(n > 0, linked);
  }

  @Test
  void summarisesByRuleAndPackageWithTotals() throws IOException {
    String h = html();
    assertTrue(
        h.contains(
            "3 files, 40 lines, 2 findings (2 more accepted in the baseline), 1 file skipped"),
        h);
    assertTrue(h.contains("<h2>By rule</h2>"));
    assertTrue(h.contains("<tr><td>UnguardedSharedWrite</td><td class=\"n\">1<"), h);
    assertTrue(h.contains("<tr><td>com.acme</td><td class=\"n\">1</td></tr>"), h);
    assertTrue(h.contains("<tr><td>(default package)</td><td class=\"n\">1</td></tr>"), h);
  }

  @Test
  void showsTheCodeOfBothAccessesEscapedAndHighlighted() throws IOException {
    String h = html();
    assertTrue(
        h.contains(
            "<span class=\"l hit\"><i>7</i>    map.put(k, <span"
                + " class=\"s\">&quot;&lt;b&gt;&amp;&lt;/b&gt;&quot;</span>); <span class=\"c\">//"
                + " write</span></span>"),
        h);
    assertTrue(
        h.contains(
            "<span class=\"l hit\"><i>11</i>    <span class=\"k\">return</span>"
                + " map.get(k);</span>"),
        h);
    assertTrue(h.contains("<span class=\"l\"><i>5</i></span>"), "two lines of context: " + h);
    assertTrue(
        h.contains("<code>map.put(…)</code> writes <code>map</code> &lt;unsafe&gt; &amp; more"), h);
    assertTrue(h.contains("<td>cannot parse &lt;x&gt;</td>"), h);
    assertTrue(h.contains("class=\"finding error\" id=\"f-00000000000000aa\""), h);
  }

  @Test
  void packagesComeFromTheSourceFolderLayout() {
    assertEquals("com.acme", HtmlReport.packageOf("svc/src/main/java/com/acme/A.java"));
    assertEquals("com.acme", HtmlReport.packageOf("src/test/java/com/acme/A.java"));
    assertEquals("lib.x", HtmlReport.packageOf("lib/x/A.java"));
    assertEquals("(default package)", HtmlReport.packageOf("A.java"));
  }
}
