package dev.shareguard.errorprone.rules;

import dev.shareguard.core.rules.values.LostMapValueUpdate;
import dev.shareguard.testing.RuleTestHelper;
import org.junit.jupiter.api.Test;

/** {@link LostMapValueUpdate}: changed copies of map-held values that never go back. */
class LostMapValueUpdateTest {
  private static final String ITEM =
      """
      package com.acme;
      public class Item {
        private String sku;
        private int qty;
        public Item(String sku, int qty) { this.sku = sku; this.qty = qty; }
        public Item(Item other) { this(other.sku, other.qty); }
        public int getQty() { return qty; }
        public void setQty(int q) { qty = q; }
      }
      """;

  private static RuleTestHelper helper() {
    return RuleTestHelper.rule(LostMapValueUpdate.ID).source("com/acme/Item.java", ITEM);
  }

  @Test
  void positive_copyChangedAndDropped() {
    helper()
        .source(
            "com/acme/Stock.java",
            """
            package com.acme;
            import java.util.HashMap;
            import java.util.Map;
            public class Stock {
              private final Map<String, Item> items = new HashMap<>();
              public void take(String sku) {
                // BUG: Diagnostic contains: LostMapValueUpdate
                Item copy = new Item(items.get(sku));
                copy.setQty(copy.getQty() - 1);
              }
            }
            """)
        .check();
  }

  @Test
  void positive_recordWitherResultDropped() {
    helper()
        .source(
            "com/acme/Limits.java",
            """
            package com.acme;
            import java.util.Map;
            import java.util.concurrent.ConcurrentHashMap;
            public class Limits {
              public record Limit(String name, int max) {
                public Limit withMax(int m) { return new Limit(name, m); }
              }
              private final Map<String, Limit> limits = new ConcurrentHashMap<>();
              public void raise(String name) {
                Limit l = limits.get(name);
                // BUG: Diagnostic contains: LostMapValueUpdate
                l.withMax(l.max() + 10);
              }
            }
            """)
        .check();
  }

  /**
   * A wither's result chosen by a conditional and passed on ({@code b.add(c ? l.withMax(…) : l)})
   * is used, not dropped: the conditional's value is each branch's.
   */
  @Test
  void negative_witherResultPassedOnThroughAConditional_positive_dropped() {
    String code =
        """
        package com.acme;
        import java.util.ArrayList;
        import java.util.List;
        public class Limits {
          public record Limit(String name, int max) {
            public Limit withMax(int m) { return new Limit(name, m); }
          }
          private final List<Limit> limits = new ArrayList<>();
          public List<Limit> doubled() {
            List<Limit> out = new ArrayList<>();
            for (Limit l : limits) {
        %s    }
            return out;
          }
        }
        """;
    helper()
        .source("com/acme/Limits.java",
            code.formatted("      out.add(l.max() > 0 ? l.withMax(l.max() * 2) : l);\n"))
        .check();
    helper()
        .source("com/acme/Limits.java",
            code.formatted("      // BUG: Diagnostic contains: LostMapValueUpdate\n"
                + "      l.withMax(l.max() * 2);\n"))
        .check();
  }

  @Test
  void positive_setValueOnEntriesOfACopy() {
    helper()
        .source(
            "com/acme/Prices.java",
            """
            package com.acme;
            import java.util.HashMap;
            import java.util.Map;
            public class Prices {
              private final Map<String, Long> cents = new HashMap<>();
              public void inflate() {
                for (Map.Entry<String, Long> e : new HashMap<>(cents).entrySet()) {
                  // BUG: Diagnostic contains: LostMapValueUpdate
                  e.setValue(e.getValue() * 2);
                }
              }
            }
            """)
        .check();
  }

  @Test
  void negative_copyWrittenBack() {
    helper()
        .source(
            "com/acme/Stock.java",
            """
            package com.acme;
            import java.util.HashMap;
            import java.util.Map;
            public class Stock {
              private final Map<String, Item> items = new HashMap<>();
              public void take(String sku) {
                Item copy = new Item(items.get(sku));
                copy.setQty(copy.getQty() - 1);
                items.put(sku, copy);
              }
            }
            """)
        .check();
  }

  @Test
  void negative_copyReturnedToTheCallerWhoOwnsIt() {
    helper()
        .source(
            "com/acme/Stock.java",
            """
            package com.acme;
            import java.util.HashMap;
            import java.util.Map;
            public class Stock {
              private final Map<String, Item> items = new HashMap<>();
              public Item preview(String sku, int qty) {
                Item copy = new Item(items.get(sku));
                copy.setQty(qty);
                return copy;
              }
            }
            """)
        .check();
  }

  @Test
  void regression_witherResultKeptInTheSameLocalAndStored() {
    helper()
        .source(
            "com/acme/Props.java",
            """
            package com.acme;
            import java.util.ArrayList;
            import java.util.List;
            public class Props {
              public record Prop(String name, String deser) {
                public Prop withDeser(String d) { return new Prop(name, d); }
              }
              public List<Prop> resolve(List<Prop> src) {
                List<Prop> out = new ArrayList<>();
                for (int i = 0; i < src.size(); i++) {
                  Prop p = src.get(i);
                  if (p.deser() == null) {
                    p = p.withDeser("default");
                  }
                  out.add(p);
                }
                return out;
              }
            }
            """)
        .check();
  }

  @Test
  void negative_setValueOnTheMapsOwnEntries() {
    helper()
        .source(
            "com/acme/Prices.java",
            """
            package com.acme;
            import java.util.HashMap;
            import java.util.Map;
            public class Prices {
              private final Map<String, Long> cents = new HashMap<>();
              public void inflate() {
                for (Map.Entry<String, Long> e : cents.entrySet()) {
                  e.setValue(e.getValue() * 2);
                }
              }
            }
            """)
        .check();
  }

  /** Limitation: a copy passed to any method counts as passed on, even to a logger. */
  @Test
  void limitation_copyPassedToALoggerCountsAsPassedOn() {
    helper()
        .source(
            "com/acme/Stock.java",
            """
            package com.acme;
            import java.util.HashMap;
            import java.util.Map;
            public class Stock {
              private final Map<String, Item> items = new HashMap<>();
              public void take(String sku) {
                Item copy = new Item(items.get(sku));
                copy.setQty(copy.getQty() - 1);
                System.out.println(copy);
              }
            }
            """)
        .check();
  }

  /**
   * A fluent {@code with…} method that sets a field and returns {@code this} (a mutable builder's
   * setter) changes the map-held object itself: there is no copy to lose. (Blind round 13: a
   * schema reader's builders filled in place were reported as lost copies.)
   */
  @Test
  void negative_fluentWitherReturningThisChangesTheHeldObject() {
    helper()
        .source(
            "com/acme/Schemas.java",
            """
            package com.acme;
            import java.util.HashMap;
            import java.util.Map;
            public class Schemas {
              public static class Builder {
                private String doc;
                public Builder withDoc(String d) {
                  this.doc = d;
                  return this;
                }
              }
              public Map<String, Builder> read(String name, String doc) {
                Map<String, Builder> builders = new HashMap<>();
                Builder b = builders.computeIfAbsent(name, n -> new Builder());
                b.withDoc(doc);
                return builders;
              }
            }
            """)
        .check();
  }
}
