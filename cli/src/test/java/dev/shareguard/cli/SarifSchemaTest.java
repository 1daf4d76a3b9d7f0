package dev.shareguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SARIF report validates against the SARIF 2.1.0 JSON schema (see
 * src/test/resources/sarif/README.md), with findings, related locations, rule metadata and
 * skipped-file notifications all present.
 */
class SarifSchemaTest {
  @TempDir Path dir;

  private static JsonSchema schema() throws IOException {
    try (InputStream in =
        SarifSchemaTest.class.getResourceAsStream("/sarif/sarif-2.1.0-rtm.5.json")) {
      JsonNode node = new ObjectMapper().readTree(in);
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(node);
    }
  }

  @Test
  void sarifOfARealAuditValidates() throws IOException {
    Path p = dir.resolve("src/com/acme/Registry.java");
    Files.createDirectories(p.getParent());
    Files.writeString(
        p,
        """
        package com.acme;

        import java.util.HashMap;
        import java.util.Map;
        import java.util.concurrent.ExecutorService;
        import java.util.concurrent.Executors;

        class Registry {
          private final Map<String, Long> totals = new HashMap<>();
          private final ExecutorService pool = Executors.newFixedThreadPool(4);

          public void record(String key, long n) {
            pool.execute(() -> totals.merge(key, n, Long::sum));
          }

          public long total(String key) {
            return totals.getOrDefault(key, 0L);
          }
        }
        """,
        StandardCharsets.UTF_8);
    Files.writeString(
        dir.resolve("src/com/acme/Broken.java"), "class Broken {", StandardCharsets.UTF_8);
    Files.writeString(
        dir.resolve("src/com/acme/Spaces in name.java"), "class X {}", StandardCharsets.UTF_8);
    CliRun r = CliRun.run(dir, null, "audit", "--format", "sarif", "src");
    assertEquals(1, r.exitCode(), r.err());
    JsonNode sarif = new ObjectMapper().readTree(r.out());
    Set<ValidationMessage> errors = schema().validate(sarif);
    assertTrue(errors.isEmpty(), errors.toString());

    JsonNode run = sarif.get("runs").get(0);
    assertFalse(run.get("results").isEmpty());
    for (JsonNode result : run.get("results")) {
      assertTrue(result.get("relatedLocations").size() >= 1, result.toString());
      assertTrue(
          result.get("partialFingerprints").get("shareguard/v1").asText().matches("[0-9a-f]{16}"));
      String ruleId = result.get("ruleId").asText();
      JsonNode rule =
          run.get("tool").get("driver").get("rules").get(result.get("ruleIndex").asInt());
      assertEquals(ruleId, rule.get("id").asText());
    }
    assertEquals(1, run.get("invocations").get(0).get("toolExecutionNotifications").size());
  }

  /**
   * A suggested fix becomes a SARIF {@code fix}: one replacement of the {@code if} statement's
   * exact region (end column one past its closing brace) by the atomic call; JSON carries the same
   * edit.
   */
  @Test
  void aSuggestedFixValidatesAndReplacesTheWholeStatement() throws IOException {
    Files.writeString(
        dir.resolve("Sessions.java"),
        """
        import java.util.Map;
        import java.util.concurrent.ConcurrentHashMap;
        import java.util.concurrent.ExecutorService;
        class Sessions {
          private final Map<String, Integer> seen = new ConcurrentHashMap<>();
          public void start(ExecutorService pool) {
            pool.execute(() -> seen.clear());
          }
          public void open(String id) {
            if (!seen.containsKey(id)) {
              seen.put(id, 0);
            }
          }
        }
        """,
        StandardCharsets.UTF_8);
    CliRun r = CliRun.run(dir, null, "audit", "--format", "sarif", ".");
    JsonNode sarif = new ObjectMapper().readTree(r.out());
    Set<ValidationMessage> errors = schema().validate(sarif);
    assertTrue(errors.isEmpty(), errors.toString());
    JsonNode fixes = sarif.get("runs").get(0).get("results").get(0).get("fixes");
    assertEquals(1, fixes.size(), sarif.toString());
    JsonNode change = fixes.get(0).get("artifactChanges").get(0);
    assertEquals("Sessions.java", change.get("artifactLocation").get("uri").asText());
    JsonNode replacement = change.get("replacements").get(0);
    assertEquals(
        "{\"startLine\":10,\"startColumn\":5,\"endLine\":12,\"endColumn\":6}",
        replacement.get("deletedRegion").toString());
    assertEquals(
        "seen.putIfAbsent(id, 0);", replacement.get("insertedContent").get("text").asText());

    JsonNode json =
        new ObjectMapper()
            .readTree(CliRun.run(dir, null, "audit", "--format", "json", ".").out())
            .get("findings")
            .get(0)
            .get("fixes")
            .get(0)
            .get("edits")
            .get(0);
    assertEquals(10, json.get("startLine").asInt());
    assertEquals(6, json.get("endColumn").asInt());
    assertEquals("seen.putIfAbsent(id, 0);", json.get("replacement").asText());
  }

  @Test
  void anEmptySarifValidates() throws IOException {
    Files.writeString(dir.resolve("A.java"), "class A {}\n", StandardCharsets.UTF_8);
    CliRun r = CliRun.run(dir, null, "audit", "--format", "sarif", ".");
    assertEquals(0, r.exitCode(), r.err());
    Set<ValidationMessage> errors = schema().validate(new ObjectMapper().readTree(r.out()));
    assertTrue(errors.isEmpty(), errors.toString());
  }

  @Test
  void theSchemaCatchesAnInvalidDocument() throws IOException {
    JsonNode bad =
        new ObjectMapper().readTree("{\"version\": \"2.1.0\", \"runs\": [{\"results\": []}]}");
    assertFalse(schema().validate(bad).isEmpty(), "a run without a tool must be rejected");
  }
}
