package dev.shareguard.errorprone;

import static com.google.errorprone.BugPattern.LinkType.NONE;
import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.errorprone.BugPattern;
import com.google.errorprone.ErrorProneFlags;
import dev.shareguard.core.rules.values.MutationOfDefensiveCopy;

/** Reports {@link MutationOfDefensiveCopy} findings; see docs/rules/MutationOfDefensiveCopy.md. */
@BugPattern(
    name = MutationOfDefensiveCopy.ID,
    summary = MutationOfDefensiveCopy.SUMMARY,
    severity = WARNING,
    linkType = NONE)
public final class MutationOfDefensiveCopyChecker extends ShareguardChecker {
  private static final long serialVersionUID = 1L;

  /** For the service loader, which insists on a no-arg constructor; Error Prone uses the other. */
  public MutationOfDefensiveCopyChecker() {
    this(ErrorProneFlags.empty());
  }

  /** Error Prone prefers this one and passes the compilation's {@code -XepOpt} flags. */
  public MutationOfDefensiveCopyChecker(ErrorProneFlags flags) {
    super(flags);
  }
}
