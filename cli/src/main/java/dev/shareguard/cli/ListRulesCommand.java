package dev.shareguard.cli;

import dev.shareguard.core.RuleCatalog;
import dev.shareguard.core.rules.RuleInfo;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code shareguard list-rules}: every rule with its pack, default severity and summary. */
@Command(
    name = "list-rules",
    mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    description = "Lists the rules: id, pack, default severity and what each finds.")
final class ListRulesCommand implements Callable<Integer> {
  private final CliEnvironment env;

  ListRulesCommand(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    int width = 0;
    for (RuleInfo r : RuleCatalog.all()) {
      width = Math.max(width, r.id().length());
    }
    for (RuleInfo r : RuleCatalog.all()) {
      env.out()
          .printf(
              Locale.ROOT,
              "%-" + width + "s  %-8s %-8s %s\n",
              r.id(),
              r.pack(),
              r.severity().name().toLowerCase(Locale.ROOT),
              r.summary());
    }
    return ExitCode.OK.code();
  }
}
