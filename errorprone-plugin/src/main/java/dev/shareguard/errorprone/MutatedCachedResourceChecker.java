package dev.shareguard.errorprone;

import static com.google.errorprone.BugPattern.LinkType.NONE;
import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.errorprone.BugPattern;
import com.google.errorprone.ErrorProneFlags;
import dev.shareguard.core.rules.operators.MutatedCachedResource;

/** Reports {@link MutatedCachedResource} findings; see docs/rules/MutatedCachedResource.md. */
@BugPattern(
    name = MutatedCachedResource.ID,
    summary = MutatedCachedResource.SUMMARY,
    severity = WARNING,
    linkType = NONE)
public final class MutatedCachedResourceChecker extends ShareguardChecker {
  private static final long serialVersionUID = 1L;

  /** For the service loader, which insists on a no-arg constructor; Error Prone uses the other. */
  public MutatedCachedResourceChecker() {
    this(ErrorProneFlags.empty());
  }

  /** Error Prone prefers this one and passes the compilation's {@code -XepOpt} flags. */
  public MutatedCachedResourceChecker(ErrorProneFlags flags) {
    super(flags);
  }
}
