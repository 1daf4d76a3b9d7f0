package dev.shareguard.errorprone;

import static com.google.errorprone.BugPattern.LinkType.NONE;
import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.errorprone.BugPattern;
import com.google.errorprone.ErrorProneFlags;
import dev.shareguard.core.rules.threads.NonAtomicMapUpdate;

/** Reports {@link NonAtomicMapUpdate} findings; see docs/rules/NonAtomicMapUpdate.md. */
@BugPattern(
    name = NonAtomicMapUpdate.ID,
    summary = NonAtomicMapUpdate.SUMMARY,
    severity = WARNING,
    linkType = NONE)
public final class NonAtomicMapUpdateChecker extends ShareguardChecker {
  private static final long serialVersionUID = 1L;

  /** For the service loader, which insists on a no-arg constructor; Error Prone uses the other. */
  public NonAtomicMapUpdateChecker() {
    this(ErrorProneFlags.empty());
  }

  /** Error Prone prefers this one and passes the compilation's {@code -XepOpt} flags. */
  public NonAtomicMapUpdateChecker(ErrorProneFlags flags) {
    super(flags);
  }
}
