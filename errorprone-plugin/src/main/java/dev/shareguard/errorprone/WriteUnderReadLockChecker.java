package dev.shareguard.errorprone;

import static com.google.errorprone.BugPattern.LinkType.NONE;
import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.errorprone.BugPattern;
import com.google.errorprone.ErrorProneFlags;
import dev.shareguard.core.rules.threads.WriteUnderReadLock;

/** Reports {@link WriteUnderReadLock} findings; see docs/rules/WriteUnderReadLock.md. */
@BugPattern(
    name = WriteUnderReadLock.ID,
    summary = WriteUnderReadLock.SUMMARY,
    severity = WARNING,
    linkType = NONE)
public final class WriteUnderReadLockChecker extends ShareguardChecker {
  private static final long serialVersionUID = 1L;

  /** For the service loader, which insists on a no-arg constructor; Error Prone uses the other. */
  public WriteUnderReadLockChecker() {
    this(ErrorProneFlags.empty());
  }

  /** Error Prone prefers this one and passes the compilation's {@code -XepOpt} flags. */
  public WriteUnderReadLockChecker(ErrorProneFlags flags) {
    super(flags);
  }
}
