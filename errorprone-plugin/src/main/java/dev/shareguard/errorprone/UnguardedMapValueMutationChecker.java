package dev.shareguard.errorprone;

import static com.google.errorprone.BugPattern.LinkType.NONE;
import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.errorprone.BugPattern;
import com.google.errorprone.ErrorProneFlags;
import dev.shareguard.core.rules.threads.UnguardedMapValueMutation;

/** Reports {@link UnguardedMapValueMutation} findings; see docs/rules/UnguardedMapValueMutation.md. */
@BugPattern(
    name = UnguardedMapValueMutation.ID,
    summary = UnguardedMapValueMutation.SUMMARY,
    severity = WARNING,
    linkType = NONE)
public final class UnguardedMapValueMutationChecker extends ShareguardChecker {
  private static final long serialVersionUID = 1L;

  /** For the service loader, which insists on a no-arg constructor; Error Prone uses the other. */
  public UnguardedMapValueMutationChecker() {
    this(ErrorProneFlags.empty());
  }

  /** Error Prone prefers this one and passes the compilation's {@code -XepOpt} flags. */
  public UnguardedMapValueMutationChecker(ErrorProneFlags flags) {
    super(flags);
  }
}
