package dev.shareguard.cli;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.PatternSyntaxException;

/**
 * The {@code --exclude} globs. A file is left out when a glob matches its path relative to the
 * audited root or relative to the working directory (both with '/' separators), so {@code
 * '**}{@code /generated/**'} and {@code 'src/legacy/**'} both do what they say.
 */
final class Exclusions {
  private final List<PathMatcher> matchers = new ArrayList<>();

  /**
   * @throws UsageException naming the glob when one is not valid glob syntax
   */
  Exclusions(List<String> globs) {
    for (String glob : globs) {
      try {
        matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + glob));
      } catch (IllegalArgumentException e) {
        String why = e instanceof PatternSyntaxException p ? p.getDescription() : e.getMessage();
        throw new UsageException("--exclude '" + glob + "' is not a valid glob: " + why);
      }
    }
  }

  /** Whether a file with these two relative paths is left out. */
  boolean test(String fromRoot, String fromCwd) {
    for (PathMatcher m : matchers) {
      if (m.matches(Path.of(fromRoot)) || m.matches(Path.of(fromCwd))) {
        return true;
      }
    }
    return false;
  }
}
