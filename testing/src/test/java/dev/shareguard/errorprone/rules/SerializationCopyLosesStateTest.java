package dev.shareguard.errorprone.rules;

import dev.shareguard.core.rules.copies.SerializationCopyLosesState;
import dev.shareguard.testing.RuleTestHelper;
import org.junit.jupiter.api.Test;

/** {@link SerializationCopyLosesState}: deep copies by serialization that drop state. */
class SerializationCopyLosesStateTest {
  /** Just enough of Jackson's and commons-lang3's API for the sources below to compile. */
  private static final String OBJECT_MAPPER =
      """
      package com.fasterxml.jackson.databind;
      public class ObjectMapper {
        public String writeValueAsString(Object o) { return ""; }
        public byte[] writeValueAsBytes(Object o) { return new byte[0]; }
        public <T> T readValue(String s, Class<T> c) { return null; }
        public <T> T readValue(byte[] s, Class<T> c) { return null; }
        public <T> T convertValue(Object o, Class<T> c) { return null; }
      }
      """;

  private static final String SERIALIZATION_UTILS =
      """
      package org.apache.commons.lang3;
      public class SerializationUtils {
        public static <T extends java.io.Serializable> T clone(T o) { return o; }
      }
      """;

  private static RuleTestHelper helper() {
    return RuleTestHelper.rule(SerializationCopyLosesState.ID)
        .source("com/fasterxml/jackson/databind/ObjectMapper.java", OBJECT_MAPPER)
        .source("org/apache/commons/lang3/SerializationUtils.java", SERIALIZATION_UTILS);
  }

  @Test
  void positive_jacksonRoundTripDropsPrivateFieldWithoutGetter() {
    helper()
        .source(
            "com/acme/Quote.java",
            """
            package com.acme;
            import com.fasterxml.jackson.databind.ObjectMapper;
            public class Quote {
              private String symbol;
              private long lastTradeNanos;
              public String getSymbol() { return symbol; }
              public void setSymbol(String s) { symbol = s; }
              public Quote copy(ObjectMapper mapper) throws Exception {
                String json = mapper.writeValueAsString(this);
                // BUG: Diagnostic contains: SerializationCopyLosesState
                return mapper.readValue(json, Quote.class);
              }
            }
            """)
        .check();
  }

  @Test
  void positive_javaSerializationCloneLosesTransientCache() {
    helper()
        .source(
            "com/acme/Report.java",
            """
            package com.acme;
            import java.io.Serializable;
            import java.util.Map;
            import org.apache.commons.lang3.SerializationUtils;
            public class Report implements Serializable {
              private String title;
              private transient Map<String, String> rendered;
              public Report duplicate() {
                // BUG: Diagnostic contains: SerializationCopyLosesState
                return SerializationUtils.clone(this);
              }
            }
            """)
        .check();
  }

  @Test
  void negative_everyFieldCarried() {
    helper()
        .source(
            "com/acme/Point.java",
            """
            package com.acme;
            import com.fasterxml.jackson.databind.ObjectMapper;
            public class Point {
              private int x;
              private int y;
              public int getX() { return x; }
              public int getY() { return y; }
              public void setX(int v) { x = v; }
              public void setY(int v) { y = v; }
              public Point copy(ObjectMapper mapper) throws Exception {
                return mapper.readValue(mapper.writeValueAsString(this), Point.class);
              }
            }
            """)
        .check();
  }

  @Test
  void negative_serializationThatIsNotARoundTrip() {
    helper()
        .source(
            "com/acme/Sender.java",
            """
            package com.acme;
            import com.fasterxml.jackson.databind.ObjectMapper;
            public class Sender {
              private transient Object lock = new Object();
              private String body;
              public String wire(ObjectMapper mapper) throws Exception {
                return mapper.writeValueAsString(this);
              }
            }
            """)
        .check();
  }

  /** Limitation: an ObjectOutputStream/ObjectInputStream round trip is not recognised. */
  @Test
  void limitation_objectStreamRoundTripNotRecognised() {
    helper()
        .source(
            "com/acme/Deep.java",
            """
            package com.acme;
            import java.io.ByteArrayInputStream;
            import java.io.ByteArrayOutputStream;
            import java.io.ObjectInputStream;
            import java.io.ObjectOutputStream;
            import java.io.Serializable;
            public class Deep implements Serializable {
              private transient StringBuilder scratch = new StringBuilder();
              public Deep copy() throws Exception {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                  out.writeObject(this);
                }
                try (ObjectInputStream in =
                    new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                  return (Deep) in.readObject();
                }
              }
            }
            """)
        .check();
  }
}
