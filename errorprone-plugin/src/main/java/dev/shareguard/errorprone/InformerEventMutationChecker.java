package dev.shareguard.errorprone;

import static com.google.errorprone.BugPattern.LinkType.NONE;
import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.errorprone.BugPattern;
import com.google.errorprone.ErrorProneFlags;
import dev.shareguard.core.rules.operators.InformerEventMutation;

/** Reports {@link InformerEventMutation} findings; see docs/rules/InformerEventMutation.md. */
@BugPattern(
    name = InformerEventMutation.ID,
    summary = InformerEventMutation.SUMMARY,
    severity = WARNING,
    linkType = NONE)
public final class InformerEventMutationChecker extends ShareguardChecker {
  private static final long serialVersionUID = 1L;

  /** For the service loader, which insists on a no-arg constructor; Error Prone uses the other. */
  public InformerEventMutationChecker() {
    this(ErrorProneFlags.empty());
  }

  /** Error Prone prefers this one and passes the compilation's {@code -XepOpt} flags. */
  public InformerEventMutationChecker(ErrorProneFlags flags) {
    super(flags);
  }
}
