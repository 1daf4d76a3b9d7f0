package dev.shareguard.errorprone;

import static com.google.errorprone.BugPattern.LinkType.NONE;
import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.errorprone.BugPattern;
import com.google.errorprone.ErrorProneFlags;
import dev.shareguard.core.rules.copies.CloneSharesMutableState;

/** Reports {@link CloneSharesMutableState} findings; see docs/rules/CloneSharesMutableState.md. */
@BugPattern(
    name = CloneSharesMutableState.ID,
    summary = CloneSharesMutableState.SUMMARY,
    severity = WARNING,
    linkType = NONE)
public final class CloneSharesMutableStateChecker extends ShareguardChecker {
  private static final long serialVersionUID = 1L;

  /** For the service loader, which insists on a no-arg constructor; Error Prone uses the other. */
  public CloneSharesMutableStateChecker() {
    this(ErrorProneFlags.empty());
  }

  /** Error Prone prefers this one and passes the compilation's {@code -XepOpt} flags. */
  public CloneSharesMutableStateChecker(ErrorProneFlags flags) {
    super(flags);
  }
}
