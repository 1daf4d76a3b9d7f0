package dev.shareguard.errorprone;

import static com.google.errorprone.BugPattern.LinkType.NONE;
import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.errorprone.BugPattern;
import com.google.errorprone.ErrorProneFlags;
import dev.shareguard.core.rules.threads.UnguardedSharedWrite;

/** Reports {@link UnguardedSharedWrite} findings; see docs/rules/UnguardedSharedWrite.md. */
@BugPattern(
    name = UnguardedSharedWrite.ID,
    summary = UnguardedSharedWrite.SUMMARY,
    severity = WARNING,
    linkType = NONE)
public final class UnguardedSharedWriteChecker extends ShareguardChecker {
  private static final long serialVersionUID = 1L;

  /** For the service loader, which insists on a no-arg constructor; Error Prone uses the other. */
  public UnguardedSharedWriteChecker() {
    this(ErrorProneFlags.empty());
  }

  /** Error Prone prefers this one and passes the compilation's {@code -XepOpt} flags. */
  public UnguardedSharedWriteChecker(ErrorProneFlags flags) {
    super(flags);
  }
}
