package dev.shareguard.errorprone;

import static com.google.errorprone.BugPattern.LinkType.NONE;
import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.errorprone.BugPattern;
import com.google.errorprone.ErrorProneFlags;
import dev.shareguard.core.rules.values.MutatedMapKey;

/** Reports {@link MutatedMapKey} findings; see docs/rules/MutatedMapKey.md. */
@BugPattern(
    name = MutatedMapKey.ID,
    summary = MutatedMapKey.SUMMARY,
    severity = WARNING,
    linkType = NONE)
public final class MutatedMapKeyChecker extends ShareguardChecker {
  private static final long serialVersionUID = 1L;

  /** For the service loader, which insists on a no-arg constructor; Error Prone uses the other. */
  public MutatedMapKeyChecker() {
    this(ErrorProneFlags.empty());
  }

  /** Error Prone prefers this one and passes the compilation's {@code -XepOpt} flags. */
  public MutatedMapKeyChecker(ErrorProneFlags flags) {
    super(flags);
  }
}
