package dev.shareguard.errorprone;

import static com.google.errorprone.BugPattern.LinkType.NONE;
import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.errorprone.BugPattern;
import com.google.errorprone.ErrorProneFlags;
import dev.shareguard.core.rules.values.LostMapValueUpdate;

/** Reports {@link LostMapValueUpdate} findings; see docs/rules/LostMapValueUpdate.md. */
@BugPattern(
    name = LostMapValueUpdate.ID,
    summary = LostMapValueUpdate.SUMMARY,
    severity = WARNING,
    linkType = NONE)
public final class LostMapValueUpdateChecker extends ShareguardChecker {
  private static final long serialVersionUID = 1L;

  /** For the service loader, which insists on a no-arg constructor; Error Prone uses the other. */
  public LostMapValueUpdateChecker() {
    this(ErrorProneFlags.empty());
  }

  /** Error Prone prefers this one and passes the compilation's {@code -XepOpt} flags. */
  public LostMapValueUpdateChecker(ErrorProneFlags flags) {
    super(flags);
  }
}
