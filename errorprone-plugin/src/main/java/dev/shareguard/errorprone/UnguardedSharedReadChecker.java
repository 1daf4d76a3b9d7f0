package dev.shareguard.errorprone;

import static com.google.errorprone.BugPattern.LinkType.NONE;
import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.errorprone.BugPattern;
import com.google.errorprone.ErrorProneFlags;
import dev.shareguard.core.rules.threads.UnguardedSharedRead;

/** Reports {@link UnguardedSharedRead} findings; see docs/rules/UnguardedSharedRead.md. */
@BugPattern(
    name = UnguardedSharedRead.ID,
    summary = UnguardedSharedRead.SUMMARY,
    severity = WARNING,
    linkType = NONE)
public final class UnguardedSharedReadChecker extends ShareguardChecker {
  private static final long serialVersionUID = 1L;

  /** For the service loader, which insists on a no-arg constructor; Error Prone uses the other. */
  public UnguardedSharedReadChecker() {
    this(ErrorProneFlags.empty());
  }

  /** Error Prone prefers this one and passes the compilation's {@code -XepOpt} flags. */
  public UnguardedSharedReadChecker(ErrorProneFlags flags) {
    super(flags);
  }
}
