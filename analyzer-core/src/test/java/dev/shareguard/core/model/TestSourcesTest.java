package dev.shareguard.core.model;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TestSourcesTest {
  @Test
  void testSourceFoldersOfMavenAndGradle() {
    assertTrue(TestSources.isTestOrExample("/repo/core/src/test/java/com/acme/A.java", "com.acme"));
    assertTrue(TestSources.isTestOrExample("src/testFixtures/java/com/acme/A.java", "com.acme"));
    assertTrue(TestSources.isTestOrExample("m\\src\\it\\java\\com\\acme\\A.java", "com.acme"));
    assertTrue(TestSources.isTestOrExample("src/integrationTest/java/A.java", null));
  }

  @Test
  void testAndExamplePackages() {
    assertTrue(TestSources.isTestOrExample("test/unit/A.java", "test.unit"));
    assertTrue(TestSources.isTestOrExample("x/A.java", "examples"));
    assertTrue(TestSources.isTestOrExample("x/A.java", "demo.chat"));
  }

  @Test
  void mainCodeIsNot() {
    assertFalse(TestSources.isTestOrExample("src/main/java/com/acme/A.java", "com.acme"));
    assertFalse(TestSources.isTestOrExample("com/acme/test/A.java", "com.acme.test"));
    assertFalse(TestSources.isTestOrExample("testing/src/main/java/A.java", "dev.testing"));
    assertFalse(TestSources.isTestOrExample("src/tests-data/A.java", "testdata"));
    assertFalse(TestSources.isTestOrExample(null, null));
  }
}
