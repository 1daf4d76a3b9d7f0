package dev.shareguard.cli;

import dev.shareguard.core.RuleCatalog;
import dev.shareguard.core.rules.RuleInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code shareguard explain RULE}: the rule's page (the problem, an example, why it matters, the
 * fix, known limitations, suppression), as shipped in the jar from {@code docs/rules}.
 */
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    description = "Shows what a rule finds, why it matters and how to fix it.")
final class ExplainCommand implements Callable<Integer> {
  private final CliEnvironment env;

  @Parameters(paramLabel = "RULE", description = "A rule id, as list-rules shows it.")
  private String rule;

  ExplainCommand(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public Integer call() throws IOException {
    RuleInfo info = null;
    for (RuleInfo r : RuleCatalog.all()) {
      if (r.id().equalsIgnoreCase(rule)) {
        info = r;
      }
    }
    if (info == null) {
      throw new UsageException(ConfigFile.unknownRule(rule));
    }
    env.out()
        .printf(
            Locale.ROOT,
            "%s (pack %s, default severity %s)%n%s%n%n",
            info.id(),
            info.pack(),
            info.severity().name().toLowerCase(Locale.ROOT),
            info.summary());
    try (InputStream in =
        ExplainCommand.class.getResourceAsStream("/shareguard/rules/" + info.id() + ".md")) {
      if (in == null) {
        env.out().println("Documentation: " + info.docPath());
      } else {
        env.out().print(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    env.out().flush();
    return ExitCode.OK.code();
  }
}
