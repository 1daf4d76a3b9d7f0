package dev.shareguard.core.ir;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DocContractTest {
  private static boolean says(String source) {
    return DocContract.saysNotThreadSafe(source, source.indexOf("@Deprecated public class") >= 0
        ? source.indexOf("@Deprecated public class") : source.indexOf("public class"));
  }

  @Test
  void docCommentRightBeforeTheDeclaration() {
    assertTrue(says("""
        /**
         * A mock you can use in tests. This class is <i> not
         * threadsafe </i>. Use it from one thread.
         */
        public class MockConsumer {}
        """));
    assertTrue(says("/** Not thread-safe. */\n@Deprecated public class A {}"));
    assertTrue(says("/** This class is NOT thread safe!\n */\npublic class A {}"));
    assertTrue(says("/** NOT THREAD-SAFE: use one per request. */\npublic class A {}"));
  }

  @Test
  void otherCommentsAndOtherWords() {
    assertFalse(says("/** This class is thread-safe. */\npublic class A {}"));
    assertFalse(says("/** Not thread-safe. */\nimport x.Y;\npublic class A {}"));
    assertFalse(says("/* not thread-safe */\npublic class A {}"));
    assertFalse(says("/** Not thread-safe. */ /* a plain comment */\npublic class A {}"));
    assertFalse(says("// not thread-safe\npublic class A {}"));
    assertFalse(says("public class A {}"));
    assertFalse(says("/**/\npublic class A {}"));
    assertFalse(says("*/\npublic class A {}"));
  }

  @Test
  void onlyTheLastDocCommentCounts() {
    assertTrue(says("/** A. */ /** Not thread-safe. */\npublic class A {}"));
    assertTrue(says("/* not here */ /** Not thread-safe. */\npublic class A {}"));
    assertFalse(says("/** Not thread-safe. */ /** A. */\npublic class A {}"));
    assertFalse(says("/** Not thread-safe. */ /**/\npublic class A {}"));
  }
}
