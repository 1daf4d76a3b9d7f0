package dev.shareguard.errorprone;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Asks the JVM that runs {@code javac} not to compile Shareguard's own methods with its optimising
 * compiler (C2), through a compiler directive added at run time, so that users pass no JVM flag.
 *
 * <p>Why: the plugin's engine runs once per {@code javac} run, for about a second, on code the JVM
 * has never seen. Its hottest methods are large (the CFG builder, the thread walk, the dataflow
 * loop, with much inlined into them), and C2 spends seconds of compiler-thread CPU on them, most of
 * it finished too late to pay back within the one run. Left to C1 (the quick compiler, which still
 * compiles them within milliseconds of their getting hot) the run costs less CPU in all. Measured
 * on caffeine's compile in {@code bench/RESULTS.md} (sessions 13 and 16).
 *
 * <p>What it touches: the directive matches only classes under {@code dev/shareguard/}, so javac's
 * and Error Prone's methods, and the JDK's, are compiled exactly as before (a directive applies to
 * the method being compiled; our methods inlined into theirs follow theirs). It lasts as long as
 * the JVM: a build tool that keeps one JVM for many compilations (Maven's in-process javac, a
 * Gradle daemon) keeps Shareguard's code on C1 for all of them, which trades some speed of the
 * engine on later runs for no C2 work at all; {@code -XepOpt:Shareguard:JitDirective=false} leaves
 * the JVM alone. It is added at most once per JVM, whatever the class loader (a system property
 * marks that it was tried), since directives stack up to {@code -XX:CompilerDirectivesLimit}.
 *
 * <p>When it is not added: when the JVM runs without tiered compilation or with C2 as its only
 * compiler (then excluding C2 would leave our code interpreted), with a JVMCI compiler, or when the
 * HotSpot {@code DiagnosticCommand} MBean or its {@code compilerDirectivesAdd} operation is missing
 * (another JVM): then nothing changes and nothing is said, since the directive only saves CPU.
 */
final class JitDirective {
  private JitDirective() {}

  /** The directive: C2 off for every method of every class under {@code dev/shareguard/}. */
  static final String DIRECTIVE = "[{ match: \"dev/shareguard/*.*\", c2: { Exclude: true } }]";

  /** A system property, set once some copy of the plugin has tried to add the directive. */
  static final String TRIED_PROPERTY = "dev.shareguard.jitDirective";

  /** Whether this class loader's copy has been here; saves the system property look-up. */
  private static volatile boolean tried;

  /** Adds the directive unless this JVM already has it or cannot take it; never fails. */
  static void addOnce() {
    if (tried) {
      return;
    }
    tried = true;
    try {
      // Properties is thread-safe: of two class loaders' copies racing here, one wins.
      if (System.getProperties().putIfAbsent(TRIED_PROPERTY, "tried") != null) {
        return;
      }
      if (usesTieredC1AndC2()) {
        add();
      }
    } catch (IOException | JMException | RuntimeException | LinkageError e) {
      // Not HotSpot, no java.management, no temporary file, a security manager: compile as before.
    }
  }

  /**
   * Whether C1 compiles what C2 is kept from: tiered compilation on, its default mode, and no
   * JVMCI compiler in C2's place.
   */
  private static boolean usesTieredC1AndC2() {
    HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
    return "true".equals(option(vm, "TieredCompilation"))
        && "default".equals(option(vm, "CompilationMode"))
        && !"true".equals(option(vm, "UseJVMCICompiler"));
  }

  /** A VM flag's value, or null for a flag this JVM does not have (a build without JVMCI). */
  private static String option(HotSpotDiagnosticMXBean vm, String name) {
    try {
      return vm.getVMOption(name).getValue();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** The diagnostic command reads directives from a file only: one is written and deleted. */
  private static void add() throws IOException, JMException {
    Path file = Files.createTempFile("shareguard-jit", ".json");
    try {
      Files.writeString(file, DIRECTIVE, StandardCharsets.UTF_8);
      MBeanServer server = ManagementFactory.getPlatformMBeanServer();
      server.invoke(
          new ObjectName("com.sun.management:type=DiagnosticCommand"),
          "compilerDirectivesAdd",
          new Object[] {new String[] {file.toString()}},
          new String[] {String[].class.getName()});
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
