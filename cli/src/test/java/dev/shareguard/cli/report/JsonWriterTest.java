package dev.shareguard.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class JsonWriterTest {
  @Test
  void escapesWhatJsonRequiresAndNestsWithTwoSpaces() {
    JsonWriter w = new JsonWriter();
    w.beginObject();
    w.field("s", "q\" b\\ n\n t\t c\u0001 ls\u2028 bad\ud800 ok\ud83d\ude00");
    w.name("empty").beginArray().endArray();
    w.name("list").beginArray().value(1).value(true).value((String) null).endArray();
    w.endObject();
    assertEquals(
        "{\n"
            + "  \"s\": \"q\\\" b\\\\ n\\n t\\t c\\u0001 ls\\u2028 bad\\ud800 ok\ud83d\ude00\",\n"
            + "  \"empty\": [],\n"
            + "  \"list\": [\n"
            + "    1,\n"
            + "    true,\n"
            + "    null\n"
            + "  ]\n"
            + "}\n",
        w.toString());
  }

  @Test
  void sarifUrisEncodeWhatIsNotAPlainPathCharacter() {
    assertEquals("src/a%20b/%C3%A9t%C3%A9.java", SarifReport.uri("src/a b/\u00e9t\u00e9.java"));
    assertEquals("com/acme/C.java", SarifReport.uri("com/acme/C.java"));
  }
}
