package dev.shareguard.errorprone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/**
 * The directive reaches the JVM this test runs in (a HotSpot JDK with tiered compilation, as the
 * build's), matches Shareguard's classes only, and is added once however often it is asked for.
 */
class JitDirectiveTest {
  @Test
  void addsOneDirectiveForShareguardsClassesOnly() throws Exception {
    JitDirective.addOnce();
    JitDirective.addOnce();
    String printed =
        (String)
            ManagementFactory.getPlatformMBeanServer()
                .invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"),
                    "compilerDirectivesPrint",
                    new Object[] {new String[0]},
                    new String[] {String[].class.getName()});
    assertEquals("tried", System.getProperty(JitDirective.TRIED_PROPERTY));
    // Ours once, above the JVM's default directive ("*.*"), which excludes nothing.
    assertEquals(1, count(printed, "matching: dev/shareguard/*.*"), printed);
    assertEquals(1, count(printed, "Exclude:true"), printed);
  }

  private static int count(String text, String what) {
    int n = 0;
    for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }
}
