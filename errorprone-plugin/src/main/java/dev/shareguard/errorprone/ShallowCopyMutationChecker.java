package dev.shareguard.errorprone;

import static com.google.errorprone.BugPattern.LinkType.NONE;
import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.errorprone.BugPattern;
import com.google.errorprone.ErrorProneFlags;
import dev.shareguard.core.rules.copies.ShallowCopyMutation;

/** Reports {@link ShallowCopyMutation} findings; see docs/rules/ShallowCopyMutation.md. */
@BugPattern(
    name = ShallowCopyMutation.ID,
    summary = ShallowCopyMutation.SUMMARY,
    severity = WARNING,
    linkType = NONE)
public final class ShallowCopyMutationChecker extends ShareguardChecker {
  private static final long serialVersionUID = 1L;

  /** For the service loader, which insists on a no-arg constructor; Error Prone uses the other. */
  public ShallowCopyMutationChecker() {
    this(ErrorProneFlags.empty());
  }

  /** Error Prone prefers this one and passes the compilation's {@code -XepOpt} flags. */
  public ShallowCopyMutationChecker(ErrorProneFlags flags) {
    super(flags);
  }
}
